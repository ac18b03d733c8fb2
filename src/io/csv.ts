/**
 * Reads one CSV file of a dataset into rows of raw text keyed by canonical column name, with the
 * physical line number of each row. Decoding (UTF-8 with/without BOM, Windows-1252 with a warning),
 * delimiter detection and header aliases follow FORMAT.md's "CSV conventions". Parsing is csv-parse's.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Fund } from '../core/model.js';
import type { Talformat } from '../core/money.js';

/** Files above this size are refused rather than read into memory. */
export const MAKS_FILSTOERRELSE = 100 * 1024 * 1024;

export interface Raekke {
  linje: number;
  felter: Record<string, string>;
}

export interface CsvTabel {
  kolonner: string[];
  raekker: Raekke[];
  talformat: Talformat;
}

export interface KolonneSpec {
  paakraevede: readonly string[];
  valgfri: readonly string[];
}

const fund = (fil: string, linje: number | null, kolonne: string | null, kode: string, besked: string, alvor: Fund['alvor'] = 'fejl'): Fund =>
  ({ fil, linje, kolonne, kode, alvor, besked });

/** `Politikområde`, `politikomraade`, ` Beløb ` → canonical ASCII column names. */
export function normaliserKolonne(navn: string): string {
  return navn
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s-]+/g, '_');
}

/** Decodes file bytes: UTF-8 (BOM stripped) or, if not valid UTF-8, Windows-1252 with a warning. */
export async function dekod(bytes: Uint8Array, fil: string, fundListe: Fund[]): Promise<string | null> {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    fundListe.push(fund(fil, null, null, 'ukendt_tegnsaet', 'Filen er gemt som UTF-16; gem den som "CSV UTF-8" eller "CSV (semikolonsepareret)"'));
    return null;
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    fundListe.push(fund(fil, null, null, 'binaer_fil', 'Filen indeholder binære data (NUL-bytes) og er ikke en CSV-fil'));
    return null;
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const iconv = (await import('iconv-lite')).default;
    fundListe.push(fund(fil, null, null, 'windows_1252',
      'Filen er ikke gyldig UTF-8 og er læst som Windows-1252 (Excel på en dansk pc); gem den gerne som "CSV UTF-8"', 'advarsel'));
    return iconv.decode(Buffer.from(bytes), 'win1252');
  }
}

/** The delimiter of the header line: the most frequent of `;`, tab and `,` outside quotes (`;` wins ties). */
export function findAfgraenser(tekst: string): ';' | '\t' | ',' {
  const header = tekst.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const taelling = { ';': 0, '\t': 0, ',': 0 };
  let iCitat = false;
  for (const tegn of header) {
    if (tegn === '"') iCitat = !iCitat;
    else if (!iCitat && tegn in taelling) taelling[tegn as keyof typeof taelling]++;
  }
  const kandidater = [';', '\t', ','] as const;
  return kandidater.reduce((bedst, k) => (taelling[k] > taelling[bedst] ? k : bedst), ';');
}

/**
 * Reads a CSV file. Returns null when the file cannot be read as a table at all (the reason is in
 * `fundListe`); otherwise the rows, with problems of individual rows added to `fundListe`.
 */
export async function laesCsv(sti: string, fil: string, spec: KolonneSpec, talformat: Talformat | undefined, fundListe: Fund[]): Promise<CsvTabel | null> {
  // Synchronous: a dataset is a handful of small files, and each async call costs a trip through libuv's pool.
  const info = statSync(sti);
  if (!info.isFile()) {
    fundListe.push(fund(fil, null, null, 'ikke_en_fil', 'Stien er en mappe eller en speciel fil, ikke en CSV-fil'));
    return null;
  }
  if (info.size > MAKS_FILSTOERRELSE) {
    fundListe.push(fund(fil, null, null, 'fil_for_stor', `Filen fylder ${Math.round(info.size / 1024 / 1024)} MB; grænsen er ${MAKS_FILSTOERRELSE / 1024 / 1024} MB`));
    return null;
  }
  const tekst = await dekod(readFileSync(sti), fil, fundListe);
  if (tekst === null) return null;
  if (tekst.trim() === '') {
    fundListe.push(fund(fil, 1, null, 'tom_fil', 'Filen er tom (den skal mindst have en overskriftslinje)'));
    return null;
  }
  const afgraenser = findAfgraenser(tekst);
  let poster: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    poster = parse(tekst, {
      delimiter: afgraenser,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof poster;
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    const besked = err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'Et anførselstegn (") åbnes men lukkes aldrig'
      : err.code === 'CSV_INVALID_OPENING_QUOTE' || err.code === 'INVALID_OPENING_QUOTE'
        ? 'Et anførselstegn (") står midt i et felt; sæt hele feltet i anførselstegn og skriv "" for et anførselstegn'
        : `Filen kan ikke læses som CSV (${err.message})`;
    fundListe.push(fund(fil, err.lines ?? null, null, 'ugyldig_csv', besked));
    return null;
  }

  const startlinje = (p: (typeof poster)[number]) => {
    const indhold = p.raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '');
    return p.info.lines - (indhold.match(/\n/g)?.length ?? 0);
  };
  const [hoved, ...data] = poster;
  const kolonner = hoved!.record.map(normaliserKolonne);
  const hovedlinje = startlinje(hoved!);
  const kendte = new Set([...spec.paakraevede, ...spec.valgfri]);
  let ok = true;
  kolonner.forEach((k, i) => {
    if (kolonner.indexOf(k) !== i) {
      fundListe.push(fund(fil, hovedlinje, k, 'dublet_kolonne', `Kolonnen "${hoved!.record[i]}" står to gange i overskriften`));
      ok = false;
    } else if (!kendte.has(k)) {
      fundListe.push(fund(fil, hovedlinje, hoved!.record[i]!.trim() || `(kolonne ${i + 1})`, 'ukendt_kolonne',
        `Ukendt kolonne "${hoved!.record[i]}" ignoreres (kendte kolonner: ${[...kendte].join(', ')})`, 'advarsel'));
    }
  });
  for (const k of spec.paakraevede) {
    if (!kolonner.includes(k)) {
      fundListe.push(fund(fil, hovedlinje, k, 'mangler_kolonne',
        `Kolonnen "${k}" mangler i overskriften (fandt: ${hoved!.record.join(afgraenser === '\t' ? ' ⇥ ' : afgraenser)}; afgrænser "${afgraenser === '\t' ? 'tab' : afgraenser}")`));
      ok = false;
    }
  }
  if (!ok) return null;

  const raekker = data.map((p): Raekke => {
    const linje = startlinje(p);
    if (p.record.length !== kolonner.length) {
      fundListe.push(fund(fil, linje, null, 'forkert_antal_felter',
        `Linjen har ${p.record.length} felter, men overskriften har ${kolonner.length} (tjek afgrænser "${afgraenser === '\t' ? 'tab' : afgraenser}" og anførselstegn)`));
    }
    const felter: Record<string, string> = {};
    kolonner.forEach((k, i) => {
      if (kendte.has(k)) felter[k] = p.record[i] ?? '';
    });
    return { linje, felter };
  });
  return { kolonner, raekker, talformat: talformat ?? (afgraenser === ',' ? 'en' : 'da') };
}
