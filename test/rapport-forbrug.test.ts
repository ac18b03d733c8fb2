// `budgetopf rapport` with forbrug.csv and kontoplan.csv (issue 16 item 6): the forbrug section in every format,
// the JSON key the very object `budgetopf forbrug --format json` prints, nothing of it without those files.
import { copyFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, arbejdsbog, koerCli } from './helpers.js';

const UDVIDET = 'data/slagelse-ebu-2025-bo2-udvidet';
const FIXTUR = 'fixtures/forbrug';

function jsonAf(args: string[]): Record<string, unknown> {
  const r = koerCli([...args, '--format', 'json']);
  expect(r.kode, r.fejl).toBe(0);
  return JSON.parse(r.ud) as Record<string, unknown>;
}

/** "700.000,00" → 70000000 øre: the Danish amount of forbrug.csv, by hand (no parser of the tool's). */
const oere = (beloeb: string): bigint => {
  const [, minus, hele = '', oerer = ''] = /^(-?)([\d.]+),(\d\d)$/.exec(beloeb) ?? [];
  const v = BigInt(hele.replaceAll('.', '') + oerer);
  return minus ? -v : v;
};

/** Postings of an account under `praefiks` (not under `undtagen`) in [fra, til], in øre, from forbrug.csv's rows. */
function summer(praefiks: string, undtagen: string, fra: string, til: string): bigint {
  const linjer = readFileSync(join(FIXTUR, 'forbrug.csv'), 'utf8').trim().split('\n').slice(1);
  let s = 0n;
  for (const l of linjer) {
    const [konto = '', dato = '', beloeb = ''] = l.split(';');
    const under = (p: string) => konto === p || konto.startsWith(`${p}.`);
    if (under(praefiks) && !under(undtagen) && dato >= fra && dato <= til) s += oere(beloeb);
  }
  return s;
}

/** Whole kroner with Danish thousands separators (the `--enhed kr` display). */
const kr = (o: bigint) => {
  expect(o % 100n).toBe(0n);
  return (o / 100n).toString().replace(/\B(?=(\d{3})+$)/g, '.');
};

// Erhvervsservice = 6.10 but not 6.10.05 (kontoplan.csv's longest prefix), pr. 30.06.2025 (the manifest's pr).
const tilDato = summer('6.10', '6.10.05', '2025-01-01', '2025-06-30'); // 6 × 700.000 + 300.000
const sidsteAarTilDato = summer('6.10', '6.10.05', '2024-01-01', '2024-06-30'); // 6 × 600.000 + 400.000
const sidsteAar = summer('6.10', '6.10.05', '2024-01-01', '2024-12-31'); // 10.000.000
const fremskrevet = (tilDato * sidsteAar) / sidsteAarTilDato;

describe('rapport --format json: the forbrug key', () => {
  for (const mappe of [UDVIDET, 'data/eksempel-kommune-2025', FIXTUR]) {
    it(`${mappe}: deep-equal to budgetopf forbrug --format json`, () => {
      const rapport = jsonAf(['rapport', mappe]);
      expect(rapport.forbrug).toBeDefined();
      expect(rapport.forbrug).toEqual(jsonAf(['forbrug', mappe]));
    });
  }

  it('the reference folder (no forbrug.csv) has no forbrug key', () => {
    expect(jsonAf(['rapport', REFERENCE])).not.toHaveProperty('forbrug');
  });

  it('forbrug.csv without kontoplan.csv (no post needs it): no forbrug key', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-rf-'));
    cpSync(REFERENCE, mappe, { recursive: true });
    copyFileSync(join(FIXTUR, 'forbrug.csv'), join(mappe, 'forbrug.csv'));
    expect(jsonAf(['rapport', mappe])).not.toHaveProperty('forbrug');
  });
});

describe('rapport in the document formats: one more section', () => {
  it('hand check of the fixture: 4.500.000 to date, 40 % last year, projected 11.250.000', () => {
    expect([kr(tilDato), kr(sidsteAarTilDato), kr(sidsteAar), kr(fremskrevet)])
      .toEqual(['4.500.000', '4.000.000', '10.000.000', '11.250.000']);
  });

  for (const format of ['markdown', 'html', 'tabel']) {
    it(`${format}: the section title and Erhvervsservice's spending to date and projection in kr.`, () => {
      const r = koerCli(['rapport', FIXTUR, '--format', format, '--enhed', 'kr']);
      expect(r.kode, r.fejl).toBe(0);
      expect(r.ud).toContain('Forbrug pr. 30.06.2025');
      const linje = r.ud.split('\n').find((l) => l.includes('Erhvervsservice') && l.includes(kr(tilDato)));
      expect(linje).toBeDefined();
      expect(linje).toContain(kr(fremskrevet));
      expect(r.ud).toContain('Konti uden for kontoplanen'); // 9.99.99 is under no prefix
    });
  }

  it('the reference rapport has no forbrug section', () => {
    const r = koerCli(['rapport', REFERENCE, '--format', 'markdown']);
    expect(r.kode).toBe(0);
    expect(r.ud).not.toContain('Forbrug pr.');
  });

  it('xlsx: a Forbrug sheet whose Erhvervsservice row has the exact kr. to date', async () => {
    const { ark, raekke } = await arbejdsbog(['rapport', FIXTUR]);
    expect(ark).toContain('Forbrug');
    expect(raekke('Forbrug', 'Erhvervsservice')).toContain(Number(tilDato / 100n));
  });
});
