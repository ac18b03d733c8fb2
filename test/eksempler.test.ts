// Every example command in README.md and in `budgetopf help KOMMANDO` runs as written (in a fresh folder with a copy
// of the package's example data): exit 0, or the exit the text states (`# exit 1`), and the output the README shows.
// scripts/pakke-test.mjs runs the same examples from a packed tarball installed into an empty folder.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, shared with scripts/pakke-test.mjs
import { alleHjaelpEksempler, koerEksempel, readmeEksempler } from '../scripts/eksempler.mjs';

interface Eksempel { kilde: string; kommando: string; vist: string; exit: number }

const bin = resolve('bin/budgetopf.js');
const budgetopf = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const readme: Eksempel[] = readmeEksempler(readFileSync('README.md', 'utf8'));
const hjaelp: Eksempel[] = alleHjaelpEksempler(budgetopf);

describe('every example runs as written', () => {
  it('finds the examples: README blocks and scripts, and the help of every command', () => {
    expect(readme.length).toBeGreaterThan(8);
    const kommandoer = ['afvigelser', 'aktivitet', 'rapport', 'bevillinger', 'scenarie', 'prognose', 'forbrug',
      'valider', 'init', 'hovedoversigt', 'anlaeg', 'samle', 'videre', 'sammenlign', 'praecision'];
    const kilder = ['budgetopf --help', ...kommandoer.map((k) => `budgetopf help ${k}`)];
    expect(new Set(hjaelp.map((e) => e.kilde))).toEqual(new Set(kilder));
    expect(hjaelp.some((e) => e.exit === 1)).toBe(true);
  });

  const alle = [...readme, ...hjaelp].map((e) => [`${e.kilde}: ${e.kommando.split('\n')[0]}`, e] as const);
  it.each(alle)('%s', (_n, e) => {
    const r = koerEksempel(e, { rod: resolve('.'), bin });
    expect(r.kode, `${r.ud}\n${r.fejl}`).toBe(e.exit);
    expect(r.fejl).not.toMatch(/uventet fejl|\n\s+at /); // no internal error, no stack trace
    if (e.vist) expect(`${r.ud}\n${r.fejl}`.replace(/\n+/g, '\n')).toContain(e.vist.replace(/\n+/g, '\n'));
    rmSync(r.mappe, { recursive: true, force: true });
  });
});

describe('the extended example is the reference case plus the fixtures of prognose, forbrug and scenarier', () => {
  const UDVIDET = 'data/slagelse-ebu-2025-bo2-udvidet';
  const kilde: Record<string, string> = {
    'maanedstal.csv': 'fixtures/prognose/maanedstal.csv',
    'forbrug.csv': 'fixtures/forbrug/forbrug.csv',
    'kontoplan.csv': 'fixtures/forbrug/kontoplan.csv',
    'budget.csv': 'fixtures/forbrug/budget.csv', // Erhvervsservice without forventet: projected from forbrug.csv
    'opfoelgning.json': 'fixtures/forbrug/opfoelgning.json', // with pr
    'scenarier.csv': 'fixtures/scenarier/to-scenarier.csv',
  };
  const laes = (f: string) => readFileSync(f, 'utf8');
  it.each(readdirSync(UDVIDET).map((f) => [f]))('%s', (f) =>
    expect(laes(join(UDVIDET, f))).toBe(laes(kilde[f] ?? join('data/slagelse-ebu-2025-bo2', f))));
});
