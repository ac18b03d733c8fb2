// The whole municipality (issue 14): the hovedoversigt against hand arithmetic and an independent oracle,
// samle, the drift tables unchanged, and the new rules.
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hovedoversigt } from '../src/core/hovedoversigt.js';
import { Decimal, NUL } from '../src/core/money.js';
import { ARTER, type Art, type Budgetpost, type Datasaet } from '../src/core/model.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { datasaetFiler } from '../src/io/skriv-mappe.js';
import { hovedoversigtJson } from '../src/render/hovedoversigt-json.js';
import { datasaetArb } from './builders.js';
import { arbejdsbog, koerCli, REFERENCE } from './helpers.js';

const KOMMUNE = 'data/eksempel-kommune-2025';
const json = (args: string[]) => {
  const r = koerCli(args);
  expect(r.kode, r.fejl).toBe(0);
  return JSON.parse(r.ud);
};

describe('hovedoversigt of the example municipality, by hand', () => {
  // Hand arithmetic over data/eksempel-kommune-2025/budget.csv (t.kr × 1.000), helaarspersoner.csv and
  // korrektioner.csv: each line is the column sum of its kind; the activity posts are
  // Sygedagpenge 198.000.000 + 1.384 × 150.000 − 1.320 × 150.000 = 207.600.000 and
  // Kontanthjælp 142.500.000 + 1.118 × 126.100 − 1.140 × 125.000 − 1.800.000 = 139.179.800.
  const h = json(['hovedoversigt', KOMMUNE, '--format', 'json']);
  const linje = (art: string) => h.linjer.find((l: { art: string }) => l.art === art);
  const forventet: Record<string, [number, number, number, number, number]> = {
    // vedtaget, korrigeret, forventet, forventet_forrige, overfoeres
    skatter: [-4375200000, -4375200000, -4384550000, -4379800000, 0],
    tilskud_udligning: [-1207500000, -1207500000, -1213100000, -1207500000, 0],
    service: [4480600000, 4515000000, 4542050000, 4563800000, 15300000],
    overfoersel: [906900000, 905600000, 910829800, 908300000, 0],
    renter: [12200000, 12200000, 8050000, 10400000, 0],
    anlaeg: [247500000, 306400000, 208850000, 264800000, 95300000],
    forsyning: [5500000, 5500000, 8000000, 7000000, 0],
    laan: [-85000000, -92000000, -61000000, -92000000, 0],
    afdrag: [47600000, 47600000, 47600000, 47600000, 0],
    finansforskydninger: [6000000, 6000000, 19400000, 9000000, 0],
  };
  it('has every line in FORMAT.md order with its sums to the øre', () => {
    expect(h.linjer.map((l: { art: string }) => l.art)).toEqual(Object.keys(forventet));
    for (const [art, [v, k, f, ff, o]] of Object.entries(forventet)) {
      expect(linje(art), art).toMatchObject({
        vedtaget: v,
        korrigeret: k,
        forventet: f,
        forventet_forrige: ff,
        afvigelse: k - f,
        overfoeres: o,
      });
      expect(linje(art).afvigelse_efter_overfoersler).toBe(k - f - o);
    }
  });
  it('has the three results, the kasse and the rammer', () => {
    expect(h.resultater.ordinaer_drift).toMatchObject({
      vedtaget: -183000000,
      korrigeret: -149900000,
      forventet: -136720200,
      afvigelse: -13179800,
      overfoeres: 15300000,
    });
    expect(h.resultater.skattefinansieret).toMatchObject({
      vedtaget: 64500000,
      korrigeret: 156500000,
      forventet: 72129800,
      afvigelse: 84370200,
    });
    // −(sum of every line); its afvigelse is forventet − korrigeret: −86.129.800 − (−123.600.000).
    expect(h.resultater.likvide_aktiver).toMatchObject({
      vedtaget: -38600000,
      korrigeret: -123600000,
      forventet: -86129800,
      forventet_forrige: -131600000,
      afvigelse: 37470200,
    });
    expect(h.kasse).toEqual({
      primo: 412500000,
      korrigeret_ultimo: 412500000 - 123600000,
      forventet_ultimo: 412500000 - 86129800,
    });
    expect(h.serviceramme).toMatchObject({
      ramme: 4540000000,
      korrigeret: 4515000000,
      forventet: 4542050000,
      over_ramme_korrigeret: -25000000,
      over_ramme_forventet: 2050000,
    });
    expect(h.serviceramme.over_ramme_forventet_pct).toBe(0.05); // 2,05 / 4.540 = 0,0452 %
    expect(h.anlaegsramme).toMatchObject({
      ramme: 300000000,
      over_ramme_korrigeret: 6400000,
      over_ramme_forventet: -91150000,
    });
  });
  it('has the udvalg under the drift lines, adding up to them', () => {
    const service = linje('service').udvalg;
    expect(service.map((u: { navn: string }) => u.navn)).toEqual([
      'Økonomiudvalget',
      'Børne- og Undervisningsudvalget',
      'Social- og Sundhedsudvalget',
      'Beskæftigelsesudvalget',
      'Teknik- og Miljøudvalget',
      'Kultur- og Fritidsudvalget',
    ]);
    // Økonomiudvalget's service posts (1.1–1.5), korrigeret:
    // 301.500 + 8.400 + 9.800 + 63.200 + 75.100 + 24.100 + 21.900 t.kr.
    expect(service[0].korrigeret).toBe(504000000);
    expect(linje('overfoersel').udvalg.map((u: { navn: string; forventet: number }) => [u.navn, u.forventet])).toEqual([
      ['Social- og Sundhedsudvalget', 392600000 + 73150000],
      ['Beskæftigelsesudvalget', 207600000 + 139179800 + 98300000],
    ]);
    expect(linje('anlaeg').udvalg).toEqual([]);
  });
  it('lists the anlæg largest afvigelse first, with forbrug til dato from forbrug.csv', () => {
    const a = json(['anlaeg', KOMMUNE, '--format', 'json']);
    expect(a.anlaeg.slice(0, 2).map((p: { post: string }) => p.post)).toEqual(['Ny skole i Nordbyen', 'Ny svømmehal']);
    // Ny skole: 118.000.000 × 5 % per month January–June + 1.234,25 × (1 + … + 6).
    expect(a.anlaeg[0]).toMatchObject({
      korrigeret: 118000000,
      forventet: 72000000,
      afvigelse: 46000000,
      overfoeres: 42000000,
      afvigelse_efter_overfoersler: 4000000,
      forbrug_til_dato: 28345919.25,
    });
    // Ny svømmehal carries a korrektion of 1.500.000 on top of its forventet 41.000.000.
    expect(a.anlaeg[1]).toMatchObject({ forventet: 42500000, afvigelse: 32000000 });
    expect(a.total).toMatchObject({
      korrigeret: 306400000,
      forventet: 208850000,
      afvigelse: 97550000,
      overfoeres: 95300000,
      forbrug_til_dato: 84089273.25,
    });
  });
});

