// The parallel postings reader (issue 17): the file cut into parts at random line starts, each part summed
// alone and the parts merged, must equal one pass over the whole file, for every cut: inside quoted
// records (the merge refuses and one pass is read), around broken rows, past the findings cap. The worker
// threads themselves are tried end to end through the built CLI.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { flet, snitpunkter, summerDel } from '../src/io/posteringer-parallel.js';
import { summerPosteringer, type Posteringer, type PosteringsValg } from '../src/io/posteringer.js';
import { REFERENCE } from './helpers.js';

const mappe = mkdtempSync(join(tmpdir(), 'parallel-'));
let n = 0;
const fil = (bytes: Uint8Array | string) => {
  const sti = join(mappe, `f${n++}.csv`);
  writeFileSync(sti, bytes);
  return sti;
};

const billede = (p: Posteringer) => ({
  laest: p.laest,
  antal: p.laest ? p.antal : null,
  konti: Object.fromEntries([...p.konti].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, {
    maaneder: Object.fromEntries([...s.maaneder].filter(([, o]) => o.oere !== 0n).sort(([a], [b]) => a - b)
      .map(([m, o]) => [m, String(o.oere)])),
    tilSkaeringsdag: String(s.tilSkaeringsdag.oere),
  }])),
  fund: p.fund.map((f) => `${f.linje ?? '-'} ${f.kode} ${f.kolonne ?? ''} ${f.besked}`),
});

/** The file in parts cut at `snit` (byte offsets, moved to the next line start), merged; null if the merge refuses. */
async function iDele(sti: string, bytes: Buffer, valg: PosteringsValg, snit: number[]) {
  const starter = [...new Set(snit.map((s) => { const i = bytes.indexOf(10, s); return i < 0 ? -1 : i + 1; }))]
    .filter((s) => s > 0 && s < bytes.length).sort((a, b) => a - b);
  const graenser = [0, ...starter].map((fra, i, a) => [fra, a[i + 1] ?? bytes.length] as const);
  const dele = [];
  for (const [fra, til] of graenser) dele.push(await summerDel(sti, valg, fra, til));
  return flet(dele, sti);
}

