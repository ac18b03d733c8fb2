/**
 * Where a finding's column starts on its line of a CSV file, in characters (1-based), for editors and
 * GitHub annotations (`col=`). Used only when reporting findings: each file is read once more, streamed,
 * keeping only its header and the lines that findings point at (memory bounded, time linear, however
 * large forbrug.csv is). Fields are split by the shared CSV reader's rules (csv.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Fund } from '../core/model.js';
import { csvParseValg, findAfgraenser, MAKS_LINJE, normaliserKolonne, tilTekst } from './csv.js';

const BLOK = 1 << 20;

/** The header (first non-blank line) and the wanted lines of a file, as raw bytes; over-long lines are left out. */
type Udvalg = { hoved: Buffer | null; linjer: Map<number, Buffer> };
function udvalgteLinjer(fil: string, oensket: ReadonlySet<number>): Udvalg {
  const linjer = new Map<number, Buffer>();
  let hoved: Buffer | null = null;
  const sidste = Math.max(...oensket);
  const fd = openSync(fil, 'r');
  try {
    const buf = Buffer.allocUnsafe(BLOK);
    let linje = 1;
    let dele: Buffer[] = [];
    let laengde = 0;
    const afslut = () => {
      const tekst = laengde <= MAKS_LINJE ? Buffer.concat(dele) : null;
      if (tekst && hoved === null && !/^[\s;,\t]*$/.test(tekst.toString('latin1'))) hoved = tekst;
      if (tekst && oensket.has(linje)) linjer.set(linje, tekst);
      dele = [];
      laengde = 0;
      linje++;
    };
    for (let n = readSync(fd, buf, 0, BLOK, null); n > 0 && linje <= sidste; n = readSync(fd, buf, 0, BLOK, null)) {
      let start = 0;
      while (start < n && linje <= sidste) {
        const nl = buf.indexOf(10, start);
        const slut = nl < 0 || nl >= n ? n : nl;
        const behold = hoved === null || oensket.has(linje);
        laengde += slut - start;
        if (behold && laengde <= MAKS_LINJE) dele.push(Buffer.from(buf.subarray(start, slut)));
        if (slut === n) break;
        afslut();
        start = slut + 1;
      }
    }
    if (laengde > 0) afslut();
  } finally {
    closeSync(fd);
  }
  return { hoved, linjer };
}

/** A line's fields and their 0-based start offsets, by csv-parse with the shared options; null if it does not parse. */
function felter(linje: string, afgraenser: string): { tekster: string[]; starter: number[] } | null {
  let tekster: string[];
  try {
    const valg = { ...csvParseValg(afgraenser), skip_empty_lines: false, skip_records_with_empty_values: false };
    tekster = (parse(linje, valg) as string[][])[0] ?? [];
  } catch {
    return null;
  }
  // A field's raw length: its text, or in quotes with each inner quote doubled (RFC 4180).
  const starter: number[] = [];
  let pos = 0;
  for (const felt of tekster) {
    starter.push(pos);
    const citeret = linje[pos] === '"';
    pos += (citeret ? felt.length + 2 + (felt.match(/"/g)?.length ?? 0) : felt.length) + 1;
  }
  return { tekster, starter };
}

const dekod = async (bytes: Buffer) => (await tilTekst(bytes)).tekst.replace(/^\uFEFF/, '').replace(/\r$/, '');

/** One file's positions: (line, column name) → 1-based character column. */
type Position = (linje: number, kolonne: string) => number | null;
async function filpositioner(fil: string, oensket: ReadonlySet<number>): Promise<Position> {
  let valgt;
  try {
    valgt = udvalgteLinjer(fil, oensket);
  } catch {
    return () => null;
  }
  if (!valgt.hoved) return () => null;
  const hovedTekst = await dekod(valgt.hoved);
  const afgraenser = findAfgraenser(hovedTekst);
  const hoved = felter(hovedTekst, afgraenser);
  if (!hoved) return () => null;
  const kolonner = hoved.tekster.map((k) => k.trim());
  const linjer = new Map<number, number[] | undefined>();
  for (const [nr, bytes] of valgt.linjer) linjer.set(nr, felter(await dekod(bytes), afgraenser)?.starter);
  return (linje, kolonne) => {
    let i = kolonner.indexOf(kolonne);
    if (i < 0) i = kolonner.map(normaliserKolonne).indexOf(normaliserKolonne(kolonne));
    const start = i >= 0 ? linjer.get(linje)?.[i] : undefined;
    return start === undefined ? null : start + 1;
  };
}

/** For a list of findings: finding → 1-based character column of its cell, or null when it cannot be told. */
export async function kolonnepositioner(fund: readonly Fund[]): Promise<(f: Fund) => number | null> {
  const oensket = new Map<string, Set<number>>();
  for (const f of fund) {
    if (f.linje === null || f.kolonne === null || !f.fil.endsWith('.csv')) continue;
    if (!oensket.has(f.fil)) oensket.set(f.fil, new Set());
    oensket.get(f.fil)!.add(f.linje);
  }
  const filer = new Map<string, Position>();
  for (const [fil, linjer] of oensket) filer.set(fil, await filpositioner(fil, linjer));
  return (f) => (f.linje === null || f.kolonne === null ? null : filer.get(f.fil)?.(f.linje, f.kolonne) ?? null);
}
