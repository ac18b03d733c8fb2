/**
 * Writes an output file without ever losing data. A regular file (or a new one) is written to a
 * temporary file in the same folder and renamed over the target, keeping the old file's mode; a target
 * that is not a regular file (a device such as /dev/null, a FIFO, /dev/stdout in a pipe) is written to
 * directly, as Unix tools do, never replaced.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync, fchmodSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export class SkriveFejl extends Error {
  override name = 'SkriveFejl'; // its own name in a stack trace, also from the minified bundle
}

export interface SkriveValg {
  /** Replace a read-only file too (`--tving`). */
  tving?: boolean;
}

/** Every errno a write can meet, in Danish (a Map: the code is looked up, never inherited). */
const SKRIVEFEJL = new Map<string, string>([
  ['ENOENT', 'mappen findes ikke'],
  ['EACCES', 'ingen skriveadgang'],
  ['EPERM', 'ingen skriveadgang'],
  ['EISDIR', 'stien er en mappe'],
  ['ENOTDIR', 'en del af stien er ikke en mappe'],
  ['ENOSPC', 'disken er fuld'],
  ['EDQUOT', 'diskkvoten er opbrugt'],
  ['EFBIG', 'filen bliver for stor til filsystemet'],
  ['EROFS', 'filsystemet er skrivebeskyttet'],
  ['ENAMETOOLONG', 'filnavnet er for langt'],
  ['ELOOP', 'stien indeholder en løkke af symbolske links'],
  ['EEXIST', 'en fil med det midlertidige navn findes allerede'],
  ['EXDEV', 'den midlertidige fil ligger på et andet filsystem'],
  ['EBUSY', 'filen er i brug'],
  ['ETXTBSY', 'filen er i brug'],
  ['EIO', 'fejl ved læsning eller skrivning på disken'],
  ['EMFILE', 'for mange åbne filer'],
  ['ENFILE', 'for mange åbne filer i systemet'],
  ['EPIPE', 'modtageren har lukket forbindelsen'],
  ['ENXIO', 'enheden findes ikke, eller ingen læser fra den'],
  ['ENODEV', 'enheden findes ikke'],
  ['EAGAIN', 'enheden er optaget; prøv igen'],
  ['EINVAL', 'filsystemet tillader ikke denne skrivning'],
  ['ESTALE', 'netværksdrevet er ikke længere tilgængeligt'],
]);

/** An errno (or any error) as a Danish reason; an unknown code is named, never shown in English. */
export function skrivefejlTekst(e: unknown): string {
  const kode = (e as NodeJS.ErrnoException | undefined)?.code;
  if (kode) return SKRIVEFEJL.get(kode) ?? `uventet fejl fra styresystemet (${kode})`;
  return 'uventet fejl ved skrivningen';
}

const rigtigSti = (sti: string) => {
  try {
    return realpathSync(sti);
  } catch {
    return resolve(sti);
  }
};

