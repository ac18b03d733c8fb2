/** Formatting of one report cell for display; the only place a report figure becomes text. */
import { visAfvigelse } from '../core/fortegn.js';
import { formatTal, iEnhed, type Talformat } from '../core/money.js';
import { erTal, type Celle, type Talcelle, type Kolonne, type Tabel, type Tabelraekke } from '../report/shape.js';
import type { Visning } from '../report/visning.js';

export interface Talvisning extends Pick<Visning, 'enhed' | 'decimaler'>, Partial<Pick<Visning, 'fortegn'>> {
  format: Talformat;
  /** `1.234,5` (display) or `1234,5` (CSV). */
  tusindtalsseparator: boolean;
  /** The typographic minus (−) for documents that are read (HTML, Word); CSV and workbooks keep `-`. */
  minustegn?: boolean;
}

/** True for a cell in the afvigelse's sign (it carries a merforbrug mark): shown negated with `merforbrug_positiv`. */
export const erAfvigelse = (c: Celle): boolean => erTal(c) && c.merforbrug !== undefined;

/** A figure in the sign the table prints: an afvigelse through the sign module's flip, anything else as it is. */
export const vistTal = (c: Talcelle, v: Partial<Pick<Visning, 'fortegn'>>) => (erAfvigelse(c) ? visAfvigelse(c.tal, v.fortegn) : c.tal);

/**
 * A cell as text: amounts in the display unit, helårspersoner and prices with their own decimals (at
 * most 2), percentages with 1. Afvigelser in the sign the municipality prints (the figures stay canonical).
 */
export function formatCelle(c: Celle, v: Talvisning): string {
  if (c === null) return '';
  if (!erTal(c)) return c;
  return v.minustegn ? formatTalcelle(c, v).replace(/^-/, '−') : formatTalcelle(c, v);
}

function formatTalcelle(c: Talcelle, v: Talvisning): string {
  const valg = { format: v.format, tusindtalsseparator: v.tusindtalsseparator };
  const tal = vistTal(c, v);
  switch (c.art) {
    case 'beloeb':
      return formatTal(iEnhed(tal, v.enhed), { ...valg, decimaler: v.decimaler });
    case 'pct':
      return formatTal(tal, { ...valg, decimaler: 1 });
    default:
      return formatTal(tal, { ...valg, decimaler: Math.min(tal.decimalPlaces(), 2) });
  }
}

/** True when the cell is a merforbrug that does not display as zero (what gets coloured). */
export function visesSomMerforbrug(c: Celle, tekst: string): boolean {
  return erTal(c) && c.merforbrug === true && /[1-9]/.test(tekst);
}

export interface Tabeldel {
  titel: string;
  kolonner: Kolonne[];
  raekker: Tabelraekke[];
  /** Per column: right-aligned when it holds figures. */
  hoejre: boolean[];
}

/** A table split into its column groups (or whole); a row with nothing to show in a group is left out of it. */
export function tabelDele(t: Tabel): Tabeldel[] {
  const grupper = t.grupper ?? [{ titel: '', kolonner: t.kolonner.map((k) => k.noegle) }];
  return grupper.map((g) => {
    const kolonner = g.kolonner.map((n) => t.kolonner.find((k) => k.noegle === n)!);
    const raekker = t.grupper ? t.raekker.filter((r) => kolonner.slice(1).some((k) => (r.celler[k.noegle] ?? null) !== null)) : t.raekker;
    const hoejre = kolonner.map((k) => raekker.some((r) => erTal(r.celler[k.noegle] ?? null)));
    return { titel: g.titel, kolonner, raekker, hoejre };
  });
}
