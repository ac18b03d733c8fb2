// budgetopf videre: the next round's folder. The done-when check computes the expected figures
// independently (bevillingsoensker.csv read as plain text here), and a property test checks the invariant
// of FORMAT.md over random datasets.
import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beregn, type Opfoelgning } from '../src/core/beregn.js';
import { Decimal, rund, sum, type Enhed } from '../src/core/money.js';
import { KASSEN, type Bevillingslinje, type Datasaet } from '../src/core/model.js';
import { naesteOpfoelgning, videre, VidereFejl } from '../src/core/videre.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { skrivNaesteRunde } from '../src/io/skriv-runde.js';
import { bevillingsoenskerCsv } from '../src/render/bevillingsoensker-csv.js';
import { beloebTekst, budgetCsv } from '../src/render/budget-csv.js';
import { helaarspersonerCsv } from '../src/render/helaarspersoner-csv.js';
import { datasaetArb, fraHundrededele } from './builders.js';
import { beregnMappe, koerCli, REFERENCE } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'budgetopf-videre-'));
const poster = (o: Opfoelgning) =>
  new Map(o.politikomraader.flatMap((p) => p.poster.map((x) => [`${p.nr} ${x.post}`, x.sum])));
const afvigelser = (o: Opfoelgning) => new Map(o.politikomraader.map((p) => [p.nr, p.sum.afvigelse]));

