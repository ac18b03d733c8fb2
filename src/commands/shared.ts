/** What every report command shares: options, loading with findings on stderr, rendering and output. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Opfoelgning } from '../core/beregn.js';
import { beregn } from '../core/beregn.js';
import type { Datasaet } from '../core/model.js';
import { fundLinje } from '../render/fund.js';
import { formatTal, type Enhed, type Talformat } from '../core/money.js';
import { danskDato, fremskrivesAfForbrug, type Forbrugsopgoerelse } from '../core/forbrug.js';
import { anvendPrognose, prognose, type Metode, type YdelsesPrognose } from '../core/prognose.js';
import { laesForbrug } from '../io/forbrugsdata.js';
import { indlaesDatasaet } from '../io/load-dataset.js';
import { eksempelI } from '../io/pakke.js';
import { blokke, skrivAtomisk, SkriveFejl, type Indhold } from '../io/write.js';
import { json } from '../render/json.js';
import type { Dokument, Tabel } from '../report/shape.js';
import { STANDARDVISNING, type Visning } from '../report/visning.js';
import { ExitError } from './exit-error.js';

export type { Format } from '../app/formater.js';
export { erDokumentformat } from '../app/formater.js';
import { erBinaer, erDokumentformat, type Format } from '../app/formater.js';

export interface RapportFlag extends Tilpasning {
  format: Format;
  output?: string;
  enhed?: Enhed;
  decimaler?: number;
  csvFormat: Talformat;
  afstem?: boolean;
  merforbrugPositiv?: boolean;
  pct?: boolean;
  poster?: boolean;
  /** No bar column in terminal tables. */
  ingenGrafik?: boolean;
  /** Replace a read-only output file too. */
  tving?: boolean;
}

/** Where the command's talk goes (stderr) and whether stdout is a colour terminal. */
export interface Miljoe {
  stdout: (s: string) => void;
  /** Writes a piece of a long output as it is (no newline added); without it, the pieces are joined for `stdout`. */
  stdoutDel?: (s: string) => void;
  stderr: (s: string) => void;
  farve: boolean;
  /** stdout is a terminal: tables get a bar column (unless --ingen-grafik). */
  terminal?: boolean;
  /** Print the stack of an unexpected error (BUDGETOPF_DEBUG). */
  debug?: boolean;
}

/** A loaded dataset and its computed follow-up: what every view is made from. */
export interface Kontekst {
  ds: Datasaet;
  o: Opfoelgning;
  filer: string[];
  /** With --anvend-prognose: the forecasts applied and the dataset before them (helaarspersoner.csv's own forventet). */
  prognose?: AnvendtPrognose;
  /** forbrug.csv summed and projected: when a post takes its forventet from it, or the command asked (`medForbrug`). */
  forbrug?: Forbrugsopgoerelse;
}

export interface AnvendtPrognose {
  grundlag: Datasaet;
  prognoser: YdelsesPrognose[];
  metode: Metode | 'bedst';
}

/** Loads a dataset; prints findings to stderr; exit 1 on data errors, 2 on a missing folder. */
export async function indlaes(mappe: string, miljoe: Miljoe): Promise<{ ds: Datasaet; filer: string[] }> {
  mappe = medEksempel(mappe, miljoe);
  const res = await indlaesDatasaet(mappe);
  for (const f of res.fund) miljoe.stderr(fundLinje(f));
  if (!res.datasaet) {
    const antal = res.fund.filter((f) => f.alvor === 'fejl').length;
    throw new ExitError(1, `${antal} fejl i ${mappe}; intet er beregnet`);
  }
  return { ds: res.datasaet, filer: res.filer };
}

/**
 * `data/<navn>` that is not here but is one of budgetopf's bundled examples: the bundled folder (said on stderr), so
 * that the examples of the README and the help run as written wherever budgetopf is installed.
 */