describe('drift tables keep their meaning', () => {
  it('afvigelser of the whole municipality shows only service and overførsel', () => {
    const a = json(['afvigelser', KOMMUNE, '--format', 'json']);
    const arter = new Set(
      a.politikomraader.flatMap((p: { poster: { udgiftsart: string }[] }) => p.poster.map((x) => x.udgiftsart)),
    );
    expect([...arter].sort()).toEqual(['overfoersel', 'service']);
    expect(a.total.korrigeret).toBe(4515000000 + 905600000);
    expect(a.politikomraader.some((p: { nr: string }) => p.nr === '1.9' || p.nr === '2.8')).toBe(false);
  });
  it('an udvalg folder gives a hovedoversigt of its drift alone, without kasse or ramme', () => {
    const h = json(['hovedoversigt', REFERENCE, '--format', 'json']);
    expect(h.resultater.ordinaer_drift.korrigeret).toBe(998250000);
    expect(h.resultater.likvide_aktiver).toMatchObject({
      korrigeret: -998250000,
      forventet: -1005550000,
      afvigelse: -7300000,
    });
    expect(h.kasse).toBeNull();
    expect(h.serviceramme).toBeNull();
    expect(h.linjer[0]).not.toHaveProperty('overfoeres');
  });
});

describe('rapport and bevillinger of the whole municipality', () => {
  it('rapport starts with the hovedoversigt', () => {
    const r = koerCli(['rapport', KOMMUNE]);
    expect(r.kode).toBe(0);
    expect(r.ud.indexOf('Hovedoversigt')).toBeLessThan(
      r.ud.indexOf('Afvigelser') < 0 ? Infinity : r.ud.indexOf('Afvigelser'),
    );
    expect(r.ud).toContain('OVER servicerammen');
    expect(json(['rapport', KOMMUNE, '--format', 'json']).hovedoversigt.kasse.forventet_ultimo).toBe(326370200);
  });
  it('bevillinger show the kasse and the serviceramme after the requests', () => {
    const b = json(['bevillinger', KOMMUNE, '--format', 'json']);
    const efter = b.hovedoversigt_efter_bevillinger;
    // B1: 12.000 t.kr. from kassen; B3 returns 2.200 t.kr. of anlæg; B2 moves 4.000 t.kr. from overførsel to service.
    expect(efter.kasse.korrigeret_ultimo).toBe(288900000 - 12000000 + 2200000);
    expect(efter.kasse.forventet_ultimo).toBe(326370200);
    expect(efter.serviceramme.over_ramme_korrigeret).toBe(-25000000 + 12000000 + 4000000);
    const t = koerCli(['bevillinger', KOMMUNE]).ud;
    expect(t).toMatch(/Kassebeholdning ultimo\s+│\s+288,9 │\s+-9,8 │\s+279,1/);
  });
});

