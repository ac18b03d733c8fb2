// The postings scanner (issue 6): its fast path and general path must give exactly what csv-parse over
// the whole decoded file gives (the reference path), on generated and fuzzed files; sums in whole øre.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dekod } from '../src/io/csv.js';
import { summerPosteringer, summerPosteringerTekst, type Posteringer, type PosteringsValg } from '../src/io/posteringer.js';

const mappe = mkdtempSync(join(tmpdir(), 'posteringer-'));
let n = 0;
const fil = (bytes: Uint8Array | string) => {
  const sti = join(mappe, `f${n++}.csv`);
  writeFileSync(sti, bytes);
  return sti;
};

/** A comparable picture of a result: sums per account and month in øre, the cut-off sums, the findings. */
const billede = (p: Posteringer) => ({
  laest: p.laest,
  antal: p.laest ? p.antal : null,
  konti: p.laest ? Object.fromEntries([...p.konti].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, {
    maaneder: Object.fromEntries([...s.maaneder].sort(([a], [b]) => a - b).map(([m, o]) => [m, String(o.oere)])),
    tilSkaeringsdag: String(s.tilSkaeringsdag.oere),
  }])) : null,
  // A file that stops at a broken quote may hide non-UTF-8 bytes after it: the reference decodes the whole
  // file first, the scanner never gets there. Only the Windows-1252 warning can differ, so it is left out.
  fund: p.fund.filter((f) => p.laest || f.kode !== 'windows_1252').map((f) => `${f.linje ?? '-'} ${f.kode} ${f.kolonne ?? ''}`),
});

async function reference(sti: string, valg: PosteringsValg): Promise<Posteringer> {
  const fund: never[] = [];
  const tekst = await dekod(readFileSync(sti), sti, fund);
  const r = summerPosteringerTekst(tekst!, sti, valg);
  return { ...r, fund: [...fund, ...r.fund].sort((a, b) => (a.linje ?? 0) - (b.linje ?? 0)) };
}

const skaering = { aar: 2025, maaned: 6, dag: 15 };

describe('summerPosteringer', () => {
  it('sums per account and month in øre, the cut-off month up to its day apart', async () => {
    const sti = fil('konto;dato;beloeb\n5.68.90.01;2025-06-15;1.234,56\n5.68.90.01;2025-06-16;100,00\n5.68.90.01;2025-05-31;-0,06\n5.22.01;2024-06-01;7\n');
    const r = await summerPosteringer(sti, { skaeringsdato: skaering });
    expect(billede(r)).toEqual({
      laest: true,
      antal: 4,
      konti: {
        '5.22.01': { maaneder: { [2024 * 12 + 5]: '700' }, tilSkaeringsdag: '0' },
        '5.68.90.01': { maaneder: { [2025 * 12 + 4]: '-6', [2025 * 12 + 5]: '133456' }, tilSkaeringsdag: '123456' },
      },
      fund: [],
    });
  });

  it('reports every line it cannot take with file and line, and leaves it out of the sums', async () => {
    const sti = fil('konto;dato;beloeb\n5.1;2025-01-01;1,005\n5.1;2025-02-30;1\n;2025-01-01;1\n5.1;2025-01-01\n5.1;2025-01-01;1.00\n5.1;2025-01-01;2,50\n');
    const r = await summerPosteringer(sti);
    expect(r.fund.map((f) => [f.linje, f.kode])).toEqual([
      [2, 'for_mange_decimaler'], [3, 'ugyldig_dato'], [4, 'mangler_vaerdi'], [5, 'forkert_antal_felter'], [6, 'ugyldigt_tal'],
    ]);
    expect(r.antal).toBe(1);
    expect(String(r.konti.get('5.1')!.maaneder.get(2025 * 12)!.oere)).toBe('250');
  });

  it('keeps exact øre beyond 2^53 (a national ledger)', async () => {
    const linje = '5.1;2025-01-01;99.999.999.999,99\n';
    const sti = fil(`konto;dato;beloeb\n${linje.repeat(1000)}`);
    const r = await summerPosteringer(sti);
    expect(String(r.konti.get('5.1')!.maaneder.get(2025 * 12)!.oere)).toBe(String(9_999_999_999_999n * 1000n));
  });

  it('many accounts (the account table grows) sum as the reference does', async () => {
    const linjer = Array.from({ length: 20_000 }, (_, i) => `5.${i % 5000}.${i % 7};2025-0${1 + (i % 6)}-1${i % 10};${i},${String(i % 100).padStart(2, '0')}`);
    const sti = fil(`konto;dato;beloeb\n${linjer.join('\n')}\n`);
    const r = await summerPosteringer(sti, { skaeringsdato: skaering });
    expect(r.konti.size).toBe(new Set(linjer.map((l) => l.split(';')[0])).size);
    expect(r.konti.size).toBeGreaterThan(4000);
    expect(billede(r)).toEqual(billede(await reference(sti, { skaeringsdato: skaering })));
  });

  it('dense sums past 2^52 stay exact when they meet the general path\'s (901 × 99.999.999.999,99)', async () => {
    const linje = '5.1;2025-01-01;99.999.999.999,99\n';
    const sti = fil(`konto;dato;beloeb\n${'"5.1";2025-01-01;99.999.999.999,99\n'.repeat(450)}${linje.repeat(451)}`);
    expect(String((await summerPosteringer(sti)).konti.get('5.1')!.maaneder.get(2025 * 12)!.oere)).toBe(String(9_999_999_999_999n * 901n));
  });

  it('an unclosed quote stops the reading with its line', async () => {
    const sti = fil('konto;dato;beloeb\n5.1;2025-01-01;1\n"5.2;2025-01-01;2\n5.3;2025-01-01;3\n');
    const r = await summerPosteringer(sti);
    expect(r.laest).toBe(false);
    expect(r.fund.map((f) => [f.linje, f.kode])).toEqual([[3, 'ugyldig_csv']]);
  });
});

