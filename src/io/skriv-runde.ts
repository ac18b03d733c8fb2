/**
 * Writes the next round's folder (`budgetopf videre`) atomically: everything goes into a temporary
 * folder next to the target, which is renamed into place only when complete. Refuses a target that
 * exists and is not an empty folder, and a target inside the source folder.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import type { Videre } from '../core/videre.js';
import { bevillingerGivetCsv, bevillingsoenskerCsv } from '../render/bevillingsoensker-csv.js';
import { budgetCsv } from '../render/budget-csv.js';
import { helaarspersonerCsv } from '../render/helaarspersoner-csv.js';
import { FILER } from './load-dataset.js';
import { SkriveFejl } from './write.js';

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

function tjekMaal(fra: string, til: string): boolean {
  const rel = relative(resolve(fra), resolve(til));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
    throw new SkriveFejl(`${til} ligger i ${fra}; vælg en mappe uden for datasættet`);
  const info = statSync(til, { throwIfNoEntry: false });
  if (!info) return false;
  if (!info.isDirectory() || readdirSync(til).length > 0)
    throw new SkriveFejl(`${til} findes allerede og er ikke en tom mappe; den overskrives ikke`);
  return true;
}

/** Writes `v` as the folder `til`, with every other file of `fra` copied. Returns the files written anew. */
export function skrivNaesteRunde(fra: string, til: string, v: Videre): string[] {
  const findes = tjekMaal(fra, til);
  const maal = resolve(til);
  const tmp = join(dirname(maal), `.${basename(maal)}.${process.pid}.tmp`);
  const filer = nyeFiler(fra, v);
  let oprettet = false;
  try {
    mkdirSync(tmp);
    oprettet = true;
    for (const navn of readdirSync(fra)) {
      if (!filer.has(navn)) cpSync(join(fra, navn), join(tmp, navn), { recursive: true });
    }
    for (const [navn, indhold] of filer) writeFileSync(join(tmp, navn), indhold, { flag: 'wx' });
    if (findes) rmdirSync(maal); // empty: checked above
    renameSync(tmp, maal);
  } catch (e) {
    if (oprettet) rmSync(tmp, { recursive: true, force: true }); // only our own temporary folder
    if (e instanceof SkriveFejl) throw e;
    const kode = (e as NodeJS.ErrnoException).code ?? '';
    throw new SkriveFejl(`Kunne ikke skrive ${til}: ${kode || (e as Error).message}`);
  }
  return [...filer.keys()];
}
