/**
 * The activity model, in one place: what an activity post is, its forventet, and the decomposition of its
 * afvigelse. FORMAT.md: forventet = korrigeret + (hp_forventet × pris_forventet − hp_korrigeret × pris_budget)
 * + Σ korrektioner. The decomposition is built from the same two terms (and the one between them, the
 * forventede helårspersoner at the budget price), so the effects add up to the activity's part exactly.
 */
import { merforbrugPositiv, udgiftTilAfvigelse, type Fortegn } from './fortegn.js';
import type { Decimal } from './money.js';
import type { Datasaet, Enhedspris, Ydelse } from './model.js';

/**
 * The names of the activity posts: a post is an activity post when its name is a ydelse of
 * helaarspersoner.csv (its forventet is then the model's, never the file's).
 */
export function aktivitetsposter(ds: Pick<Datasaet, 'ydelser'>): ReadonlySet<string> {
  return new Set(ds.ydelser.map((y) => y.ydelse));
}

/** kr: the budgeted activity, hp_korrigeret × pris_budget. */
export const budgetteretAktivitet = (y: Ydelse, pris: Enhedspris): Decimal => y.hp.korrigeret.times(pris.budget);

/** kr: the expected activity, hp_forventet × pris_forventet. */
export const forventetAktivitet = (y: Ydelse, pris: Enhedspris): Decimal => y.hp.forventet.times(pris.forventet);

/** kr: the activity model's change to a post's forventet (positive = more spending): forventet − budgetteret. */
export function aktivitetsdelta(y: Ydelse, pris: Enhedspris): Decimal {
  return forventetAktivitet(y, pris).minus(budgetteretAktivitet(y, pris));
}

/**
 * kr, in the afvigelse's sign (negative = merforbrug): the mængdeeffekt (budgetteret − forventede HP at the
 * budget price) and the priseffekt (that − forventet). Together they are −aktivitetsdelta, to the øre.
 */
export function aktivitetseffekter(y: Ydelse, pris: Enhedspris): { maengdeeffekt: Decimal; priseffekt: Decimal } {
  const mellem = y.hp.forventet.times(pris.budget);
  return {
    maengdeeffekt: budgetteretAktivitet(y, pris).minus(mellem),
    priseffekt: mellem.minus(forventetAktivitet(y, pris)),
  };
}

/** The note under an activity table: the decomposition's formulas, in the sign the table prints. */
export function effektforklaring(f: Fortegn | undefined): string {
  const m = udgiftTilAfvigelse(f);
  const korrektioner = merforbrugPositiv(f) ? 'Σ korrektioner' : '−Σ korrektioner';
  return (
    `Mængdeeffekt = ${m}(HP forventet − HP korrigeret) × pris budget; ` +
    `priseffekt = ${m}(pris forventet − pris budget) × HP forventet; ` +
    `korrektioner = ${korrektioner}. De tre summerer til afvigelsen.`
  );
}
