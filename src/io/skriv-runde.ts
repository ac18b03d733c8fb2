/**
 * Writes the next round's folder (`budgetopf videre`) through the one atomic folder writer (skriv-mappe.ts):
 * whole or not at all, never over a folder that is not empty, never inside the source folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Videre } from '../core/videre.js';
import { bevillingerGivetCsv, bevillingsoenskerCsv } from '../render/bevillingsoensker-csv.js';
import { budgetCsv } from '../render/budget-csv.js';
import { helaarspersonerCsv } from '../render/helaarspersoner-csv.js';
import { FILER } from './load-dataset.js';
import { skrivMappeAtomiskSync } from './skriv-mappe.js';

/** The files the next round gets new contents for; every other file of the folder is copied. */
function nyeFiler(fra: string, v: Videre): Map<string, string> {
  const m = v.ds.manifest;
  const format = m.talformat ?? 'da';
  const manifest = JSON.parse(readFileSync(join(fra, FILER.manifest), 'utf8').replace(/^\uFEFF/, '')) as Record<
    string,
    unknown
  >;
  manifest.opfoelgning = m.opfoelgning;
  delete manifest.pr;
  const filer = new Map<string, string>([
    [FILER.manifest, `${JSON.stringify(manifest, null, 2)}\n`],
    [FILER.budget, budgetCsv(v.ds.poster, m.beloebsenhed, format, true)],
    [FILER.bevillingsoensker, bevillingsoenskerCsv([], m.beloebsenhed, format)],
  ]);
  if (v.ds.ydelser.length || existsSync(join(fra, FILER.helaarspersoner)))
    filer.set(FILER.helaarspersoner, helaarspersonerCsv(v.ds.ydelser, format));
  if (v.ds.givneBevillinger?.length)
    filer.set(FILER.bevillingerGivet, bevillingerGivetCsv(v.ds.givneBevillinger, m.beloebsenhed, format));
  return filer;
}

/** Writes `v` as the folder `til`, with every other file of `fra` copied. Returns the files written anew. */
export function skrivNaesteRunde(fra: string, til: string, v: Videre): string[] {
  const filer = nyeFiler(fra, v);
  skrivMappeAtomiskSync(til, filer, { fra });
  return [...filer.keys()];
}
