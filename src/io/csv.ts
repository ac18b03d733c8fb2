/**
 * The one CSV reader (FORMAT.md's "CSV conventions"): decoding (UTF-8 with/without BOM, Windows-1252 with
 * a warning, NUL and UTF-16 refused), delimiter and line endings, header checks, csv-parse's errors as
 * Danish findings, and the default number format. The loader reads whole files with `laesCsv`; the
 * streamed postings scanner (posteringer.ts) takes the same pieces for its header, encoding and messages.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fund, type Fund } from '../core/model.js';
import type { Talformat } from '../core/money.js';

/** Files above this size are refused rather than read into memory. */
export const MAKS_FILSTOERRELSE = 100 * 1024 * 1024;
/**
 * A streamed record (forbrug.csv) longer than this is refused: no export writes one, and the buffer
 * would grow without bound.
 */
export const MAKS_LINJE = 1024 * 1024;

/** Habits of Excel on a Danish PC: reported as warnings, but they do not fail `valider --strict`. */
export const VANER: ReadonlySet<string> = new Set(['windows_1252', 'tomme_kolonner']);

const LAESEFEJL = new Map<string, string>([
  ['ENOENT', 'den er et link til en fil, der ikke findes'],
  ['ELOOP', 'den er et link, der peger i ring (eller gennem for mange links)'],
  ['EACCES', 'der er ikke adgang til at læse den'],
  ['EPERM', 'der er ikke adgang til at læse den'],
  ['EISDIR', 'den er en mappe'],
  ['ENOTDIR', 'en del af stien er ikke en mappe'],
  ['EIO', 'disken gav en læsefejl'],
  ['ENAMETOOLONG', 'stien er for lang'],
  ['EMFILE', 'for mange åbne filer'],
]);

/** A file that exists (as a name) but cannot be read: a broken or looping link, no access, a disk error. */
export function ulaeseligFund(fil: string, e: unknown): Fund {
  const kode = (e as NodeJS.ErrnoException).code ?? '';
  const grund = LAESEFEJL.get(kode) ?? `styresystemet svarede ${kode || (e as Error).message}`;
  return fund(fil, null, null, 'ulaeselig_fil', `Filen kan ikke læses: ${grund}; dens tal er ikke med`);
}

export interface Raekke {
  linje: number;
  felter: Record<string, string>;
}

export interface CsvTabel {
  kolonner: string[];
  raekker: Raekke[];
  talformat: Talformat;
  /** False when the number format was inferred from a comma delimiter (then `800.000` is ambiguous). */
  fastlagt: boolean;
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

/** The finding for a NUL byte at `i` of `bytes`, whose first byte is on line `linje`. */
export function nulFund(fil: string, bytes: Uint8Array, i: number, linje = 1): Fund {
  let l = linje;
  for (let j = bytes.indexOf(10); j >= 0 && j < i; j = bytes.indexOf(10, j + 1)) l++;
  return fund(fil, l, null, 'binaer_fil',
    `Filen indeholder en NUL-byte på linje ${l}: den er binær eller gemt som UTF-16; gem den som "CSV UTF-8"`);
}

/** A file that is not text (UTF-16, or a NUL byte anywhere in `bytes`). */
export function ikkeTekst(bytes: Uint8Array, fil: string): Fund | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fund(fil, null, null, 'ukendt_tegnsaet', 'Filen er gemt som UTF-16; gem den som "CSV UTF-8" eller "CSV (semikolonsepareret)"');
  }
  const nul = bytes.indexOf(0);
  return nul >= 0 ? nulFund(fil, bytes, nul) : null;
}

export const WINDOWS_1252_BESKED = 'Filen er ikke gyldig UTF-8 og er læst som Windows-1252 (Excel på en dansk pc); gem den gerne som "CSV UTF-8"';

/** UTF-8 if the bytes are valid UTF-8, else Windows-1252 (iconv-lite, loaded only then). No BOM handling. */
export async function tilTekst(bytes: Uint8Array): Promise<{ tekst: string; win1252: boolean }> {
  try {
    return { tekst: new TextDecoder('utf-8', { fatal: true }).decode(bytes), win1252: false };
  } catch {
    const iconv = (await import('iconv-lite')).default;
    return { tekst: iconv.decode(Buffer.from(bytes), 'win1252'), win1252: true };
  }
}

