/**
 * The sign convention, in one place. Canonical (core, JSON, CSV written back): afvigelse = korrigeret −
 * forventet, negative = merforbrug. Tables may show merforbrug positive (`--merforbrug-positiv`, the
 * manifest's `fortegn`); the flip for display and every legend that names the sign live here, so that a
 * legend can never contradict the numbers beside it.
 */
import type { Decimal } from './money.js';
import type { Fortegn } from './model.js';

export type { Fortegn };

/** The afvigelse (kr, canonical sign) of a budget against a forventet (or projected) outturn. */
export const afvigelseAf = (korrigeret: Decimal, forventet: Decimal): Decimal => korrigeret.minus(forventet);

/** True for an afvigelse (kr, canonical sign) that is a merforbrug (below zero; a −0 is none). */
export const erMerforbrug = (afvigelse: Decimal): boolean => afvigelse.lt(0);

/** "merforbrug"/"mindreforbrug" for an afvigelse (canonical sign). */
export const forbrugsord = (afvigelse: Decimal): 'merforbrug' | 'mindreforbrug' =>
  erMerforbrug(afvigelse) ? 'merforbrug' : 'mindreforbrug';

/** True when tables show merforbrug as a positive figure. */
export const merforbrugPositiv = (f: Fortegn | undefined): boolean => f === 'merforbrug_positiv';

/** The display flip: an afvigelse (canonical sign) in the sign the tables print. */
export const visAfvigelse = (afvigelse: Decimal, f: Fortegn | undefined): Decimal =>
  merforbrugPositiv(f) ? afvigelse.neg() : afvigelse;

/** The sign a merforbrug is printed with ("+" or "−"), and the mindreforbrug's. */
export const merforbrugTegn = (f: Fortegn | undefined): '+' | '−' => (merforbrugPositiv(f) ? '+' : '−');
export const mindreforbrugTegn = (f: Fortegn | undefined): '+' | '−' => (merforbrugPositiv(f) ? '−' : '+');

/** "negativ"/"positiv": the word for the sign a merforbrug is printed with. */
export const merforbrugOrd = (f: Fortegn | undefined): 'negativ' | 'positiv' =>
  merforbrugPositiv(f) ? 'positiv' : 'negativ';

/** The prefix that turns an expression of extra spending into the printed afvigelse: "−" (canonical) or "". */
export const udgiftTilAfvigelse = (f: Fortegn | undefined): '−' | '' => (merforbrugPositiv(f) ? '' : '−');

/** The legend under a deviation table. */
export const afvigelsesforklaring = (f: Fortegn | undefined): string =>
  merforbrugPositiv(f)
    ? 'Afvigelse: positiv = merforbrug, negativ = mindreforbrug (i forhold til korrigeret budget).'
    : 'Afvigelse = korrigeret budget − forventet regnskab: negativ = merforbrug, positiv = mindreforbrug.';

/** "Negativ afvigelse = merforbrug" (or "Positiv …"), for a note that only names the sign. */
export const merforbrugsnote = (f: Fortegn | undefined): string =>
  `${merforbrugPositiv(f) ? 'Positiv' : 'Negativ'} afvigelse = merforbrug`;

/** "korrigeret − X" (canonical) or "X − korrigeret": the formula of a printed afvigelse against X. */
export const afvigelsesformel = (x: string, f: Fortegn | undefined): string =>
  merforbrugPositiv(f) ? `${x} − korrigeret` : `korrigeret − ${x}`;
