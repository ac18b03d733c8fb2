/** Writes an output file without ever losing data: a temporary file in the same folder, then rename. */
import { realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export class SkriveFejl extends Error {}

const rigtigSti = async (sti: string) => realpath(sti).catch(() => resolve(sti));

/**
 * Writes `indhold` to `sti` atomically. Refuses to overwrite any of `beskyttede` (the input files).
 * A failed write leaves an existing file untouched.
 */
export async function skrivAtomisk(sti: string, indhold: string, beskyttede: readonly string[]): Promise<void> {
  const maal = await rigtigSti(sti);
  const input = await Promise.all(beskyttede.map(rigtigSti));
  if (input.includes(maal)) throw new SkriveFejl(`${sti} er en af inputfilerne og overskrives ikke; vælg et andet filnavn`);
  const tmp = join(dirname(maal), `.${basename(maal)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, indhold, { flag: 'wx' });
    await rename(tmp, maal);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
