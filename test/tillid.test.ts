// Issue 11 (items 2–5, 12–14, 16), issue 12 item 2 and issue 13 item 5: reading files is never a silent
// guess. Each case copies the reference dataset (or the forbrug fixture), breaks one thing and checks the
// findings, with expected lines and figures worked out from the edit by hand.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import type { Fund } from '../src/core/model.js';
import { kolonnepositioner } from '../src/io/kolonneposition.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { summerPosteringer, summerPosteringerTekst } from '../src/io/posteringer.js';
import { koerCli, REFERENCE } from './helpers.js';

const FORBRUG = 'fixtures/forbrug';
const kopi = (fra = REFERENCE) => {
  const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
  cpSync(fra, mappe, { recursive: true });
  return mappe;
};
const laes = (mappe: string, fil: string) => readFileSync(join(mappe, fil), 'utf8');
const skriv = (mappe: string, fil: string, indhold: string | Buffer) => writeFileSync(join(mappe, fil), indhold);
const manifest = (mappe: string, ekstra: Record<string, unknown>) =>
  skriv(mappe, 'opfoelgning.json', JSON.stringify({ ...JSON.parse(laes(mappe, 'opfoelgning.json')), ...ekstra }));
/** Replaces `fra` by `til` in a file of the folder. */
const ret = (mappe: string, fil: string, fra: string | RegExp, til: string) =>
  skriv(mappe, fil, laes(mappe, fil).replace(fra, til));
/** A file in the English dialect: `,` between fields (no field of these reference files has a comma). */
const somKomma = (mappe: string, fil: string, aendr: (tekst: string) => string = (t) => t) =>
  skriv(mappe, fil, aendr(laes(mappe, fil).replace(/;/g, ',')));
const kort = (f: Fund) => `${basename(f.fil)}:${f.linje ?? '-'}:${f.kolonne ?? '-'}:${f.kode}`;
const indlaes = async (mappe: string) => {
  const r = await indlaesDatasaet(mappe);
  return { ...r, kort: r.fund.map(kort) };
};
const REFERENCE_AFVIGELSE = '-7300000.00';
const afvigelse = async (mappe: string) => {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  expect(fund.filter((f) => f.alvor === 'fejl')).toEqual([]);
  return beregn(datasaet!).total.afvigelse.toFixed(2);
};

