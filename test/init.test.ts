// `budgetopf init`: a new user's first folder. `init ny && valider ny` must lead to a valid dataset: every placeholder
// is named with file, line and field, and once filled the folder is valid (with --lint --strict) and computes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koerCli, REFERENCE } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'budgetopf-init-'));
const FILER = ['bevillingsoensker.csv', 'budget.csv', 'enhedspriser.csv', 'helaarspersoner.csv', 'korrektioner.csv',
  'opfoelgning.json', 'politikomraader.csv'];
const laes = (...sti: string[]) => readFileSync(join(...sti), 'utf8');

describe('budgetopf init', () => {
  it('writes every file with a header, in Danish Excel CSV (semicolon, BOM); valider names every placeholder', () => {
    const ny = join(tmp(), 'ny');
    const r = koerCli(['init', ny]);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.fejl).toContain(`budgetopf valider ${ny}`);
    expect(readdirSync(ny).sort()).toEqual(FILER);
    const budget = readFileSync(join(ny, 'budget.csv'), 'utf8');
    const hoved = '\uFEFFpolitikomraade;post;udgiftsart;vedtaget;korrigeret;forventet;forventet_forrige\r\n';
    expect(budget.startsWith(hoved)).toBe(true);
    expect(readFileSync(join(ny, 'korrektioner.csv'), 'utf8')).toBe('\uFEFFpolitikomraade;post;beloeb;tekst;type\r\n');

    const v = koerCli(['valider', ny]);
    expect(v.kode).toBe(1);
    const linjer = v.ud.trim().split('\n').map((l) => l.slice(ny.length + 1).split(': ').slice(0, 2).join(': '));
    expect(linjer).toEqual([
      'opfoelgning.json:2:kommune: fejl[ugyldigt_manifest]',
      'opfoelgning.json:3:udvalg: fejl[ugyldigt_manifest]',
      'opfoelgning.json:4:budgetaar: fejl[ugyldigt_manifest]',
      'opfoelgning.json:5:opfoelgning: fejl[ugyldigt_manifest]',
      'politikomraader.csv:2:udvalg: fejl[mangler_vaerdi]',
    ]);
    expect(v.ud).toContain('Feltet "budgetaar" er ikke udfyldt endnu');
    expect(v.fejl).toContain('5 fejl, 0 advarsler i 1 datasæt');
  });

  it('once the placeholders are filled as valider says, the folder is valid and computes the example rows', () => {
    const ny = join(tmp(), 'ny');
    koerCli(['init', ny]);
    const erstat = (fil: string, fra: RegExp, til: string) =>
      writeFileSync(join(ny, fil), laes(ny, fil).replace(fra, til));
    erstat('opfoelgning.json', /"UDFYLD: kommunens[^"]*"/, '"Testby Kommune"');
    erstat('opfoelgning.json', /"UDFYLD: udvalgets[^"]*"/, '"Beskæftigelsesudvalget"');
    erstat('opfoelgning.json', /"UDFYLD: budgetåret[^"]*"/, '2026');
    erstat('opfoelgning.json', /"UDFYLD: BO1[^"]*"/, '"BO1"');
    erstat('politikomraader.csv', /UDFYLD: udvalgets navn/, 'Beskæftigelsesudvalget');
    const v = koerCli(['valider', ny, '--lint', '--strict']);
    expect(v.kode, v.ud + v.fejl).toBe(0);
    const j = JSON.parse(koerCli(['afvigelser', ny, '--format', 'json']).ud);
    // Kontanthjælp: korrigeret 800 HP × 125.000 = 100.000.000; forventet 812,5 × 125.000 = 101.562.500.
    // Administration: 2.600.000 − 2.450.000 = 150.000 mindreforbrug. Total: −1.562.500 + 150.000.
    const poster = j.politikomraader[0].poster.map((p: { post: string; afvigelse: number }) => [p.post, p.afvigelse]);
    expect(poster).toEqual(expect.arrayContaining([['Kontanthjælp', -1562500], ['Administration', 150000]]));
    expect(j.total.afvigelse).toBe(-1412500);
    expect(j.budgetaar).toBe(2026);
  });

  it('takes the manifest from the options, and --csv-format en writes commas, decimal points and quotes', () => {
    const ny = join(tmp(), 'en');
    const udvalg = 'Erhvervs-, Beskæftigelses- og Uddannelsesudvalget';
    const r = koerCli(['init', ny, '--kommune', 'Slagelse Kommune', '--udvalg', udvalg, '--aar', '2025',
      '--opfoelgning', 'BO2', '--csv-format', 'en']);
    expect(r.kode, r.fejl).toBe(0);
    expect(JSON.parse(laes(ny, 'opfoelgning.json')))
      .toEqual({ kommune: 'Slagelse Kommune', udvalg, budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: 'kr' });
    expect(laes(ny, 'politikomraader.csv')).toBe(`nr,navn,udvalg\r\n1.1,Forsørgelse og beskæftigelse,"${udvalg}"\r\n`);
    expect(readFileSync(join(ny, 'helaarspersoner.csv'), 'utf8')).toContain('Kontanthjælp,790,800,800,812.5');
    expect(koerCli(['valider', ny, '--lint', '--strict']).kode).toBe(0);
  });

  it('refuses a folder that is not empty and changes nothing; refuses a bad year', () => {
    const mappe = tmp();
    writeFileSync(join(mappe, 'budget.csv'), 'mine tal');
    const r = koerCli(['init', mappe]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('er ikke tom');
    expect(readdirSync(mappe)).toEqual(['budget.csv']);
    expect(readFileSync(join(mappe, 'budget.csv'), 'utf8')).toBe('mine tal');
    const tom = join(tmp(), 'tom');
    mkdirSync(tom);
    expect(koerCli(['init', tom, '--aar', '25']).kode).toBe(2);
    expect(readdirSync(tom)).toEqual([]);
  });

  it('--eksempel copies the bundled example, file for file', () => {
    const ny = join(tmp(), 'eksempel');
    expect(koerCli(['init', ny, '--eksempel']).kode).toBe(0);
    expect(readdirSync(ny).sort()).toEqual(readdirSync(REFERENCE).sort());
    for (const f of readdirSync(REFERENCE)) expect(laes(ny, f)).toBe(laes(REFERENCE, f));
    const json = (mappe: string) => koerCli(['afvigelser', mappe, '--format', 'json']).ud;
    expect(json(ny)).toBe(json(REFERENCE));
  });
});
