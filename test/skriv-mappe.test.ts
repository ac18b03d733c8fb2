// The one atomic folder writer (samle and videre) and the one budget.csv writer: what they leave on disk.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import type { Budgetpost } from '../src/core/model.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { datasaetFiler, skrivMappeAtomisk, skrivMappeAtomiskSync } from '../src/io/skriv-mappe.js';
import { SkriveFejl } from '../src/io/write.js';
import { budgetCsv } from '../src/render/budget-csv.js';
import { REFERENCE } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'bo-skrivmappe-'));
const filer = () => new Map([['a.csv', 'a;b\r\n'], ['b.json', '{}\n']]);
/** A folder's entries, sorted (a temporary folder left behind would show here). */
const indhold = (d: string) => readdirSync(d).sort();

describe('skrivMappeAtomisk', () => {
  it('a leftover temporary folder of a killed run (the old pid-style name, this pid too) does not block', async () => {
    const d = tmp();
    const gamle = [process.pid, 1, 99999].map((pid) => `.bo3.${pid}.tmp`);
    for (const g of gamle) mkdirSync(join(d, g));
    await skrivMappeAtomisk(join(d, 'bo3'), filer());
    skrivMappeAtomiskSync(join(d, 'bo4'), filer());
    expect(indhold(d)).toEqual([...gamle, 'bo3', 'bo4'].sort());
    expect(readFileSync(join(d, 'bo3', 'a.csv'), 'utf8')).toBe('a;b\r\n');
    expect(indhold(join(d, 'bo4'))).toEqual(['a.csv', 'b.json']);
  });

  it('writes a 249-byte folder name (the temporary name is short), with and without a source folder', async () => {
    const d = tmp();
    const [lang, lang2] = ['a'.repeat(249), 'b'.repeat(249)];
    await skrivMappeAtomisk(join(d, lang), filer());
    mkdirSync(join(d, 'kilde'));
    writeFileSync(join(d, 'kilde', 'noter.txt'), 'kopieres');
    writeFileSync(join(d, 'kilde', 'a.csv'), 'erstattes');
    skrivMappeAtomiskSync(join(d, lang2), filer(), { fra: join(d, 'kilde') });
    expect(indhold(d)).toEqual([lang, lang2, 'kilde']);
    expect(indhold(join(d, lang2))).toEqual(['a.csv', 'b.json', 'noter.txt']);
    expect(readFileSync(join(d, lang2, 'a.csv'), 'utf8')).toBe('a;b\r\n');
    expect(readFileSync(join(d, lang2, 'noter.txt'), 'utf8')).toBe('kopieres');
  });

  it('a check that throws its own verdict: that error passes through, nothing is left', async () => {
    const d = tmp();
    const dom = new Error('Den samlede mappe har 2 fejl');
    let set: string[] = [];
    await expect(skrivMappeAtomisk(join(d, 'ud'), filer(), async (m) => {
      set = indhold(m);
      throw dom;
    })).rejects.toBe(dom);
    expect(set).toEqual(['a.csv', 'b.json']); // the check saw the finished folder
    expect(indhold(d)).toEqual([]);
  });

  it('a check that fails with an errno: a Danish message, nothing is left', async () => {
    const d = tmp();
    const p = skrivMappeAtomisk(join(d, 'ud'), filer(), async (m) => void readFileSync(join(m, 'mangler.csv')));
    await expect(p).rejects.toThrow(new SkriveFejl(`Kunne ikke skrive ${join(d, 'ud')}: mappen findes ikke`));
    expect(indhold(d)).toEqual([]);
  });

  it.each([
    ['a file in a folder that does not exist', new Map([['x/y.csv', '1']]), 'mappen findes ikke'],
    ['a file name that is too long', new Map([['c'.repeat(300), '1']]), 'filnavnet er for langt'],
  ])('a file that cannot be written (%s): a Danish message, nothing is left', (_navn, f, grund) => {
    const d = tmp();
    expect(() => skrivMappeAtomiskSync(join(d, 'ud'), f)).toThrow(
      new SkriveFejl(`Kunne ikke skrive ${join(d, 'ud')}: ${grund}`),
    );
    expect(indhold(d)).toEqual([]);
  });

  it('a source folder that cannot be read and a parent that is a file: Danish, nothing is left', async () => {
    const d = tmp();
    expect(() => skrivMappeAtomiskSync(join(d, 'ud'), filer(), { fra: join(d, 'findes-ikke') })).toThrow(
      `Kunne ikke skrive ${join(d, 'ud')}: mappen findes ikke`,
    );
    writeFileSync(join(d, 'fil'), 'x');
    await expect(skrivMappeAtomisk(join(d, 'fil', 'ud'), filer())).rejects.toThrow(
      `Kunne ikke skrive ${join(d, 'fil', 'ud')}: en del af stien er ikke en mappe`,
    );
    expect(indhold(d)).toEqual(['fil']);
  });

  it('refuses a target that is not an empty folder, and one inside the source; an empty folder is filled', async () => {
    const d = tmp();
    mkdirSync(join(d, 'fuld'));
    writeFileSync(join(d, 'fuld', 'behold.txt'), 'min');
    writeFileSync(join(d, 'fil.txt'), 'min');
    for (const til of ['fuld', 'fil.txt']) {
      await expect(skrivMappeAtomisk(join(d, til), filer())).rejects.toThrow('findes allerede og er ikke en tom mappe');
    }
    expect(() => skrivMappeAtomiskSync(join(d, 'fuld', 'bo3'), filer(), { fra: join(d, 'fuld') })).toThrow(
      `${join(d, 'fuld', 'bo3')} ligger i ${join(d, 'fuld')}; vælg en mappe uden for datasættet`,
    );
    expect(() => skrivMappeAtomiskSync(join(d, 'fuld'), filer(), { fra: join(d, 'fuld') })).toThrow('ligger i');
    expect(indhold(join(d, 'fuld'))).toEqual(['behold.txt']);
    expect(readFileSync(join(d, 'fil.txt'), 'utf8')).toBe('min');
    mkdirSync(join(d, 'tom'));
    await skrivMappeAtomisk(join(d, 'tom'), filer());
    expect(indhold(join(d, 'tom'))).toEqual(['a.csv', 'b.json']);
    expect(indhold(d)).toEqual(['fil.txt', 'fuld', 'tom']);
  });
});