/** The budget year's approved amount per politikområde, read from bevillingsoensker.csv as plain text (no loader). */
function godkendtPrPolitikomraade(mappe: string, aar: number): Map<string, Decimal> {
  const linjer = readFileSync(join(mappe, 'bevillingsoensker.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1);
  const m = new Map<string, Decimal>();
  for (const l of linjer) {
    const f = l.split(';');
    if (f[6] !== String(aar) || f[3] === 'kassen') continue;
    m.set(f[3]!, (m.get(f[3]!) ?? new Decimal(0)).plus(f[7]!));
  }
  return m;
}

describe('videre on the bundled BO2 with --godkendte alle', () => {
  const ud = join(tmp(), 'bo3');
  const r = koerCli(['videre', REFERENCE, '--til', ud, '--godkendte', 'alle']);

  it('writes the folder and says what it did', () => {
    expect(r.kode, r.fejl).toBe(0);
    expect(r.fejl).toContain('Godkendt og lagt i korrigeret budget: B1, B2, B3, B4, B5, B6, B7, B8, B9.');
    expect(readdirSync(ud).sort()).toEqual([
      'bevillinger_givet.csv',
      'bevillingsoensker.csv',
      'budget.csv',
      'enhedspriser.csv',
      'helaarspersoner.csv',
      'korrektioner.csv',
      'opfoelgning.json',
      'politikomraader.csv',
    ]);
  });

  it("keeps every post's forventet (within 1 kr), moves every afvigelse by exactly the approved amount", async () => {
    const [foer, efter] = [await beregnMappe(REFERENCE), await beregnMappe(ud)];
    const [pf, pe] = [poster(foer), poster(efter)];
    for (const [navn, s] of pf) expect(pe.get(navn)!.forventet.minus(s.forventet).abs().lt(1), navn).toBe(true);
    const godkendt = godkendtPrPolitikomraade(REFERENCE, 2025);
    // By hand: 1.2: −500.000 + 900.000; 2.1: −900.000 − 300.000 (B4); 2.2: −900.000 − 1.000.000;
    // 2.3: 500.000 + 2,3 mio. + 300.000 + 900.000 + 1 mio.
    expect(Object.fromEntries([...godkendt].map(([k, v]) => [k, v.toNumber()]))).toEqual({
      1.2: 400_000,
      2.1: -1_200_000,
      2.2: -1_900_000,
      2.3: 5_000_000,
    });
    const [af, ae] = [afvigelser(foer), afvigelser(efter)];
    for (const [nr, beloeb] of godkendt)
      expect(
        ae
          .get(nr)!
          .minus(af.get(nr) ?? 0)
          .toString(),
        nr,
      ).toBe(beloeb.toString());
    // New posts start at 0 with forventet 0, so the total forventet is unchanged too.
    expect(efter.total.forventet.toString()).toBe(foer.total.forventet.toString());
  });

  it("makes this round's forventet the forventet_forrige, empties the requests, records the given ones", async () => {
    const foer = await beregnMappe(REFERENCE);
    const { datasaet } = await indlaesDatasaet(ud);
    for (const p of datasaet!.poster.filter((x) => !x.post.startsWith('Bevilling '))) {
      expect(p.forventetForrige!.toString()).toBe(
        poster(foer).get(`${p.politikomraade} ${p.post}`)!.forventet.toString(),
      );
    }
    expect(readFileSync(join(ud, 'bevillingsoensker.csv'), 'utf8')).toBe(
      '\uFEFFid;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\r\n',
    );
    expect(datasaet!.givneBevillinger).toHaveLength(26);
    expect(new Set(datasaet!.givneBevillinger!.map((l) => l.opfoelgning))).toEqual(new Set(['BO2']));
    expect(JSON.parse(readFileSync(join(ud, 'opfoelgning.json'), 'utf8')).opfoelgning).toBe('BO3');
    expect(readFileSync(join(ud, 'korrektioner.csv'))).toEqual(readFileSync(join(REFERENCE, 'korrektioner.csv')));
    expect(datasaet!.poster.find((p) => p.politikomraade === '1.2')).toMatchObject({
      post: 'Bevilling B1',
      udgiftsart: 'service',
    });
  });
});

/** A copy of the bundled BO2 with its own bevillingsoensker.csv (and manifest changes). */
function kopi(bevillinger: string, manifest: Record<string, unknown> = {}): string {
  const mappe = join(tmp(), 'bo2');
  cpSync(REFERENCE, mappe, { recursive: true });
  writeFileSync(
    join(mappe, 'bevillingsoensker.csv'),
    `id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\n${bevillinger}`,
  );
  const m = JSON.parse(readFileSync(join(mappe, 'opfoelgning.json'), 'utf8'));
  writeFileSync(join(mappe, 'opfoelgning.json'), JSON.stringify({ ...m, ...manifest }));
  return mappe;
}

describe('a bevilling on an activity post', () => {
  // The case: 5 mio. kr. to Kontanthjælp. Without the HP rule the afvigelse would stay at −2,7 mio.
  const mappe = kopi(
    'T1;tillaegsbevilling;Kontanthjælp;2.1;Kontanthjælp;overfoersel;2025;5000000\n'
      + 'T1;tillaegsbevilling;Kontanthjælp;kassen;;;2025;-5000000\n',
    { pr: '2025-06-30' },
  );
  const ud = join(tmp(), 'bo3');
  const r = koerCli(['videre', mappe, '--til', ud, '--godkendte', 'T1']);

  it('raises the budgeted helårspersoner by beløb / pris_budget to 6 decimals, so forventet stays', async () => {
    expect(r.kode, r.fejl).toBe(0);
    // 5.000.000 / 126.433 = 39,546637 (6 decimals); 919 + 39,546637 = 958,546637.
    expect(readFileSync(join(ud, 'helaarspersoner.csv'), 'utf8')).toContain('Kontanthjælp;985;919;958,546637;983');
    const [foer, efter] = [await beregnMappe(mappe), await beregnMappe(ud)];
    const kh = (o: Opfoelgning) => o.ydelser.find((y) => y.ydelse === 'Kontanthjælp')!;
    // forventet moves by 5.000.000 − 39,546637 × 126.433 = 0,044179 kr.
    expect(kh(efter).forventet.minus(kh(foer).forventet).toString()).toBe('0.044179');
    // 2.1: −2,7 mio. becomes +2,3 mio. (5 mio. less 0,044179 kr.).
    expect(afvigelser(efter).get('2.1')!.minus(afvigelser(foer).get('2.1')!).toString()).toBe('4999999.955821');
    expect(JSON.parse(readFileSync(join(ud, 'opfoelgning.json'), 'utf8'))).not.toHaveProperty('pr');
  });
});

describe('videre refuses', () => {
  it('a target that exists and is not empty (exit 2, nothing touched), but takes an empty folder', () => {
    const d = tmp();
    mkdirSync(join(d, 'fuld'));
    writeFileSync(join(d, 'fuld', 'noter.txt'), 'mine noter');
    const r = koerCli(['videre', REFERENCE, '--til', join(d, 'fuld')]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('findes allerede og er ikke en tom mappe');
    expect(readdirSync(join(d, 'fuld'))).toEqual(['noter.txt']);
    mkdirSync(join(d, 'tom'));
    expect(koerCli(['videre', REFERENCE, '--til', join(d, 'tom')]).kode).toBe(0);
    expect(readdirSync(d).sort()).toEqual(['fuld', 'tom']); // no temporary folder left
  });

  it('an unknown id, a target inside the folder, a missing --til, and a round after Regnskab without a name', () => {
    const d = tmp();
    const ukendt = koerCli(['videre', REFERENCE, '--til', join(d, 'x'), '--godkendte', 'B1,B12']);
    expect([ukendt.kode, ukendt.fejl]).toEqual([
      2,
      expect.stringContaining('B12 findes ikke i bevillingsoensker.csv (der er B1, B2'),
    ]);
    expect(existsSync(join(d, 'x'))).toBe(false);
    const mappe = kopi('');
    expect(koerCli(['videre', mappe, '--til', join(mappe, 'bo3')]).fejl).toContain('ligger i');
    expect(koerCli(['videre', REFERENCE]).fejl).toContain("tilvalget '--til <mappe>' skal angives");
    const regnskab = kopi('', { opfoelgning: 'Regnskab' });
    const r = koerCli(['videre', regnskab, '--til', join(d, 'y')]);
    expect([r.kode, r.fejl]).toEqual([
      2,
      expect.stringContaining('ingen opfølgning efter "Regnskab"; angiv navnet med --opfoelgning'),
    ]);
    expect(koerCli(['videre', regnskab, '--til', join(d, 'y'), '--opfoelgning', 'Regnskab 2']).kode).toBe(0);
  });

  it('helårspersoner below 0 (exit 1)', () => {
    const mappe = kopi(
      'T1;tillaegsbevilling;Mindre;2.1;Integrationsydelse;overfoersel;2025;-30000000\n'
        + 'T1;tillaegsbevilling;Mindre;kassen;;;2025;30000000\n',
    );
    const r = koerCli(['videre', mappe, '--til', join(tmp(), 'x'), '--godkendte', 'alle']);
    expect([r.kode, r.fejl]).toEqual([
      1,
      expect.stringContaining('Integrationsydelse: bevillingerne ville sætte de budgetterede helårspersoner under 0'),
    ]);
  });
});

describe('a year of rounds', () => {
  it('accumulates the given bevillinger with the round that approved them', async () => {
    const bo3 = join(tmp(), 'bo3');
    expect(koerCli(['videre', REFERENCE, '--til', bo3, '--godkendte', 'B4,B5']).kode).toBe(0);
    writeFileSync(
      join(bo3, 'bevillingsoensker.csv'),
      'id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\n'
        + 'B10;omplacering;Flyt;2.2;Erhvervsservice;service;2025;-1000\n'
        + 'B10;omplacering;Flyt;2.2;Tilskud til kulturinstitutioner;service;2025;1000\n',
    );
    const regnskab = join(tmp(), 'regnskab');
    const r = koerCli(['videre', bo3, '--til', regnskab, '--godkendte', 'alle']);
    expect(r.kode, r.fejl).toBe(0);
    const { datasaet } = await indlaesDatasaet(regnskab);
    expect(datasaet!.manifest.opfoelgning).toBe('Regnskab');
    expect(datasaet!.givneBevillinger!.map((l) => `${l.id} ${l.opfoelgning}`)).toEqual([
      'B4 BO2',
      'B4 BO2',
      'B5 BO2',
      'B5 BO2',
      'B10 BO3',
      'B10 BO3',
    ]);
  });

  it('names the next follow-up', () => {
    expect(['BO1', 'bo2', 'BO3', 'Regnskab', 'Budget'].map(naesteOpfoelgning)).toEqual([
      'BO2',
      'BO3',
      'Regnskab',
      null,
      null,
    ]);
  });
});

/** Random requests on a dataset's posts (or on no post), each balanced by kassen in its year. */
function medBevillinger(
  ds: Datasaet,
  raa: { post: number; udenPost: boolean; beloeb: bigint; naesteAar: boolean }[][],
): Datasaet {
  const linjer: Bevillingslinje[] = raa.flatMap((oenske, i) => {
    const id = `B${i + 1}`;
    const dele = oenske.map((r): Bevillingslinje => {
      const p = ds.poster[r.post % ds.poster.length]!;
      return {
        id,
        type: 'tillaegsbevilling',
        tekst: id,
        politikomraade: p.politikomraade,
        post: r.udenPost ? null : p.post,
        udgiftsart: p.udgiftsart,
        aar: ds.manifest.budgetaar + (r.naesteAar ? 1 : 0),
        beloeb: fraHundrededele(r.beloeb),
        kilde: { fil: 'b', linje: 2 },
      };
    });
    const kasse = [...new Set(dele.map((l) => l.aar))].map((aar): Bevillingslinje => ({
      ...dele[0]!,
      politikomraade: KASSEN,
      post: null,
      udgiftsart: null,
      aar,
      beloeb: sum(dele.filter((l) => l.aar === aar).map((l) => l.beloeb)).neg(),
    }));
    return [...dele, ...kasse];
  });
  return { ...ds, bevillingslinjer: linjer };
}

describe('the invariant of FORMAT.md (property)', () => {
  const linjeArb = fc.record({
    post: fc.nat(30),
    udenPost: fc.boolean(),
    beloeb: fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n }),
    naesteAar: fc.boolean(),
  });
  it("forventet moves by at most pris_budget × 0,0000005 per post, every afvigelse by the approved amount", () => {
    fc.assert(
      fc.property(
        datasaetArb,
        fc.array(fc.array(linjeArb, { minLength: 1, maxLength: 3 }), { maxLength: 5 }),
        (ds0, raa) => {
          const ds = medBevillinger(ds0, raa);
          const foer = beregn(ds);
          let v;
          try {
            v = videre(ds, foer, { godkendte: 'alle' });
          } catch (e) {
            // Only a negative bevilling larger than the activity post's budget may stop it.
            expect(e).toBeInstanceOf(VidereFejl);
            expect((e as Error).message).toContain('under 0');
            return;
          }
          const efter = beregn(v.ds);
          const pris = new Map(ds.enhedspriser.map((p) => [p.ydelse, p.budget]));
          const graense = (post: string) => (pris.get(post) ?? new Decimal(0)).div(2_000_000);
          const pe = poster(efter);
          let poGraense = new Map<string, Decimal>();
          for (const [navn, s] of poster(foer)) {
            const [nr, ...rest] = navn.split(' ');
            const post = rest.join(' ');
            const afv = pe.get(navn)!.forventet.minus(s.forventet).abs();
            expect(afv.lte(graense(post)), navn).toBe(true);
            if (pris.get(post)?.lt(2_000_000)) expect(afv.lt(1)).toBe(true);
            poGraense.set(nr!, (poGraense.get(nr!) ?? new Decimal(0)).plus(graense(post)));
          }
          const godkendt = new Map<string, Decimal>();
          for (const l of ds.bevillingslinjer.filter(
            (x) => x.aar === ds.manifest.budgetaar && x.politikomraade !== KASSEN,
          )) {
            godkendt.set(l.politikomraade, (godkendt.get(l.politikomraade) ?? new Decimal(0)).plus(l.beloeb));
          }
          const [af, ae] = [afvigelser(foer), afvigelser(efter)];
          for (const [nr, a] of ae) {
            const flyttet = a
              .minus(af.get(nr) ?? 0)
              .minus(godkendt.get(nr) ?? 0)
              .abs();
            expect(flyttet.lte(poGraense.get(nr) ?? 0), nr).toBe(true);
          }
          poGraense = new Map();
          expect(v.ds.bevillingslinjer).toEqual([]);
          expect(v.ds.givneBevillinger).toHaveLength(ds.bevillingslinjer.length);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

/** Writes a dataset as a folder in `enhed` (through the same writers videre uses where there is one). */
function skrivMappe(ds: Datasaet, mappe: string, enhed: Enhed): void {
  mkdirSync(mappe);
  const tal = (d: Decimal | null) => (d === null ? '' : d.toFixed().replace('.', ','));
  const csv = (navn: string, raekker: string[][]) =>
    writeFileSync(join(mappe, navn), raekker.map((r) => r.join(';')).join('\n'));
  const manifest = { kommune: 'K', budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: enhed };
  writeFileSync(join(mappe, 'opfoelgning.json'), JSON.stringify(manifest));
  csv('politikomraader.csv', [['nr', 'navn', 'udvalg'], ...ds.politikomraader.map((p) => [p.nr, p.navn, p.udvalg])]);
  writeFileSync(join(mappe, 'budget.csv'), budgetCsv(ds.poster, enhed, 'da', ds.harForventetForrige));
  if (ds.ydelser.length) {
    writeFileSync(join(mappe, 'helaarspersoner.csv'), helaarspersonerCsv(ds.ydelser, 'da'));
    csv('enhedspriser.csv', [['ydelse', 'regnskab_forrige', 'budget', 'forventet'],
      ...ds.enhedspriser.map((p) => [p.ydelse, tal(p.regnskabForrige), tal(p.budget), tal(p.forventet)])]);
  }
  csv('korrektioner.csv', [['politikomraade', 'post', 'beloeb', 'tekst', 'type'],
    ...ds.korrektioner.map((k) => [k.politikomraade, k.post, beloebTekst(k.beloeb, enhed, 'da'), k.tekst, k.type])]);
  writeFileSync(join(mappe, 'bevillingsoensker.csv'), bevillingsoenskerCsv(ds.bevillingslinjer, enhed, 'da'));
}

describe('videre over random folders (property)', () => {
  const beloeb = fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n });
  const linjeArb = fc.record({ post: fc.nat(30), udenPost: fc.boolean(), beloeb, naesteAar: fc.boolean() });
  const oenskerArb = fc.array(fc.array(linjeArb, { minLength: 1, maxLength: 3 }), { maxLength: 4 });
  it('writes a folder that loads cleanly, forventet_forrige = the round\'s forventet, and the invariant', async () => {
    const enhedArb = fc.constantFrom<Enhed>('kr', 't.kr', 'mio.kr');
    await fc.assert(fc.asyncProperty(datasaetArb, oenskerArb, enhedArb, async (ds0, raa, enhed) => {
        const d = tmp();
        skrivMappe(medBevillinger(ds0, raa), join(d, 'bo2'), enhed);
        const { datasaet: ds, fund } = await indlaesDatasaet(join(d, 'bo2'));
        expect(fund.filter((f) => f.alvor === 'fejl')).toEqual([]);
        const foer = beregn(ds!);
        let v;
        try {
          v = videre(ds!, foer, { godkendte: 'alle' });
        } catch (e) {
          expect((e as Error).message).toContain('under 0');
          return;
        }
        skrivNaesteRunde(join(d, 'bo2'), join(d, 'bo3'), v);
        const efter = await indlaesDatasaet(join(d, 'bo3'));
        expect(efter.fund.filter((f) => f.alvor === 'fejl')).toEqual([]);
        const [pf, pe] = [poster(foer), poster(beregn(efter.datasaet!))];
        const pris = new Map(ds!.enhedspriser.map((p) => [p.ydelse, p.budget]));
        for (const p of efter.datasaet!.poster) {
          const navn = `${p.politikomraade} ${p.post}`;
          expect(p.forventetForrige!.toString(), navn).toBe(rund(pf.get(navn)?.forventet ?? new Decimal(0), 2).toString());
          const graense = (pris.get(p.post) ?? new Decimal(0)).div(2_000_000);
          expect(pe.get(navn)!.forventet.minus(pf.get(navn)?.forventet ?? 0).abs().lte(graense), navn).toBe(true);
        }
        expect(efter.datasaet!.givneBevillinger ?? []).toHaveLength(ds!.bevillingslinjer.length);
        expect(efter.datasaet!.manifest.beloebsenhed).toBe(enhed);
      }), { seed: 7, numRuns: 25 });
  }, 120_000);
});
