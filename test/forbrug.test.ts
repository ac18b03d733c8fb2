// Forbrug (issue 6): spending to date from forbrug.csv, mapped by kontoplan.csv and projected per post.
// fixtures/forbrug: the reference data with Erhvervsservice's forventet left blank, kontoplan.csv
// (6.10 → Erhvervsservice, 6.10.05 → Tilskud til kulturinstitutioner, 5.68 → Løntilskud) and 26 postings;
// every figure below is worked out by hand from fixtures/forbrug/forbrug.csv.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { opgoerForbrug, slaaOp } from '../src/core/forbrug.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { summerPosteringer } from '../src/io/posteringer.js';
import { arbejdsbog, koerCli } from './helpers.js';

const MAPPE = 'fixtures/forbrug';

async function opgoer(pr: { aar: number; maaned: number; dag: number }) {
  const ds = (await indlaesDatasaet(MAPPE)).datasaet!;
  return opgoerForbrug(ds, await summerPosteringer(join(MAPPE, 'forbrug.csv'), { skaeringsdato: pr }), pr);
}
const post = (o: Awaited<ReturnType<typeof opgoer>>, navn: string) => o.poster.find((p) => p.post === navn)!;

describe('kontoplan: the longest matching prefix wins', () => {
  it('6.10.05.01 belongs to 6.10.05, 6.10.01 to 6.10, 7.1 to nothing', () => {
    const k = (konto: string, post: string) => ({ konto, politikomraade: '2.2', post, kilde: { fil: 'k', linje: 1 } });
    const op = slaaOp([k('6.10', 'A'), k('6.10.05', 'B')]);
    expect([op('6.10.05.01')?.post, op('6.10.01')?.post, op('6.10')?.post, op('7.1')]).toEqual(['B', 'A', 'A', null]);
  });
});

describe('spending to date and its projection, pr. 30.06.2025', () => {
  it("Erhvervsservice: 6 × 700.000 + 300.000 = 4.500.000 to date; last year 40 % by June (6 × 600.000 + 400.000 of 10.000.000): 11.250.000", async () => {
    const p = post(await opgoer({ aar: 2025, maaned: 6, dag: 30 }), 'Erhvervsservice');
    expect([p.tilDato.toString(), p.forventetAndel.toString(), p.profil, p.fremskrevet.toString()]).toEqual(['4500000', '0.4', 'sidste_aar', '11250000']);
    expect(p.forbrugsandel!.times(100).toDecimalPlaces(2).toString()).toBe('38.14'); // 4,5 / 11,8
  });

  it('Tilskud til kulturinstitutioner (6.10.05.01, no last year): 3.500.000 − 500.000,50 to date, linear 50 %: 5.999.999', async () => {
    const p = post(await opgoer({ aar: 2025, maaned: 6, dag: 30 }), 'Tilskud til kulturinstitutioner');
    expect([p.tilDato.toString(), p.forventetAndel.toString(), p.profil, p.fremskrevet.toString()]).toEqual(['2999999.5', '0.5', 'lineaer', '5999999']);
  });

  it('pr. 15.06: June 20 is not yet booked: 3.500.000 / (0,34 + 0,06 × 15/30) = 9.459.459,46', async () => {
    const p = post(await opgoer({ aar: 2025, maaned: 6, dag: 15 }), 'Erhvervsservice');
    expect([p.tilDato.toString(), p.forventetAndel.toString(), p.fremskrevet.toString()]).toEqual(['3500000', '0.37', '9459459.46']);
  });

  it('every account with its total; the one no prefix covers is there too', async () => {
    const o = await opgoer({ aar: 2025, maaned: 6, dag: 30 });
    const konto = (k: string) => o.konti.find((x) => x.konto === k)!;
    expect([konto('6.10.02').iAlt.toString(), konto('6.10.02').tilDato.toString()]).toEqual(['700999', '300000']); // 400.000 + 300.000 + 999 (July)
    expect(konto('9.99.99')).toMatchObject({ post: null, politikomraade: null });
    expect([konto('9.99.99').iAlt.toString(), konto('9.99.99').tilDato.toString()]).toEqual(['1050', '1000']);
  });
});

