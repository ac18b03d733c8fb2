/**
 * Where a named column's field starts on a given line of a CSV file, in characters (1-based), for
 * editors and GitHub annotations (`col=`). Reads the file again; used only when reporting findings.
 */
import { readFileSync } from 'node:fs';
import { findAfgraenser, normaliserKolonne } from './csv.js';

/** Start offsets of the fields of one CSV line (quotes respected). */
function feltstarter(linje: string, afgraenser: string): number[] {
  const starter = [0];
  let iCitat = false;
  for (let i = 0; i < linje.length; i++) {
    if (linje[i] === '"') iCitat = !iCitat;
    else if (!iCitat && linje[i] === afgraenser) starter.push(i + 1);
  }
  return starter;
}

/** Returns a function (fil, linje, kolonne) → 1-based character column, or null when it cannot be told. */
export function kolonnepositioner(): (fil: string, linje: number | null, kolonne: string | null) => number | null {
  const filer = new Map<string, { linjer: string[]; afgraenser: string; kolonner: string[] } | null>();
  const laes = (fil: string) => {
    if (!filer.has(fil)) {
      try {
        if (!fil.endsWith('.csv')) throw new Error('ikke csv');
        const tekst = new TextDecoder('utf-8').decode(readFileSync(fil)).replace(/^\uFEFF/, '');
        const linjer = tekst.split('\n').map((l) => l.replace(/\r$/, ''));
        const afgraenser = findAfgraenser(tekst);
        const hoved = linjer.find((l) => l.trim() !== '') ?? '';
        const starter = feltstarter(hoved, afgraenser);
        const kolonner = starter.map((s, i) => hoved.slice(s, (starter[i + 1] ?? hoved.length + 1) - 1).replace(/^"|"$/g, ''));
        filer.set(fil, { linjer, afgraenser, kolonner });
      } catch {
        filer.set(fil, null);
      }
    }
    return filer.get(fil)!;
  };
  return (fil, linje, kolonne) => {
    const f = linje !== null && kolonne !== null ? laes(fil) : null;
    if (!f || linje === null || kolonne === null) return null;
    let i = f.kolonner.findIndex((k) => k.trim() === kolonne);
    if (i < 0) i = f.kolonner.map(normaliserKolonne).indexOf(normaliserKolonne(kolonne));
    const tekst = f.linjer[linje - 1];
    const start = i >= 0 && tekst !== undefined ? feltstarter(tekst, f.afgraenser)[i] : undefined;
    return start === undefined ? null : start + 1;
  };
}
