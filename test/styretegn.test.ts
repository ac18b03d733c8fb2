// Issue 11 items 15 and 12: data text reaches a terminal or a CI log only with its control characters
// escaped (one place: render/synlig.ts), and a terminal cell is cut at a sane width.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { afkort, MAKS_CELLEBREDDE, synlig } from '../src/render/synlig.js';
import { koerCli, REFERENCE } from './helpers.js';

const ESC = '\u001b';
const kopi = () => {
  const m = mkdtempSync(join(tmpdir(), 'budgetopf-styretegn-'));
  cpSync(REFERENCE, m, { recursive: true });
  return m;
};
/** budget.csv with line 13's post name (2.2 Erhvervsservice) or vedtaget cell replaced (quoted, so any text fits). */
const medCelle = (m: string, kolonne: 1 | 3, tekst: string) => {
  const sti = join(m, 'budget.csv');
  const linjer = readFileSync(sti, 'utf8').split('\n');
  const celler = linjer[12]!.split(';');
  celler[kolonne] = `"${tekst.replace(/"/g, '""')}"`;
  linjer[12] = celler.join(';');
  writeFileSync(sti, linjer.join('\n'));
  return m;
};

describe('synlig', () => {
  it.each([
    ['a\nb', 'a\\nb'], ['a\r\nb', 'a\\r\\nb'], ['\t', '\\t'], [`${ESC}[31mrød`, '\\u001b[31mrød'], ['\u0000', '\\u0000'],
    ['\u007f\u0085\u009b', '\\u007f\\u0085\\u009b'], ['\u2028\u2029', '\\u2028\\u2029'], ['\u202e\u2066', '\\u202e\\u2066'],
    ['Forsørgelse, æøå – €', 'Forsørgelse, æøå – €'],
  ])('%j → %j', (ind, ud) => expect(synlig(ind)).toBe(ud));

  it('afkort cuts with … and never splits a surrogate pair', () => {
    expect(afkort('x'.repeat(MAKS_CELLEBREDDE))).toBe('x'.repeat(MAKS_CELLEBREDDE));
    expect(afkort('x'.repeat(MAKS_CELLEBREDDE + 1))).toBe(`${'x'.repeat(MAKS_CELLEBREDDE - 1)}…`);
    expect(afkort(`${'x'.repeat(MAKS_CELLEBREDDE - 2)}😀😀`)).toBe(`${'x'.repeat(MAKS_CELLEBREDDE - 2)}…`);
  });
});

describe('a value with a newline cannot run a GitHub Actions command', () => {
  const m = medCelle(kopi(), 3, '1\n::error file=README.md,line=1::pwned\n::add-mask::x');

  it.each(['tekst', 'github'])('valider --format %s: one line per finding, none of them the value\'s', (format) => {
    const r = koerCli(['valider', m, '--format', format]);
    expect(r.kode).toBe(1);
    const linjer = r.ud.trimEnd().split('\n');
    expect(linjer).toHaveLength(1);
    expect(linjer[0]).toContain('1\\n::error file=README.md');
    if (format === 'tekst') expect(linjer[0]).toMatch(/^\/tmp\/.*budget\.csv:13:vedtaget: fejl\[ugyldigt_tal\]: /);
    else expect(linjer[0]).toMatch(/^::error file=.*budget\.csv,line=13,(col=\d+,)?title=budgetopf ugyldigt_tal \(vedtaget\)::/);
  });

  it('the same finding on a report command\'s stderr is one line', () => {
    const r = koerCli(['afvigelser', m]);
    expect(r.kode).toBe(1);
    expect(r.fejl.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });
});

describe('ESC sequences in data never reach the terminal raw (NO_COLOR or not)', () => {
  const navn = `Erhverv${ESC}[2J${ESC}]0;titel\u0007\r\nservice`;
  const m = medCelle(kopi(), 1, navn);
  for (const fil of ['korrektioner.csv', 'bevillingsoensker.csv']) writeFileSync(join(m, fil), readFileSync(join(m, fil), 'utf8').split('\n')[0]!);
  writeFileSync(join(m, 'opfoelgning.json'), readFileSync(join(m, 'opfoelgning.json'), 'utf8').replace('"BO2"', '"BO2\\u001b[5m"'));

  it.each([['afvigelser', 'tabel'], ['rapport', 'tabel'], ['rapport', 'markdown'], ['afvigelser', 'markdown']])('%s --format %s', (kommando, format) => {
    const r = koerCli([kommando, m, '--format', format, '--poster']);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).not.toContain(ESC);
    expect(r.ud).not.toContain('\u0007');
    expect(r.ud).not.toContain('\r');
    // Markdown also escapes its metacharacters ([ ]) and writes a line break in data as a space.
    expect(r.ud).toContain(format === 'markdown'
      ? 'Erhverv\\u001b\\[2J\\u001b\\]0;titel\\u0007 service'
      : 'Erhverv\\u001b[2J\\u001b]0;titel\\u0007\\r\\nservice');
    expect(r.ud).toContain(format === 'markdown' ? 'BO2\\u001b\\[5m' : 'BO2\\u001b[5m');
  });

  it('CSV and JSON keep the text exactly (they quote and escape it themselves)', () => {
    expect(JSON.parse(koerCli(['afvigelser', m, '--format', 'json']).ud).politikomraader.find((p: { nr: string }) => p.nr === '2.2').poster[0].post).toBe(navn);
    expect(koerCli(['afvigelser', m, '--format', 'csv', '--poster']).ud).toContain(`"${navn}"`);
  });

  it('an error message quoting the command line is escaped on stderr', () => {
    const r = koerCli(['scenarie', m, '--hp', `Ukendt${ESC}[2J=+1`]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('Ukendt\\u001b[2J');
    expect(r.fejl).not.toContain(ESC);
  });
});

describe('huge cells on a terminal', () => {
  it('a 20 MB post name is cut at a sane width in the table, and stays whole in CSV', () => {
    const navn = `Stor${'x'.repeat(20 * 1024 * 1024)}slut`;
    const m = medCelle(kopi(), 1, navn);
    for (const fil of ['korrektioner.csv', 'bevillingsoensker.csv']) writeFileSync(join(m, fil), readFileSync(join(m, fil), 'utf8').split('\n')[0]!);
    const r = koerCli(['afvigelser', m, '--poster']);
    expect(r.kode, r.fejl.slice(0, 500)).toBe(0);
    expect(r.ud.length).toBeLessThan(100_000); // it printed 380 MB for a 10 MB name, and crashed at 20 MB
    const celle = /[^│]*Storx+…/.exec(r.ud)![0];
    expect(celle.length).toBeLessThanOrEqual(MAKS_CELLEBREDDE + 1);
    expect(r.ud).toContain('Tilskud til kulturinstitutioner');
    const fil = join(m, 'ud.csv'); // through a file: the spawn's pipe buffer holds 1 MB
    expect(koerCli(['afvigelser', m, '--poster', '--format', 'csv', '-o', fil]).kode).toBe(0);
    expect(readFileSync(fil, 'utf8')).toContain(`;${navn};`);
  }, 120_000);
});
