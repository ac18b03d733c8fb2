// What budgetopf writes: CSV that is safe in Excel, and files written without ever losing the old one.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import { neutraliserFormel, renderTabel } from '../src/render/csv.js';
import { skrivAtomisk, skrivefejlTekst } from '../src/io/write.js';
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

  it('a leftover temporary file of a killed run (any name of the old scheme) does not block the write', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const fil = join(mappe, 'ud.csv');
    writeFileSync(fil, 'gammelt');
    for (const pid of [process.pid, 1]) writeFileSync(join(mappe, `.ud.csv.${pid}.tmp`), 'efterladt');
    skrivAtomisk(fil, 'nyt', []);
    expect(readFileSync(fil, 'utf8')).toBe('nyt');
    expect(readdirSync(mappe).sort()).toEqual(['.ud.csv.1.tmp', `.ud.csv.${process.pid}.tmp`, 'ud.csv'].sort()); // not ours: left alone, none of ours left
  });

  it('writes a 249-byte file name (the temporary name is short) and leaves nothing else', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const navn = `${'æ'.repeat(122)}1.csv`; // 2 bytes per æ: 244 + 5 = 249 bytes (the limit is 255)
    expect(Buffer.byteLength(navn)).toBe(249);
    const fil = join(mappe, navn);
    skrivAtomisk(fil, 'nyt', []);
    expect(readFileSync(fil, 'utf8')).toBe('nyt');
    expect(readdirSync(mappe)).toHaveLength(1);
    skrivAtomisk(fil, 'nyere', []); // and replaces it
    expect(readFileSync(fil, 'utf8')).toBe('nyere');
  });

  it('keeps the mode of the file it replaces, and refuses a read-only file unless forced', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const fil = join(mappe, 'ud.csv');
    writeFileSync(fil, 'gammelt');
    chmodSync(fil, 0o640);
    skrivAtomisk(fil, 'nyt', []);
    expect(statSync(fil).mode & 0o777).toBe(0o640);
    chmodSync(fil, 0o444);
    expect(() => skrivAtomisk(fil, 'nyere', [])).toThrow(`${fil} er skrivebeskyttet og erstattes ikke; brug --tving`);
    expect(readFileSync(fil, 'utf8')).toBe('nyt');
    skrivAtomisk(fil, 'nyere', [], { tving: true });
    expect(readFileSync(fil, 'utf8')).toBe('nyere');
    expect(statSync(fil).mode & 0o777).toBe(0o444);
    expect(readdirSync(mappe)).toEqual(['ud.csv']);
  });

  it('writes into a device or a FIFO directly and never replaces it', () => {
    skrivAtomisk('/dev/null', 'til ingenting', []);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    const fifo = join(mappe, 'roer');
    execFileSync('mkfifo', [fifo]);
    const laeser = spawn('cat', [fifo]);
    let laest = '';
    laeser.stdout.on('data', (d) => (laest += d));
    const faerdig = new Promise((ok) => laeser.on('close', ok));
    skrivAtomisk(fifo, 'gennem røret', []);
    return faerdig.then(() => {
      expect(laest).toBe('gennem røret');
      expect(statSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(mappe)).toEqual(['roer']);
    });
  });

  it('a write to /dev/full fails with "disken er fuld" in Danish', () => {
    expect(() => skrivAtomisk('/dev/full', 'x', [])).toThrow('Kunne ikke skrive /dev/full: disken er fuld');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('translates every errno into Danish, an unknown one too', () => {
    for (const kode of ['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENAMETOOLONG', 'ELOOP', 'EEXIST', 'EIO', 'EDQUOT', 'EPIPE']) {
      expect(skrivefejlTekst(Object.assign(new Error('x'), { code: kode }))).toMatch(/^[a-zæøå ,;]+$/);
    }
    expect(skrivefejlTekst(Object.assign(new Error('some English'), { code: 'EWHATEVER' }))).toBe('uventet fejl fra styresystemet (EWHATEVER)');
    expect(skrivefejlTekst(new Error('some English'))).toBe('uventet fejl ved skrivningen');
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-skriv-'));
    expect(() => skrivAtomisk(join(mappe, 'findes', 'ikke.csv'), 'x', [])).toThrow(/: mappen findes ikke$/);
    expect(() => skrivAtomisk(join(mappe, 'x'.repeat(300)), 'x', [])).toThrow(/: filnavnet er for langt$/);
    expect(() => skrivAtomisk(mappe, 'x', [])).toThrow(/: stien er en mappe$/);
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
