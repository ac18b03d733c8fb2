// The integer scenario engine (beregnScenarier) against today's engine (beregn ∘ anvendScenarie): every
// total, udgiftsart, udvalg and politikområde equal exactly, over random folders and random scenarios
// (fixed seed), and the same ScenarieFejl where a change names nothing. Hand-computed cases first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beregn, type Opfoelgning, type Summering } from '../src/core/beregn.js';
import { Decimal, rund } from '../src/core/money.js';
import type { Datasaet } from '../src/core/model.js';
import {
  anvendScenarie, parseAendring, ScenarieFejl, type Aendring, type Operation, type Scenarie,
} from '../src/core/scenarie.js';
import { beregnScenarier, fraHeltal, type ScenarieTotaler } from '../src/core/scenarie-batch.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { datasaetArb } from './builders.js';
import { datasaet, korrektion, po, post, pris, ydelse } from './builders.core.js';
import { REFERENCE } from './helpers.js';
import { scenarieTabel } from '../src/report/scenarier.js';
import { STANDARDVISNING } from '../src/report/visning.js';

const SEED = 1717;
const KOERSLER = Number(process.env.FUZZ_RUNS ?? 400);

const lig = (a: Summering | undefined, b: Summering | undefined) => {
  if (a === undefined || b === undefined) return a === b;
  const felter = ['vedtaget', 'korrigeret', 'forventet', 'afvigelse', 'handleplaneffekt'] as const;
  const ffLig = a.forventetForrige === null
    ? b.forventetForrige === null
    : b.forventetForrige !== null && a.forventetForrige.eq(b.forventetForrige);
  return ffLig && felter.every((f) => a[f].eq(b[f]));
};

/** Every figure of the batch result equals today's engine, exactly. */
function sammenlign(t: ScenarieTotaler, o: Opfoelgning, basis: Opfoelgning): void {
  const vis = (s: Summering | undefined) =>
    s && Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v?.toString()]));
  expect(vis(t.total())).toEqual(vis(o.total));
  expect(lig(t.total(), o.total)).toBe(true);
  for (const u of ['service', 'overfoersel'] as const) expect(lig(t.udgiftsart(u), o.udgiftsarter[u])).toBe(true);
  for (const p of basis.politikomraader) {
    expect(lig(t.politikomraade(p.nr), o.politikomraader.find((x) => x.nr === p.nr)?.sum)).toBe(true);
  }
  for (const u of basis.udvalg) expect(lig(t.udvalg(u.navn), o.udvalg.find((x) => x.navn === u.navn)?.sum)).toBe(true);
  expect(t.afvigelseOere.toString()).toBe(rund(o.total.afvigelse, 2).times(100).toFixed(0));
  expect(t.forventetOere.toString()).toBe(rund(o.total.forventet, 2).times(100).toFixed(0));
}

/** Today's engine: the figures, or the message of the ScenarieFejl. */
function idag(ds: Datasaet, aendringer: Aendring[]): Opfoelgning | string {
  try {
    return beregn(anvendScenarie(ds, aendringer));
  } catch (e) {
    if (e instanceof ScenarieFejl) return e.message;
    throw e;
  }
}

