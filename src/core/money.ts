/**
 * The one gate for money and quantities: Decimal configuration, parsing of Danish/English number
 * text, rounding (half away from zero, for display only) and formatting. Core code never sees a
 * JS `number` amount or a string amount; everything passes through here.
 */
import { Decimal as DecimalJs } from 'decimal.js';

/** Decimal with enough precision that no sum or product of budget figures is ever rounded. */
export const Decimal = DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_UP, // decimal.js: half away from zero
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const NUL: Decimal = new Decimal(0);

export type Talformat = 'da' | 'en';

/** The amount units, listed once: the manifest's `beloebsenhed`, `--enhed`, and every heading and text that names one. */
export const ENHEDER = ['kr', 't.kr', 'mio.kr'] as const;
export type Enhed = (typeof ENHEDER)[number];

interface Enhedsdata {
  /** kr per unit: 1.000 to the power of `tusinder`. */
  tusinder: 0 | 1 | 2;
  /** In a table heading: "Drift (1.000 kr.)". */
  overskrift: string;
  /** After an amount in running text: "1.937,4 t.kr.". */
  iTekst: string;
}

export const ENHED: Readonly<Record<Enhed, Enhedsdata>> = {
  kr: { tusinder: 0, overskrift: 'kr.', iTekst: 'kr.' },
  't.kr': { tusinder: 1, overskrift: '1.000 kr.', iTekst: 't.kr.' },
  'mio.kr': { tusinder: 2, overskrift: 'mio. kr.', iTekst: 'mio. kr.' },
};

/** kr per unit. */
export const ENHEDSFAKTOR = Object.fromEntries(ENHEDER.map((e) => [e, new Decimal(1000).pow(ENHED[e].tusinder)])) as Readonly<Record<Enhed, Decimal>>;

/**
 * Above this many integer digits (in kr, after `beloebsenhed`) a figure is refused: no municipal amount
 * is that large. With at most `MAKS_DECIMALER` decimals too, a product of two figures (HP × pris) and
 * any sum of such products stay far inside the Decimal's 60 digits: no figure is ever rounded.
 */
export const MAKS_HELTALSCIFRE = 15;
export const MAKS_DECIMALER = 10;

/**
 * A message when the figure (kr, after the unit's factor) is outside the exact range (|v| ≥ 10^15:
 * exponent 15 or more); null when it is inside.
 */
export function udenForOmraade(v: Decimal, tekst: string): string | null {
  if (v.e < MAKS_HELTALSCIFRE) return null;
  return `"${tekst}" er for stort (over ${MAKS_HELTALSCIFRE} cifre før kommaet i kr.)`;
}

const DANSK = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;
const ENGELSK = /^[+-]?\d+(?:\.\d+)?$/;
const HELTAL = /^[+-]?\d{1,15}$/;

export type TalResultat = { ok: true; vaerdi: Decimal } | { ok: false; besked: string; kode?: 'tvetydigt_tal' };

/** English format: exactly three digits after a single point (`800.000`) could be a Danish thousands separator. */
const TVETYDIG = /^[+-]?\d+\.\d{3}$/;

/**
 * Parses a number as written in a CSV cell. Danish: decimal comma, optional `.` thousands separators in
 * groups of three (`1.234.567,89`). English: decimal point, no thousands separator. Anything else
 * (`1.05` in Danish, `1,234.5`, `1e5`, `NaN`) is refused, never guessed. `fastlagt` is false when the
 * format was only inferred from a comma delimiter: then `800.000` is ambiguous and refused (FORMAT.md).
 */
export function parseTal(tekst: string, format: Talformat, fastlagt = true): TalResultat {
  const s = tekst.trim();
  // Most cells are whole numbers without separators: the same in both formats, read without the general path.
  if (HELTAL.test(s)) return { ok: true, vaerdi: new Decimal(s) };
  const moenster = format === 'da' ? DANSK : ENGELSK;
  if (!moenster.test(s)) {
    const forventet = format === 'da' ? 'dansk talformat som 1.234.567,89' : 'engelsk talformat som 1234567.89';
    return { ok: false, besked: `"${tekst}" er ikke et gyldigt tal (forventet ${forventet})` };
  }
  if (format === 'en' && !fastlagt && TVETYDIG.test(s)) {
    return { ok: false, kode: 'tvetydigt_tal', besked: `"${tekst}" er tvetydigt: med komma som afgrænser er punktum `
      + `decimaltegn (${s.replace('.', ',')}), `
      + `men det kan også være dansk tusindtalsskrivning (${s.replace('.', '')}); angiv "talformat": "da" eller "en" `
      + 'i opfoelgning.json, eller skriv tallet uden punktum' };
  }
  const normaliseret = format === 'da' ? s.replace(/\./g, '').replace(',', '.') : s;
  const heltal = normaliseret.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+(?=\d)/, '');
  if (heltal.length > MAKS_HELTALSCIFRE) {
    return { ok: false, besked: `"${tekst}" er for stort (over ${MAKS_HELTALSCIFRE} cifre før kommaet)` };
  }
  if ((normaliseret.split('.')[1] ?? '').replace(/0+$/, '').length > MAKS_DECIMALER) {
    return { ok: false, besked: `"${tekst}" har for mange decimaler (højst ${MAKS_DECIMALER})` };
  }
  return { ok: true, vaerdi: new Decimal(normaliseret) };
}

