/**
 * Postings on every core: forbrug.csv cut at line starts into parts, each part summed by the same scanner
 * (`summerPosteringer` with `del`) in its own worker thread, and the parts' sums merged exactly (øre as
 * BigInt). The parts are not trusted blindly: a cut is a record boundary only if the part before it ended
 * between records, which each part reports; if one did not (a quoted field with a newline across the cut),
 * the file is read once more in one pass. Findings keep their file lines: a part counts lines from its
 * own start and the merge shifts them. The result equals `summerPosteringer` on the whole file.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fund as lavFund } from '../core/model.js';
import { Oeresum, type Kontosum } from '../core/forbrug.js';
import { summerPosteringer, type Delresultat, type Posteringer, type PosteringsValg } from './posteringer.js';

/** Below this size one thread is faster than starting another (a worker costs ≈ 30 ms to load). */
export const MIN_PARALLEL = 8 << 20;
const MAKS_FUND = 1000;
/** Codes of the findings a record can give (capped at MAKS_FUND in file order); the rest are about the file. */
const FIL_KODER = new Set(['windows_1252', 'ugyldig_csv', 'flere_fund']);

/** A part's sums as plain data (what a worker posts back): konto, [month, øre][], øre to the cut-off day. */
export type Delsummer = [string, [number, bigint][], bigint][];

export function tilDelsummer(konti: Map<string, Kontosum>): Delsummer {
  return [...konti].map(([k, s]) => [
    k, [...s.maaneder].map(([m, o]) => [m, o.oere] as [number, bigint]), s.tilSkaeringsdag.oere,
  ]);
}

/** Line starts near each 1/n of [fra, til): the first byte after a newline at or past each cut. */
export function snitpunkter(
  bytes: (fra: number, laengde: number) => Buffer, stoerrelse: number, dele: number,
): number[] {
  const snit: number[] = [0];
  for (let d = 1; d < dele; d++) {
    const start = Math.max(Math.floor((stoerrelse * d) / dele), snit[snit.length - 1]!);
    const b = bytes(start, 1 << 16);
    const nl = b.indexOf(10);
    if (nl < 0 || start + nl + 1 >= stoerrelse) continue; // no line start in reach: fewer parts
    snit.push(start + nl + 1);
  }
  return snit;
}

/**
 * Merges the parts' results (in file order) into the result of one pass, or null when a cut was not a
 * record boundary. A part that stopped at broken CSV ends the file there, as one pass would.
 */
export function flet(dele: { r: Delresultat | Posteringer; summer: Delsummer }[], fil: string): Posteringer | null {
  const foerste = dele[0]!.r;
  if (!('ren' in foerste)) return foerste; // the first part read the whole file (an odd header): that is the result
  const konti = new Map<string, Kontosum>();
  let antal = 0;
  const poster: Posteringer['fund'] = [];
  const filfund: Posteringer['fund'] = [];
  let flere = 0;
  let loft = MAKS_FUND;
  let forskydning = 0;
  let laest = true;
  for (let i = 0; i < dele.length; i++) {
    const { r, summer } = dele[i]!;
    if (!('ren' in r)) return null;
    if (i < dele.length - 1 && !r.ren) return null; // the cut after this part was inside a record
    // Broken CSV in a later part: its message names lines counted from the part; one pass words it right (rare).
    if (i > 0 && !r.laest) return null;
    for (const [konto, maaneder, tilSkaering] of summer) {
      let k = konti.get(konto);
      if (!k) konti.set(konto, (k = { maaneder: new Map(), tilSkaeringsdag: new Oeresum() }));
      for (const [m, oere] of maaneder) {
        let o = k.maaneder.get(m);
        if (!o) k.maaneder.set(m, (o = new Oeresum()));
        o.addOere(oere);
      }
      k.tilSkaeringsdag.addOere(tilSkaering);
    }
    antal += r.antal;
    for (const f of r.fund) {
      // Every part reads the header: its findings (above the records, or about the whole file) count once.
      const hoved = f.linje === null ? f.kode !== 'windows_1252' && !FIL_KODER.has(f.kode) : f.linje < r.startlinje;
      if (f.kode === 'flere_fund' || (i > 0 && hoved)) continue;
      const flyttet = f.linje === null ? f : { ...f, linje: f.linje + forskydning };
      if (f.kode === 'windows_1252') {
        if (!filfund.some((x) => x.kode === 'windows_1252')) filfund.push(flyttet);
      } else if (hoved) {
        filfund.push(flyttet);
        loft--; // one pass keeps record findings while all findings so far are under the cap
      } else if (FIL_KODER.has(f.kode)) filfund.push(flyttet);
      else if (poster.length < loft) poster.push(flyttet);
      else flere++;
    }
    flere += r.flereFund;
    if (!r.laest) {
      laest = false;
      break; // broken CSV: one pass reads no further
    }
    forskydning += r.slutlinje - r.startlinje;
  }
  const alle = [...poster, ...filfund].sort((a, b) => (a.linje ?? 0) - (b.linje ?? 0));
  const besked = `og ${flere} fejl mere i filen (de første ${MAKS_FUND} er vist; er talformatet rigtigt?)`;
  if (flere > 0) alle.push(lavFund(fil, null, null, 'flere_fund', besked));
  return { konti, antal, fund: alle, laest };
}