describe('beregnScenarier by hand', () => {
  // 2.1 Ydelse: korrigeret 1.000, HP 10 (korrigeret) / 12 (forventet), price 100 budget / 110 forventet:
  // forventet = 1.000 + 12 × 110 − 10 × 100 = 1.320; Drift: forventet 500 + korrektion 20 + handleplan −30 = 490.
  const ds = datasaet({
    politikomraader: [po('2.1', 'U1'), po('2.2', 'U2')],
    poster: [
      post('2.1', 'Ydelse', 'overfoersel', '1000', '1000', null),
      post('2.2', 'Drift', 'service', '600', '600', '500'),
    ],
    ydelser: [ydelse('Ydelse', { vedtaget: '10', forventet: '12' })],
    enhedspriser: [pris('Ydelse', '100', '110')],
    korrektioner: [korrektion('2.2', 'Drift', '20'), korrektion('2.2', 'Drift', '-30', 'handleplan')],
  });
  const s = (navn: string, ...a: Aendring[]): Scenarie => ({ navn, aendringer: a });

  it('the base: total forventet 1.320 + 490 = 1.810, afvigelse 1.600 − 1.810 = −210', () => {
    const [t] = beregnScenarier(ds, [s('Ingen')]);
    expect(t!.vej).toBe('heltal');
    expect(t!.total().forventet.toString()).toBe('1810');
    expect(t!.afvigelseOere).toBe(-21000n);
  });

  it('hp +1 adds 110 kr. to forventet; hp_korrigeret +1 adds 100 kr. to korrigeret only; pris +10 %', () => {
    const [a, b, c] = beregnScenarier(ds, [
      s('a', parseAendring('hp', 'Ydelse', '+1')),
      s('b', parseAendring('hp_korrigeret', 'Ydelse', '+1')),
      s('c', parseAendring('pris', 'Ydelse', '+10%')),
    ]);
    expect(a!.politikomraade('2.1')!.forventet.toString()).toBe('1430');
    // korrigeret 1.100, forventet = 1.100 + 1.320 − 11 × 100 = 1.320: the afvigelse improves by 100.
    expect(b!.politikomraade('2.1')!.korrigeret.toString()).toBe('1100');
    expect(b!.politikomraade('2.1')!.forventet.toString()).toBe('1320');
    // price 121: 1.000 + 12 × 121 − 1.000 = 1.452.
    expect(c!.total().forventet.toString()).toBe('1942');
    expect(c!.udvalg('U2')!.forventet.toString()).toBe('490');
  });

  it('handleplan_fra on 2.2 removes −30 from forventet and the handleplaneffekt (30) with it', () => {
    const [t] = beregnScenarier(ds, [s('h', parseAendring('handleplan_fra', '2.2', ''))]);
    expect(t!.politikomraade('2.2')!.forventet.toString()).toBe('520');
    expect(t!.politikomraade('2.2')!.handleplaneffekt.toString()).toBe('0');
    expect(beregn(ds).politikomraader[1]!.sum.handleplaneffekt.toString()).toBe('30');
  });

  it('a change naming nothing throws the same ScenarieFejl as anvendScenarie', () => {
    for (const a of [
      parseAendring('hp', 'Ukendt', '+1'), parseAendring('forventet', '2.1:Ydelse', '+1'),
      parseAendring('korrektion', '2.9:X', '1'), parseAendring('hp', 'Ydelse', '-13'),
    ]) {
      const forventet = idag(ds, [a]);
      expect(typeof forventet).toBe('string');
      expect(() => beregnScenarier(ds, [s('x', a)])).toThrow(forventet as string);
    }
  });

  it('many decimals: exact on the integer path; beyond its scale the Decimal path, and both agree', () => {
    // The CLI takes at most 10 decimals: a 10-decimal price change times 10-decimal helårspersoner stays exact.
    const a = [parseAendring('pris', 'Ydelse', '+3,3333333333%'), parseAendring('hp', 'Ydelse', '+0,3333333333')];
    const [t] = beregnScenarier(ds, [s('x', ...a)]);
    expect(t!.vej).toBe('heltal');
    sammenlign(t!, idag(ds, a) as Opfoelgning, beregn(ds));
    // A library caller may pass any Decimal: 30 decimals is more than the 24 of the integer scale.
    const b: Aendring = { art: 'korrektion', politikomraade: '2.1', post: 'Ydelse', beloeb: new Decimal('1e-30'), tekst: 'x' };
    const [u] = beregnScenarier(ds, [s('y', b)]);
    expect(u!.vej).toBe('decimal');
    sammenlign(u!, idag(ds, [b]) as Opfoelgning, beregn(ds));
  });

  it('exact edges: 10^-24 kr. round-trips, øre round half away from zero', () => {
    expect(fraHeltal(-5n, 24).eq(new Decimal('-5e-24'))).toBe(true);
    expect(fraHeltal(123456789n, 2).toString()).toBe('1234567.89');
  });
});

/** Mostly names that exist; now and then one that does not (1 in 8). */
const navn = (findes: string[], ukendt: string) =>
  findes.length
    ? fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...findes) }, { weight: 1, arbitrary: fc.constant(ukendt) })
    : fc.constant(ukendt);
const POSTER_OG_YDELSER = (ds: Datasaet) => ({
  ydelser: navn(ds.ydelser.map((y) => y.ydelse), 'Ukendt'),
  poster: navn(ds.poster.map((p) => `${p.politikomraade}:${p.post}`), '9.9:Ukendt'),
  po: fc.constantFrom(...ds.politikomraader.map((p) => p.nr), 'alle'),
});

/** A value with 0–3 decimals (sometimes 13, past the scale, to exercise the Decimal path). */
const vaerdiArb = (maks: number) => fc.tuple(fc.integer({ min: -maks, max: maks }), fc.constantFrom(0, 0, 1, 2, 3, 13))
  .map(([n, d]) => new Decimal(n).div(new Decimal(10).pow(d)));
const operationArb = (maks: number): fc.Arbitrary<Operation> => fc.oneof(
  fc.record({ op: fc.constant('=' as const), vaerdi: vaerdiArb(maks).map((v) => v.abs()) }),
  fc.record({ op: fc.constant('+' as const), vaerdi: vaerdiArb(maks) }),
  fc.record({ op: fc.constant('%' as const), vaerdi: vaerdiArb(60) }),
);

