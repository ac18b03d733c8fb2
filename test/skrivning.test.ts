// What budgetopf writes: CSV that is safe in Excel, and files written without ever losing the old one.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import { neutraliserFormel, renderTabel } from '../src/render/csv.js';
import { skrivAtomisk, SkriveFejl } from '../src/io/write.js';
import { talcelle } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';

describe('CSV for Excel', () => {
  it.each([['=SUM(A1)'], ['+45 1234'], ['-nedskrivning'], ['@hjem'], ['\tfane'], ['\rlinje']])('neutralises the text cell %j', (tekst) => {
    expect(neutraliserFormel(tekst)).toBe(`'${tekst}`);
  });

  it('leaves ordinary text and every number alone, negative amounts included', () => {
    const csv = renderTabel({
      kolonner: [{ noegle: 'navn', titel: 'Navn', csv: 'navn' }, { noegle: 'beloeb', titel: 'Beløb', csv: 'beloeb' }],
      raekker: [
        { art: 'data', celler: { navn: '=HYPERLINK("x")', beloeb: talcelle(new Decimal('-2112000'), 'beloeb') } },
        { art: 'data', celler: { navn: 'Sygedagpenge', beloeb: talcelle(new Decimal('155084347.5'), 'beloeb') } },
      ],
    }, { ...STANDARDVISNING, enhed: 'kr', decimaler: 2, csvFormat: 'da' });
    expect(csv).toBe('\uFEFFnavn;beloeb\r\n"\'=HYPERLINK(""x"")";-2112000,00\r\nSygedagpenge;155084347,50\r\n');
  });
});

describe('skrivAtomisk', () => {
  it('replaces a file whole', () => {
    const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-skriv-')), 'ud.csv');
    writeFileSync(fil, 'gammelt');
    skrivAtomisk(fil, 'nyt', []);
    expect(readFileSync(fil, 'utf8')).toBe('nyt');
  });

  it('a failed write leaves the old file intact and no temporary file behind', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const fil = join(mappe, 'ud.csv');
    writeFileSync(fil, 'gammelt');
    // the temporary file's name is taken by another file: the write fails before the rename
    const tmp = join(mappe, `.ud.csv.${process.pid}.tmp`);
    writeFileSync(tmp, 'optaget');
    expect(() => skrivAtomisk(fil, 'nyt', [])).toThrow(SkriveFejl);
    expect(readFileSync(fil, 'utf8')).toBe('gammelt');
    expect(readFileSync(tmp, 'utf8')).toBe('optaget'); // not ours: left alone
  });

  it('refuses an existing input file, but may create a dataset file that is not there yet', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const input = join(mappe, 'budget.csv');
    writeFileSync(input, 'input');
    expect(() => skrivAtomisk(input, 'nyt', [input])).toThrow('er en af inputfilerne og overskrives ikke');
    expect(readFileSync(input, 'utf8')).toBe('input');
    const ny = join(mappe, 'bevillingsoensker.csv');
    skrivAtomisk(ny, 'forslag', [input, ny]);
    expect(existsSync(ny)).toBe(true);
  });
});
