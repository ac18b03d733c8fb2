/** Where budgetopf's own files are: the package root and its bundled example data (`data/`). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';

/** The folder of the bundled example: reproduces the published BO2 2025 table. */
export const EKSEMPEL = 'slagelse-ebu-2025-bo2';

let rod: string | null | undefined;

/** The package root (the folder with budgetopf's package.json), found upwards from this code; null if not found. */
export function pakkeRod(): string | null {
  if (rod !== undefined) return rod;
  // dist/cli.cjs runs with a CommonJS __dirname; the ES module build and the sources start from the working folder.
  let her = typeof __dirname === 'string' ? __dirname : process.cwd();
  rod = null;
  for (let i = 0; i < 8; i++) { // dist/, src/io/ or node_modules/budgetopf/dist: a few levels at most
    const pakke = join(her, 'package.json');
    const voresPakke = existsSync(pakke) && /"name":\s*"budgetopf"/.test(readFileSync(pakke, 'utf8'));
    if (voresPakke && existsSync(join(her, 'data'))) {
      rod = her;
      break;
    }
    if (dirname(her) === her) break;
    her = dirname(her);
  }
  return rod;
}

/** The bundled data folder `data/<navn>`, or null. */
export function bundletMappe(navn: string): string | null {
  const r = pakkeRod();
  const sti = r && /^[\w.-]+$/.test(navn) ? join(r, 'data', navn) : null;
  return sti && existsSync(join(sti, 'opfoelgning.json')) ? sti : null;
}

/**
 * A relative `data/<navn>` (or a file in it) that does not exist here but is bundled: the bundled one, so
 * that the README's and the help's examples run as written wherever budgetopf is installed. Otherwise null.
 */
export function eksempelI(sti: string): string | null {
  if (isAbsolute(sti) || existsSync(sti)) return null;
  const dele = normalize(sti).split(sep).filter((d) => d !== '');
  if (dele[0] !== 'data' || dele.length < 2 || dele.length > 3) return null;
  const mappe = bundletMappe(dele[1]!);
  const fil = mappe && dele[2] !== undefined && /^[\w.-]+$/.test(dele[2]) ? join(mappe, dele[2]) : mappe;
  return fil && existsSync(fil) ? fil : null;
}