function aendringArb(ds: Datasaet): fc.Arbitrary<Aendring> {
  const { ydelser, poster, po: poer } = POSTER_OG_YDELSER(ds);
  const del = (t: string) => t.split(':') as [string, string];
  return fc.oneof(
    fc.record({
      art: fc.constant('hp' as const), ydelse: ydelser,
      felt: fc.constantFrom('forventet' as const, 'korrigeret' as const), operation: operationArb(5_000),
    }),
    fc.record({ art: fc.constant('pris' as const), ydelse: ydelser, operation: operationArb(500_000) }),
    fc.tuple(poster, operationArb(50_000_000))
      .map(([p, operation]): Aendring => ({ art: 'forventet', politikomraade: del(p)[0], post: del(p)[1], operation })),
    fc.tuple(poster, vaerdiArb(9_000_000)).map(([p, beloeb]): Aendring => ({
      art: 'korrektion', politikomraade: del(p)[0], post: del(p)[1], beloeb, tekst: 'x',
    })),
    fc.oneof(poer, poster).map((m) => parseAendring('handleplan_fra', m, '')),
  );
}

const tilfaelde = datasaetArb.chain((ds) => fc.tuple(
  fc.constant(ds),
  fc.array(
    fc.record({ navn: fc.string(), aendringer: fc.array(aendringArb(ds), { minLength: 0, maxLength: 5 }) }),
    { minLength: 1, maxLength: 6 },
  ),
));

describe('beregnScenarier equals beregn ∘ anvendScenarie (differential, fixed seed)', () => {
  it('every aggregate exactly, or the same error, over random folders and scenarios', () => {
    let sammenlignet = 0;
    let heltal = 0;
    fc.assert(fc.property(tilfaelde, ([ds, scenarier]) => {
      const basis = beregn(ds);
      const forventet = scenarier.map((s) => idag(ds, s.aendringer));
      scenarier.forEach((s, i) => {
        const f = forventet[i]!;
        if (typeof f === 'string') expect(() => beregnScenarier(ds, [s])).toThrow(f);
      });
      // The scenarios without an error in one batch (sharing one base).
      const gyldige = scenarier.filter((_, i) => typeof forventet[i] !== 'string');
      const facit = forventet.filter((f): f is Opfoelgning => typeof f !== 'string');
      beregnScenarier(ds, gyldige).forEach((t, i) => {
        expect(t.navn).toBe(gyldige[i]!.navn);
        sammenlign(t, facit[i]!, basis);
        sammenlignet++;
        if (t.vej === 'heltal') heltal++;
      });
    }), { seed: SEED, numRuns: KOERSLER });
    expect(sammenlignet).toBeGreaterThan(KOERSLER);
    expect(heltal / sammenlignet).toBeGreaterThan(0.7); // most scenarios take the integer path
  });

  it('the reference folder: 300 random scenarios of 1–3 changes agree', async () => {
    const ds = (await indlaesDatasaet(REFERENCE)).datasaet!;
    const scenarier = fc.sample(fc.array(aendringArb(ds), { minLength: 1, maxLength: 3 }), { seed: SEED, numRuns: 300 })
      .map((aendringer, i) => ({ navn: `S${i}`, aendringer }))
      .filter((s) => typeof idag(ds, s.aendringer) !== 'string');
    expect(scenarier.length).toBeGreaterThan(100);
    const basis = beregn(ds);
    beregnScenarier(ds, scenarier)
      .forEach((t, i) => sammenlign(t, idag(ds, scenarier[i]!.aendringer) as Opfoelgning, basis));
  });
});

describe('scenarie --fil draws its table from beregnScenarier', () => {
  it('the table from the batch engine is cell for cell the table from the full engine', async () => {
    const ds = (await indlaesDatasaet(REFERENCE)).datasaet!;
    const scenarier: Scenarie[] = [
      {
        navn: 'Flere',
        aendringer: [parseAendring('hp', 'Kontanthjælp', '+64'), parseAendring('pris', 'Sygedagpenge', '+5%')],
      },
      { navn: 'Uden handleplan', aendringer: [parseAendring('handleplan_fra', 'alle', '')] },
      { navn: 'Korrektion', aendringer: [parseAendring('korrektion', '2.2:Erhvervsservice', '-1.234,56')] },
    ];
    const basis = beregn(ds);
    const fulde = scenarier.map((s) => ({ navn: s.navn, o: idag(ds, s.aendringer) as Opfoelgning }));
    const fuld = scenarieTabel(basis, fulde, STANDARDVISNING);
    const batch = scenarieTabel(basis, beregnScenarier(ds, scenarier), STANDARDVISNING);
    expect(JSON.stringify(batch)).toBe(JSON.stringify(fuld));
    expect(batch.raekker.length).toBeGreaterThan(3);
  });
});
