// Hardening (issue 4): no input makes budgetopf throw. Each dataset file in turn is replaced by random
// bytes, CSV-like text, a truncated copy, or a copy with a cell replaced by a nasty token; loading must
// return findings (never throw), and an accepted dataset must compute and render in every format.
// Fixed seed: the same cases every run.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { efterBevillinger, foreslaa, klassificer } from '../src/core/bevillinger.js';
import { beregn } from '../src/core/beregn.js';
import { Decimal } from '../src/core/money.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { summerPosteringer } from '../src/io/posteringer.js';
import { renderDokument as csv } from '../src/render/csv.js';
import { afvigelserJson, aktivitetJson, bevillingerJson } from '../src/render/json.js';
import { renderDokument as markdown } from '../src/render/markdown.js';
import { INGEN_STIL, renderDokument as terminal } from '../src/render/terminal.js';
import { rapportDokument } from '../src/report/rapport.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { koerCli, PROTOTYPENAVNE, REFERENCE } from './helpers.js';

const FILER = ['opfoelgning.json', 'politikomraader.csv', 'budget.csv', 'helaarspersoner.csv', 'enhedspriser.csv', 'korrektioner.csv', 'bevillingsoensker.csv'];
const GIFTIGT = ['1e309', 'NaN', '--0', '-0', '9'.repeat(40), '0,000000000000000000001', '"', '""', '"a;b', ';', '\t', '\r', '1.2.3', '1,234.5', '∞', '\u0000', '', ' ', 'kassen', '2.1', '=SUM(A1)', '-1', '0', ...PROTOTYPENAVNE];

const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-fuzz-'));
cpSync(REFERENCE, mappe, { recursive: true });
const original = Object.fromEntries(FILER.map((f) => [f, readFileSync(join(REFERENCE, f))]));

const indhold = (fil: string) => fc.oneof(
  fc.constant(original[fil]!), // unchanged: the accepted path is always exercised
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
  fc.string({ unit: fc.constantFrom(...';,"\n\r\t0123456789.-eæøå aB'.split('')), maxLength: 300 }).map((s) => Buffer.from(s)),
  fc.nat({ max: original[fil]!.length }).map((n) => original[fil]!.subarray(0, n)),
  fc.tuple(fc.nat(), fc.constantFrom(...GIFTIGT)).map(([n, giftigt]) => {
    const felter = original[fil]!.toString('utf8').split(/(?<=[;\n])/);
    felter[n % felter.length] = giftigt + (felter[n % felter.length]!.match(/[;\n]$/)?.[0] ?? '');
    return Buffer.from(felter.join(''));
  }),
);

describe('fuzz', () => {
  it.each(FILER)('%s: any content gives findings or a computed follow-up, never an exception', async (fil) => {
    let accepteret = 0;
    try {
    await fc.assert(fc.asyncProperty(indhold(fil), async (bytes) => {
      writeFileSync(join(mappe, fil), bytes);
      const { datasaet, fund } = await indlaesDatasaet(mappe);
      for (const f of fund) expect(f.kode).toMatch(/^[a-z_0-9]+$/);
      if (!datasaet) {
        expect(fund.some((f) => f.alvor === 'fejl')).toBe(true);
        return;
      }
      accepteret++;
      const o = beregn(datasaet);
      const dok = rapportDokument(o, { ...STANDARDVISNING, afstem: true, poster: true, pct: true });
      expect(typeof JSON.stringify([afvigelserJson(o), aktivitetJson(o), bevillingerJson(klassificer(datasaet), efterBevillinger(datasaet))])).toBe('string');
      expect(csv(dok, { ...STANDARDVISNING, csvFormat: 'da' }).length).toBeGreaterThan(0);
      expect(markdown(dok, STANDARDVISNING).length).toBeGreaterThan(0);
      expect((await terminal(dok, { ...STANDARDVISNING, stil: INGEN_STIL })).length).toBeGreaterThan(0);
      expect(foreslaa(o, { returnerMindreforbrug: true }).every((l) => l.beloeb.isFinite())).toBe(true);
    }), { seed: 4242, numRuns: 120 });
    } finally {
      writeFileSync(join(mappe, fil), original[fil]!);
    }
    expect(accepteret).toBeGreaterThan(0); // some mutations keep the data valid: the compute path is exercised too
  });

  it('a 101 MB file is refused with a clear message, without being read', async () => {
    const stor = mkdtempSync(join(tmpdir(), 'budgetopf-stor-'));
    cpSync(REFERENCE, stor, { recursive: true });
    writeFileSync(join(stor, 'budget.csv'), '');
    truncateSync(join(stor, 'budget.csv'), 101 * 1024 * 1024); // sparse: instant, no memory
    const { datasaet, fund } = await indlaesDatasaet(stor);
    expect(datasaet).toBeNull();
    expect(fund.filter((f) => f.alvor === 'fejl').map((f) => [f.kode, f.besked]))
      .toEqual([['fil_for_stor', 'Filen fylder 101 MB; grænsen er 100 MB']]);
  });

  it('random command lines never print a stack trace and exit 0, 1 or 2', () => {
    const ord = fc.constantFrom('afvigelser', 'aktivitet', 'rapport', 'bevillinger', 'valider', 'help', REFERENCE, 'findes/ikke', '--format', 'json', 'csv', 'pdf',
      '--enhed', 'kr', 'x', '--decimaler', '99', '-1', '--output', '', '-', '--afstem', '--pct', '--poster', '--foreslaa', '--strict', '--maks-fund', '0', '--maks-merforbrug', '1e309', '--lint', '--', '-x', '--merforbrug-positiv');
    fc.assert(fc.property(fc.array(ord, { maxLength: 6 }), (args) => {
      const r = koerCli(args);
      expect([0, 1, 2]).toContain(r.kode);
      expect(r.fejl).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(r.fejl).not.toContain('uventet fejl');
    }), { seed: 7, numRuns: 40 });
  });
});

