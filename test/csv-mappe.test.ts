// `rapport --format csv -o mappe/`: one CSV file per table (what pandas and Excel read), named from the sheet
// names; the single-table commands and stdout keep their one stream.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, koerCli } from './helpers.js';

describe('rapport --format csv into a folder', () => {
  it('writes one file per table, each a plain rectangle with one header line', () => {
    const mappe = join(mkdtempSync(join(tmpdir(), 'budgetopf-csv-')), 'ud/');
    const r = koerCli(['rapport', REFERENCE, '--format', 'csv', '--output', mappe]);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).toBe('');
    expect(readdirSync(mappe).sort()).toEqual(['afvigelser.csv', 'aktivitet.csv', 'bevillingsoensker.csv', 'efter-bevillinger.csv', 'korrektioner.csv']);
    for (const f of readdirSync(mappe)) {
      const linjer = readFileSync(join(mappe, f), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(linjer.some((l) => l.startsWith('#')), f).toBe(false);
      // Every line has the header's number of fields (no field here holds a quoted ;).
      const felter = (l: string) => l.replace(/"[^"]*"/g, '').split(';').length;
      expect(new Set(linjer.map(felter)), f).toEqual(new Set([felter(linjer[0]!)]));
    }
    // The deviation table is exactly what `afvigelser --format csv` prints.
    expect(readFileSync(join(mappe, 'afvigelser.csv'), 'utf8')).toBe(koerCli(['afvigelser', REFERENCE, '--format', 'csv']).ud);
  });

  it('never writes over an input file: the dataset folder itself is refused (exit 2)', () => {
    const ds = mkdtempSync(join(tmpdir(), 'budgetopf-csv-ds-'));
    cpSync(REFERENCE, ds, { recursive: true });
    const foer = readFileSync(join(ds, 'korrektioner.csv'), 'utf8');
    const r = koerCli(['rapport', ds, '--format', 'csv', '--output', `${ds}/`]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('korrektioner.csv er en af inputfilerne og overskrives ikke');
    expect(readFileSync(join(ds, 'korrektioner.csv'), 'utf8')).toBe(foer);
    expect(existsSync(join(ds, 'afvigelser.csv'))).toBe(false); // nothing written before the refusal
  });

  it('keeps stdout and single-table commands as one stream', () => {
    expect(koerCli(['rapport', REFERENCE, '--format', 'csv']).ud).toContain('# Forventet resultat');
    const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-csv-')), 'a.csv');
    expect(koerCli(['afvigelser', REFERENCE, '--format', 'csv', '--output', fil]).kode).toBe(0);
    expect(existsSync(fil)).toBe(true);
  });
});