const konto = fc.constantFrom('5.68.90.01', '5.22.01', '1234', 'Løn æøå', ' 5.1 ');
const dato = fc.oneof(
  fc.record({
    a: fc.integer({ min: 2024, max: 2025 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
  })
    .map(({ a, m, d }) => `${a}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('15-06-2025', '2025-02-30', 'i går'),
);
const beloeb = fc.oneof(
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 99_999_999_999n }), fc.integer({ min: 0, max: 99 }))
    .map(([neg, kr, oere]) => {
      const tusinder = kr.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      return `${neg ? '-' : ''}${tusinder},${String(oere).padStart(2, '0')}`;
    }),
  fc.constantFrom('1,5', '1.23', '', '12,505'),
);
const linje = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(konto, dato, beloeb).map((l) => l.join(';')) },
  { weight: 1, arbitrary: fc.tuple(konto, dato, beloeb).map(([k, d, b]) => `"${k}";"${d}";"${b}"`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '5.1;2025-01-01', '5.1;2025-01-01;1;x', '', '"5.1\nflere\nlinjer";2025-03-01;1,00', '"5.1;2025-01-01;1,00',
    ),
  },
);
const filArb = fc.record({
  linjer: fc.array(linje, { maxLength: 60 }),
  crlf: fc.boolean(),
  win1252: fc.boolean(),
  snit: fc.array(fc.nat(4000), { minLength: 1, maxLength: 3 }),
  blok: fc.constantFrom(16, 64, 1 << 20),
  // Headers with findings of their own (Excel's empty trailing columns, an unknown column): each part reads
  // the header, the merged result must name them once.
  hoved: fc.constantFrom('konto;dato;beloeb', 'konto;dato;beloeb;;', 'konto;dato;beloeb;ekstra'),
});

describe('parts merged = one pass', () => {
  it('at random cuts over fuzzed files (fixed seed)', async () => {
    let flettet = 0;
    await fc.assert(fc.asyncProperty(filArb, async (f) => {
      const nl = f.crlf ? '\r\n' : '\n';
      const tekst = [f.hoved, ...f.linjer].join(nl) + nl;
      const bytes = f.win1252 ? iconv.encode(tekst, 'win1252') : Buffer.from(tekst);
      const sti = fil(bytes);
      const valg = { skaeringsdato: { aar: 2025, maaned: 6, dag: 15 }, blokstoerrelse: f.blok };
      const en = await summerPosteringer(sti, valg);
      const snit = f.snit.map((s) => Math.floor((s / 4000) * bytes.length));
      const delt = await iDele(sti, bytes, valg, snit);
      if (delt) flettet++;
      expect(billede(delt ?? en)).toEqual(billede(en));
    }), { seed: 1717, numRuns: Number(process.env.FUZZ_RUNS ?? 400) });
    expect(flettet).toBeGreaterThan(200); // most cuts are record boundaries: the merge is what is tested
  });

  it('a cut inside a quoted record is refused (one pass then reads the file)', async () => {
    const tekst = 'konto;dato;beloeb\n5.1;2025-01-01;1,00\n"5.2\nmidt i";2025-01-02;2,00\n5.3;2025-01-03;3,00\n';
    const bytes = Buffer.from(tekst);
    const sti = fil(bytes);
    // A cut moves to the next line start: from within line 2 that is the quoted record's start (fine);
    // from within its first line, the middle of the record (refused).
    expect(await iDele(sti, bytes, {}, [tekst.indexOf('5.1')])).not.toBeNull();
    expect(await iDele(sti, bytes, {}, [tekst.indexOf('"5.2')])).toBeNull();
  });

  it('findings past the cap are counted across parts, with their file lines', async () => {
    const linjer = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '5.1;2025-01-01;1,00' : '5.1;i går;1,00'));
    const tekst = ['konto;dato;beloeb', ...linjer].join('\n') + '\n';
    const bytes = Buffer.from(tekst);
    const sti = fil(bytes);
    const delt = (await iDele(sti, bytes, {}, [bytes.length / 3, (2 * bytes.length) / 3]))!;
    expect(delt.fund).toHaveLength(1001); // 1.500 bad lines: the first 1.000, then "og 500 fejl mere"
    expect(delt.fund.at(-1)!.besked).toContain('og 500 fejl mere');
    expect(billede(delt)).toEqual(billede(await summerPosteringer(sti, {})));
    expect(delt.fund[0]!.linje).toBe(2);
    expect(delt.fund[999]!.linje).toBe(2000);
  });

  it('cuts fall at line starts near each n-th of the file', () => {
    const b = Buffer.from('ab\ncd\nef\ngh\n');
    expect(snitpunkter((fra, l) => b.subarray(fra, fra + l), b.length, 2)).toEqual([0, 9]);
    expect(snitpunkter((fra, l) => b.subarray(fra, fra + l), b.length, 4)).toEqual([0, 6, 9]);
  });
});

describe('the worker threads, end to end (built CLI)', () => {
  it('forbrug with 2 and 3 threads prints exactly what one thread prints, findings included', () => {
    const ds = join(mappe, 'ds');
    cpSync(REFERENCE, ds, { recursive: true });
    writeFileSync(join(ds, 'kontoplan.csv'), 'konto;politikomraade;post\n5.1;2.2;Erhvervsservice\n');
    const raekker = Array.from({ length: 5000 }, (_, i) =>
      `5.1.${i % 37};2025-0${(i % 6) + 1}-1${i % 10};${i % 7 ? '' : '-'}${i},${String(i % 100).padStart(2, '0')}`);
    const args = ['bin/budgetopf.js', 'forbrug', ds, '--pr', '2025-06-30', '--format', 'json'];
    const koer = (traade: string) => spawnSync(process.execPath, args, {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', BUDGETOPF_TRAADE: traade },
    });
    const sammenlign = () => {
      const en = koer('1');
      for (const t of ['2', '3']) {
        const r = koer(t);
        expect(r.stdout).toBe(en.stdout);
        expect(r.stderr).toBe(en.stderr);
        expect(r.status).toBe(en.status);
      }
      return en;
    };
    writeFileSync(join(ds, 'forbrug.csv'), ['konto;dato;beloeb', ...raekker, ''].join('\n'));
    const ok = sammenlign();
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toBeTruthy();
    // A posting with a broken date in the second half: its finding names the same line in every run.
    raekker[3500] = '5.1;forkert;1,00';
    writeFileSync(join(ds, 'forbrug.csv'), ['konto;dato;beloeb', ...raekker, ''].join('\n'));
    const fejl = sammenlign();
    expect(fejl.status).toBe(1);
    expect(fejl.stderr).toContain('forbrug.csv:3502:dato');
  });
});
