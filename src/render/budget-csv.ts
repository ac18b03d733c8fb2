/**
 * budget.csv written back (FORMAT.md), the one writer for `samle` and `videre`: amounts exact in the dataset's
 * beløbsenhed, Danish format with `;` unless `en`; `overfoeres` as a column when asked. Text cells Excel would run as formulas get a `'`, which the loader removes again.
 */
import { stringify } from 'csv-stringify/sync';
import { ENHEDSFAKTOR, skrivTal, type Decimal, type Enhed, type Talformat } from '../core/money.js';
import type { Budgetpost } from '../core/model.js';
import { neutraliserFormel } from './csv.js';

/** An amount in kr as exact text in `enhed` and `format` (no thousands separator, never an exponent). */
export function beloebTekst(d: Decimal | null, enhed: Enhed, format: Talformat): string {
  return d === null ? '' : skrivTal(d.div(ENHEDSFAKTOR[enhed]), format);
}

export function budgetCsv(
  poster: readonly Budgetpost[],
  enhed: Enhed,
  format: Talformat,
  medForventetForrige: boolean,
  medOverfoeres = false,
): string {
  const tal = (d: Decimal | null | undefined) => beloebTekst(d ?? null, enhed, format);
  const raekker = [
    [
      'politikomraade',
      'post',
      'udgiftsart',
      'vedtaget',
      'korrigeret',
      'forventet',
      ...(medForventetForrige ? ['forventet_forrige'] : []),
      ...(medOverfoeres ? ['overfoeres'] : []),
    ],
    ...poster.map((p) => [
      neutraliserFormel(p.politikomraade),
      neutraliserFormel(p.post),
      p.udgiftsart,
      tal(p.vedtaget),
      tal(p.korrigeret),
      tal(p.forventet),
      ...(medForventetForrige ? [tal(p.forventetForrige)] : []),
      ...(medOverfoeres ? [tal(p.overfoeres ?? null)] : []),
    ]),
  ];
  return (
    (format === 'da' ? '\uFEFF' : '') +
    stringify(raekker, { delimiter: format === 'da' ? ';' : ',', record_delimiter: 'windows' })
  );
}