// Fuzzing: files built from plain lines and every kind of line the fast path must hand over.
const konto = fc.constantFrom('5.68.90.01', '5.68.90.12', '5.22.01', '1234', 'Løn æøå', ' 5.1 ', "'=5.1", 'a"b');
const dato = fc.oneof(
  fc.record({ a: fc.integer({ min: 2023, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
    .map(({ a, m, d }) => `${a}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('15-06-2025', '15.06.2025', '2025-6-1', '', 'i går', '2024-02-29', '2025-02-29'),
);
const beloeb = fc.oneof(
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 99_999_999_999n }), fc.integer({ min: 0, max: 99 }))
    .map(([neg, kr, oere]) => `${neg ? '-' : ''}${kr.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(oere).padStart(2, '0')}`),
  fc.bigInt({ min: -999_999n, max: 999_999n }).map(String),
  fc.constantFrom('1,5', '+3', ' 7,25 ', '1.23', '12.34,5', '1,234', '0', '-0,00', '100.000.000.000,00', '1e3', '', '12,50'),
);
const felt = (f: string) => fc.constantFrom(f, `"${f.replaceAll('"', '""')}"`);
const linje = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(konto, dato, beloeb).map(([k, d, b]) => [k, d, b]) },
  { weight: 1, arbitrary: fc.tuple(konto, dato, beloeb).chain(([k, d, b]) => fc.tuple(felt(k), felt(d), felt(b))) },
  { weight: 1, arbitrary: fc.constantFrom(['5.1', '2025-01-01'], ['5.1', '2025-01-01', '1', 'x'], [''], ['', '', ''], ['"5.1\nflere linjer"', '2025-03-01', '1,00'], ['   ']) },
);
const fuzzFil = fc.record({
  linjer: fc.array(linje, { maxLength: 40 }),
  afgraenser: fc.constantFrom(';', '\t'),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  win1252: fc.boolean(),
  slutNL: fc.boolean(),
  blok: fc.constantFrom(16, 64, 1 << 20),
  // The header's column order, with or without an extra text column (index 3 → the tekst cell).
  orden: fc.constantFrom([0, 1, 2], [2, 0, 1], [3, 0, 1, 2], [0, 3, 1, 2]),
  tekst: fc.constantFrom('Husleje', 'Løn, maj', 'x;y', ''),
  hovedCiteret: fc.boolean(),
});

describe('fast path = csv-parse over the whole file', () => {
  it('on fuzzed files (quotes, BOM, CRLF, Windows-1252, ragged rows, odd numbers and dates, small blocks)', async () => {
    await fc.assert(fc.asyncProperty(fuzzFil, async (f) => {
      const nl = f.crlf ? '\r\n' : '\n';
      const ordn = (l: readonly string[]) => (l.length === 3 ? f.orden.map((i) => (i === 3 ? f.tekst : l[i]!)) : l);
      const hoved = ordn(['konto', 'dato', 'beloeb']).map((k) => (k === f.tekst ? 'tekst' : k)).map((k) => (f.hovedCiteret ? `"${k}"` : k));
      const tekst = [hoved, ...f.linjer.map(ordn)].map((l) => l.join(f.afgraenser)).join(nl) + (f.slutNL ? nl : '');
      const bytes = f.win1252 ? iconv.encode(tekst, 'win1252') : Buffer.concat([f.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(tekst)]);
      const sti = fil(bytes);
      const valg = { skaeringsdato: skaering, blokstoerrelse: f.blok };
      expect(billede(await summerPosteringer(sti, valg))).toEqual(billede(await reference(sti, valg)));
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 400) });
  });
});
