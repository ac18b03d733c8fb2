/**
 * The one report shape every text renderer draws: a document of sections, each a table or text.
 * Cells hold exact figures; rounding and units are the renderer's display choices.
 */
import { erMerforbrug } from '../core/fortegn.js';
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
  /** A key that other rows' `sumAf` refer to. */
  id?: string;
  /** This row's amounts (`beloeb` cells) are the sums of these rows' amounts: a workbook writes them as SUM formulas. */
  sumAf?: string[];
  /** Columns whose amount is the negated sum of `sumAf` (ændring af likvide aktiver): written as −SUM. */
  negeret?: string[];
}

export interface Tabel {
  /** A heading shown above the table when it is printed on its own (not part of a document). */
  titel?: string;
  kolonner: Kolonne[];
  /** Identifying columns written only to CSV (a row's politikområde, udgiftsart, post), ahead of `kolonner`. */
  csvNoegler?: Kolonne[];
  raekker: Tabelraekke[];
  /** Column groups for narrow media (terminal, Markdown): each group is shown as its own table, led by the first column. */
  grupper?: { titel: string; kolonner: string[] }[];
  noter?: string[];
  /** The unit and decimals of this table's amounts, where they differ from the document's (bevillinger: hele 1.000 kr.). */
  talvisning?: { enhed: Enhed; decimaler: number };
  /** The column (an afvigelse) a terminal may draw as a bar beside it, relative to the largest. */
  soejle?: string;
  /**
   * Columns that are the difference of two others in every row (`afvigelse: ['korrigeret', 'forventet']`): a
   * workbook writes them as formulas.
   */
  differenser?: Record<string, [string, string]>;
}

/**
 * A chart as data, with exact figures; the HTML renderer draws it as SVG, text renderers leave it out.
 * Amounts (`art: 'beloeb'`) are kr and are labelled in the document's unit.
 */
export type Diagram = Soejlediagram | Linjediagram | Vandfalddiagram | Brodiagram;

/**
 * A waterfall: each step moves a running total by its amount (drawn from the total before to the total
 * after); a step marked `total` is a running total drawn from zero (a subtotal, or the end).
 */
export interface Vandfalddiagram {
  type: 'vandfald';
  titel: string;
  art: Talart;
  trin: { etiket: string; vaerdi: Decimal; total?: boolean }[];
}

/** Horizontal bars per label, one bar per series in each group, drawn from a zero axis. */
export interface Soejlediagram {
  type: 'soejler';
  titel: string;
  art: Talart;
  /** The figures are afvigelser or parts of one (negative = merforbrug): labelled in the municipality's sign, merforbrug marked. */
  afvigelse: boolean;
  /** One name per bar of a group (the legend when there are several). */
  serier: string[];
  /** `vaerdier[i]` belongs to `serier[i]`; null: no bar. */
  grupper: { etiket: string; vaerdier: (Decimal | null)[] }[];
}

/** Lines over an axis of labels (months), with an optional shaded range (a forecast's lav–høj) and reference levels (the budget). */
export interface Linjediagram {
  type: 'linje';
  titel: string;
  art: Talart;
  etiketter: string[];
  /** `vaerdier[i]` is the point at `etiketter[i]`; null where the series has none (the actual figures stop, the forecast starts). */
  serier: { navn: string; vaerdier: (Decimal | null)[]; stiplet?: boolean }[];
  interval?: { navn: string; lav: (Decimal | null)[]; hoej: (Decimal | null)[] };
  niveauer?: { navn: string; vaerdi: Decimal }[];
}

/**
 * A bridge (waterfall): from a starting total through signed steps to the end total (kr). A step's
 * figure is a change in forventet (positive = more expected spending); `slut` = `start` + Σ steps.
 */
export interface Brodiagram {
  type: 'bro';
  titel: string;
  start: { etiket: string; vaerdi: Decimal };
  trin: { etiket: string; vaerdi: Decimal }[];
  slut: { etiket: string; vaerdi: Decimal };
}

export interface Sektion {
  titel: string;
  /** The sheet's name when the section's table becomes a worksheet (at most 31 characters). */
  ark?: string;
  tabel?: Tabel;
  /** Charts of the section's figures, drawn before its table. */
  diagrammer?: Diagram[];
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

/** An afvigelse (or a part of one) as a cell: `vist` is the figure shown, `eksakt` decides whether it is a merforbrug. */
export const afvigelsescelle = (vist: Decimal, eksakt: Decimal = vist, art: Talart = 'beloeb'): Talcelle =>
  talcelle(vist, art, erMerforbrug(eksakt));

export const erTal = (c: Celle): c is Talcelle => c !== null && typeof c === 'object';
