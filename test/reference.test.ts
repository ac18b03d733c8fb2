// The reference case (DOMAIN.md): Slagelse, EBU, BO2 2025. Every expected figure here is the
// published one: the table is parsed from fixtures/reference/publiceret-tabel.md (copied verbatim from
// DOMAIN.md), the per-benefit figures are the ones the source's text states.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Opfoelgning } from '../src/core/beregn.js';
import { Decimal, formatTal, iEnhed } from '../src/core/money.js';
import { afvigelserJson, json } from '../src/render/json.js';
import { formatCelle } from '../src/render/celle.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { beregnMappe, REFERENCE } from './helpers.js';

const publiceret = readFileSync('fixtures/reference/publiceret-tabel.md', 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| Drift'))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))
  .map(([navn, ...tal]) => ({ navn: navn!, tal }));

/** mio. kr. with one decimal, Danish, half away from zero: how the published table prints a kr amount. */
const mio = (kr: Decimal | number) => formatTal(iEnhed(new Decimal(kr), 'mio.kr'), { decimaler: 1, format: 'da', tusindtalsseparator: true });

let o: Opfoelgning;
beforeAll(async () => {
  o = await beregnMappe(REFERENCE);
});

describe('the published deviation table', () => {
  it('has the 12 rows × 5 columns the test expects', () => {
    expect(publiceret).toHaveLength(12);
    expect(publiceret.every((r) => r.tal.length === 5)).toBe(true);
  });

  it('is reproduced digit for digit by the table (60 figures, same rows, same order)', () => {
    const tabel = afvigelsesTabel(o, STANDARDVISNING);
    const vist = tabel.raekker.map((r) => ({
      navn: r.celler.navn as string,
      tal: ['vedtaget', 'korrigeret', 'forventet', 'forventetForrige', 'afvigelse'].map((k) =>
        formatCelle(r.celler[k] ?? null, { enhed: 'mio.kr', decimaler: 1, format: 'da', tusindtalsseparator: true })),
    }));
    expect(vist).toEqual(publiceret);
  });

  it('is reproduced by the JSON output (kr, rounded to mio. kr. with one decimal)', () => {
    type Figurer = { vedtaget: number; korrigeret: number; forventet: number; forventet_forrige: number | null; afvigelse: number };
    type Po = Figurer & { udgiftsarter: { service: Figurer; overfoersel: Figurer } };
    const j = JSON.parse(json(afvigelserJson(o))) as { politikomraader: Po[]; udvalg: Figurer[]; udgiftsarter: Po['udgiftsarter']; total: Figurer };
    const figurer = (s: Figurer) =>
      [s.vedtaget, s.korrigeret, s.forventet, s.forventet_forrige!, s.afvigelse].map(mio);
    const raekker = [
      ...j.politikomraader.flatMap((p) => [figurer(p), figurer(p.udgiftsarter.service), figurer(p.udgiftsarter.overfoersel)]),
      figurer(j.udvalg[0]!),
      figurer(j.udgiftsarter.service),
      figurer(j.udgiftsarter.overfoersel),
    ];
    expect(raekker).toEqual(publiceret.map((r) => r.tal));
    expect(figurer(j.total)).toEqual(publiceret.find((r) => r.navn === 'I alt for udvalget')!.tal);
  });
});

describe('per-benefit deviations stated in the source (mio. kr., merforbrug negative)', () => {
  const ydelse = (navn: string) => o.ydelser.find((y) => y.ydelse === navn)!;
  it.each([
    ['Sygedagpenge', '-11,0'],
    ['Kontanthjælp', '-7,3'],
    ['Jobafklaring', '-2,3'],
    ['Fleksjob', '-3,7'],
    ['Ressourceforløb', '0,8'],
    ['Ledighedsydelse', '4,1'],
    ['Forsikrede ledige', '4,9'],
  ])('%s: %s', (navn, forventet) => {
    expect(mio(ydelse(navn).afvigelse)).toBe(forventet);
  });

  it('Kontanthjælp: 64 helårspersoner more than budgeted (983 vs 919)', () => {
    const y = ydelse('Kontanthjælp');
    expect(y.hp.forventet.minus(y.hp.korrigeret).toString()).toBe('64');
    expect(y.maengdeeffekt.toString()).toBe('-8091712'); // 64 × 126.433 kr.
  });

  it('Ressourceforløb is measured against the korrigeret 227 HP, not the vedtaget 241', () => {
    const y = ydelse('Ressourceforløb');
    expect(y.hp.vedtaget.toString()).toBe('241');
    expect(y.hp.korrigeret.toString()).toBe('227');
    expect(y.maengdeeffekt.toString()).toBe('830484'); // (227 − 221) × 138.414 kr.
  });

  it('Forsikrede ledige: the underspend would be 9,3 without the 4,4 mio. one-off booking for 2024', () => {
    const y = ydelse('Forsikrede ledige');
    const engang = y.korrektioner.find((k) => k.tekst.startsWith('Bogføring vedr. 2024'))!;
    expect(mio(engang.beloeb)).toBe('4,4');
    expect(mio(y.afvigelse.plus(engang.beloeb))).toBe('9,3');
  });

  it('STU (2.3, service): −6,2 before the handleplan, −4,9 after', () => {
    const stu = o.politikomraader.find((p) => p.nr === '2.3')!.poster.find((p) => p.post.includes('(STU)'))!;
    expect(mio(stu.sum.afvigelse)).toBe('-4,9');
    expect(mio(stu.sum.afvigelse.minus(stu.sum.handleplaneffekt))).toBe('-6,2');
  });

  it.each([
    ['2.1', 'Driftsudgifter til den kommunale beskæftigelsesindsats', '7,6'],
    ['2.2', 'Erhvervsservice', '2,5'],
    ['2.2', 'Tilskud til kulturinstitutioner', '0,9'],
  ])('%s %s: mindreforbrug %s', (po, post, forventet) => {
    const p = o.politikomraader.find((x) => x.nr === po)!.poster.find((x) => x.post === post)!;
    expect(mio(p.sum.afvigelse)).toBe(forventet);
  });

  it('every ydelse: mængde + pris + korrektion = afvigelse to the øre', () => {
    for (const y of o.ydelser) {
      expect(y.maengdeeffekt.plus(y.priseffekt).plus(y.korrektionseffekt).equals(y.afvigelse)).toBe(true);
    }
  });
});

// The reference data has no price effect at all (every forventet price equals its budget price), so a
// priseffekt bug would pass every test above. fixtures/priseffekt is the reference with one change:
// Sygedagpenge's forventet price is 160.000 kr. instead of 155.551 kr. Expected figures by hand:
//   mængdeeffekt = (926 − 997) × 155.551 = −71 × 155.551 = −11.044.121 kr. (unchanged)
//   priseffekt   = (155.551 − 160.000) × 997 = −4.449 × 997 = −4.435.653 kr.
//   forventet    = 144.040.226 + (997 × 160.000 − 926 × 155.551) = 144.040.226 + 15.479.774 = 159.520.000 kr.
//   afvigelse    = 144.040.226 − 159.520.000 = −15.479.774 kr. = −11.044.121 − 4.435.653
describe('a price effect (fixtures/priseffekt)', () => {
  let p: Opfoelgning;
  beforeAll(async () => {
    p = await beregnMappe('fixtures/priseffekt');
  });
  const syg = (x: Opfoelgning) => x.ydelser.find((y) => y.ydelse === 'Sygedagpenge')!;

  it('splits the changed price into the priseffekt, and the mængdeeffekt stays as it was', () => {
    const y = syg(p);
    expect(y.maengdeeffekt.toString()).toBe('-11044121');
    expect(y.priseffekt.toString()).toBe('-4435653');
    expect(y.korrektionseffekt.isZero()).toBe(true);
    expect(y.forventet.toString()).toBe('159520000');
    expect(y.afvigelse.toString()).toBe('-15479774');
    expect(syg(o).priseffekt.isZero()).toBe(true);
  });

  it('moves 2.1, udvalget and øvrige udgifter by exactly the priseffekt, and nothing else', () => {
    const po = (x: Opfoelgning, nr: string) => x.politikomraader.find((q) => q.nr === nr)!.sum.afvigelse;
    expect(po(p, '2.1').minus(po(o, '2.1')).toString()).toBe('-4435653');
    expect(p.total.afvigelse.minus(o.total.afvigelse).toString()).toBe('-4435653');
    expect(p.udgiftsarter.overfoersel.afvigelse.minus(o.udgiftsarter.overfoersel.afvigelse).toString()).toBe('-4435653');
    expect(p.udgiftsarter.service.afvigelse.equals(o.udgiftsarter.service.afvigelse)).toBe(true);
    expect(po(p, '2.3').equals(po(o, '2.3'))).toBe(true);
  });

  it('prints it: −4,4 mio. kr. in the activity JSON to the øre and in the table in mio. kr.', async () => {
    const { aktivitetJson } = await import('../src/render/json.js');
    const j = aktivitetJson(p).ydelser.find((y) => y.ydelse === 'Sygedagpenge')!;
    expect([j.maengdeeffekt, j.priseffekt, j.afvigelse].map(Number)).toEqual([-11044121, -4435653, -15479774]);
    expect(mio(syg(p).priseffekt)).toBe('-4,4');
  });
});
