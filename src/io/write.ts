/** Writes an output file without ever losing data: a temporary file in the same folder, then rename. */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class SkriveFejl extends Error {
  override name = 'SkriveFejl'; // its own name in a stack trace, also from the minified bundle
}

const SKRIVEFEJL: Record<string, string> = {
  ENOENT: 'mappen findes ikke',
  EACCES: 'ingen skriveadgang',
  EPERM: 'ingen skriveadgang',
  EISDIR: 'stien er en mappe',
  ENOTDIR: 'en del af stien er ikke en mappe',
  ENOSPC: 'disken er fuld',
  EROFS: 'filsystemet er skrivebeskyttet',
};

const rigtigSti = (sti: string) => {
  try {
    return realpathSync(sti);
  } catch {
    return resolve(sti);
  }
};

/**
 * Writes `indhold` (text, or the bytes of a workbook) to `sti` atomically. Refuses to overwrite any of `beskyttede` (the input files) that
 * exists; a dataset file that is not there yet (a proposed bevillingsoensker.csv) may be written.
 * A failed write leaves an existing file untouched. (Synchronous: one small file, and node:fs/promises
 * would cost more start-up than the write itself.)
 */
export function skrivAtomisk(sti: string, indhold: string | Uint8Array, beskyttede: readonly string[]): void {
  const maal = rigtigSti(sti);
  if (beskyttede.filter((b) => existsSync(b)).map(rigtigSti).includes(maal)) throw new SkriveFejl(`${sti} er en af inputfilerne og overskrives ikke; vælg et andet filnavn`);
  const tmp = join(dirname(maal), `.${basename(maal)}.${process.pid}.tmp`);
  let oprettet = false;
  try {
    writeFileSync(tmp, indhold, { flag: 'wx' });
    oprettet = true;
    renameSync(tmp, maal);
  } catch (e) {
    if (oprettet) rmSync(tmp, { force: true }); // only our own temporary file
    const kode = (e as NodeJS.ErrnoException).code ?? '';
    // A device or pipe (/dev/stdout) resolves to a path whose folder takes no files: say what it is.
    const speciel = existsSync(sti) && !statSync(sti).isFile() && !statSync(sti).isDirectory();
    const grund = speciel
      ? 'målet er ikke en almindelig fil (en enhed eller et rør); udelad -o for at skrive til standard output'
      : SKRIVEFEJL[kode];
    throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${grund ?? (kode || (e as Error).message)}`);
  }
}