export function medEksempel(mappe: string, miljoe: Miljoe): string {
  const eksempel = eksempelI(mappe);
  if (eksempel) miljoe.stderr(`${mappe} findes ikke her; bruger budgetopfs medfølgende eksempel ${eksempel}`);
  return eksempel ?? mappe;
}

/** What a report may take instead of the files' own figures. */
export interface Tilpasning {
  /** Use the forecast of maanedstal.csv as forventet helårspersoner (`--anvend-prognose [metode]`). */
  anvendPrognose?: Metode | 'bedst' | true;
  /** Read forbrug.csv (with kontoplan.csv) for its section even when no post takes its forventet from it. */
  medForbrug?: boolean;
}

/**
 * Loads and computes a dataset (see `indlaes`). Posts without a forventet take the projection of forbrug.csv (and say so on stderr).
 */
export async function indlaesOgBeregn(mappe: string, miljoe: Miljoe, tilpasning: Tilpasning = {}): Promise<Kontekst> {
  const res = await indlaes(mappe, miljoe);
  let ds = res.ds;
  let forbrug: Forbrugsopgoerelse | undefined;
  const tilSektion = (tilpasning.medForbrug ?? false) && ds.forbrugsfil !== null && ds.kontoplan.length > 0;
  if (fremskrivesAfForbrug(ds).length || tilSektion) ({ ds, opg: forbrug } = await medForbrug(ds, miljoe));
  const medF = forbrug ? { forbrug } : {};
  if (!tilpasning.anvendPrognose) return { ds, o: beregn(ds), filer: res.filer, ...medF };
  const p = medPrognose(ds, tilpasning.anvendPrognose === true ? 'bedst' : tilpasning.anvendPrognose, miljoe);
  const anvendt = anvendPrognose(ds, p.prognoser);
  return { ds: anvendt, o: beregn(anvendt), filer: res.filer, prognose: p, ...medF };
}

async function medForbrug(ds: Datasaet, miljoe: Miljoe): Promise<{ ds: Datasaet; opg: Forbrugsopgoerelse }> {
  const { ds: ny, opg, fund } = await laesForbrug(ds);
  for (const f of fund) miljoe.stderr(fundLinje(f));
  if (!opg) {
    const hvorfor = fremskrivesAfForbrug(ds).length
      ? ', som skal fremskrive de poster, der ikke har et forventet regnskab' : '';
    const antal = fund.filter((f) => f.alvor === 'fejl').length;
    throw new ExitError(1, `${antal} fejl i forbrug.csv${hvorfor}; intet er beregnet`);
  }
  for (const p of fremskrivesAfForbrug(ds)) {
    const f = opg.poster.find((x) => x.politikomraade === p.politikomraade && x.post === p.post)!;
    miljoe.stderr(`Forventet for ${p.politikomraade} ${p.post} er fremskrevet af forbruget pr. ${danskDato(opg.pr)}: ${formatTal(f.fremskrevet, { decimaler: 2, format: 'da', tusindtalsseparator: true })} kr. (budgetopf forbrug viser hvordan)`);
  }
  return { ds: ny, opg };
}

function medPrognose(ds: Datasaet, metode: Metode | 'bedst', miljoe: Miljoe): AnvendtPrognose {
  if (ds.maanedstal.length === 0) throw new ExitError(2, '--anvend-prognose kræver maanedstal.csv i mappen (ydelse;maaned;fuldtidspersoner)');
  const prognoser = prognose(ds, { metode });
  if (prognoser.length === 0) throw new ExitError(1, `maanedstal.csv har ingen måneder i ${ds.manifest.budgetaar} for ydelserne i helaarspersoner.csv`);
  miljoe.stderr(`Forventede helårspersoner fra prognosen (${metode}): ${prognoser.map((x) => `${x.ydelse} ${formatTal(x.hp, { decimaler: 2, format: 'da', tusindtalsseparator: true })} (${x.metode})`).join(', ')}`);
  return { grundlag: ds, prognoser, metode };
}

