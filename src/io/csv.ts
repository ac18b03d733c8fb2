/**
 * Reads one CSV file of a dataset into rows of raw text keyed by canonical column name, with the
 * physical line number of each row. Decoding (UTF-8 with/without BOM, Windows-1252 with a warning),
 * delimiter detection and header aliases follow FORMAT.md's "CSV conventions". Parsing is csv-parse's.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { fund, type Fund } from '../core/model.js';
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
  /** Rows left out because their field count is wrong (their cells cannot be trusted). */
  udeladte: number;
}

export interface KolonneSpec {
  paakraevede: readonly string[];
  valgfri: readonly string[];
}

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

/** A file that is not text at all (UTF-16, binary), judged by its first bytes. */
export function ikkeTekst(bytes: Uint8Array, fil: string): Fund | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fund(fil, null, null, 'ukendt_tegnsaet', 'Filen er gemt som UTF-16; gem den som "CSV UTF-8" eller "CSV (semikolonsepareret)"');
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return fund(fil, null, null, 'binaer_fil', 'Filen indeholder NUL-bytes: den er binær eller gemt som UTF-16; gem den som "CSV UTF-8"');
  }
  return null;
}

export const WINDOWS_1252_BESKED = 'Filen er ikke gyldig UTF-8 og er læst som Windows-1252 (Excel på en dansk pc); gem den gerne som "CSV UTF-8"';

/** Decodes file bytes: UTF-8 (BOM stripped) or, if not valid UTF-8, Windows-1252 with a warning. */
export async function dekod(bytes: Uint8Array, fil: string, fundListe: Fund[]): Promise<string | null> {
  const problem = ikkeTekst(bytes, fil);
  if (problem) {
    fundListe.push(problem);
    return null;
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const iconv = (await import('iconv-lite')).default;
    fundListe.push(fund(fil, null, null, 'windows_1252', WINDOWS_1252_BESKED, 'advarsel'));
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

/** Physical line numbers (1-based) from byte offsets into the file's text. */
export class Linjetaeller {
  private readonly bytes: Buffer;
  /** Byte offset at which each line starts. */
  private readonly starter: number[] = [0];

  constructor(tekst: string, private readonly afgraenser: string) {
    this.bytes = Buffer.from(tekst);
    for (let i = this.bytes.indexOf(10); i >= 0; i = this.bytes.indexOf(10, i + 1)) this.starter.push(i + 1);
  }

  /** The line of the first record starting at or after `offset`, past lines csv-parse skips (blank, or delimiters only). */
  startlinje(offset: number): number {
    let linje = this.linjeVed(offset);
    while (linje < this.starter.length && this.springesOver(linje)) linje++;
    return linje;
  }

  private linjeVed(offset: number): number {
    let lav = 0;
    let hoej = this.starter.length - 1;
    while (lav < hoej) {
      const midt = (lav + hoej + 1) >> 1;
      if (this.starter[midt]! <= offset) lav = midt;
      else hoej = midt - 1;
    }
    return lav + 1;
  }

  private springesOver(linje: number): boolean {
    const tekst = this.bytes.toString('utf8', this.starter[linje - 1], this.starter[linje] ?? this.bytes.length);
    return [...tekst].every((t) => t === this.afgraenser || t === ' ' || t === '\t' || t === '\r' || t === '\n');
  }
}

/**
 * Reads a CSV file. Returns null when the file cannot be read as a table at all (the reason is in
 * `fundListe`); otherwise the rows, with problems of individual rows added to `fundListe`.
 */
export async function laesCsv(fil: string, spec: KolonneSpec, talformat: Talformat | undefined, fundListe: Fund[]): Promise<CsvTabel | null> {
  // Synchronous: a dataset is a handful of small files, and each async call costs a trip through libuv's pool.
  const info = statSync(fil);
  if (!info.isFile()) {
    fundListe.push(fund(fil, null, null, 'ikke_en_fil', 'Stien er en mappe eller en speciel fil, ikke en CSV-fil'));
    return null;
  }
  if (info.size > MAKS_FILSTOERRELSE) {
    fundListe.push(fund(fil, null, null, 'fil_for_stor', `Filen fylder ${Math.round(info.size / 1024 / 1024)} MB; grænsen er ${MAKS_FILSTOERRELSE / 1024 / 1024} MB`));
    return null;
  }
  const tekst = await dekod(readFileSync(fil), fil, fundListe);
  if (tekst === null) return null;
  if (tekst.trim() === '') {
    fundListe.push(fund(fil, 1, null, 'tom_fil', 'Filen er tom (den skal mindst have en overskriftslinje)'));
    return null;
  }
  const afgraenser = findAfgraenser(tekst);
  const linjer = new Linjetaeller(tekst, afgraenser);
  // The byte offset after each record, collected as csv-parse goes, so that a record's (and an error's)
  // physical line comes from byte offsets: csv-parse's own line count drifts after a CRLF inside quotes.
  const ender: number[] = [];
  let poster: { record: string[]; linje: number }[];
  try {
    poster = (parse(tekst, {
      delimiter: afgraenser,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record: string[], kontekst: { bytes: number }) => {
        ender.push(kontekst.bytes);
        return record;
      },
    }) as string[][]).map((record, i) => ({ record, linje: linjer.startlinje(ender[i - 1] ?? 0) }));
  } catch (e) {
    const err = e as { code?: string; records?: number };
    const linje = linjer.startlinje(ender[(err.records ?? ender.length) - 1] ?? 0);
    const besked = err.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `Et anførselstegn (") åbnes på linje ${linje} men lukkes aldrig`
      : err.code?.includes('QUOTE')
        ? `Et anførselstegn (") står forkert i rækken fra linje ${linje}: sæt hele feltet i anførselstegn og skriv "" for et anførselstegn inde i feltet`
        : `Rækken fra linje ${linje} kan ikke læses som CSV (${err.code ?? 'ukendt fejl'})`;
    fundListe.push(fund(fil, linje, null, 'ugyldig_csv', besked));
    return null;
  }

  if (poster.length === 0) {
    fundListe.push(fund(fil, 1, null, 'tom_fil', 'Filen har ingen overskriftslinje (kun tomme felter)'));
    return null;
  }
  const [hoved, ...data] = poster;
  const kolonner = hoved!.record.map(normaliserKolonne);
  const hovedlinje = hoved!.linje;
  const kendte = new Set([...spec.paakraevede, ...spec.valgfri]);
  let ok = true;
  kolonner.forEach((k, i) => {
    if (kolonner.indexOf(k) !== i) {
      fundListe.push(fund(fil, hovedlinje, hoved!.record[i]!.trim(), 'dublet_kolonne', `Kolonnen "${hoved!.record[i]}" står to gange i overskriften`));
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

  const raekker: Raekke[] = [];
  let udeladte = 0;
  for (const { record, linje } of data) {
    if (record.length !== kolonner.length) {
      fundListe.push(fund(fil, linje, null, 'forkert_antal_felter',
        `Linjen har ${record.length} felter, men overskriften har ${kolonner.length} (tjek afgrænser "${afgraenser === '\t' ? 'tab' : afgraenser}" og anførselstegn); linjen er ikke læst`));
      udeladte++;
      continue;
    }
    const felter: Record<string, string> = {};
    kolonner.forEach((k, i) => {
      if (kendte.has(k)) felter[k] = record[i]!;
    });
    raekker.push({ linje, felter });
  }
  return { kolonner, raekker, talformat: talformat ?? (afgraenser === ',' ? 'en' : 'da'), udeladte };
}