describe('budgetopf forbrug', () => {
  it('JSON: posts, every account, and the unmapped account with its total', () => {
    const r = koerCli(['forbrug', MAPPE, '--format', 'json']);
    expect(r.kode).toBe(0);
    const j = JSON.parse(r.ud);
    expect(j.pr).toBe('2025-06-30'); // the manifest's pr
    expect(j.posteringer).toBe(26);
    expect(j.poster.find((p: { post: string }) => p.post === 'Erhvervsservice')).toMatchObject({
      forbrug_til_dato: 4500000, forventet_forbrugsprocent: 40, profil: 'sidste_aar', fremskrevet: 11250000, forbrugsprocent: 38.14,
    });
    expect(j.ukendte_konti).toEqual([{ konto: '9.99.99', i_alt: 1050, til_dato: 1000 }]);
    expect(r.fejl).toContain('1 konto i');
  });

  it('the table shows the unmapped account with its total', () => {
    const r = koerCli(['forbrug', MAPPE, '--enhed', 'kr']);
    expect(r.ud).toContain('Konti uden for kontoplanen');
    expect(r.ud).toMatch(/9\.99\.99\s*│\s*1\.050\s*│\s*1\.000/);
  });

  it('a post without forventet takes the projection in every report, and says so', () => {
    const r = koerCli(['afvigelser', MAPPE, '--poster', '--enhed', 'kr', '--format', 'json']);
    expect(r.kode).toBe(0);
    const po = JSON.parse(r.ud).politikomraader.find((p: { nr: string }) => p.nr === '2.2');
    expect(po.poster.find((p: { post: string }) => p.post === 'Erhvervsservice').forventet).toBe(11250000);
    expect(r.fejl).toContain('Forventet for 2.2 Erhvervsservice er fremskrevet af forbruget pr. 30.06.2025: 11.250.000,00 kr.');
  });

  it('--format xlsx: the Forbrug sheet has the figures in kr and the unmapped account its own sheet', async () => {
    const wb = await arbejdsbog(['forbrug', MAPPE]);
    expect(wb.ark).toEqual(['Forbrug', 'Konti uden kontoplan']);
    expect(wb.raekke('Forbrug', 'Erhvervsservice')).toEqual(expect.arrayContaining([11800000, 4500000, 11250000, 550000]));
  });

  it('--pr outside the budget year, or not a date, is a usage error', () => {
    expect(koerCli(['forbrug', MAPPE, '--pr', '2024-06-30']).kode).toBe(2);
    expect(koerCli(['forbrug', MAPPE, '--pr', '30/6']).kode).toBe(2);
  });

  it('a bad posting is an error with file and line, in forbrug and in valider', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'forbrug-'));
    cpSync(MAPPE, mappe, { recursive: true });
    appendFileSync(join(mappe, 'forbrug.csv'), '6.10.01;2025-02-30;5,00\n');
    const r = koerCli(['forbrug', mappe]);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain('forbrug.csv:28:dato: fejl[ugyldig_dato]');
    expect(koerCli(['valider', mappe]).ud).toContain('forbrug.csv:28:dato: fejl[ugyldig_dato]');
  });

  it('without forbrug.csv a blank forventet is an error on its line', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'forbrug-'));
    cpSync(MAPPE, mappe, { recursive: true });
    rmSync(join(mappe, 'forbrug.csv'));
    const r = koerCli(['valider', mappe]);
    expect(r.kode).toBe(1);
    expect(r.ud).toContain('budget.csv:13:forventet: fejl[forventet_mangler]');
  });
});

describe('forbrug: review cases', () => {
  const kopi = () => {
    const mappe = mkdtempSync(join(tmpdir(), 'forbrug-'));
    cpSync(MAPPE, mappe, { recursive: true });
    return mappe;
  };
  const skriv = (mappe: string, fil: string, tekst: string) => writeFileSync(join(mappe, fil), tekst);

  it('the projection is one exact division: 48.144.055,08 × 360/320 = 54.162.061,965 → ,97', async () => {
    const mappe = kopi();
    skriv(mappe, 'forbrug.csv', 'konto;dato;beloeb\n6.10.05.01;2025-01-10;48.144.055,08\n');
    const j = JSON.parse(koerCli(['forbrug', mappe, '--pr', '2025-11-20', '--format', 'json']).ud);
    expect(j.poster.find((p: { post: string }) => p.post === 'Tilskud til kulturinstitutioner').fremskrevet).toBe(54162061.97);
  });

  it('a profile share above 1 (a year with refunds) falls back to linear', async () => {
    const mappe = kopi();
    skriv(mappe, 'forbrug.csv', 'konto;dato;beloeb\n6.10.01;2024-03-15;1.000.000,00\n6.10.01;2024-12-15;-600.000,00\n6.10.01;2025-03-15;1.000.000,00\n');
    const p = JSON.parse(koerCli(['forbrug', mappe, '--format', 'json']).ud).poster.find((x: { post: string }) => x.post === 'Erhvervsservice');
    expect([p.profil, p.forventet_forbrugsprocent, p.fremskrevet]).toEqual(['lineaer', 50, 2000000]);
  });

  it('a postings file without the budget year is an error, with or without a date', () => {
    const mappe = kopi();
    skriv(mappe, 'forbrug.csv', 'konto;dato;beloeb\n6.10.01;2024-03-15;1,00\n');
    const r = koerCli(['afvigelser', mappe]);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain('fejl[ingen_forbrug]');
  });

  it("the manifest's pr must be a date in the budget year", () => {
    const mappe = kopi();
    const manifest = JSON.parse(readFileSync(join(mappe, 'opfoelgning.json'), 'utf8'));
    for (const pr of ['2025-02-30', '2024-06-30']) {
      skriv(mappe, 'opfoelgning.json', JSON.stringify({ ...manifest, pr }, null, 2));
      const r = koerCli(['valider', mappe]);
      expect(r.kode).toBe(1);
      expect(r.ud).toContain('opfoelgning.json:8:pr: fejl[ugyldigt_manifest]');
    }
  });

  it('a folder where forbrug.csv should be, or --forbrug a folder: a finding or a usage error, no stack trace', () => {
    const mappe = kopi();
    rmSync(join(mappe, 'forbrug.csv'));
    mkdirSync(join(mappe, 'forbrug.csv'));
    const r = koerCli(['valider', mappe]);
    expect(r.kode).toBe(1);
    expect(r.ud).toContain('fejl[ikke_en_fil]');
    const f = koerCli(['forbrug', MAPPE, '--forbrug', tmpdir()]);
    expect([f.kode, f.fejl]).toEqual([2, expect.stringContaining('er en mappe')]);
  });

  it('a duplicate konto column is an error on the header', () => {
    const mappe = kopi();
    skriv(mappe, 'forbrug.csv', 'konto;dato;beloeb;konto\n6.10.01;2025-03-15;1,00;x\n');
    expect(koerCli(['forbrug', mappe]).fejl).toContain('forbrug.csv:1:konto: fejl[dublet_kolonne]');
  });
});