// Issue 11: NUL bytes, broken links and Danish numbers in comma files, each at random.
describe('fuzz: reading trust', () => {
  const linjeVed = (bytes: Buffer, i: number) => bytes.subarray(0, i).toString('latin1').split('\n').length;
  const frisk = () => {
    const m = mkdtempSync(join(tmpdir(), 'budgetopf-fuzz-'));
    cpSync(REFERENCE, m, { recursive: true });
    return m;
  };

  it('a NUL at any offset of any dataset file refuses it, on the NUL\'s line', async () => {
    const m = frisk();
    await fc.assert(fc.asyncProperty(fc.constantFrom(...FILER), fc.nat(), async (fil, n) => {
      const o = original[fil]!;
      const i = n % (o.length + 1);
      writeFileSync(join(m, fil), Buffer.concat([o.subarray(0, i), Buffer.from([0]), o.subarray(i)]));
      try {
        const { datasaet, fund } = await indlaesDatasaet(m);
        expect(datasaet).toBeNull();
        const nul = fund.filter((f) => f.kode === 'binaer_fil');
        expect(nul.map((f) => [f.fil, f.linje])).toEqual([[join(m, fil), linjeVed(o, i)]]);
      } finally {
        writeFileSync(join(m, fil), o);
      }
    }), { seed: 11, numRuns: 30 });
  });

  it('a NUL at any offset of forbrug.csv stops the scan with binaer_fil on its line, any block size', async () => {
    const m = mkdtempSync(join(tmpdir(), 'budgetopf-fuzz-'));
    const konto = fc.constantFrom('6.10.01', '5.68.90', '"5.22"');
    const raekke = fc.tuple(konto, fc.integer({ min: 1, max: 28 }), fc.integer({ min: -99999, max: 99999 }))
      .map(([k, d, b]) => `${k};2025-03-${String(d).padStart(2, '0')};${b},00\n`);
    const blokke = fc.constantFrom(16, 64, 4096);
    const filer = fc.array(raekke, { maxLength: 60 });
    await fc.assert(fc.asyncProperty(filer, fc.nat(), blokke, async (raekker, n, blok) => {
      const bytes = Buffer.from(`konto;dato;beloeb\n${raekker.join('')}`);
      const i = n % (bytes.length + 1);
      const sti = join(m, 'forbrug.csv');
      writeFileSync(sti, Buffer.concat([bytes.subarray(0, i), Buffer.from([0]), bytes.subarray(i)]));
      const r = await summerPosteringer(sti, { blokstoerrelse: blok });
      expect(r.laest).toBe(false);
      expect(r.fund.map((f) => [f.kode, f.linje])).toEqual([['binaer_fil', linjeVed(bytes, i)]]);
    }), { seed: 12, numRuns: 80 });
  });

  const VALGFRI = ['helaarspersoner.csv', 'enhedspriser.csv', 'korrektioner.csv', 'bevillingsoensker.csv',
    'kontoplan.csv', 'maanedstal.csv', 'forbrug.csv'];
  it('any set of optional files as dangling or looping links: each is ulaeselig_fil, and no other error', async () => {
    await fc.assert(fc.asyncProperty(fc.subarray(VALGFRI, { minLength: 1 }), fc.boolean(), async (brudte, ring) => {
      const m = frisk();
      for (const fil of brudte) {
        rmSync(join(m, fil), { force: true });
        symlinkSync(ring ? fil : 'findes-ikke', join(m, fil));
      }
      const { datasaet, fund } = await indlaesDatasaet(m);
      expect(datasaet).toBeNull();
      const ulaeselige = fund.filter((f) => f.kode === 'ulaeselig_fil').map((f) => basename(f.fil));
      expect(ulaeselige.sort()).toEqual([...brudte].sort());
      expect(fund.filter((f) => f.alvor === 'fejl').every((f) => f.kode === 'ulaeselig_fil')).toBe(true);
      rmSync(m, { recursive: true });
    }), { seed: 13, numRuns: 20 });
  });

  it('a Danish number in a comma file is refused or read exactly, never as decimals; talformat decides', async () => {
    const m = frisk();
    const korr = original['korrektioner.csv']!.toString('utf8').replace(/;/g, ',');
    const dansk = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    const tal = fc.bigInt({ min: 1n, max: 10n ** 12n });
    const manifest = JSON.parse(original['opfoelgning.json']!.toString('utf8'));
    await fc.assert(fc.asyncProperty(tal, fc.boolean(), fc.boolean(), fc.boolean(), async (n, negativ, citat, da) => {
      const tekst = `${negativ ? '-' : ''}${dansk(n)}`;
      writeFileSync(join(m, 'korrektioner.csv'), korr.replace(',800000,', `,${citat ? `"${tekst}"` : tekst},`));
      writeFileSync(join(m, 'opfoelgning.json'), JSON.stringify({ ...manifest, ...(da ? { talformat: 'da' } : {}) }));
      const { datasaet, fund } = await indlaesDatasaet(m);
      const vaerdi = `${negativ ? '-' : ''}${n}`;
      if (datasaet) expect(datasaet.korrektioner[0]!.beloeb.toFixed()).toBe(vaerdi);
      else expect(fund.map((f) => `${basename(f.fil)}:${f.linje}:${f.kolonne}`)).toEqual(['korrektioner.csv:2:beloeb']);
      if (da) expect(datasaet).not.toBeNull();
      if (!da && tekst.includes('.')) expect(datasaet).toBeNull();
    }), { seed: 14, numRuns: 40 });
    writeFileSync(join(m, 'opfoelgning.json'), original['opfoelgning.json']!);
  });
});

