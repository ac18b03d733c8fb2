// sammenlign and praecision: figures checked against hand arithmetic (in the comments), on the example
// year in data/ and on small constructed years.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal, sum } from '../src/core/money.js';
import { sammenlign } from '../src/core/sammenlign.js';
import { sammenlignJson } from '../src/render/runder-json.js';
import { datasaet, po, post, pris, ydelse, korrektion } from './builders.core.js';
import { datasaetArb, fraHundrededele } from './builders.js';
import { koerCli } from './helpers.js';

const AAR = 'data/slagelse-ebu-2025-aar';
const jsonAf = (args: string[]) => {
  const r = koerCli([...args, '--format', 'json']);
  if (r.kode !== 0) throw new Error(r.fejl);
  return { ...JSON.parse(r.ud), fejl: r.fejl };
};

describe('sammenlign on the example year', () => {
  const bo2bo3 = jsonAf(['sammenlign', `${AAR}-bo2`, `${AAR}-bo3`]);
  const post = (s: typeof bo2bo3, navn: string) => s.poster.find((p: { post: string }) => p.post === navn);

  it('decomposes an activity post as by hand: Sygedagpenge BO2 → BO3', () => {
    // A: 144.040.226 + (997 − 926) × 155.551 = 155.084.347.
    // B: 144.040.226 + 1.005 × 156.200 − 926 × 155.551 + 600.000 = 157.581.000.
    // hp: (1.005 − 997) × 155.551 = 1.244.408; pris: (156.200 − 155.551) × 1.005 = 652.245;
    // korrektioner: 600.000 − 0; budget: the rest, 0.
    expect(post(bo2bo3, 'Sygedagpenge')).toEqual({
      politikomraade: '2.1',
      post: 'Sygedagpenge',
      forventet_a: 155_084_347,
      forventet_b: 157_581_000,
      aendring: 2_496_653,
      hp_effekt: 1_244_408,
      pris_effekt: 652_245,
      korrektion_effekt: 600_000,
      budget_effekt: 0,
      oevrig: 0,
    });
  });

  it('Kontanthjælp BO3 → Regnskab, and a non-activity post has only oevrig', () => {
    const s = jsonAf(['sammenlign', `${AAR}-bo3`, `${AAR}-regnskab`]);
    // A: 990 × 127.100 = 125.829.000 (korrigeret = 919 × 126.433); B: 993 × 127.350 = 126.458.550.
    // hp: 3 × 127.100 = 381.300; pris: 250 × 993 = 248.250; together 629.550 = the change.
    expect(post(s, 'Kontanthjælp')).toMatchObject({
      forventet_a: 125_829_000,
      forventet_b: 126_458_550,
      aendring: 629_550,
      hp_effekt: 381_300,
      pris_effekt: 248_250,
      korrektion_effekt: 0,
      budget_effekt: 0,
      oevrig: 0,
    });
    // Erhvervsservice: BO3 9.600.000 → regnskab 9.250.000.
    expect(post(s, 'Erhvervsservice')).toMatchObject({
      aendring: -350_000,
      oevrig: -350_000,
      hp_effekt: 0,
      budget_effekt: 0,
    });
  });

  it('counts a post only in one round as 0 in the other, and sums per politikområde and in total', () => {
    // 1.2 has no posts in BO2; BO3 has Bevilling B1 (−500.000) and Bevilling B2 (+900.000).
    expect(bo2bo3.politikomraader.find((p: { nr: string }) => p.nr === '1.2')).toMatchObject({
      forventet_a: 0,
      forventet_b: 400_000,
      aendring: 400_000,
      oevrig: 400_000,
    });
    for (const p of bo2bo3.politikomraader) {
      const dele = bo2bo3.poster.filter((x: { politikomraade: string }) => x.politikomraade === p.nr);
      expect(sum(dele.map((x: { aendring: number }) => new Decimal(x.aendring))).toNumber()).toBeCloseTo(p.aendring, 2);
    }
    expect(bo2bo3.total.forventet_b - bo2bo3.total.forventet_a).toBeCloseTo(bo2bo3.total.aendring, 2);
  });

  it('lists the korrektioner that appeared, disappeared or changed', () => {
    const k = (tekst: string) => bo2bo3.korrektioner.find((x: { tekst: string }) => x.tekst.startsWith(tekst));
    expect(k('Usikker gennemsnitspris')).toMatchObject({
      status: 'bortfaldet',
      post: 'Kontanthjælp',
      beloeb_a: -800_000,
      beloeb_b: null,
    });
    expect(k('Efterregulering af refusion')).toMatchObject({
      status: 'ny',
      post: 'Sygedagpenge',
      beloeb_a: null,
      beloeb_b: 600_000,
    });
    expect(k('Afstemning af aktivitetsberegningen')).toMatchObject({
      status: 'aendret',
      beloeb_a: 2_900_000,
      beloeb_b: 2_400_000,
    });
    expect(bo2bo3.korrektioner).toHaveLength(3);
  });

  it("renders every format; the HTML report has the bridge from A's total to B's", () => {
    const html = koerCli(['sammenlign', `${AAR}-bo2`, `${AAR}-bo3`, '--format', 'html']).ud;
    expect(html).toContain('Forventet regnskab fra BO2 til BO3 (mio. kr.)');
    expect(html).toContain(
      'BO2: 1.005,6 mio. kr.; Helårspersoner: −0,6 mio. kr. (mindre forventet forbrug); '
        + 'Pris: +1,3 mio. kr. (mere forventet forbrug)',
    );
    expect(html).toContain('BO3: 1.007,4 mio. kr.; aksen starter ikke ved 0');
    const csv = koerCli(['sammenlign', `${AAR}-bo2`, `${AAR}-bo3`, '--format', 'csv']).ud;
    expect(csv).toContain(
      'politikomraade;post;navn;forventet_a;forventet_b;aendring;'
        + 'hp_effekt;pris_effekt;korrektion_effekt;budget_effekt;oevrig',
    );
    expect(csv).toContain(
      '2.1;Sygedagpenge;2.1 Sygedagpenge;155084347,00;157581000,00;2496653,00;1244408,00;652245,00;600000,00;0,00;0,00',
    );
    expect(koerCli(['sammenlign', `${AAR}-bo2`, `${AAR}-bo3`, '--format', 'markdown']).ud).toContain(
      '| 2.1 Sygedagpenge | 155,1 | 157,6 | 2,5 |',
    );
    expect(koerCli(['sammenlign', `${AAR}-bo2`, `${AAR}-bo3`]).ud).toContain('Ændringen forklaret');
  });
});