/** One part, in this thread (the tests use this to try every cut). */
export async function summerDel(fil: string, valg: PosteringsValg, fra: number, til: number) {
  const r = (await summerPosteringer(fil, { ...valg, del: { fra, til } })) as Delresultat | Posteringer;
  return { r, summer: tilDelsummer(r.konti) };
}

/** How many parts: one per core, at most 8, and one for files under MIN_PARALLEL or when BUDGETOPF_TRAADE=1. */
export function antalDele(stoerrelse: number): number {
  const sat = Number(process.env.BUDGETOPF_TRAADE);
  const kerner = sat >= 1 ? sat : availableParallelism();
  return stoerrelse < MIN_PARALLEL && !(sat >= 1) ? 1 : Math.max(1, Math.min(8, kerner));
}

/** The size of the file, or null when it cannot be stat'ed (the one-pass reader reports why). */
export function stoerrelseAf(fil: string): number | null {
  try {
    return statSync(fil).size;
  } catch {
    return null;
  }
}

/** The worker's script: dist/posteringer-arbejder.cjs beside the bundle or the library; null when run from source. */
function arbejderFil(): string | null {
  let mappe: string;
  try {
    mappe = typeof __dirname === 'string' ? __dirname : fileURLToPath(new URL('.', import.meta.url));
  } catch {
    return null;
  }
  const fil = join(mappe, 'posteringer-arbejder.cjs');
  return existsSync(fil) ? fil : null;
}

async function iArbejder(script: string, fil: string, valg: PosteringsValg, fra: number, til: number) {
  const { Worker } = await import('node:worker_threads'); // only when a file is large enough: not at start-up
  return new Promise<{ r: Delresultat | Posteringer; summer: Delsummer }>((ok, fejl) => {
    const w = new Worker(script, { workerData: { fil, valg, fra, til } });
    w.once('message', (m: { r: Omit<Delresultat, 'konti'>; summer: Delsummer }) => {
      ok({ r: { ...m.r, konti: new Map() }, summer: m.summer });
      void w.terminate();
    });
    w.once('error', fejl);
  });
}

/**
 * `summerPosteringer` on every core: the file cut at line starts, one part per core in worker threads
 * (this thread takes the first), the sums merged exactly. Small files, and a library run from source,
 * take one pass.
 */
export async function summerPosteringerParallelt(fil: string, valg: PosteringsValg = {}): Promise<Posteringer> {
  const stoerrelse = stoerrelseAf(fil);
  const script = arbejderFil();
  const antal = stoerrelse === null ? 1 : antalDele(stoerrelse);
  if (stoerrelse === null || script === null || antal < 2) return summerPosteringer(fil, valg);
  const fd = openSync(fil, 'r');
  let snit: number[];
  try {
    snit = snitpunkter((fra, laengde) => {
      const b = Buffer.allocUnsafe(laengde);
      return b.subarray(0, readSync(fd, b, 0, laengde, fra));
    }, stoerrelse, antal);
  } finally {
    closeSync(fd);
  }
  if (snit.length < 2) return summerPosteringer(fil, valg);
  const graenser = snit.map((fra, i) => [fra, snit[i + 1] ?? stoerrelse] as const);
  try {
    const dele = await Promise.all(graenser.map(([fra, til], i) =>
      i === 0 ? summerDel(fil, valg, fra, til) : iArbejder(script, fil, valg, fra, til)));
    return flet(dele, fil) ?? (await summerPosteringer(fil, valg));
  } catch {
    return summerPosteringer(fil, valg); // a worker that could not run: one pass gives the same result
  }
}