/** The length of a UTF-8 byte order mark at the start of `bytes` (3 or 0). */
export const bomLaengde = (bytes: Uint8Array): number => (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);

/** Decodes file bytes: UTF-8 (BOM stripped) or, if not valid UTF-8, Windows-1252 with a warning. */
export async function dekod(bytes: Uint8Array, fil: string, fundListe: Fund[]): Promise<string | null> {
  const problem = ikkeTekst(bytes, fil);
  if (problem) {
    fundListe.push(problem);
    return null;
  }
  const { tekst, win1252 } = await tilTekst(bytes.subarray(bomLaengde(bytes)));
  if (win1252) fundListe.push(windows1252Fund(fil));
  return tekst;
}

export const windows1252Fund = (fil: string): Fund =>
  fund(fil, null, null, 'windows_1252', WINDOWS_1252_BESKED, 'advarsel');

/**
 * One Windows-1252 warning per folder instead of one per file: on a Danish PC it is the normal case.
 * The folded finding names the files; its `fil` is the folder.
 */
export function samlWindows1252(fundListe: Fund[], mappe: string): Fund[] {
  const filer = fundListe.filter((f) => f.kode === 'windows_1252');
  if (filer.length <= 1) return fundListe;
  const navne = filer.flatMap((f) => SAMLEDE.get(f) ?? [basename(f.fil)]);
  const samlet = fund(mappe, null, null, 'windows_1252',
    `${navne.join(', ')} er ikke gyldig UTF-8 og er læst som Windows-1252 (Excel på en dansk pc); `
    + 'gem dem gerne som "CSV UTF-8"', 'advarsel');
  SAMLEDE.set(samlet, navne);
  return [...fundListe.filter((f) => f.kode !== 'windows_1252'), samlet];
}
/** The files a folded Windows-1252 finding names (so that folding again, with forbrug.csv's, keeps them). */
const SAMLEDE = new WeakMap<Fund, string[]>();

