// Rounding for display and JSON never breaks what FORMAT.md promises adds up.
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal } from '../src/core/money.js';
import { ydelseJson } from '../src/render/json.js';
import { rapportDokument } from '../src/report/rapport.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { datasaet, korrektion, po, post, pris, ydelse } from './builders.core.js';

describe('JSON effects add up to the afvigelse to the øre', () => {
  it('even when the exact effects have sub-øre parts', () => {
    // hp 1 → 1,5 and price 100,01 → 100,02: mængde −(0,5 × 100,01) = −50,005; pris −(0,01 × 1,5) = −0,015; afvigelse −50,02
    const ds = datasaet({
      politikomraader: [po('1.1')],
      poster: [post('1.1', 'Y', 'overfoersel', '100.01', '100.01', null)],
      ydelser: [ydelse('Y', { vedtaget: '1', forventet: '1.5' })],
      enhedspriser: [pris('Y', '100.01', '100.02')],
    });
    const y = beregn(ds).ydelser[0]!;
    expect(y.maengdeeffekt.toString()).toBe('-50.005');
    expect(y.priseffekt.toString()).toBe('-0.015');
    const j = ydelseJson(y);
    expect(j.afvigelse.tekst).toBe('-50.02');
    expect(new Decimal(j.maengdeeffekt.tekst).plus(j.priseffekt.tekst).plus(j.korrektionseffekt.tekst).toString()).toBe('-50.02');
    expect(new Decimal(j.maengdeeffekt.tekst).minus(y.maengdeeffekt).abs().lt('0.01')).toBe(true);
  });
});

describe('rapport prose', () => {
  it('says a handleplan that raises spending worsens the result', () => {
    const ds = datasaet({
      politikomraader: [po('1.1')],
      poster: [post('1.1', 'Drift', 'service', '1000000', '1000000', '1200000')],
      korrektioner: [korrektion('1.1', 'Drift', '100000', 'handleplan')],
    });
    const forklaring = rapportDokument(beregn(ds), STANDARDVISNING).sektioner.at(-1)!.underafsnit![0]!.tekst!.join('\n');
    expect(forklaring).toContain('Før handleplaner: merforbrug på 0,2 mio. kr. Handleplanerne forventes at forværre resultatet med 0,1 mio. kr.');
  });

  it('writes t.kr. after an amount in running text', () => {
    const ds = datasaet({ politikomraader: [po('1.1')], poster: [post('1.1', 'Drift', 'service', '1000000', '1000000', '1200000')] });
    const sammendrag = rapportDokument(beregn(ds), { ...STANDARDVISNING, enhed: 't.kr' }).sektioner[0]!.tekst![0]!;
    expect(sammendrag).toBe('Det forventede regnskab er 1.200,0 t.kr. mod et korrigeret budget på 1.000,0 t.kr.: et merforbrug på 200,0 t.kr.');
  });
});
