// valider on a whole-municipality folder (issue 14): the new kinds, `overfoeres` and the manifest's amounts.
// Each case is a copy of data/eksempel-kommune-2025 with one edit; line numbers come from the file itself.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indlaesDatasaet } from '../src/io/load-dataset.js';

const KOMMUNE = 'data/eksempel-kommune-2025';

/** A copy of the example with `ret` applied to one file; returns the folder. */
function kopi(fil: string, ret: (tekst: string) => string): string {
  const mappe = join(mkdtempSync(join(tmpdir(), 'budgetopf-regler-')), 'kommune');
  cpSync(KOMMUNE, mappe, { recursive: true });
  writeFileSync(join(mappe, fil), ret(readFileSync(join(mappe, fil), 'utf8')));
  return mappe;
}

/** Replaces budget.csv's row that starts with `start` (politikområde;post;) by `ny`; the folder and the row's line. */
function medRaekke(start: string, ny: (felter: string[]) => string[]): { mappe: string; linje: number } {
  const linjer = readFileSync(join(KOMMUNE, 'budget.csv'), 'utf8').split('\n');
  const i = linjer.findIndex((l) => l.startsWith(start));
  expect(i, start).toBeGreaterThan(0);
  const mappe = kopi('budget.csv', () => linjer.map((l, j) => (j === i ? ny(l.split(';')).join(';') : l)).join('\n'));
  return { mappe, linje: i + 1 };
}

/** Column 7 of budget.csv (0-based) is overfoeres; 3–5 vedtaget, korrigeret, forventet. */
const overfoeres = (v: string) => (f: string[]) => [...f.slice(0, 7), v];

async function fund(mappe: string) {
  const r = await indlaesDatasaet(mappe);
  return r.fund.map((f) => ({
    fil: f.fil.split('/').pop(),
    linje: f.linje,
    kolonne: f.kolonne,
    kode: f.kode,
    alvor: f.alvor,
    besked: f.besked,
  }));
}