/**
 * The display choices for a format: tables default to mio. kr. with 1 decimal (or `standard`, e.g.
 * hele 1.000 kr. for bevillinger), CSV to exact kr.
 */
export function visning(o: Pick<Opfoelgning, 'manifest'>, flag: RapportFlag, standard: Pick<Visning, 'enhed' | 'decimaler'> = STANDARDVISNING): Visning {
  const csv = flag.format === 'csv';
  return {
    enhed: flag.enhed ?? (csv ? 'kr' : standard.enhed),
    decimaler: flag.decimaler ?? (csv ? 2 : flag.enhed === 'kr' ? 0 : flag.enhed ? STANDARDVISNING.decimaler : standard.decimaler),
    fortegn: flag.merforbrugPositiv ? 'merforbrug_positiv' : o.manifest.fortegn,
    poster: flag.poster ?? false,
    pct: flag.pct ?? false,
    // A workbook keeps exact figures in its cells: rounding is its number format's, so --afstem does not apply there.
    afstem: (flag.afstem ?? false) && flag.format !== 'xlsx',
  };
}

/** What a table computed with a forecast says in its title. */
export const prognosegrundlag = (metode: Metode | 'bedst') => `med prognose for helårspersoner, metode ${metode}`;

/** The HTML report and the workbook draw whole documents: a command offers them only where it builds one. */
function dokument(indhold: Dokument | Tabel, format: Format): Dokument {
  if ('sektioner' in indhold) return indhold;
  throw new ExitError(2, `--format ${format} findes ikke for denne kommando`);
}

/** A workbook is a binary file: it needs --output and never goes to a terminal. */
export function kraevFil(flag: RapportFlag): void {
  if (erBinaer(flag.format) && (flag.output === undefined || flag.output === '-')) {
    const hvad = flag.format === 'xlsx' ? 'et regneark' : 'et Word-dokument';
    const f = flag.format;
    throw new ExitError(2, `--format ${f} skriver ${hvad} og kræver --output FIL, fx --output opfoelgning.${f}`);
  }
}

/** Renders a document (or a single table) in the chosen text format; renderers load on demand. */
export async function renderTekst(indhold: Dokument | Tabel, flag: RapportFlag, v: Visning, miljoe: Miljoe): Promise<string> {
  const erDokument = 'sektioner' in indhold;
  switch (flag.format) {
    case 'xlsx':
    case 'docx':
      throw new Error('et regneark eller Word-dokument er ikke tekst: brug renderUdskrift');
    case 'html': {
      const r = await import('../render/html.js');
      return r.renderDokument(dokument(indhold, flag.format), v);
    }
    case 'csv': {
      const r = await import('../render/csv.js');
      const valg = { ...v, csvFormat: flag.csvFormat };
      return erDokument ? r.renderDokument(indhold, valg) : r.renderTabel(indhold, valg);
    }
    case 'markdown': {
      const r = await import('../render/markdown.js');
      return erDokument ? r.renderDokument(indhold, v) : r.renderAlene(indhold, v);
    }
    default: {
      const r = await import('../render/terminal.js');
      const tilSkaerm = flag.output === undefined || flag.output === '-';
      const valg = { ...v, stil: miljoe.farve && tilSkaerm ? await r.farvestil() : r.INGEN_STIL, soejler: (miljoe.terminal ?? false) && tilSkaerm && !flag.ingenGrafik };
      return erDokument ? r.renderDokument(indhold, valg) : r.renderAlene(indhold, valg);
    }
  }
}

/** Renders in the chosen format: text, or the bytes of a workbook (`xlsx`) or a Word document (`docx`). */
export async function renderUdskrift(indhold: Dokument | Tabel, flag: RapportFlag, v: Visning, miljoe: Miljoe): Promise<string | Uint8Array> {
  if (flag.format === 'docx') {
    const r = await import('../render/docx.js');
    return r.renderDokument(dokument(indhold, flag.format), v);
  }
  if (flag.format !== 'xlsx') return renderTekst(indhold, flag, v, miljoe);
  const r = await import('../render/xlsx.js');
  return r.renderDokument(dokument(indhold, flag.format), v);
}