/** Rounds half away from zero to `decimaler` places. Display only. */
export function rund(v: Decimal, decimaler: number): Decimal {
  return v.toDecimalPlaces(decimaler, Decimal.ROUND_HALF_UP);
}

/** Converts kr to the display unit (no rounding). */
export function iEnhed(kr: Decimal, enhed: Enhed): Decimal {
  return kr.div(ENHEDSFAKTOR[enhed]);
}

export interface FormatValg {
  decimaler: number;
  /** `da`: `1.234,5`; `en`: `1234.5`. */
  format: Talformat;
  /** Thousands separators (Danish display); off for CSV cells. */
  tusindtalsseparator?: boolean;
}

/** Formats a figure rounded half away from zero; a figure that rounds to zero has no sign (`0,0`, never `-0,0`). */
export function formatTal(v: Decimal, valg: FormatValg): string {
  const r = rund(v, valg.decimaler);
  const negativ = r.isNegative() && !r.isZero();
  const [heltal, brøk] = r.abs().toFixed(valg.decimaler).split('.');
  const sep = valg.format === 'da' ? '.' : ',';
  const grupperet = valg.tusindtalsseparator ? heltal!.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : heltal!;
  const komma = valg.format === 'da' ? ',' : '.';
  return (negativ ? '-' : '') + grupperet + (brøk ? komma + brøk : '');
}

/**
 * A figure as written back to a file the user keeps (helaarspersoner.csv, bevillingsoensker.csv), or any CSV
 * cell budgetopf must read back: exact,
 * every decimal kept, no thousands separator and never exponent notation; decimal comma for `da`.
 */
export function skrivTal(v: Decimal, format: Talformat): string {
  const s = v.isZero() ? '0' : v.toFixed(); // never "-0"
  return format === 'da' ? s.replace('.', ',') : s;
}

/** Sum of Decimals (exact). */
export function sum(vaerdier: Iterable<Decimal>): Decimal {
  let s = NUL;
  for (const v of vaerdier) s = s.plus(v);
  return s;
}

/** A broken precondition of a computation: a bug in budgetopf, never a problem with the data. */
export class Regnefejl extends Error {}

/**
 * Largest-remainder rounding: rounds each value to `decimaler` places so that the rounded parts add up
 * to `total` (already rounded). Ties go to the earlier value. Used only when the user asks for
 * displayed parts to add up to displayed totals. O(n log n): each part moves by at most one unit, so a
 * `total` more than n units from the sum of the floors is a broken precondition and throws `Regnefejl`.
 */
export function afstem(vaerdier: Decimal[], total: Decimal, decimaler: number): Decimal[] {
  const enhed = new Decimal(10).pow(-decimaler);
  const gulv = vaerdier.map((v) => v.toDecimalPlaces(decimaler, Decimal.ROUND_FLOOR));
  const mangler = total.minus(sum(gulv)).div(enhed).round();
  if (mangler.abs().gt(vaerdier.length)) {
    throw new Regnefejl(`afstem: totalen ${total.toFixed()} ligger ${mangler.abs().toFixed()} enheder fra delenes sum; `
      + `højst ${vaerdier.length} er muligt`);
  }
  const raekkefoelge = vaerdier
    .map((v, i) => ({ i, rest: v.minus(gulv[i]!) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  // A total below the floors (not possible for a correctly rounded total) takes units from the smallest remainders.
  const antal = mangler.abs().toNumber();
  const valgte = mangler.isNegative() ? raekkefoelge.slice(raekkefoelge.length - antal) : raekkefoelge.slice(0, antal);
  const ud = [...gulv];
  for (const { i } of valgte) ud[i] = ud[i]!.plus(mangler.isNegative() ? enhed.neg() : enhed);
  return ud;
}