describe('sammenlign (core)', () => {
  it('puts what korrigeret and budgeted helårspersoner moved into budget_effekt', () => {
    const ds = (
      korrigeret: string,
      hp: { vedtaget: string; korrigeret: string; forventet: string },
      prisF: string,
      k: string[],
    ) =>
      datasaet({
        politikomraader: [po('1.1')],
        poster: [post('1.1', 'Ydelse', 'overfoersel', '1000000', korrigeret, null)],
        ydelser: [ydelse('Ydelse', hp)],
        enhedspriser: [pris('Ydelse', '100000', prisF)],
        korrektioner: k.map((b) => korrektion('1.1', 'Ydelse', b)),
      });
    // A: 1.000.000 + 12 × 100.000 − 10 × 100.000 = 1.200.000.
    const a = beregn(ds('1000000', { vedtaget: '10', korrigeret: '10', forventet: '12' }, '100000', []));
    // B: 1.600.000 + 13 × 102.000 − 15 × 100.000 + 50.000 = 1.476.000.
    const b = beregn(ds('1600000', { vedtaget: '10', korrigeret: '15', forventet: '13' }, '102000', ['50000']));
    const [p] = sammenlign(a, b).poster;
    // hp: 1 × 100.000; pris: 2.000 × 13 = 26.000; korrektioner 50.000; budget: 600.000 − 5 × 100.000 = 100.000.
    expect(
      Object.fromEntries(Object.entries(p!).map(([k, v]) => [k, v instanceof Decimal ? v.toNumber() : v])),
    ).toEqual({
      politikomraade: '1.1',
      post: 'Ydelse',
      aktivitet: true,
      forventetA: 1_200_000,
      forventetB: 1_476_000,
      aendring: 276_000,
      hpEffekt: 100_000,
      prisEffekt: 26_000,
      korrektionEffekt: 50_000,
      budgetEffekt: 100_000,
      oevrig: 0,
    });
  });

  it('parts add up to every change exactly (property)', () => {
    fc.assert(
      fc.property(datasaetArb, datasaetArb, (dsA, dsB) => {
        const s = sammenlign(beregn(dsA), beregn(dsB));
        for (const a of [...s.poster, ...s.politikomraader, s.total]) {
          expect(sum([a.hpEffekt, a.prisEffekt, a.korrektionEffekt, a.budgetEffekt, a.oevrig]).equals(a.aendring)).toBe(
            true,
          );
          expect(a.forventetB.minus(a.forventetA).equals(a.aendring)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("the JSON's rounded parts add up to the rounded change to the øre (property, municipal sizes)", () => {
    // JSON numbers carry amounts exactly up to 15 significant digits (json.ts): amounts below 10 mia. kr.
    const oere = (maks: bigint) => fc.bigInt({ min: -maks, max: maks }).map(fraHundrededele).map(String);
    const positiv = (maks: bigint) => fc.bigInt({ min: 1n, max: maks }).map(fraHundrededele).map(String);
    const rundeArb = fc.record({
      korrigeret: oere(10n ** 11n),
      forventet: oere(10n ** 11n),
      hpK: positiv(10n ** 6n),
      hpF: positiv(10n ** 6n),
      prisB: positiv(10n ** 8n),
      prisF: positiv(10n ** 8n),
      k: fc.array(oere(10n ** 9n), { maxLength: 3 }),
    });
    const ds = (r: {
      korrigeret: string;
      forventet: string;
      hpK: string;
      hpF: string;
      prisB: string;
      prisF: string;
      k: string[];
    }) =>
      datasaet({
        politikomraader: [po('1.1')],
        poster: [
          post('1.1', 'Ydelse', 'overfoersel', '0', r.korrigeret, null),
          post('1.1', 'Drift', 'service', '0', r.korrigeret, r.forventet),
        ],
        ydelser: [ydelse('Ydelse', { vedtaget: r.hpK, korrigeret: r.hpK, forventet: r.hpF })],
        enhedspriser: [pris('Ydelse', r.prisB, r.prisF)],
        korrektioner: r.k.map((b) => korrektion('1.1', 'Ydelse', b)),
      });
    fc.assert(
      fc.property(rundeArb, rundeArb, (a, b) => {
        const j = sammenlignJson(sammenlign(beregn(ds(a)), beregn(ds(b))));
        for (const x of [...j.poster, ...j.politikomraader, j.total]) {
          const dele = sum(
            [x.hp_effekt, x.pris_effekt, x.korrektion_effekt, x.budget_effekt, x.oevrig].map((n) => new Decimal(n.tekst)),
          );
          expect(dele.toString()).toBe(new Decimal(x.aendring.tekst).toString());
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

/** A minimal dataset folder: one post per politikområde with the given forventet (kr). */
function mappe(rod: string, navn: string, opfoelgning: string, forventet: Record<string, number>): string {
  const d = join(rod, navn);
  mkdirSync(d);
  writeFileSync(
    join(d, 'opfoelgning.json'),
    JSON.stringify({ kommune: 'Testkommune', budgetaar: 2025, opfoelgning, beloebsenhed: 'kr' }),
  );
  writeFileSync(join(d, 'politikomraader.csv'), 'nr;navn;udvalg\n1.1;Drift;U\n1.2;Løn;U\n1.3;Tilskud;U\n');
  writeFileSync(
    join(d, 'budget.csv'),
    `politikomraade;post;udgiftsart;vedtaget;korrigeret;forventet\n${Object.entries(forventet)
      .map(([nr, f]) => `${nr};Post;service;1000000;1000000;${f}`)
      .join('\n')}\n`,
  );
  return d;
}

describe('praecision on a constructed year', () => {
  const rod = mkdtempSync(join(tmpdir(), 'budgetopf-aar-'));
  const regnskab = mappe(rod, 'regnskab', 'Regnskab', { 1.1: 1_000_000, 1.2: 600_000, 1.3: 0 });
  const bo1 = mappe(rod, 'bo1', 'BO1', { 1.1: 1_100_000, 1.2: 450_000 }); // 1.3 missing: counts 0
  const bo2 = mappe(rod, 'bo2', 'BO2', { 1.1: 1_050_000, 1.2: 480_000, 1.3: 20_000 });
  const p = jsonAf(['praecision', bo1, bo2, '--regnskab', regnskab]);

  it("gives each round's error as computed by hand", () => {
    expect(p.runder).toEqual(['BO1', 'BO2']);
    // 1.1: BO1 1.100.000 − 1.000.000 = 100.000 = 10 %; BO2 50.000 = 5 %.
    // 1.2: BO1 450.000 − 600.000 = −150.000 = −25 %; BO2 −120.000 = −20 %.
    // 1.3: regnskab 0, so no %; BO1 has no posts there (0, mangler), BO2 20.000.
    expect(p.politikomraader).toEqual([
      {
        nr: '1.1',
        navn: 'Drift',
        regnskab: 1_000_000,
        mangler_i_regnskab: false,
        runder: [
          { opfoelgning: 'BO1', forventet: 1_100_000, fejl: 100_000, fejl_pct: 10, mangler: false },
          { opfoelgning: 'BO2', forventet: 1_050_000, fejl: 50_000, fejl_pct: 5, mangler: false },
        ],
      },
      {
        nr: '1.2',
        navn: 'Løn',
        regnskab: 600_000,
        mangler_i_regnskab: false,
        runder: [
          { opfoelgning: 'BO1', forventet: 450_000, fejl: -150_000, fejl_pct: -25, mangler: false },
          { opfoelgning: 'BO2', forventet: 480_000, fejl: -120_000, fejl_pct: -20, mangler: false },
        ],
      },
      {
        nr: '1.3',
        navn: 'Tilskud',
        regnskab: 0,
        mangler_i_regnskab: false,
        runder: [
          { opfoelgning: 'BO1', forventet: 0, fejl: 0, fejl_pct: null, mangler: true },
          { opfoelgning: 'BO2', forventet: 20_000, fejl: 20_000, fejl_pct: null, mangler: false },
        ],
      },
    ]);
    // Total: regnskab 1.600.000; BO1 1.550.000 → −50.000 = −3,125 % → −3,13 (half away from zero);
    // BO2 1.550.000 likewise.
    expect(p.total).toEqual({
      regnskab: 1_600_000,
      runder: [
        { opfoelgning: 'BO1', forventet: 1_550_000, fejl: -50_000, fejl_pct: -3.13, mangler: false },
        { opfoelgning: 'BO2', forventet: 1_550_000, fejl: -50_000, fejl_pct: -3.13, mangler: false },
      ],
    });
    // Mean absolute %: BO1 (10 + 25) / 2 = 17,5; BO2 (5 + 20) / 2 = 12,5 (1.3 has none).
    expect(p.middel_abs_fejl_pct).toEqual([17.5, 12.5]);
  });

  it('says when a round misses a politikområde, and renders every format', () => {
    expect(p.fejl).toContain('BO1 har ingen poster på 1.3 Tilskud; forventet er regnet som 0.');
    const tabel = koerCli(['praecision', bo1, bo2, '--regnskab', regnskab, '--enhed', 'kr']).ud;
    expect(tabel).toContain('Den gennemsnitlige absolutte fejl gik fra 17,5 % ved BO1 til 12,5 % ved BO2.');
    expect(tabel).toMatch(/1\.2 Løn +│ +600\.000 │ +450\.000 │ +-150\.000 │ +-25,0 │/);
    const csv = koerCli(['praecision', bo1, bo2, '--regnskab', regnskab, '--format', 'csv']).ud;
    expect(csv).toContain(
      'politikomraade;navn;regnskab;forventet_BO1;fejl_BO1;fejl_pct_BO1;forventet_BO2;fejl_BO2;fejl_pct_BO2',
    );
    const html = koerCli(['praecision', bo1, bo2, '--regnskab', regnskab, '--format', 'html']).ud;
    expect(html).toContain('Fejl pr. opfølgning: forventet − regnskab (mio. kr.)');
    expect(html).toContain('BO1, 1.2: −0,2 mio. kr.');
    expect(koerCli(['praecision', bo1, bo2, '--regnskab', regnskab, '--format', 'markdown']).ud).toContain(
      '| **Gennemsnitlig absolut fejl i %** |',
    );
  });

  it('refuses rounds of another budget year (exit 2) and a missing --regnskab', () => {
    const andet = join(rod, 'andet');
    mkdirSync(andet);
    for (const f of ['politikomraader.csv', 'budget.csv']) writeFileSync(join(andet, f), readFileSync(join(bo1, f)));
    writeFileSync(
      join(andet, 'opfoelgning.json'),
      JSON.stringify({ kommune: 'Testkommune', budgetaar: 2024, opfoelgning: 'BO1' }),
    );
    const r = koerCli(['praecision', andet, '--regnskab', regnskab]);
    expect([r.kode, r.fejl]).toEqual([2, expect.stringContaining('er ikke budgetår 2025')]);
    expect(koerCli(['praecision', bo1]).fejl).toContain("tilvalget '--regnskab <mappe>' skal angives");
  });

  it('on the example year the error shrinks from BO1 to BO3', () => {
    const aar = jsonAf(['praecision', `${AAR}-bo1`, `${AAR}-bo2`, `${AAR}-bo3`, '--regnskab', `${AAR}-regnskab`]);
    expect(aar.runder).toEqual(['BO1', 'BO2', 'BO3']);
    const [b1, , b3] = aar.middel_abs_fejl_pct as number[];
    expect(b3!).toBeLessThan(b1!);
  });
});

