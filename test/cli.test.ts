// End to end: spawn the built binary (bin/budgetopf.js → dist/) as a user would, with NO_COLOR=1.
// Golden files were checked by hand against the published table (test/reference.test.ts checks the figures).
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koerCli, REFERENCE } from './helpers.js';

const koer = koerCli;
const golden = (navn: string) => readFileSync(join('test/golden', navn), 'utf8');

describe('budgetopf afvigelser', () => {
  it('prints the reference table (golden) and exits 0', () => {
    const r = koer(['afvigelser', REFERENCE]);
    expect(r.kode).toBe(0);
    expect(r.fejl).toBe('');
    expect(r.ud).toBe(golden('afvigelser.txt'));
    expect(r.ud).toContain('│ I alt for udvalget                          │      1.002,1 │        998,3 │      1.005,6 │      1.007,8 │         -7,3 │');
  });

  it('--format json follows FORMAT.md (kr, 2 decimals, canonical sign)', () => {
    const r = koer(['afvigelser', REFERENCE, '--format', 'json']);
    expect(r.kode).toBe(0);
    const j = JSON.parse(r.ud);
    expect(Object.keys(j)).toEqual(['kommune', 'budgetaar', 'opfoelgning', 'politikomraader', 'udvalg', 'udgiftsarter', 'total']);
    expect(Object.keys(j.total)).toEqual(['vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'afvigelse']);
    expect(Object.keys(j.politikomraader[0])).toEqual(['nr', 'navn', 'udvalg', 'vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'afvigelse', 'udgiftsarter', 'poster']);
    expect(Object.keys(j.politikomraader[0].poster[0])).toEqual(['post', 'udgiftsart', 'vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'afvigelse']);
    expect(j.total.afvigelse).toBeLessThan(0); // merforbrug is negative
    expect(j.politikomraader.map((p: { nr: string }) => p.nr)).toEqual(['2.1', '2.2', '2.3']);
    // Sygedagpenge: 144.040.226 + 71 HP × 155.551 kr = 155.084.347 kr
    const syg = j.politikomraader[0].poster.find((p: { post: string }) => p.post === 'Sygedagpenge');
    expect(syg.forventet).toBe(155084347);
    expect(syg.afvigelse).toBe(-11044121);
  });

  it('--merforbrug-positiv flips the displayed sign but never the JSON', () => {
    const tabel = koer(['afvigelser', REFERENCE, '--merforbrug-positiv']);
    expect(tabel.ud).toMatch(/I alt for udvalget.*│\s+7,3 │/);
    expect(tabel.ud).toContain('Afvigelse: positiv = merforbrug');
    const json = JSON.parse(koer(['afvigelser', REFERENCE, '--format', 'json', '--merforbrug-positiv']).ud);
    expect(json.total.afvigelse).toBeLessThan(0);
  });

  it('--merforbrug-positiv in CSV renames the flipped column, so no script misreads the sign', () => {
    const r = koer(['afvigelser', REFERENCE, '--format', 'csv', '--merforbrug-positiv']);
    expect(r.ud.split('\r\n')[0]).toBe('\uFEFFpolitikomraade;udgiftsart;post;navn;vedtaget;korrigeret;forventet;forventet_forrige;afvigelse_merforbrug_positiv');
    expect(r.ud).toContain(';I alt for udvalget;1002100000,00;998250000,00;1005550000,00;1007800000,00;7300000,00');
  });

  it('--format csv is for Danish Excel: BOM, semicolons, decimal comma, exact kr (golden)', () => {
    const r = koer(['afvigelser', REFERENCE, '--format', 'csv']);
    expect(r.ud).toBe(golden('afvigelser.csv'));
    expect(r.ud.startsWith('\uFEFFpolitikomraade;udgiftsart;post;navn;vedtaget;')).toBe(true);
    expect(r.ud).toContain(';I alt for udvalget;1002100000,00;');
  });

  it('--csv-format en uses commas and decimal points, no BOM', () => {
    const r = koer(['afvigelser', REFERENCE, '--format', 'csv', '--csv-format', 'en']);
    expect(r.ud.startsWith('politikomraade,udgiftsart,post,navn,vedtaget,')).toBe(true);
    expect(r.ud).toContain(',I alt for udvalget,1002100000.00,');
  });

  it('--enhed t.kr --decimaler 0, --pct and --poster', () => {
    const r = koer(['afvigelser', REFERENCE, '--enhed', 't.kr', '--decimaler', '0', '--pct', '--poster']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('Drift (1.000 kr.)');
    expect(r.ud).toMatch(/Sygedagpenge\s+│\s+144\.040 │\s+144\.040 │\s+155\.084 │\s+155\.084 │\s+-11\.044 │\s+-7,7 │/);
  });

  it('--enhed kr shows every figure whole (columns widen; nothing is cut with …)', () => {
    const r = koer(['afvigelser', REFERENCE, '--enhed', 'kr']);
    expect(r.ud).not.toContain('…');
    expect(r.ud).toMatch(/I alt for udvalget\s+│ 1\.002\.100\.000 │\s+998\.250\.000 │ 1\.005\.550\.000 │ 1\.007\.800\.000 │\s+-7\.300\.000 │/);
  });

  it('--afstem makes displayed parts add up to displayed totals', () => {
    const r = koer(['afvigelser', REFERENCE, '--format', 'markdown', '--afstem']);
    const linjer = r.ud.replace(/\*\*/g, '').split('\n');
    const raekke = (navn: string) => linjer.find((l) => l.startsWith(`| ${navn} |`))!.split('|').slice(2, -1).map((c) => Number(c.trim().replace(/\./g, '').replace(',', '.')));
    const [t, s, oe] = [raekke('I alt for udvalget'), raekke('Samlet serviceudgifter'), raekke('Samlet øvrige udgifter')];
    expect(t).toHaveLength(5);
    t.forEach((v, i) => expect(Math.round((s[i]! + oe[i]!) * 10)).toBe(Math.round(v * 10)));
    // and without --afstem the published rounding shows, where the parts do not add up (70,0 + 935,5 ≠ 1.005,6)
    expect(koer(['afvigelser', REFERENCE, '--format', 'markdown']).ud).toContain('| **Samlet serviceudgifter** | **71,4** | **70,6** | **70,0** |');
  });
});

describe('budgetopf aktivitet and rapport', () => {
  it('aktivitet --afstem: each row\'s effects add up to its afvigelse, each column to its total', () => {
    const r = koer(['aktivitet', REFERENCE, '--afstem', '--format', 'markdown']);
    const tal = (c: string) => Math.round(Number(c.replace(/\*/g, '').trim().replace(/\./g, '').replace(',', '.')) * 10);
    const forklaret = r.ud.slice(r.ud.indexOf('### Afvigelse forklaret')).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Ydelse') && !l.startsWith('| ---'));
    const rader = forklaret.map((l) => l.split('|').slice(2, -1).map(tal));
    expect(rader).toHaveLength(9);
    for (const [, , afv, m, p, k] of rader) expect(m! + p! + k!).toBe(afv);
    const [ydelser, total] = [rader.slice(0, -1), rader.at(-1)!];
    for (let i = 0; i < 6; i++) expect(ydelser.reduce((s, x) => s + x[i]!, 0)).toBe(total[i]);
    expect(total[2]).toBe(-175); // −17,5 mio. kr., the correctly rounded total afvigelse of the eight ydelser
  });

  it('aktivitet prints the source table figures and the decomposition', () => {
    const r = koer(['aktivitet', REFERENCE]);
    expect(r.kode).toBe(0);
    expect(r.ud).toMatch(/Forsikrede ledige\s+│\s+956 │\s+1\.062 │\s+1\.062 │\s+1\.057 │\s+159\.125 │\s+169\.326 │\s+169\.326 │/);
    expect(r.ud).toMatch(/Kontanthjælp\s+│\s+116,2 │\s+123,5 │\s+-7,3 │\s+-8,1 │\s+0,0 │\s+0,8 │/);
  });

  it('aktivitet --format json has every ydelse with effects that add up', () => {
    const j = JSON.parse(koer(['aktivitet', REFERENCE, '--format', 'json']).ud);
    expect(j.ydelser).toHaveLength(8);
    for (const y of j.ydelser) expect(Math.round((y.maengdeeffekt + y.priseffekt + y.korrektionseffekt) * 100)).toBe(Math.round(y.afvigelse * 100));
    expect(Object.keys(j.ydelser[0])).toEqual(['ydelse', 'politikomraade', 'hp', 'pris', 'budget', 'forventet', 'afvigelse', 'maengdeeffekt', 'priseffekt', 'korrektionseffekt', 'korrektioner']);
  });

  it('rapport --format markdown is the whole follow-up (golden)', () => {
    const r = koer(['rapport', REFERENCE, '--format', 'markdown']);
    expect(r.kode).toBe(0);
    expect(r.ud).toBe(golden('rapport.md'));
    expect(r.ud).toContain('- Særligt tilrettelagt ungdomsuddannelse (STU): merforbrug på 4,9 mio. kr. Før handleplan: merforbrug på 6,2 mio. kr.');
  });

  it('npm start runs the full reference follow-up', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.start).toBe(`node bin/budgetopf.js rapport ${REFERENCE}`);
  });
});

describe('errors and exit codes', () => {
  it('a damaged dataset exits 1 naming each problem with file, line and column', () => {
    const r = koer(['afvigelser', 'fixtures/cli/beskadiget']);
    expect(r.kode).toBe(1);
    expect(r.ud).toBe('');
    expect(r.fejl.split('\n').filter(Boolean)).toEqual([
      'fixtures/cli/beskadiget/budget.csv:3:vedtaget: fejl[ugyldigt_tal]: "162.903.31" er ikke et gyldigt tal (forventet dansk talformat som 1.234.567,89)',
      'fixtures/cli/beskadiget/helaarspersoner.csv:5:ydelse: fejl[ydelse_uden_pris]: Ydelsen "Jobafklaring" har ingen række i enhedspriser.csv',
      'fixtures/cli/beskadiget/korrektioner.csv:2:politikomraade: fejl[ukendt_politikomraade]: Politikområde "9.9" findes ikke i politikomraader.csv',
      'budgetopf: 3 fejl i fixtures/cli/beskadiget; intet er beregnet',
    ]);
  });

  it('Windows-1252 files are decoded with a warning, and the figures are the reference\'s', () => {
    const r = koer(['afvigelser', 'fixtures/loader/ok-windows-1252', '--format', 'json']);
    expect(r.kode).toBe(0);
    expect(r.fejl).toContain('advarsel[windows_1252]');
    const j = JSON.parse(r.ud);
    expect(j.politikomraader[0].navn).toBe('Forsørgelse, revalidering og aktivering');
    expect(j.total.afvigelse).toBe(-7300000);
  });

  it('a folder that is not a dataset exits 2 with a hint', () => {
    const r = koer(['aktivitet', 'test']);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('Mappen "test" er ikke et datasæt: hverken opfoelgning.json eller budget.csv findes der');
  });

  it('--output - writes to stdout; --output "" is a usage error', () => {
    expect(koer(['afvigelser', REFERENCE, '-o', '-']).ud).toBe(golden('afvigelser.txt'));
    expect(koer(['afvigelser', REFERENCE, '-o', '']).kode).toBe(2);
  });

  it('a missing folder exits 2 with a hint', () => {
    const r = koer(['afvigelser', 'findes/ikke']);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('Mappen "findes/ikke" findes ikke');
    expect(r.fejl).toContain('fx data/slagelse-ebu-2025-bo2');
  });

  it('an unknown option exits 2 in Danish, without a stack trace', () => {
    const r = koer(['afvigelser', REFERENCE, '--poste']);
    expect(r.kode).toBe(2);
    expect(r.fejl.split('\n')[0]).toBe("budgetopf: ukendt tilvalg '--poste' (mente du --poster?)");
    expect(r.fejl).not.toMatch(/at .*\.js:\d+/);
  });

  it('a bad option value exits 2 in Danish', () => {
    const pdf = koer(['afvigelser', REFERENCE, '--format', 'pdf']);
    expect(pdf.kode).toBe(2);
    expect(pdf.fejl.split('\n')[0]).toBe("budgetopf: ugyldig værdi 'pdf' til -f, --format <format>; tilladte værdier: tabel, csv, json, markdown, html, xlsx, docx");
    const dec = koer(['afvigelser', REFERENCE, '--decimaler', 'x']);
    expect(dec.kode).toBe(2);
    expect(dec.fejl.split('\n')[0]).toBe("budgetopf: ugyldig værdi 'x' til --decimaler <n>: skal være et helt tal mellem 0 og 99");
    expect(koer(['afvigelser', REFERENCE, '--format']).fejl.split('\n')[0]).toBe('budgetopf: tilvalget -f, --format <format> mangler en værdi');
  });

  it('budgetopf help KOMMANDO exits 0', () => {
    const r = koer(['help', 'afvigelser']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('Brug: budgetopf afvigelser');
  });

  it('no command prints help to stderr and exits 2; --help exits 0 with examples', () => {
    const ingen = koer([]);
    expect(ingen.kode).toBe(2);
    expect(ingen.fejl).toContain('Kommandoer:');
    const hjaelp = koer(['afvigelser', '--help']);
    expect(hjaelp.kode).toBe(0);
    expect(hjaelp.ud).toContain('Eksempler:');
    expect(hjaelp.ud).toContain('--merforbrug-positiv');
  });
});

describe('--output', () => {
  it('writes the file atomically and says so on stderr', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-'));
    const fil = join(mappe, 'afvigelser.json');
    writeFileSync(fil, 'gammelt indhold');
    const r = koer(['afvigelser', REFERENCE, '--format', 'json', '--output', fil]);
    expect(r.kode).toBe(0);
    expect(r.ud).toBe('');
    expect(JSON.parse(readFileSync(fil, 'utf8')).total.afvigelse).toBe(-7300000);
    expect(r.fejl).toContain(`Skrev ${fil}`);
  });

  it('refuses to overwrite an input file', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-'));
    cpSync(REFERENCE, mappe, { recursive: true });
    const input = join(mappe, 'budget.csv');
    const foer = readFileSync(input, 'utf8');
    const r = koer(['afvigelser', mappe, '--format', 'csv', '--output', input]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('er en af inputfilerne og overskrives ikke');
    expect(readFileSync(input, 'utf8')).toBe(foer);
  });

  it('a failed write (missing folder) exits 2 and leaves no temporary file', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-'));
    const r = koer(['afvigelser', REFERENCE, '--output', join(mappe, 'findes-ikke', 'ud.txt')]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('Kunne ikke skrive');
    expect(r.fejl).toContain('mappen findes ikke');
    expect(existsSync(join(mappe, 'findes-ikke'))).toBe(false);
  });

  it('-o /dev/null writes into the device and leaves it a device (also as root)', () => {
    const r = koer(['afvigelser', REFERENCE, '-o', '/dev/null']);
    expect(r.kode, r.fejl).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('-o /dev/stdout in a pipe writes the report to the pipe', () => {
    const r = koer(['afvigelser', REFERENCE, '-o', '/dev/stdout']);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).toBe(koer(['afvigelser', REFERENCE]).ud);
  });

  it('a read-only output file is refused (exit 2, untouched) unless --tving', () => {
    const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-')), 'ud.txt');
    writeFileSync(fil, 'gammelt');
    chmodSync(fil, 0o444);
    const r = koer(['afvigelser', REFERENCE, '-o', fil]);
    expect(r.kode).toBe(2);
    expect(r.fejl).toContain('er skrivebeskyttet og erstattes ikke; brug --tving');
    expect(readFileSync(fil, 'utf8')).toBe('gammelt');
    expect(koer(['afvigelser', REFERENCE, '-o', fil, '--tving']).kode).toBe(0);
    expect(readFileSync(fil, 'utf8')).toContain('I alt for udvalget');
    expect(statSync(fil).mode & 0o777).toBe(0o444);
  });
});