describe('formats', () => {
  it('html has the waterfall and the ramme chart', () => {
    const r = koerCli(['hovedoversigt', KOMMUNE, '--format', 'html']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('Fra skatter til kassen');
    expect(r.ud).toContain('Serviceudgifter og servicerammen');
    expect(r.ud).toContain('Kassebeholdning ultimo: 326,4 mio. kr.');
  });
  it('xlsx writes the results as formulas over the lines', async () => {
    const bog = await arbejdsbog(['hovedoversigt', KOMMUNE]);
    expect(bog.ark).toEqual(['Hovedoversigt', 'Kasse og rammer', 'Anlæg']);
    const formel = (r: unknown[], i: number) => (r[i] as { formula?: string }).formula;
    const drift = bog.raekke('Hovedoversigt', 'Resultat af ordinær drift');
    expect(formel(drift, 2)).toMatch(/^SUM\(/);
    const likvide = bog.raekke('Hovedoversigt', 'Ændring af likvide aktiver');
    expect(formel(likvide, 2)).toMatch(/^-SUM\(/);
    expect((likvide[2] as { result: number }).result).toBe(-123600000);
    expect(formel(likvide, 5)).toMatch(/^SUM\(/); // its afvigelse is the plain sum's
    expect(formel(bog.raekke('Kasse og rammer', 'Kassebeholdning ultimo'), 1)).toMatch(/^SUM\(/);
  });
  it('csv carries the art and udvalg keys', () => {
    const r = koerCli(['hovedoversigt', KOMMUNE, '--format', 'csv']);
    expect(r.ud).toContain('art;udvalg;navn;vedtaget');
    expect(r.ud).toContain('likvide_aktiver;;Ændring af likvide aktiver;-38600000,00;-123600000,00;-86129800,00');
  });
});

// ---- an independent oracle: FORMAT.md's definitions over the posts, nothing from budgetopf's engine ----
function oracle(ds: Datasaet) {
  const korr = (p: Budgetpost) =>
    ds.korrektioner
      .filter((k) => k.politikomraade === p.politikomraade && k.post === p.post)
      .reduce((s, k) => s.plus(k.beloeb), NUL);
  const forventet = (p: Budgetpost) => {
    const y = ds.ydelser.find((x) => x.ydelse === p.post);
    const pr = ds.enhedspriser.find((x) => x.ydelse === p.post);
    const grund =
      p.forventet ?? p.korrigeret.plus(y!.hp.forventet.times(pr!.forventet)).minus(y!.hp.korrigeret.times(pr!.budget));
    return grund.plus(korr(p));
  };
  const linje = (art: Art) => {
    const ps = ds.poster.filter((p) => p.udgiftsart === art);
    const s = (f: (p: Budgetpost) => Decimal) => ps.reduce((a, p) => a.plus(f(p)), NUL);
    return {
      vedtaget: s((p) => p.vedtaget),
      korrigeret: s((p) => p.korrigeret),
      forventet: s(forventet),
      overfoeres: s((p) => p.overfoeres ?? NUL),
    };
  };
  const linjer = ARTER.map(linje);
  const plus = (dele: ReturnType<typeof linje>[]) => ({
    vedtaget: dele.reduce((a, d) => a.plus(d.vedtaget), NUL),
    korrigeret: dele.reduce((a, d) => a.plus(d.korrigeret), NUL),
    forventet: dele.reduce((a, d) => a.plus(d.forventet), NUL),
    overfoeres: dele.reduce((a, d) => a.plus(d.overfoeres), NUL),
  });
  const od = plus(linjer.slice(0, 5));
  const sf = plus([od, linjer[5]!]);
  const alle = plus(linjer);
  return { linjer, od, sf, alle };
}
const kr = (d: Decimal) => Number(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));

const andreArb = fc.array(
  fc.record({
    art: fc.constantFrom<Art>(...ARTER.filter((a) => a !== 'service' && a !== 'overfoersel')),
    v: fc.bigInt(-(10n ** 12n), 10n ** 12n),
    k: fc.bigInt(-(10n ** 12n), 10n ** 12n),
    f: fc.bigInt(-(10n ** 12n), 10n ** 12n),
    overfoert: fc.boolean(),
  }),
  { maxLength: 12 },
);
const manifestArb = fc.record({
  kasse: fc.option(fc.bigInt(-(10n ** 12n), 10n ** 12n)),
  ramme: fc.option(fc.bigInt(0n, 10n ** 12n)),
});

/** A random drift dataset with the whole municipality's kinds added on its politikområder. */
type Andet = { art: Art; v: bigint; k: bigint; f: bigint; overfoert: boolean };
function medAndreArter(ds: Datasaet, andre: Andet[], m: { kasse: bigint | null; ramme: bigint | null }): Datasaet {
  const oere = (n: bigint) => new Decimal(n.toString()).div(100);
  const poster: Budgetpost[] = andre.map((a, i) => {
    const korrigeret = oere(a.k);
    const forventet = oere(a.f);
    const afv = korrigeret.minus(forventet);
    return {
      politikomraade: ds.politikomraader[i % ds.politikomraader.length]!.nr,
      post: `Andet ${i}`,
      udgiftsart: a.art,
      vedtaget: oere(a.v),
      korrigeret,
      forventet,
      forventetForrige: ds.harForventetForrige ? oere(a.v) : null,
      ...(a.overfoert && afv.gt(0) ? { overfoeres: afv.div(3).toDecimalPlaces(2, Decimal.ROUND_DOWN) } : {}),
      kilde: { fil: 'budget.csv', linje: 100 + i },
    };
  });
  return {
    ...ds,
    poster: [...ds.poster, ...poster],
    harOverfoeres: poster.some((p) => p.overfoeres),
    manifest: {
      ...ds.manifest,
      ...(m.kasse !== null ? { kassePrimo: oere(m.kasse) } : {}),
      ...(m.ramme !== null ? { serviceramme: oere(m.ramme) } : {}),
    },
  };
}

/** Every line, result, kasse and ramme of `ds` against the oracle, to the øre. */
function tjekModOracle(ds: Datasaet): void {
  const h = JSON.parse(JSON.stringify(hovedoversigtJson(hovedoversigt(ds))));
  const o = oracle(ds);
  o.linjer.forEach((l, i) => {
    expect(h.linjer[i]).toMatchObject({
      art: ARTER[i],
      vedtaget: kr(l.vedtaget),
      korrigeret: kr(l.korrigeret),
      forventet: kr(l.forventet),
      afvigelse: kr(l.korrigeret.minus(l.forventet)),
    });
  });
  expect(h.resultater.ordinaer_drift).toMatchObject({
    korrigeret: kr(o.od.korrigeret),
    forventet: kr(o.od.forventet),
    afvigelse: kr(o.od.korrigeret.minus(o.od.forventet)),
  });
  expect(h.resultater.skattefinansieret).toMatchObject({
    vedtaget: kr(o.sf.vedtaget),
    forventet: kr(o.sf.forventet),
  });
  const L = { korrigeret: o.alle.korrigeret.neg(), forventet: o.alle.forventet.neg() };
  expect(h.resultater.likvide_aktiver).toMatchObject({
    korrigeret: kr(L.korrigeret),
    forventet: kr(L.forventet),
    afvigelse: kr(L.forventet.minus(L.korrigeret)),
  });
  if (ds.manifest.kassePrimo) {
    expect(h.kasse).toEqual({
      primo: kr(ds.manifest.kassePrimo),
      korrigeret_ultimo: kr(ds.manifest.kassePrimo.plus(L.korrigeret)),
      forventet_ultimo: kr(ds.manifest.kassePrimo.plus(L.forventet)),
    });
  } else expect(h.kasse).toBeNull();
  if (ds.manifest.serviceramme) {
    expect(h.serviceramme).toMatchObject({
      over_ramme_forventet: kr(o.linjer[2]!.forventet.minus(ds.manifest.serviceramme)),
      over_ramme_korrigeret: kr(o.linjer[2]!.korrigeret.minus(ds.manifest.serviceramme)),
    });
  } else expect(h.serviceramme).toBeNull();
  if (ds.harOverfoeres) expect(h.resultater.likvide_aktiver.overfoeres).toBe(kr(o.alle.overfoeres));
  // Drift sub-rows add up to their line exactly.
  for (const l of hovedoversigt(ds).linjer.filter((x) => x.udvalg.length)) {
    expect(l.udvalg.reduce((a, u) => a.plus(u.sum.forventet), NUL).equals(l.sum.forventet)).toBe(true);
  }
}

describe('hovedoversigt against the oracle (property)', () => {
  it('on the example and on the Slagelse folder merged by hand', async () => {
    for (const mappe of [KOMMUNE, 'fixtures/samle/samlet']) {
      const { datasaet } = await indlaesDatasaet(mappe);
      tjekModOracle(datasaet!);
    }
  });

  it('every line, result, kasse and ramme to the øre', () => {
    fc.assert(
      fc.property(datasaetArb, andreArb, manifestArb, (raa, andre, m) => {
        tjekModOracle(medAndreArter(raa, andre, m));
      }),
      { numRuns: 150 },
    );
  });

  // The loader takes every kind, overfoeres and the manifest amounts.
  it('a folder written and read back gives the same hovedoversigt', async () => {
    await fc.assert(
      fc.asyncProperty(datasaetArb, andreArb, manifestArb, async (raa, andre, m) => {
        const ds = medAndreArter(raa, andre, m);
        const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-kommune-'));
        for (const [navn, tekst] of datasaetFiler(ds)) writeFileSync(join(mappe, navn), tekst);
        const { datasaet, fund } = await indlaesDatasaet(mappe);
        expect(fund.filter((f) => f.alvor === 'fejl')).toEqual([]);
        expect(hovedoversigtJson(hovedoversigt(datasaet!))).toEqual(hovedoversigtJson(hovedoversigt(ds)));
      }),
      { numRuns: 25 },
    );
  });
});

describe('samle', () => {
  const til = () => join(mkdtempSync(join(tmpdir(), 'budgetopf-samle-')), 'kommune');
  const kilder = [REFERENCE, 'data/udvalg-buu', 'data/udvalg-sou', 'data/udvalg-finansiering'];
  it('EBU, two more udvalg and the financing give the hovedoversigt of the folder merged by hand', () => {
    const ny = til();
    const r = koerCli(['samle', ...kilder, '--til', ny]);
    expect(r.kode, r.fejl).toBe(0);
    const samlet = json(['hovedoversigt', ny, '--format', 'json']);
    expect(samlet).toEqual(json(['hovedoversigt', 'fixtures/samle/samlet', '--format', 'json']));
    expect(samlet.kasse.primo).toBe(385000000.5);
    // The EBU table inside the merged folder is the published one.
    const ebu = json(['afvigelser', ny, '--format', 'json']).udvalg.find((u: { navn: string }) =>
      u.navn.startsWith('Erhvervs'),
    );
    expect(ebu).toMatchObject({ korrigeret: 998250000, forventet: 1005550000, afvigelse: -7300000 });
  });
  it('one folder in t.kr. with forbrug.csv comes out the same in kr.', () => {
    const ny = til();
    expect(koerCli(['samle', KOMMUNE, '--til', ny]).kode).toBe(0);
    for (const kommando of ['hovedoversigt', 'anlaeg', 'afvigelser']) {
      expect(json([kommando, ny, '--format', 'json']), kommando).toEqual(json([kommando, KOMMUNE, '--format', 'json']));
    }
    expect(JSON.parse(readFileSync(join(ny, 'opfoelgning.json'), 'utf8'))).toMatchObject({ beloebsenhed: 'kr', kasse_primo: 412500000 });
  });
  it('refuses duplicate politikområder and writes nothing', () => {
    const ny = til();
    const r = koerCli(['samle', REFERENCE, 'data/udvalg-buu', REFERENCE, '--til', ny]);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain('Politikområde 2.1 har budgetposter i både');
    expect(() => readdirSync(ny)).toThrow();
  });
  it('never writes into a folder that has files, and never into a source folder', () => {
    const ny = til();
    mkdirSync(ny);
    writeFileSync(join(ny, 'mit.txt'), 'mit');
    const r = koerCli(['samle', ...kilder, '--til', ny]);
    expect(r.kode).toBe(2);
    expect(readdirSync(ny)).toEqual(['mit.txt']);
    expect(koerCli(['samle', REFERENCE, '--til', REFERENCE]).kode).toBe(2);
    expect(koerCli(['samle', REFERENCE]).fejl).toContain("tilvalget '--til <mappe>' skal angives");
  });
  it('a merged folder that would not load (one ydelse in two folders) is not written', () => {
    const kopi = mkdtempSync(join(tmpdir(), 'budgetopf-ydelse-'));
    for (const f of readdirSync(REFERENCE)) writeFileSync(join(kopi, f), readFileSync(join(REFERENCE, f)));
    // The same benefits under other politikområder: the merged helaarspersoner.csv would name them twice.
    writeFileSync(join(kopi, 'politikomraader.csv'), 'nr;navn;udvalg\n7.1;Kopi;Kopiudvalget\n');
    writeFileSync(
      join(kopi, 'budget.csv'),
      readFileSync(join(REFERENCE, 'budget.csv'), 'utf8').replace(/^2\.\d;/gm, '7.1;'),
    );
    writeFileSync(join(kopi, 'korrektioner.csv'), 'politikomraade;post;beloeb;tekst\n');
    writeFileSync(join(kopi, 'bevillingsoensker.csv'), 'id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\n');
    const ny = til();
    const r = koerCli(['samle', REFERENCE, kopi, '--til', ny]);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain('dublet_ydelse');
    expect(() => readdirSync(ny)).toThrow();
  });
});