/** Prints to stdout (also for `--output -`), or writes `--output` atomically (never over an input file). */
export async function udskriv(tekst: Indhold, flag: RapportFlag, filer: string[], miljoe: Miljoe): Promise<void> {
  if (flag.output === '') throw new ExitError(2, '--output kræver et filnavn (eller - for skærmen)');
  if (tekst instanceof Uint8Array) kraevFil(flag);
  if (flag.output === undefined || flag.output === '-') {
    if (typeof tekst === 'string' || tekst instanceof Uint8Array) return miljoe.stdout(tekst as string);
    if (!miljoe.stdoutDel) return miljoe.stdout([...tekst].join(''));
    for (const blok of blokke(tekst)) miljoe.stdoutDel(blok); // memory stays bounded: written as it is made
    return;
  }
  skrivAtomisk(flag.output, tekst, filer, { tving: flag.tving }); // a SkriveFejl is usage (exit 2; app/fejl.ts)
  miljoe.stderr(`Skrev ${flag.output}`);
}

/** `--output mappe/` (or an existing folder): where `--format csv` writes one file per table. */
const erMappe = (sti: string | undefined) =>
  sti !== undefined && sti !== '-' && (/[\\/]$/.test(sti) || (existsSync(sti) && statSync(sti).isDirectory()));

/** One CSV file per table into the folder (made if missing); each written atomically, never over an input file. */
async function udskrivCsvMappe(d: Dokument, flag: RapportFlag, v: Visning, filer: string[], miljoe: Miljoe) {
  const { renderTabeller } = await import('../render/csv.js');
  const mappe = flag.output!;
  const tabeller = renderTabeller(d, { ...v, csvFormat: flag.csvFormat });
  // All or nothing: a name that is an input file stops the run before any file is written.
  const input = new Set(filer.map((f) => resolve(f)));
  const ramt = tabeller.find((t) => input.has(resolve(mappe, t.navn)));
  if (ramt) {
    throw new ExitError(2, `${join(mappe, ramt.navn)} er en af inputfilerne og overskrives ikke; vælg en anden mappe`);
  }
  try {
    mkdirSync(mappe, { recursive: true });
    for (const t of tabeller) skrivAtomisk(join(mappe, t.navn), t.csv, filer);
  } catch (e) {
    if (e instanceof SkriveFejl) throw e; // usage (exit 2; app/fejl.ts)
    const kode = (e as NodeJS.ErrnoException).code;
    if (kode) throw new ExitError(2, `Kunne ikke oprette mappen ${mappe}: ${kode}`);
    throw e;
  }
  miljoe.stderr(`Skrev én CSV-fil pr. tabel i ${mappe}`);
}

/**
 * A report command: load, compute, then the JSON view or a text view of the same computed follow-up;
 * the HTML report and the workbook draw `dokument` (the tables with their charts) where the command has one.
 */
export async function koerRapport(
  mappe: string,
  flag: RapportFlag,
  miljoe: Miljoe,
  visninger: { json: (k: Kontekst) => unknown; tekst: (k: Kontekst, v: Visning) => Dokument | Tabel; dokument?: (k: Kontekst, v: Visning) => Dokument },
): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe, flag);
  const v = { ...visning(k.o, flag), ...(k.prognose ? { grundlag: prognosegrundlag(k.prognose.metode) } : {}) };
  const vis = erDokumentformat(flag.format) && visninger.dokument ? visninger.dokument : visninger.tekst;
  if (flag.format === 'csv' && erMappe(flag.output)) {
    const indhold = vis(k, v);
    if ('sektioner' in indhold) return udskrivCsvMappe(indhold, flag, v, k.filer, miljoe);
  }
  const ud = flag.format === 'json' ? json(visninger.json(k)) : await renderUdskrift(vis(k, v), flag, v, miljoe);
  await udskriv(ud, flag, k.filer, miljoe);
}