describe('the whole municipality in valider', () => {
  it('the example is clean, without an udvalg in its manifest', async () => {
    expect(await fund(KOMMUNE)).toEqual([]);
    expect(JSON.parse(readFileSync(join(KOMMUNE, 'opfoelgning.json'), 'utf8'))).not.toHaveProperty('udvalg');
  });

  it('an income kind with a positive amount is a warning, not an error', async () => {
    const { mappe, linje } = medRaekke('1.9;Grundskyld;', (f) => [
      f[0]!,
      f[1]!,
      f[2]!,
      f[3]!,
      '268.400',
      f[5]!,
      f[6]!,
      f[7] ?? '',
    ]);
    const f = await fund(mappe);
    expect(f).toEqual([
      expect.objectContaining({
        fil: 'budget.csv',
        linje,
        kolonne: 'korrigeret',
        kode: 'indtaegt_positiv',
        alvor: 'advarsel',
      }),
    ]);
    expect((await indlaesDatasaet(mappe)).datasaet).not.toBeNull();
  });

  it('each income kind is checked (skatter, tilskud og udligning, optagne lån); an expense kind is not', async () => {
    for (const [start, kode] of [
      ['1.9;Statstilskud;', 'indtaegt_positiv'],
      ['1.9;Optagne lån;', 'indtaegt_positiv'],
      ['1.9;Renteudgifter;', null],
    ] as const) {
      const { mappe } = medRaekke(start, (f) => [f[0]!, f[1]!, f[2]!, '1.000', f[4]!, f[5]!, f[6]!, f[7] ?? '']);
      expect(
        (await fund(mappe)).map((x) => x.kode),
        start,
      ).toEqual(kode ? [kode] : []);
    }
  });

  it('overfoeres larger than the mindreforbrug is an error', async () => {
    // Ny skole i Nordbyen: korrigeret 118.000, forventet 72.000 t.kr.: mindreforbrug 46.000.
    const ok = medRaekke('2.8;Ny skole i Nordbyen;', overfoeres('46.000'));
    expect(await fund(ok.mappe)).toEqual([]);
    const { mappe, linje } = medRaekke('2.8;Ny skole i Nordbyen;', overfoeres('46.000,01'));
    expect(await fund(mappe)).toEqual([
      expect.objectContaining({ linje, kolonne: 'overfoeres', kode: 'overfoeres_over_afvigelse', alvor: 'fejl' }),
    ]);
    expect((await fund(mappe))[0]!.besked).toContain('46.000.010,00 kr.');
  });

  it('the mindreforbrug counts korrektioner (Ny svømmehal: 74.500 − 41.000 − 1.500 = 32.000 t.kr.)', async () => {
    expect(await fund(medRaekke('6.5;Ny svømmehal;', overfoeres('32.000')).mappe)).toEqual([]);
    expect((await fund(medRaekke('6.5;Ny svømmehal;', overfoeres('33.000')).mappe)).map((f) => f.kode)).toEqual([
      'overfoeres_over_afvigelse',
    ]);
  });

  it('a merforbrug may be carried over only as a negative amount, no larger than the merforbrug', async () => {
    // Ny rundkørsel ved Ringvejen: korrigeret 14.000, forventet 15.900: merforbrug 1.900 t.kr.
    const koder = async (v: string) =>
      (await fund(medRaekke('5.7;Ny rundkørsel ved Ringvejen;', overfoeres(v)).mappe)).map((f) => f.kode);
    expect(await koder('-1.900')).toEqual([]);
    expect(await koder('100')).toEqual(['overfoeres_over_afvigelse']);
    expect(await koder('-1.900,5')).toEqual(['overfoeres_over_afvigelse']);
  });

  it('an activity post is checked against the activity model (Sygedagpenge: merforbrug 9.600 t.kr.)', async () => {
    const koder = async (v: string) =>
      (await fund(medRaekke('4.1;Sygedagpenge;', overfoeres(v)).mappe)).map((f) => f.kode);
    expect(await koder('1')).toEqual(['overfoeres_over_afvigelse']);
    expect(await koder('-9.600')).toEqual([]);
  });

  it('an activity model on a post that is not drift is an error', async () => {
    const { mappe, linje } = medRaekke('4.1;Sygedagpenge;', (f) => [f[0]!, f[1]!, 'anlaeg', ...f.slice(3)]);
    expect(await fund(mappe)).toEqual([
      expect.objectContaining({ linje, kolonne: 'udgiftsart', kode: 'ydelse_ikke_drift' }),
    ]);
  });

  it('an unknown kind names the kinds, and words like "constructor" are not kinds', async () => {
    for (const art of ['drift', 'constructor', '__proto__']) {
      const { mappe, linje } = medRaekke('5.1;Vintertjeneste;', (f) => [f[0]!, f[1]!, art, ...f.slice(3)]);
      const f = await fund(mappe);
      expect(f).toEqual([expect.objectContaining({ linje, kolonne: 'udgiftsart', kode: 'ugyldig_udgiftsart' })]);
      expect(f[0]!.besked).toContain('finansforskydninger');
    }
  });

  it('the kinds may be written with æøå (anlæg, lån)', async () => {
    const { mappe } = medRaekke('5.7;Cykelstier;', (f) => [f[0]!, f[1]!, 'Anlæg', ...f.slice(3)]);
    const ds = (await indlaesDatasaet(mappe)).datasaet!;
    expect(ds.poster.find((p) => p.post === 'Cykelstier')!.udgiftsart).toBe('anlaeg');
  });

  it('the manifest amounts are kr with at most two decimals', async () => {
    for (const [vaerdi, ok] of [
      ['412500000.25', true],
      ['412500000.125', false],
      ['"412.500.000"', false],
      ['1e20', false],
    ] as const) {
      const mappe = kopi('opfoelgning.json', (t) => t.replace(/"kasse_primo": [^,\n]+/, `"kasse_primo": ${vaerdi}`));
      const f = await fund(mappe);
      expect(
        f.map((x) => [x.kolonne, x.kode]),
        vaerdi,
      ).toEqual(ok ? [] : [['kasse_primo', 'ugyldigt_manifest']]);
    }
    const mappe = kopi('opfoelgning.json', (t) => t.replace(/"kasse_primo": [^,\n]+/, '"kasse_primo": 412500000.25'));
    expect((await indlaesDatasaet(mappe)).datasaet!.manifest.kassePrimo!.toString()).toBe('412500000.25');
  });
});