/** The target's current state; null when it does not exist (a broken path is the writer's error). */
function status(sti: string): Stats | null {
  try {
    return statSync(sti, { throwIfNoEntry: false }) ?? null;
  } catch (e) {
    throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${skrivefejlTekst(e)}`);
  }
}

/** What can be written: text, bytes, or text in pieces (a large output written as it is made). */
export type Indhold = string | Uint8Array | Iterable<string>;

/** Writes all of `indhold` to an open descriptor (writeSync may write less than asked); pieces in 1 MB blocks. */
function skrivAlt(fd: number, indhold: Indhold): void {
  const skriv = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length;) i += writeSync(fd, bytes, i, bytes.length - i);
  };
  if (typeof indhold === 'string') return skriv(Buffer.from(indhold));
  if (indhold instanceof Uint8Array) return skriv(indhold);
  for (const blok of blokke(indhold)) skriv(Buffer.from(blok));
}

/** Pieces joined into blocks of at least `stoerrelse` characters (the last may be shorter). */
export function* blokke(dele: Iterable<string>, stoerrelse = 1 << 20): Generator<string> {
  let buffer: string[] = [];
  let laengde = 0;
  for (const d of dele) {
    buffer.push(d);
    laengde += d.length;
    if (laengde >= stoerrelse) {
      yield buffer.join('');
      buffer = [];
      laengde = 0;
    }
  }
  if (buffer.length) yield buffer.join('');
}

/**
 * Writes `indhold` (text, or the bytes of a workbook) to `sti`. Refuses to overwrite any of `beskyttede`
 * (the input files) that exists, and a read-only file unless `tving`. A failed write leaves an existing
 * file untouched and no temporary file behind. (Synchronous: one small file, and node:fs/promises would
 * cost more start-up than the write itself.)
 */
export function skrivAtomisk(
  sti: string, indhold: Indhold, beskyttede: readonly string[], valg: SkriveValg = {},
): void {
  const maal = rigtigSti(sti);
  const inputfiler = beskyttede.filter((b) => status(b) !== null).map(rigtigSti);
  if (inputfiler.includes(maal)) {
    throw new SkriveFejl(`${sti} er en af inputfilerne og overskrives ikke; vælg et andet filnavn`);
  }
  const info = status(sti);
  if (info?.isDirectory()) throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${SKRIVEFEJL.get('EISDIR')}`);
  // /dev/stdout redirected to a file is a regular file, but the shell holds it open: write through it.
  if (info && (!info.isFile() || /^\/(dev|proc)\//.test(resolve(sti)))) return skrivDirekte(sti, indhold);
  if (info && (info.mode & 0o222) === 0 && !valg.tving) {
    throw new SkriveFejl(`${sti} er skrivebeskyttet og erstattes ikke; brug --tving for at erstatte den alligevel`);
  }
  skrivViaMidlertidig(sti, maal, indhold, info ? info.mode & 0o7777 : null);
}

/** /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the process's own descriptor (a socket cannot be reopened). */
function egenDeskriptor(sti: string): number | null {
  const m = /^\/(?:dev\/(stdout|stderr|fd\/(\d+))|proc\/self\/fd\/(\d+))$/.exec(resolve(sti));
  if (!m) return null;
  return m[1] === 'stdout' ? 1 : m[1] === 'stderr' ? 2 : Number(m[2] ?? m[3]);
}

/** A device, FIFO or terminal: opened and written like any Unix tool does; nothing is renamed. */
function skrivDirekte(sti: string, indhold: Indhold): void {
  const egen = egenDeskriptor(sti);
  let fd: number | null = null;
  try {
    if (egen === null) fd = openSync(sti, 'w');
    skrivAlt(egen ?? fd!, indhold);
  } catch (e) {
    throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${skrivefejlTekst(e)}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A short unique name in the target's folder (random: a killed run's leftover never blocks), created exclusively. */
function opretMidlertidig(mappe: string, tilstand: number): { tmp: string; fd: number } {
  for (let forsoeg = 0; ; forsoeg++) {
    const tmp = join(mappe, `.budgetopf-${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { tmp, fd: openSync(tmp, 'wx', tilstand) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || forsoeg >= 9) throw e;
    }
  }
}

/** Temporary file, then rename; the mode of the file it replaces (a new file: 0666 less the umask, as any tool). */
function skrivViaMidlertidig(sti: string, maal: string, indhold: Indhold, tilstand: number | null): void {
  let tmp: string | null = null;
  let fd: number | null = null;
  try {
    ({ tmp, fd } = opretMidlertidig(dirname(maal), tilstand ?? 0o666));
    skrivAlt(fd, indhold);
    if (tilstand !== null) fchmodSync(fd, tilstand); // the umask must not narrow the mode it had
    closeSync(fd);
    fd = null;
    renameSync(tmp, maal);
    tmp = null;
  } catch (e) {
    throw new SkriveFejl(`Kunne ikke skrive ${sti}: ${skrivefejlTekst(e)}`);
  } finally {
    if (fd !== null) closeSync(fd);
    if (tmp !== null) rmSync(tmp, { force: true }); // only our own temporary file
  }
}

