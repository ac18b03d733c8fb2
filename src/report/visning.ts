/** Display choices shared by the report builders (never part of the computed figures). */
import { ENHED, ENHEDER, formatTal, iEnhed, type Decimal, type Enhed } from '../core/money.js';
import type { Fortegn, Manifest } from '../core/model.js';

export interface Visning {
  enhed: Enhed;
  decimaler: number;
  /** How an afvigelse is displayed; JSON is always canonical (merforbrug negative). */
  fortegn: Fortegn;
  /** Show the posts under each politikområde. */
  poster: boolean;
  /** Add "Afvigelse i %" (of korrigeret budget). */
  pct: boolean;
  /** Round so that displayed parts add up to displayed totals (largest remainder). */
  afstem: boolean;
  /** What the figures were computed with when not the files' own ("med prognosen: bedst"): said in every table's title. */
  grundlag?: string;
}

export const STANDARDVISNING: Visning = { enhed: 'mio.kr', decimaler: 1, fortegn: 'merforbrug_negativ', poster: false, pct: false, afstem: false };

/** The unit in a table heading ("Drift (1.000 kr.)"). */
export const ENHEDSTEKST = Object.fromEntries(ENHEDER.map((e) => [e, ENHED[e].overskrift])) as Readonly<Record<Enhed, string>>;

/** `11,0 mio. kr.` — an amount in running Danish text, unsigned. */
export function beloebTekst(kr: Decimal, v: Pick<Visning, 'enhed' | 'decimaler'>): string {
  return `${formatTal(iEnhed(kr.abs(), v.enhed), { decimaler: v.decimaler, format: 'da', tusindtalsseparator: true })} ${ENHED[v.enhed].iTekst}`;
}

export { forbrugsord } from '../core/fortegn.js';

/** A title with what its figures were computed with ("… (med prognosen: trend)"), so a forecast or a scenario is never mistaken for the official table. */
export const medGrundlag = (titel: string, v: Pick<Visning, 'grundlag'>): string => (v.grundlag ? `${titel} (${v.grundlag})` : titel);

/** The previous follow-up's name: BO2 → BO1; otherwise "forrige". */
export function forrigeNavn(opfoelgning: string): string {
  const m = /^BO(\d+)$/i.exec(opfoelgning.trim());
  return m && Number(m[1]) > 1 ? `BO${Number(m[1]) - 1}` : 'forrige';
}

/** Ends a sentence with one full stop (amounts already end in "kr."). */
export const punktum = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** Helårspersoner in running text: `1.062`, `12,5`. */
export function antalTekst(d: Decimal): string {
  return formatTal(d, { decimaler: Math.min(d.decimalPlaces(), 2), format: 'da', tusindtalsseparator: true });
}

/** A document's sub-title lines: the opgørelse, the kommune and the udvalg. */
export function dokumentUndertitel(m: Manifest): string[] {
  return [...(m.opgoerelse ? [m.opgoerelse] : []), m.kommune, ...(m.udvalg ? [m.udvalg] : [])];
}

/** A forecast method's name in Danish prose and headings (`saeson` is the option's ASCII spelling). */
export const metodenavn = (m: string) => (m === 'saeson' ? 'sæson' : m);