describe('fuzz: prototype-named keys (issue 11)', () => {
  const KOLONNER: Record<string, number[]> = { // every key column of each file (0-based)
    'politikomraader.csv': [0, 2], 'budget.csv': [0, 1, 2], 'helaarspersoner.csv': [0], 'enhedspriser.csv': [0],
    'korrektioner.csv': [0, 1, 4], 'bevillingsoensker.csv': [0, 1, 3, 4, 5],
  };
  it.each(Object.keys(KOLONNER))('%s: a prototype name in any key cell gives findings or the same kind of result, never a placeholder', async (fil) => {
    const m = mkdtempSync(join(tmpdir(), 'budgetopf-fuzzproto-'));
    cpSync(REFERENCE, m, { recursive: true });
    const linjer = original[fil]!.toString('utf8').split('\n');
    const celle = fc.record({ linje: fc.integer({ min: 1, max: linjer.length - 2 }), kolonne: fc.constantFrom(...KOLONNER[fil]!), navn: fc.constantFrom(...PROTOTYPENAVNE) });
    await fc.assert(fc.asyncProperty(fc.array(celle, { minLength: 1, maxLength: 4 }), async (celler) => {
      const ny = linjer.map((l) => l.split(';'));
      for (const c of celler) ny[c.linje]![c.kolonne] = c.navn;
      writeFileSync(join(m, fil), ny.map((l) => l.join(';')).join('\n'));
      const { datasaet, fund } = await indlaesDatasaet(m);
      if (!datasaet) {
        expect(fund.some((f) => f.alvor === 'fejl')).toBe(true);
        return;
      }
      const o = beregn(datasaet);
      const tekst = JSON.stringify([afvigelserJson(o), aktivitetJson(o), bevillingerJson(klassificer(datasaet), efterBevillinger(datasaet))]);
      expect(tekst).not.toMatch(/undefined|\[object|function /);
      // every post is in exactly one politikområde's table and one udgiftsart: none vanishes from the totals
      expect(o.politikomraader.reduce((n, p) => n + p.poster.length, 0)).toBe(datasaet.poster.length);
      const korrigeret = datasaet.poster.reduce((s, p) => s.plus(p.korrigeret), new Decimal(0));
      expect(o.total.korrigeret.eq(korrigeret) && o.udgiftsarter.service.korrigeret.plus(o.udgiftsarter.overfoersel.korrigeret).eq(korrigeret)).toBe(true);
      const dok = rapportDokument(o, { ...STANDARDVISNING, poster: true });
      expect(markdown(dok, STANDARDVISNING)).not.toMatch(/undefined|\[object|function /);
    }), { seed: 11, numRuns: 40 });
  });
});
