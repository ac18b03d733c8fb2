/** What every report command shares: options, loading with findings on stderr, rendering and output. */
import type { Opfoelgning } from '../core/beregn.js';
import { beregn } from '../core/beregn.js';
import type { Datasaet } from '../core/model.js';
import { fundLinje } from '../render/fund.js';
import type { Enhed, Talformat } from '../core/money.js';
import { indlaesDatasaet, MappeFejl } from '../io/load-dataset.js';
import { skrivAtomisk, SkriveFejl } from '../io/write.js';
import { json } from '../render/json.js';
import type { Dokument, Tabel } from '../report/shape.js';
import { STANDARDVISNING, type Visning } from '../report/visning.js';
import { ExitError } from './exit-error.js';

export type Format = 'tabel' | 'csv' | 'json' | 'markdown';

export interface RapportFlag {
  format: Format;
  output?: string;
  enhed?: Enhed;
  decimaler?: number;
  csvFormat: Talformat;
  afstem?: boolean;
  merforbrugPositiv?: boolean;
  pct?: boolean;
  poster?: boolean;
}

/** Where the command's talk goes (stderr) and whether stdout is a colour terminal. */
export interface Miljoe {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  farve: boolean;
  /** Print the stack of an unexpected error (BUDGETOPF_DEBUG). */
  debug?: boolean;
}

/** A loaded dataset and its computed follow-up: what every view is made from. */
export interface Kontekst {
  ds: Datasaet;
  o: Opfoelgning;
  filer: string[];
}

/** Loads and computes a dataset; prints findings to stderr; exit 1 on data errors, 2 on a missing folder. */
export async function indlaesOgBeregn(mappe: string, miljoe: Miljoe): Promise<Kontekst> {
  let res;
  try {
    res = await indlaesDatasaet(mappe);
  } catch (e) {
    if (e instanceof MappeFejl) throw new ExitError(2, `${e.message}. Angiv mappen med datasættet, fx data/slagelse-ebu-2025-bo2 (se budgetopf --help)`);
    throw e;
  }
  for (const f of res.fund) miljoe.stderr(fundLinje(f));
  if (!res.datasaet) {
    const antal = res.fund.filter((f) => f.alvor === 'fejl').length;
    throw new ExitError(1, `${antal} fejl i ${mappe}; intet er beregnet`);
  }
  return { ds: res.datasaet, o: beregn(res.datasaet), filer: res.filer };
}

/**
 * The display choices for a format: tables default to mio. kr. with 1 decimal (or `standard`, e.g.
 * hele 1.000 kr. for bevillinger), CSV to exact kr.
 */
export function visning(o: Opfoelgning, flag: RapportFlag, standard: Pick<Visning, 'enhed' | 'decimaler'> = STANDARDVISNING): Visning {
  const csv = flag.format === 'csv';
  return {
    enhed: flag.enhed ?? (csv ? 'kr' : standard.enhed),
    decimaler: flag.decimaler ?? (csv ? 2 : flag.enhed === 'kr' ? 0 : flag.enhed ? STANDARDVISNING.decimaler : standard.decimaler),
    fortegn: flag.merforbrugPositiv ? 'merforbrug_positiv' : o.manifest.fortegn,
    poster: flag.poster ?? false,
    pct: flag.pct ?? false,
    afstem: flag.afstem ?? false,
  };
}

/** Renders a document (or a single table) in the chosen text format; renderers load on demand. */
export async function renderTekst(indhold: Dokument | Tabel, flag: RapportFlag, v: Visning, miljoe: Miljoe): Promise<string> {
  const erDokument = 'sektioner' in indhold;
  switch (flag.format) {
    case 'csv': {
      const r = await import('../render/csv.js');
      const valg = { ...v, csvFormat: flag.csvFormat };
      return erDokument ? r.renderDokument(indhold, valg) : r.renderTabel(indhold, valg);
    }
    case 'markdown': {
      const r = await import('../render/markdown.js');
      return erDokument ? r.renderDokument(indhold, v) : `${r.renderTabel(indhold, v)}\n`;
    }
    default: {
      const r = await import('../render/terminal.js');
      const tilSkaerm = flag.output === undefined || flag.output === '-';
      const valg = { ...v, stil: miljoe.farve && tilSkaerm ? await r.farvestil() : r.INGEN_STIL };
      return erDokument ? r.renderDokument(indhold, valg) : `${await r.renderTabel(indhold, valg)}\n`;
    }
  }
}

/** Prints to stdout (also for `--output -`), or writes `--output` atomically (never over an input file). */
export async function udskriv(tekst: string, flag: RapportFlag, filer: string[], miljoe: Miljoe): Promise<void> {
  if (flag.output === '') throw new ExitError(2, '--output kræver et filnavn (eller - for skærmen)');
  if (flag.output === undefined || flag.output === '-') return miljoe.stdout(tekst);
  try {
    skrivAtomisk(flag.output, tekst, filer);
  } catch (e) {
    if (e instanceof SkriveFejl) throw new ExitError(2, e.message);
    throw e;
  }
  miljoe.stderr(`Skrev ${flag.output}`);
}

/** A report command: load, compute, then the JSON view or a text view of the same computed follow-up. */
export async function koerRapport(
  mappe: string,
  flag: RapportFlag,
  miljoe: Miljoe,
  visninger: { json: (k: Kontekst) => unknown; tekst: (k: Kontekst, v: Visning) => Dokument | Tabel },
): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe);
  const v = visning(k.o, flag);
  const tekst = flag.format === 'json' ? json(visninger.json(k)) : await renderTekst(visninger.tekst(k, v), flag, v, miljoe);
  await udskriv(tekst, flag, k.filer, miljoe);
}