/** The delimiter of the header line: the most frequent of `;`, tab and `,` outside quotes (`;` wins ties). */
export function findAfgraenser(tekst: string): ';' | '\t' | ',' {
  const header = tekst.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const taelling = { ';': 0, '\t': 0, ',': 0 };
  let iCitat = false;
  for (const tegn of header) {
    if (tegn === '"') iCitat = !iCitat;
    else if (!iCitat && (tegn === ';' || tegn === '\t' || tegn === ',')) taelling[tegn]++;
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

/** The number format of a file: the manifest's `talformat`, else Danish, or English with a comma (then not fixed). */
export function standardTalformat(
  afgraenser: string, manifest: Talformat | undefined,
): { talformat: Talformat; fastlagt: boolean } {
  if (manifest) return { talformat: manifest, fastlagt: true };
  return { talformat: afgraenser === ',' ? 'en' : 'da', fastlagt: afgraenser !== ',' };
}

const visAfgraenser = (afgraenser: string) => (afgraenser === '\t' ? 'tab' : afgraenser);

/**
 * csv-parse's options. A record ends at LF or CRLF alike (a file whose header ends in CRLF and whose rows
 * end in LF is read row by row, not as one record); a file with only old-Mac CR endings is left to
 * csv-parse's own detection.
 */
export function csvParseValg(afgraenser: string, tekst?: string) {
  const kunCR = tekst !== undefined && !tekst.includes('\n') && tekst.includes('\r');
  return {
    delimiter: afgraenser,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    ...(kunCR ? {} : { record_delimiter: ['\r\n', '\n'] }),
  };
}

/** csv-parse's complaint about the record starting on `linje`, as a finding. */
export function csvFejl(fil: string, e: unknown, linje: number): Fund {
  const kode = (e as { code?: string }).code ?? '';
  const besked = kode === 'CSV_QUOTE_NOT_CLOSED'
    ? `Et anførselstegn (") åbnes på linje ${linje} men lukkes aldrig`
    : kode.includes('QUOTE')
      ? `Et anførselstegn (") står forkert i rækken fra linje ${linje}: sæt hele feltet i anførselstegn `
        + 'og skriv "" for et anførselstegn inde i feltet'
      : `Rækken fra linje ${linje} kan ikke læses som CSV (${kode || 'ukendt fejl'})`;
  return fund(fil, linje, null, 'ugyldig_csv', besked);
}

export interface Hoved {
  /** Canonical column names, one per header field. */
  kolonner: string[];
  /** Fields before the empty columns Excel writes at the end of a header (`a;b;c;;`). */
  navngivne: number;
  afgraenser: string;
}

/**
 * Checks a header: duplicate and missing columns are errors, unknown columns and empty trailing columns
 * (Excel's `;;`) warnings. Returns null when the table cannot be read by it.
 */
export function tjekHoved(
  fil: string, felter: string[], linje: number, afgraenser: string, spec: KolonneSpec, fundListe: Fund[],
): Hoved | null {
  let navngivne = felter.length;
  while (navngivne > 1 && felter[navngivne - 1]!.trim() === '') navngivne--;
  if (navngivne < felter.length) {
    fundListe.push(fund(fil, linje, null, 'tomme_kolonner',
      `Overskriften slutter med ${felter.length - navngivne} tomme kolonner (som Excel skriver dem); de ignoreres`,
      'advarsel'));
  }
  const kolonner = felter.map(normaliserKolonne);
  const kendte = new Set([...spec.paakraevede, ...spec.valgfri]);
  let ok = true;
  for (let i = 0; i < navngivne; i++) {
    const k = kolonner[i]!;
    if (kolonner.indexOf(k) !== i) {
      fundListe.push(fund(fil, linje, felter[i]!.trim(), 'dublet_kolonne',
        `Kolonnen "${felter[i]}" står to gange i overskriften`));
      ok = false;
    } else if (!kendte.has(k)) {
      fundListe.push(fund(fil, linje, felter[i]!.trim() || `(kolonne ${i + 1})`, 'ukendt_kolonne',
        `Ukendt kolonne "${felter[i]}" ignoreres (kendte kolonner: ${[...kendte].join(', ')})`, 'advarsel'));
    }
  }
  for (const k of spec.paakraevede) {
    if (!kolonner.includes(k)) {
      fundListe.push(fund(fil, linje, k, 'mangler_kolonne', `Kolonnen "${k}" mangler i overskriften `
        + `(fandt: ${felter.join(afgraenser === '\t' ? ' ⇥ ' : afgraenser)}; `
        + `afgrænser "${visAfgraenser(afgraenser)}")`));
      ok = false;
    }
  }
  return ok ? { kolonner, navngivne, afgraenser } : null;
}

/** Whether a record fits the header: as many fields, or fewer with only Excel's empty trailing columns left out. */
export function passerTilHoved(felter: readonly string[], hoved: Hoved): boolean {
  if (felter.length < hoved.navngivne || felter.length > hoved.kolonner.length) return false;
  for (let i = hoved.navngivne; i < felter.length; i++) if (felter[i]!.trim() !== '') return false;
  return true;
}

/** The finding for a record that does not fit the header. */
export function forkertAntalFund(fil: string, linje: number, felter: number, hoved: Hoved, foelge: string): Fund {
  const tomme = hoved.kolonner.length - hoved.navngivne;
  const antal = tomme === 0 ? `${hoved.navngivne}` : `${hoved.navngivne} (og ${tomme} tomme)`;
  return fund(fil, linje, null, 'forkert_antal_felter', `Linjen har ${felter} felter, men overskriften har ${antal} `
    + `(tjek afgrænser "${visAfgraenser(hoved.afgraenser)}" og anførselstegn); ${foelge}`);
}

/** Reads a file's bytes, or a finding: not a regular file, too large, or unreadable (a broken link, no access). */
function laesBytes(fil: string, fundListe: Fund[]): Buffer | null {
  try {
    const info = statSync(fil);
    if (!info.isFile()) {
      fundListe.push(fund(fil, null, null, 'ikke_en_fil', 'Stien er en mappe eller en speciel fil, ikke en CSV-fil'));
      return null;
    }
    if (info.size > MAKS_FILSTOERRELSE) {
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      fundListe.push(fund(fil, null, null, 'fil_for_stor',
        `Filen fylder ${mb(info.size)} MB; grænsen er ${mb(MAKS_FILSTOERRELSE)} MB`));
      return null;
    }
    return readFileSync(fil);
  } catch (e) {
    fundListe.push(ulaeseligFund(fil, e));
    return null;
  }
}

/** Every record with its physical start line, or a finding when csv-parse gives up. */
type Post = { record: string[]; linje: number };

/**
 * The records of a file with neither quotes nor carriage returns, where a record is a physical line: what
 * csv-parse gives with our options (blank lines and lines of empty fields skipped), without its per-record
 * bookkeeping, which was most of the time of reading 40.000 rows. null for any other file.
 */
function udenCitater(tekst: string, afgraenser: string): Post[] | null {
  if (tekst.includes('"') || tekst.includes('\r')) return null;
  const ud: Post[] = [];
  const linjer = tekst.split('\n');
  for (let i = 0; i < linjer.length; i++) {
    const record = linjer[i]!.split(afgraenser);
    if (!record.every((f) => f.trim() === '')) ud.push({ record, linje: i + 1 });
  }
  return ud;
}

function records(tekst: string, fil: string, afgraenser: string, fundListe: Fund[]): Post[] | null {
  const hurtigt = udenCitater(tekst, afgraenser);
  if (hurtigt) return hurtigt;
  const linjer = new Linjetaeller(tekst, afgraenser);
  // The byte offset after each record, collected as csv-parse goes, so that a record's (and an error's)
  // physical line comes from byte offsets: csv-parse's own line count drifts after a CRLF inside quotes.
  const ender: number[] = [];
  try {
    return (parse(tekst, {
      ...csvParseValg(afgraenser, tekst),
      on_record: (record: string[], kontekst: { bytes: number }) => {
        ender.push(kontekst.bytes);
        return record;
      },
    }) as string[][]).map((record, i) => ({ record, linje: linjer.startlinje(ender[i - 1] ?? 0) }));
  } catch (e) {
    const err = e as { records?: number };
    fundListe.push(csvFejl(fil, e, linjer.startlinje(ender[(err.records ?? ender.length) - 1] ?? 0)));
    return null;
  }
}

/**
 * Reads a CSV file. Returns null when the file cannot be read as a table at all (the reason is in
 * `fundListe`); otherwise the rows, with problems of individual rows added to `fundListe`.
 */
export async function laesCsv(
  fil: string, spec: KolonneSpec, talformat: Talformat | undefined, fundListe: Fund[],
): Promise<CsvTabel | null> {
  // Synchronous: a dataset is a handful of small files, and each async call costs a trip through libuv's pool.
  const bytes = laesBytes(fil, fundListe);
  const tekst = bytes && await dekod(bytes, fil, fundListe);
  if (tekst === null) return null;
  if (tekst.trim() === '') {
    fundListe.push(fund(fil, 1, null, 'tom_fil', 'Filen er tom (den skal mindst have en overskriftslinje)'));
    return null;
  }
  const afgraenser = findAfgraenser(tekst);
  const poster = records(tekst, fil, afgraenser, fundListe);
  if (!poster) return null;
  if (poster.length === 0) {
    fundListe.push(fund(fil, 1, null, 'tom_fil', 'Filen har ingen overskriftslinje (kun tomme felter)'));
    return null;
  }
  const [foerste, ...data] = poster;
  const hoved = tjekHoved(fil, foerste!.record, foerste!.linje, afgraenser, spec, fundListe);
  if (!hoved) return null;
  const kendte = new Set([...spec.paakraevede, ...spec.valgfri]);
  const raekker: Raekke[] = [];
  let udeladte = 0;
  for (const { record, linje } of data) {
    if (!passerTilHoved(record, hoved)) {
      fundListe.push(forkertAntalFund(fil, linje, record.length, hoved, 'linjen er ikke læst'));
      udeladte++;
      continue;
    }
    const felter: Record<string, string> = Object.create(null) as Record<string, string>;
    hoved.kolonner.forEach((k, i) => {
      if (i < hoved.navngivne && kendte.has(k)) felter[k] = record[i] ?? '';
    });
    raekker.push({ linje, felter });
  }
  const kolonner = hoved.kolonner.slice(0, hoved.navngivne);
  return { kolonner, raekker, ...standardTalformat(afgraenser, talformat), udeladte };
}