describe('numbers written back (skrivTal: exact, never an exponent)', () => {
  const post = (v: string): Budgetpost => ({
    politikomraade: '=1', post: 'P', udgiftsart: 'service', vedtaget: new Decimal(v), korrigeret: new Decimal('-0.5'),
    forventet: new Decimal('1e21'), forventetForrige: null, overfoeres: new Decimal(v),
    kilde: { fil: 'budget.csv', linje: 2 },
  });

  it('budget.csv: 1e-8 kr, 1e21 kr and the overfoeres column, Danish and English', () => {
    expect(budgetCsv([post('1e-8')], 'kr', 'da', true, true)).toBe(
      '\uFEFFpolitikomraade;post;udgiftsart;vedtaget;korrigeret;forventet;forventet_forrige;overfoeres\r\n'
        + "'=1;P;service;0,00000001;-0,5;1000000000000000000000;;0,00000001\r\n",
    );
    expect(budgetCsv([post('1e-8')], 't.kr', 'en', false)).toBe(
      'politikomraade,post,udgiftsart,vedtaget,korrigeret,forventet\r\n'
        + "'=1,P,service,0.00000000001,-0.0005,1000000000000000000\r\n",
    );
  });

  it('samle\'s files: a tiny amount in budget.csv (overfoeres too) and korrektioner.csv has no exponent', async () => {
    const { datasaet } = await indlaesDatasaet(REFERENCE);
    const ds = { ...datasaet!, harOverfoeres: true };
    const lille = new Decimal('1e-8');
    ds.poster = ds.poster.map((p, i) => (i === 0 ? { ...p, forventet: lille, overfoeres: lille.neg() } : p));
    ds.korrektioner = [{ ...ds.korrektioner[0]!, beloeb: lille }];
    const f = datasaetFiler(ds);
    const linje = f.get('budget.csv')!.split('\r\n')[1]!.split(';');
    expect(f.get('budget.csv')!.split('\r\n')[0]).toMatch(/;overfoeres$/);
    expect(linje[5]).toBe('0,00000001');
    expect(linje.at(-1)).toBe('-0,00000001');
    expect(f.get('korrektioner.csv')!.split('\r\n')[1]!.split(';')[2]).toBe('0,00000001');
    for (const tekst of f.values()) expect(tekst).not.toMatch(/\de[-+]?\d/);
  });

  it.each([
    ['1e-31', '0,' + '0'.repeat(30) + '1'],
    ['-1e45', '-1' + '0'.repeat(45)],
    ['123456789012345.0000000001', '123456789012345,0000000001'],
  ])('samle\'s files write %s kr as %s in every amount column (beyond Decimal\'s exponent limits too)', async (v, ud) => {
    const { datasaet } = await indlaesDatasaet(REFERENCE);
    const d = new Decimal(v);
    const ds = { ...datasaet!, harOverfoeres: true, harForventetForrige: true };
    ds.poster = [{ ...ds.poster[0]!, vedtaget: d, korrigeret: d, forventet: d, forventetForrige: d, overfoeres: d }];
    ds.korrektioner = [{ ...ds.korrektioner[0]!, beloeb: d }];
    ds.enhedspriser = [{ ...ds.enhedspriser[0]!, budget: d }];
    const f = datasaetFiler(ds);
    expect(f.get('budget.csv')!.split('\r\n')[1]!.split(';').slice(3)).toEqual([ud, ud, ud, ud, ud]);
    expect(f.get('korrektioner.csv')!.split('\r\n')[1]!.split(';')[2]).toBe(ud);
    expect(f.get('enhedspriser.csv')!.split('\r\n')[1]!.split(';')[2]).toBe(ud);
  });
});
