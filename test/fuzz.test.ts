// Hardening (issue 4): no input makes budgetopf throw. Each dataset file in turn is replaced by random
// bytes, CSV-like text, a truncated copy, or a copy with a cell replaced by a nasty token; loading must
// return findings (never throw), and an accepted dataset must compute and render in every format.
// Fixed seed: the same cases every run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { efterBevillinger, foreslaa, klassificer } from '../src/core/bevillinger.js';
import { beregn } from '../src/core/beregn.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { renderDokument as csv } from '../src/render/csv.js';
import { afvigelserJson, aktivitetJson, bevillingerJson } from '../src/render/json.js';
import { renderDokument as markdown } from '../src/render/markdown.js';
import { INGEN_STIL, renderDokument as terminal } from '../src/render/terminal.js';
import { rapportDokument } from '../src/report/rapport.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { REFERENCE } from './helpers.js';

const FILER = ['opfoelgning.json', 'politikomraader.csv', 'budget.csv', 'helaarspersoner.csv', 'enhedspriser.csv', 'korrektioner.csv', 'bevillingsoensker.csv'];
const GIFTIGT = ['1e309', 'NaN', '--0', '-0', '9'.repeat(40), '0,000000000000000000001', '"', '""', '"a;b', ';', '\t', '\r', '1.2.3', '1,234.5', '∞', '\u0000', '', ' ', 'kassen', '2.1', '=SUM(A1)', '-1', '0'];

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
    expect(fund.map((f) => [f.kode, f.besked])).toEqual([['fil_for_stor', 'Filen fylder 101 MB; grænsen er 100 MB']]);
  });

  it('random command lines never print a stack trace and exit 0, 1 or 2', () => {
    const ord = fc.constantFrom('afvigelser', 'aktivitet', 'rapport', 'bevillinger', 'valider', 'help', REFERENCE, 'findes/ikke', '--format', 'json', 'csv', 'pdf',
      '--enhed', 'kr', 'x', '--decimaler', '99', '-1', '--output', '', '-', '--afstem', '--pct', '--poster', '--foreslaa', '--strict', '--maks-fund', '0', '--maks-merforbrug', '1e309', '--lint', '--', '-x', '--merforbrug-positiv');
    fc.assert(fc.property(fc.array(ord, { maxLength: 6 }), (args) => {
      const r = spawnSync(process.execPath, ['bin/budgetopf.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect([0, 1, 2]).toContain(r.status);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(r.stderr).not.toContain('uventet fejl');
    }), { seed: 7, numRuns: 40 });
  });
});
