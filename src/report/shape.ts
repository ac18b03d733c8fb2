/**
 * The one report shape every text renderer draws: a document of sections, each a table or text.
 * Cells hold exact figures; rounding and units are the renderer's display choices.
 */
import type { Decimal, Enhed } from '../core/money.js';

/** `beloeb`: kr, shown in the chosen unit; `antal`: helårspersoner; `pris`: kr per helårsperson; `pct`: percent. */
export type Talart = 'beloeb' | 'antal' | 'pris' | 'pct';

export interface Talcelle {
  tal: Decimal;
  art: Talart;
  /** Marks an afvigelse that is a merforbrug (coloured on a terminal), whatever sign is displayed. */
  merforbrug?: boolean;
}
export type Celle = string | Talcelle | null;

export type Raekkeart = 'data' | 'del' | 'post' | 'sum' | 'total';

export interface Kolonne {
  noegle: string;
  titel: string;
  /** Column name in CSV (stable, ASCII). */
  csv: string;
}

export interface Tabelraekke {
  art: Raekkeart;
  celler: Record<string, Celle>;
}

export interface Tabel {
  kolonner: Kolonne[];
  /** Identifying columns written only to CSV (a row's politikområde, udgiftsart, post), ahead of `kolonner`. */
  csvNoegler?: Kolonne[];
  raekker: Tabelraekke[];
  /** Column groups for narrow media (terminal, Markdown): each group is shown as its own table, led by the first column. */
  grupper?: { titel: string; kolonner: string[] }[];
  noter?: string[];
  /** The unit and decimals of this table's amounts, where they differ from the document's (bevillinger: hele 1.000 kr.). */
  talvisning?: { enhed: Enhed; decimaler: number };
}

export interface Sektion {
  titel: string;
  tabel?: Tabel;
  /** Paragraphs; a paragraph starting with "- " is a bullet. */
  tekst?: string[];
  /** Sub-sections (forklaringer per politikområde). */
  underafsnit?: Sektion[];
}

export interface Dokument {
  titel: string;
  undertitel: string[];
  sektioner: Sektion[];
}

export const talcelle = (tal: Decimal, art: Talart, merforbrug?: boolean): Talcelle =>
  merforbrug === undefined ? { tal, art } : { tal, art, merforbrug };

export const erTal = (c: Celle): c is Talcelle => c !== null && typeof c === 'object';