describe('item 2: Danish thousands in comma files are ambiguous, never read as decimals', () => {
  it('enhedspriser.csv with 155.551 (plain and quoted) is an error at file:line:column', async () => {
    const mappe = kopi();
    somKomma(mappe, 'enhedspriser.csv', (t) => t.replace('149.904,155.551,', '149.904,"155.551",'));
    const { datasaet, kort: k, fund } = await indlaes(mappe);
    expect(datasaet).toBeNull();
    // Line 2 is Sygedagpenge: all three prices have three digits after the point.
    expect(k.filter((x) => x.startsWith('enhedspriser.csv:2:'))).toEqual([
      'enhedspriser.csv:2:regnskab_forrige:tvetydigt_tal', 'enhedspriser.csv:2:budget:tvetydigt_tal',
      'enhedspriser.csv:2:forventet:tvetydigt_tal',
    ]);
    expect(fund.find((f) => f.kolonne === 'budget')!.besked).toContain('"talformat"');
  });

  it.each([
    ['korrektioner.csv', '800000', '800.000', 2, 'beloeb'],
    ['helaarspersoner.csv', '1.287', '1.287', 3, 'vedtaget'],
    ['budget.csv', '144040226', '-2.112', 2, 'vedtaget'],
    ['budget.csv', '144040226', '1234.567', 2, 'vedtaget'],
  ])('%s: %s written as %s is refused', async (fil, fra, til, linje, kolonne) => {
    const mappe = kopi();
    somKomma(mappe, fil, (t) => t.replace(fra, til));
    const { kort: k } = await indlaes(mappe);
    expect(k).toContain(`${fil}:${linje}:${kolonne}:tvetydigt_tal`);
  });

  it('values that cannot be thousands (1287.5, 1287.50, 0.5) stay English decimals', async () => {
    const mappe = kopi();
    somKomma(mappe, 'helaarspersoner.csv', (t) => t.replace('1.283,1.287,1.287,1.310', '1283.5,1287.50,1287.5,1310'));
    const { datasaet, kort: k } = await indlaes(mappe);
    // other rows' 1.234 are still ambiguous
    expect(k.filter((x) => x.startsWith('helaarspersoner.csv:3:'))).toEqual([]);
    expect(datasaet).toBeNull();
    somKomma(mappe, 'helaarspersoner.csv', (t) => t.replace(/(\d)\.(\d{3})\b/g, '$1$2'));
    const ds = (await indlaesDatasaet(mappe)).datasaet!;
    expect(ds.ydelser.find((y) => y.ydelse === 'Fleksjob')!.hp.vedtaget.toFixed(2)).toBe('1287.50');
    expect(ds.ydelser.find((y) => y.ydelse === 'Fleksjob')!.hp.forventet.toFixed(2)).toBe('1310.00');
  });

  it("the manifest's talformat decides: da reads 155.551 as 155551, en as 155.551", async () => {
    for (const [talformat, pris] of [['da', '155551.000'], ['en', '155.551']] as const) {
      const mappe = kopi();
      manifest(mappe, { talformat });
      somKomma(mappe, 'enhedspriser.csv', (t) => (talformat === 'en' ? t : t.replace(/"/g, '')));
      const { datasaet, fund } = await indlaes(mappe);
      expect(fund.filter((f) => f.alvor === 'fejl')).toEqual([]);
      expect(datasaet!.enhedspriser.find((p) => p.ydelse === 'Sygedagpenge')!.budget.toFixed(3)).toBe(pris);
    }
  });

  it('forbrug.csv with a comma: 600.000 is refused on the fast path and the reference path alike', async () => {
    const tekst = 'konto,dato,beloeb\n6.10.01,2025-01-20,600.000\n6.10.01,2025-01-21,"600.000"\n'
      + '6.10.01,2025-01-22,600.00\n';
    const sti = join(mkdtempSync(join(tmpdir(), 'budgetopf-tillid-')), 'forbrug.csv');
    writeFileSync(sti, tekst);
    for (const r of [await summerPosteringer(sti), summerPosteringerTekst(tekst, sti)]) {
      expect(r.fund.map((f) => [f.linje, f.kolonne, f.kode]))
        .toEqual([[2, 'beloeb', 'tvetydigt_tal'], [3, 'beloeb', 'tvetydigt_tal']]);
      expect(r.antal).toBe(1);
    }
    // Danish by the manifest: 600.000 and "600.000" are 600000; 600.00 is malformed (the 1.05 rule).
    const da = await summerPosteringer(sti, { talformat: 'da' });
    expect([da.antal, da.fund.map((f) => [f.linje, f.kode])]).toEqual([2, [[4, 'ugyldigt_tal']]]);
  });
});

describe('item 3 and 16: a broken link or an unreadable file is ulaeselig_fil, never absent nor unexpected', () => {
  const VALGFRI = ['helaarspersoner.csv', 'enhedspriser.csv', 'korrektioner.csv', 'bevillingsoensker.csv',
    'kontoplan.csv', 'maanedstal.csv', 'forbrug.csv'];

  it.each(VALGFRI)('%s as a dangling link, and as a link in a loop', async (fil) => {
    for (const maal of ['findes-ikke.csv', fil]) {
      const mappe = kopi();
      rmSync(join(mappe, fil), { force: true });
      symlinkSync(maal, join(mappe, fil));
      const { datasaet, fund } = await indlaes(mappe);
      expect(datasaet).toBeNull();
      const f = fund.find((x) => x.kode === 'ulaeselig_fil')!;
      expect(kort(f)).toBe(`${fil}:-:-:ulaeselig_fil`);
      expect(f.besked).toContain(maal === fil ? 'peger i ring' : 'ikke findes');
    }
  });

  it('a looping budget.csv or opfoelgning.json is ulaeselig_fil, not mangler_fil', async () => {
    for (const fil of ['budget.csv', 'opfoelgning.json']) {
      const mappe = kopi();
      rmSync(join(mappe, fil));
      symlinkSync(fil, join(mappe, fil));
      const { kort: k } = await indlaes(mappe);
      expect(k).toContain(`${fil}:-:-:ulaeselig_fil`);
      expect(k.join()).not.toContain('mangler_fil');
    }
  });

  it('valider a b: a broken link in b is a finding of b, and a is still checked; no "uventet fejl"', () => {
    const a = kopi();
    skriv(a, 'korrektioner.csv', laes(a, 'korrektioner.csv').replace('2.1;Fleksjob', '9.9;Fleksjob'));
    const b = kopi();
    rmSync(join(b, 'korrektioner.csv'));
    symlinkSync('korrektioner.csv', join(b, 'korrektioner.csv'));
    const r = koerCli(['valider', a, b]);
    expect(r.kode).toBe(1);
    expect(r.ud).toContain(`${a}/korrektioner.csv:2:politikomraade: fejl[ukendt_politikomraade]`);
    expect(r.ud).toContain(`${b}/korrektioner.csv: fejl[ulaeselig_fil]`);
    expect(r.fejl).not.toContain('uventet');
  });

  it('EACCES on an optional file and on forbrug.csv (run as an ordinary user) is ulaeselig_fil, in Danish', () => {
    const a = kopi();
    const b = kopi(FORBRUG);
    for (const m of [a, b]) chmodSync(m, 0o755);
    chmodSync(join(a, 'korrektioner.csv'), 0o000);
    chmodSync(join(b, 'forbrug.csv'), 0o000);
    const bruger = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/budgetopf.js'), 'valider', a, b],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...bruger });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${a}/korrektioner.csv: fejl[ulaeselig_fil]: Filen kan ikke læses: der er ikke adgang`);
    expect(r.stdout).toContain(`${b}/forbrug.csv: fejl[ulaeselig_fil]`);
    expect(r.stderr).not.toContain('uventet');
  });

  it('-o /dev/stdout in a pipe says what the target is, not "mappen findes ikke"', () => {
    const r = koerCli(['afvigelser', REFERENCE, '-o', '/dev/stdout']);
    expect(r.fejl).not.toContain('mappen findes ikke');
    expect(r.fejl + r.ud).toMatch(/ikke en almindelig fil|Politikområde|2\.1/);
  });
});

describe('item 4: a NUL byte anywhere refuses the file', () => {
  it('budget.csv with a NUL after the first 8 KB: binaer_fil on its line', async () => {
    const mappe = kopi();
    const lang = 'x'.repeat(9000);
    const nye = `2.1;Fleksjob;0;${lang};korrektion\n2.1;Fleksjob;0;a\u0000b;korrektion\n`;
    skriv(mappe, 'korrektioner.csv', `${laes(mappe, 'korrektioner.csv')}${nye}`);
    const linjer = laes(mappe, 'korrektioner.csv').split('\n').length - 1; // the NUL row is the last line
    const { datasaet, kort: k } = await indlaes(mappe);
    expect(datasaet).toBeNull();
    expect(k).toContain(`korrektioner.csv:${linjer}:-:binaer_fil`);
  });

  it('forbrug.csv with a NUL in a later block, in the first block, and on the whole-file path: not read', async () => {
    const linje = '6.10.01;2025-01-20;1,00\n';
    const dir = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
    const tilfaelde: [string, number][] = [
      [`konto;dato;beloeb\n${linje.repeat(5000)}6.10.01;2025-01-20;1\u0000\n`, 5002],
      [`konto;dato;beloeb\n${linje}6.10.01;2025\u0000-01-20;1\n`, 3],
      // a header with a quoted newline: the whole file goes through the reference path
      [`konto;dato;beloeb;"y\nz"\n${linje.replace('\n', ';\n').repeat(3)}6.10.01;2025-01-20;1;\u0000\n`, 6],
    ];
    for (const [tekst, nulLinje] of tilfaelde) {
      const sti = join(dir, `f${nulLinje}.csv`);
      writeFileSync(sti, tekst);
      for (const blok of [64, 1 << 20]) {
        const r = await summerPosteringer(sti, { blokstoerrelse: blok });
        expect(r.laest).toBe(false);
        expect(r.fund.map((f) => [f.linje, f.kode])).toEqual([[nulLinje, 'binaer_fil']]);
      }
    }
  });
});

describe('item 5: a failed cell is no value, and takes part in no rule that reads it', () => {
  const bev = (mappe: string, aendr: (t: string) => string) =>
    skriv(mappe, 'bevillingsoensker.csv', aendr(laes(mappe, 'bevillingsoensker.csv')));
  const bevFund = (k: string[]) => k.filter((x) => x.startsWith('bevillingsoensker.csv'));

  it('two B1 lines with type omplaceringx: two ugyldig_type, no uens_bevilling about "0"', async () => {
    const mappe = kopi();
    bev(mappe, (t) => t.replace(/^B1;omplacering;/gm, 'B1;omplaceringx;'));
    const { fund, kort: k } = await indlaes(mappe);
    expect(bevFund(k)).toEqual([2, 3].map((l) => `bevillingsoensker.csv:${l}:type:ugyldig_type`));
    expect(fund.map((f) => f.besked).join()).not.toContain('"0"');
  });

  it('one line of B1 with a bad type: still no uens_bevilling', async () => {
    const mappe = kopi();
    bev(mappe, (t) => t.replace('B1;omplacering;', 'B1;omplaceringx;'));
    const { kort: k } = await indlaes(mappe);
    expect(bevFund(k)).toEqual(['bevillingsoensker.csv:2:type:ugyldig_type']);
  });

  it('a bad beloeb on one line of B1: no ubalanceret_bevilling for B1, other requests still checked', async () => {
    const mappe = kopi();
    const skaev = 'BX;omplacering;Skæv;2.1;;service;2025;1\n';
    bev(mappe, (t) => `${t.replace(';2025;-500000\n', ';2025;-500.000,5x\n')}${skaev}`);
    const { kort: k } = await indlaes(mappe);
    const linjer = laes(mappe, 'bevillingsoensker.csv').trimEnd().split('\n').length;
    expect(k.filter((x) => x.startsWith('bevillingsoensker.csv'))).toEqual([
      'bevillingsoensker.csv:2:beloeb:ugyldigt_tal', `bevillingsoensker.csv:${linjer}:beloeb:ubalanceret_bevilling`,
    ]);
  });

  it('a budget row with a bad vedtaget still counts as a post: its korrektion is no ukendt_post', async () => {
    const mappe = kopi();
    ret(mappe, 'budget.csv', '2.1;Fleksjob;overfoersel;162903312', '2.1;Fleksjob;overfoersel;16x');
    const { kort: k } = await indlaes(mappe);
    expect(k).toEqual(['budget.csv:3:vedtaget:ugyldigt_tal']);
  });

  it('a bad forventet_forrige is its own finding, not also forventet_forrige_mangler', async () => {
    const mappe = kopi();
    skriv(mappe, 'budget.csv', laes(mappe, 'budget.csv').replace(';;155084347', ';;abc'));
    const { kort: k } = await indlaes(mappe);
    expect(k).toEqual(['budget.csv:2:forventet_forrige:ugyldigt_tal']);
  });
});

describe('item 12: a forbrug.csv line over 1 MB is refused, the buffer does not grow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
  it.each([
    ['a line-less tail of 3 MB', `konto;dato;beloeb\n6.10.01;2025-01-20;1,00\n${'9'.repeat(3 << 20)}`, 3],
    ['a quoted field over many lines, 2 MB in all',
      `konto;dato;beloeb\n6.10.01;2025-01-20;1,00\n"${'abc\n'.repeat(1 << 19)}";2025-01-20;1\n`, 3],
    ['a header without a line end, 2 MB', `konto;dato;beloeb${';x'.repeat(1 << 20)}`, 1],
  ])('%s', async (_navn, tekst, linje) => {
    const sti = join(dir, `${linje}-${tekst.length}.csv`);
    writeFileSync(sti, tekst);
    const r = await summerPosteringer(sti);
    expect(r.laest).toBe(false);
    expect(r.fund.map((f) => [f.linje, f.kode])).toEqual([[linje, 'for_lang_linje']]);
  });

  it('a 900 KB line (an extra text column) is still read', async () => {
    const sti = join(dir, 'lang.csv');
    const lang = 'x'.repeat(900 << 10);
    writeFileSync(sti, `konto;dato;beloeb;tekst\n6.10.01;2025-01-20;1,00;${lang}\n6.10.01;2025-01-21;2,00;y\n`);
    const r = await summerPosteringer(sti);
    expect([r.laest, r.antal, r.fund.map((f) => f.kode)]).toEqual([true, 2, ['ukendt_kolonne']]);
  });
});

describe('item 13: valider --format github reads only the lines it points at', () => {
  it('a 60 MB forbrug.csv with a bad date on line 3: col= found within a 40 MB heap', () => {
    const mappe = kopi(FORBRUG);
    const linje = '6.10.01;2025-01-20;1,00\n';
    const start = Buffer.from(`konto;dato;beloeb\n${linje}6.10.01;2025-13-01;1,00\n`);
    skriv(mappe, 'forbrug.csv', Buffer.concat([start, Buffer.alloc(60 << 20, linje)]));
    const args = ['--max-old-space-size=40', 'bin/budgetopf.js', 'valider', mappe, '--format', 'github'];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(r.stdout).toContain(`::error file=${mappe}/forbrug.csv,line=3,col=9,`);
  });

  it('positions on quoted fields, CRLF, and a line over 1 MB (no position, no error)', async () => {
    const sti = join(mkdtempSync(join(tmpdir(), 'budgetopf-tillid-')), 'x.csv');
    writeFileSync(sti, `a;"b;""c";d\r\n"1;""";2;3\r\n${'x'.repeat(1 << 21)};1;2\r\n4;"5";6\r\n`);
    const f = (linje: number, kolonne: string): Fund =>
      ({ fil: sti, linje, kolonne, kode: 'x', alvor: 'fejl', besked: '' });
    const pos = await kolonnepositioner([f(2, 'd'), f(3, 'd'), f(4, 'b;"c'), f(1, 'a')]);
    // line 2: d starts after 7 + 2 characters
    expect([pos(f(2, 'd')), pos(f(3, 'd')), pos(f(4, 'b;"c')), pos(f(1, 'a'))]).toEqual([10, null, 3, 1]);
  });
});

describe('item 14: one broken file hides no finding of the others', () => {
  it('a ragged row in helaarspersoner.csv: other files are still checked; the skipped rules are named', async () => {
    const mappe = kopi();
    ret(mappe, 'helaarspersoner.csv', 'Sygedagpenge;955;926;926;997', 'Sygedagpenge;955;926;926;997;1');
    skriv(mappe, 'korrektioner.csv', laes(mappe, 'korrektioner.csv').replace('2.1;Fleksjob', '9.9;Fleksjob'));
    ret(mappe, 'bevillingsoensker.csv', ';2025;-500000\n', ';2025;-500001\n');
    const { fund, kort: k } = await indlaes(mappe);
    expect(k).toEqual(expect.arrayContaining([
      'helaarspersoner.csv:2:-:forkert_antal_felter',
      'korrektioner.csv:2:politikomraade:ukendt_politikomraade',
      'bevillingsoensker.csv:2:beloeb:ubalanceret_bevilling',
    ]));
    const sprunget = fund.find((f) => f.kode === 'tjek_sprunget_over')!;
    expect(sprunget.besked).toContain('helaarspersoner.csv');
    expect(sprunget.besked).toContain('ydelse har enhedspris');
    // Sygedagpenge's row was not read: no false finding about its price
    expect(k).not.toContain('enhedspriser.csv:2:ydelse:pris_uden_ydelse');
  });

  it('an unreadable enhedspriser.csv skips only the price rule; budget rules still run', async () => {
    const mappe = kopi();
    rmSync(join(mappe, 'enhedspriser.csv'));
    symlinkSync('x', join(mappe, 'enhedspriser.csv'));
    skriv(mappe, 'budget.csv', `${laes(mappe, 'budget.csv')}2.1;Fleksjob;overfoersel;1;1;;1\n`);
    const { kort: k } = await indlaes(mappe);
    expect(k).toEqual(expect.arrayContaining(['enhedspriser.csv:-:-:ulaeselig_fil', 'budget.csv:19:post:dublet_post']));
    expect(k.filter((x) => x.endsWith('tjek_sprunget_over'))).toHaveLength(1);
  });
});

describe('item 16 and issue 12 item 2: one reader, one rule for line endings', () => {
  it('a CRLF header with LF rows is read row by row (not one record of 103 fields)', async () => {
    for (const fil of ['budget.csv', 'korrektioner.csv', 'bevillingsoensker.csv']) {
      const mappe = kopi();
      skriv(mappe, fil, laes(mappe, fil).replace('\n', '\r\n'));
      expect(await afvigelse(mappe)).toBe(REFERENCE_AFVIGELSE);
    }
  });

  it('forbrug.csv with a CRLF header and LF rows sums as the LF file does', async () => {
    const lf = readFileSync(join(FORBRUG, 'forbrug.csv'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
    const sti = (n: string, t: string) => (writeFileSync(join(dir, n), t), join(dir, n));
    const a = await summerPosteringer(sti('lf.csv', lf));
    const b = await summerPosteringer(sti('blandet.csv', lf.replace('\n', '\r\n')));
    expect([b.antal, b.fund]).toEqual([a.antal, []]);
    expect(summerPosteringerTekst(lf.replace('\n', '\r\n'), 'x').antal).toBe(a.antal);
  });

  it('loader and scanner give the same header finding, word for word', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
    writeFileSync(join(dir, 'f.csv'), 'konto;dato;bel\n1;2025-01-01;1\n');
    const scan = (await summerPosteringer(join(dir, 'f.csv'))).fund.find((f) => f.kode === 'mangler_kolonne')!;
    const mappe = kopi();
    skriv(mappe, 'korrektioner.csv', 'politikomraade;post;bel;tekst\n');
    const laest = (await indlaesDatasaet(mappe)).fund.find((f) => f.kode === 'mangler_kolonne')!;
    expect(scan.besked.replace(/fandt: .*; afgr/, '')).toBe(laest.besked.replace(/fandt: .*; afgr/, ''));
  });
});

describe('issue 13 item 5: Excel habits', () => {
  it("a header ending in ;; is a warning, rows with and without the empty fields are read", async () => {
    const mappe = kopi();
    const linjer = laes(mappe, 'budget.csv').trimEnd().split('\n');
    skriv(mappe, 'budget.csv', `${linjer.map((l, i) => (i % 2 === 0 ? `${l};;` : l)).join('\n')}\n`);
    const { kort: k } = await indlaes(mappe);
    expect(k).toEqual(['budget.csv:1:-:tomme_kolonner']);
    expect(await afvigelse(mappe)).toBe(REFERENCE_AFVIGELSE);
  });

  it('forbrug.csv with a header ending in ;; sums as without it, rows with or without the empty fields', async () => {
    const tekst = readFileSync(join(FORBRUG, 'forbrug.csv'), 'utf8');
    const linjer = tekst.trimEnd().split('\n');
    const excel = `${linjer.map((l, i) => (i % 3 === 0 ? `${l};;` : l)).join('\n')}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'budgetopf-tillid-'));
    writeFileSync(join(dir, 'a.csv'), tekst);
    writeFileSync(join(dir, 'b.csv'), excel);
    const [a, b] = [await summerPosteringer(join(dir, 'a.csv')), await summerPosteringer(join(dir, 'b.csv'))];
    expect([b.antal, b.fund.map((f) => [f.linje, f.kode])]).toEqual([a.antal, [[1, 'tomme_kolonner']]]);
    expect([...b.konti.keys()]).toEqual([...a.konti.keys()]);
  });

  it('a value in an empty trailing column is forkert_antal_felter', async () => {
    const mappe = kopi();
    const linjer = laes(mappe, 'korrektioner.csv').trimEnd().split('\n');
    skriv(mappe, 'korrektioner.csv', `${linjer.map((l, i) => (i === 2 ? `${l};x;` : `${l};;`)).join('\n')}\n`);
    const { kort: k } = await indlaes(mappe);
    expect(k).toEqual(['korrektioner.csv:1:-:tomme_kolonner', 'korrektioner.csv:3:-:forkert_antal_felter']);
  });

  it('a politikområde that Excel made a date (02-jan) gets a hint with the likely nr', async () => {
    const mappe = kopi();
    skriv(mappe, 'korrektioner.csv', laes(mappe, 'korrektioner.csv').replace('2.1;Fleksjob', '02-jan;Fleksjob'));
    skriv(mappe, 'politikomraader.csv', laes(mappe, 'politikomraader.csv').replace('2.3;', '2. mar;'));
    const { fund } = await indlaes(mappe);
    const hint = fund.filter((f) => f.kode === 'politikomraade_som_dato');
    expect(hint.map(kort)).toEqual([
      'korrektioner.csv:2:politikomraade:politikomraade_som_dato', 'politikomraader.csv:5:nr:politikomraade_som_dato',
    ]);
    expect(hint[0]!.besked).toContain('politikområde 2.1');
    expect(hint[1]!.besked).toContain('politikområde 2.3');
  });

  it('Windows-1252 in several files and forbrug.csv: one warning for the folder; --strict still passes', () => {
    const mappe = kopi(FORBRUG);
    // latin1 writes æøå as single bytes, as Windows-1252 does; forbrug.csv's header says beløb (read as beloeb)
    ret(mappe, 'forbrug.csv', 'konto;dato;beloeb', 'konto;dato;beløb');
    for (const fil of ['politikomraader.csv', 'korrektioner.csv', 'forbrug.csv']) {
      skriv(mappe, fil, Buffer.from(laes(mappe, fil), 'latin1'));
    }
    const r = koerCli(['valider', mappe, '--strict']);
    expect(r.ud.trim().split('\n')).toEqual([
      `${mappe}: advarsel[windows_1252]: politikomraader.csv, korrektioner.csv, forbrug.csv `
      + 'er ikke gyldig UTF-8 og er læst som Windows-1252 (Excel på en dansk pc); gem dem gerne som "CSV UTF-8"',
    ]);
    expect(r.kode).toBe(0);
  });

});
