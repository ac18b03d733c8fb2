// The engine on small hand-computed datasets (every expected figure worked out by hand in the comments).
import { describe, expect, it } from 'vitest';
import { beregn, UgyldigtDatasaet } from '../src/core/beregn.js';
import { kontroller } from '../src/core/regler.js';
import { datasaet, korrektion, po, post, pris, ydelse } from './builders.core.js';

const ds = datasaet({
  politikomraader: [po('1.1', 'Andet udvalg'), po('2.1'), po('2.2')],
  poster: [
    // activity post: korrigeret 1.000 HP × 100 kr = 100.000
    post('2.1', 'Ydelse A', 'overfoersel', '100000', '100000', null, '101000'),
    post('2.1', 'Drift', 'service', '50000', '60000', '55000', '58000'),
    post('2.2', 'Tilskud', 'service', '20000', '20000', '26000', '25000'),
  ],
  harForventetForrige: true,
  ydelser: [ydelse('Ydelse A', { vedtaget: '1000', forventet: '1010' })],
  enhedspriser: [pris('Ydelse A', '100', '102')],
  korrektioner: [
    korrektion('2.1', 'Ydelse A', '-500'),
    korrektion('2.2', 'Tilskud', '-1500', 'handleplan'),
  ],
});

describe('beregn', () => {
  const o = beregn(ds);
  const a = o.ydelser[0]!;

  it('computes an activity post: korrigeret + (hp_f × p_f − hp_k × p_b) + Σ korrektioner', () => {
    // 100.000 + (1.010 × 102 − 1.000 × 100) − 500 = 100.000 + 3.020 − 500 = 102.520
    expect(a.forventet.toString()).toBe('102520');
    expect(a.afvigelse.toString()).toBe('-2520');
    expect(a.maengdeeffekt.toString()).toBe('-1000'); // −(1.010 − 1.000) × 100
    expect(a.priseffekt.toString()).toBe('-2020'); // −(102 − 100) × 1.010
    expect(a.korrektionseffekt.toString()).toBe('500');
  });

  it('computes a non-activity post as the estimate + Σ korrektioner, keeping handleplaner apart', () => {
    const tilskud = o.politikomraader.find((p) => p.nr === '2.2')!.poster[0]!;
    expect(tilskud.sum.forventet.toString()).toBe('24500'); // 26.000 − 1.500
    expect(tilskud.sum.afvigelse.toString()).toBe('-4500');
    expect(tilskud.sum.handleplaneffekt.toString()).toBe('1500');
    expect(tilskud.sum.afvigelse.minus(tilskud.sum.handleplaneffekt).toString()).toBe('-6000'); // before the handleplan
  });

  it('aggregates politikområde × udgiftsart → politikområde → udvalg → total', () => {
    const p21 = o.politikomraader.find((p) => p.nr === '2.1')!;
    expect(p21.udgiftsarter.service.afvigelse.toString()).toBe('5000'); // 60.000 − 55.000
    expect(p21.udgiftsarter.overfoersel.afvigelse.toString()).toBe('-2520');
    expect(p21.sum.afvigelse.toString()).toBe('2480');
    expect(p21.sum.forventetForrige!.toString()).toBe('159000');
    expect(o.udvalg.map((u) => u.navn)).toEqual(['Udvalget']); // 1.1 has no posts: not in the table
    expect(o.total.vedtaget.toString()).toBe('170000');
    expect(o.total.korrigeret.toString()).toBe('180000');
    expect(o.total.forventet.toString()).toBe('182020'); // 102.520 + 55.000 + 24.500
    expect(o.total.afvigelse.toString()).toBe('-2020');
    expect(o.udgiftsarter.service.afvigelse.toString()).toBe('500'); // 5.000 − 4.500
    expect(o.total.handleplaneffekt.toString()).toBe('1500');
  });

  it('keeps forventet_forrige null when the dataset has none', () => {
    const uden = beregn({ ...ds, harForventetForrige: false });
    expect(uden.total.forventetForrige).toBeNull();
    expect(uden.politikomraader[0]!.udgiftsarter.service.forventetForrige).toBeNull();
  });

  it('the dataset passes the rules', () => {
    expect(kontroller(ds)).toEqual([]);
  });

  it('refuses a dataset that skipped the rules (ydelse without a price)', () => {
    expect(() => beregn({ ...ds, enhedspriser: [] })).toThrow(UgyldigtDatasaet);
  });
});

describe('regler', () => {
  it('finds every problem between files, with location and code', () => {
    const slem = datasaet({
      politikomraader: [po('2.1'), po('2.1')],
      poster: [
        post('2.1', 'A', 'service', '1', '1', null),
        post('9.9', 'B', 'service', '1', '1', '1'),
        post('2.1', 'C', 'service', '1', '1', '1'),
        post('2.1', 'C', 'service', '1', '1', '1'),
      ],
      ydelser: [ydelse('C', { vedtaget: '1', forventet: '1' }), ydelse('Ukendt', { vedtaget: '1', forventet: '1' })],
      enhedspriser: [pris('Ukendt', '1'), pris('Ingen', '1')],
      korrektioner: [korrektion('2.1', 'Findes ikke', '1')],
    });
    expect(kontroller(slem).map((f) => f.kode).sort()).toEqual([
      'dublet_politikomraade',
      'dublet_post',
      'forventet_mangler', // A: not an activity post and no forventet
      'forventet_paa_aktivitetspost', // C ×2 (both rows)
      'forventet_paa_aktivitetspost',
      'pris_uden_ydelse', // Ingen
      'ukendt_politikomraade', // 9.9
      'ukendt_post', // korrektion on "Findes ikke"
      'ydelse_flere_poster', // C matches two posts
      'ydelse_uden_pris', // C
      'ydelse_uden_post', // Ukendt
    ].sort());
  });
});
