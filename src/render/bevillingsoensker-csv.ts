/**
 * Bevillingsønsker written back as bevillingsoensker.csv (FORMAT.md), so that a proposal can be edited
 * and fed back: amounts exact, in the dataset's beløbsenhed, Danish format with `;` unless `en`. Text
 * cells Excel would run as formulas get a `'`, which the loader removes again.
 */
import { stringify } from 'csv-stringify/sync';
import { ENHEDSFAKTOR, skrivTal, type Enhed, type Talformat } from '../core/money.js';
import type { Bevillingslinje, GivetBevillingslinje } from '../core/model.js';
import { neutraliserFormel } from './csv.js';

function raekker(linjer: readonly Bevillingslinje[], beloebsenhed: Enhed, format: Talformat): string[][] {
  const tal = (l: Bevillingslinje) => skrivTal(l.beloeb.div(ENHEDSFAKTOR[beloebsenhed]), format);
  return [
    ['id', 'type', 'tekst', 'politikomraade', 'post', 'udgiftsart', 'aar', 'beloeb'],
    ...linjer.map((l) => [
      ...[l.id, l.type, l.tekst, l.politikomraade, l.post ?? ''].map(neutraliserFormel),
      l.udgiftsart ?? '',
      String(l.aar),
      tal(l),
    ]),
  ];
}

const csv = (r: string[][], format: Talformat) =>
  (format === 'da' ? '\uFEFF' : '') +
  stringify(r, { delimiter: format === 'da' ? ';' : ',', record_delimiter: 'windows' });

export function bevillingsoenskerCsv(
  linjer: readonly Bevillingslinje[],
  beloebsenhed: Enhed,
  format: Talformat,
): string {
  return csv(raekker(linjer, beloebsenhed, format), format);
}

/** bevillinger_givet.csv: the year's approved requests; bevillingsoensker.csv's columns + the round that gave them. */
export function bevillingerGivetCsv(
  linjer: readonly GivetBevillingslinje[],
  beloebsenhed: Enhed,
  format: Talformat,
): string {
  const r = raekker(linjer, beloebsenhed, format);
  r[0]!.push('opfoelgning');
  linjer.forEach((l, i) => r[i + 1]!.push(neutraliserFormel(l.opfoelgning)));
  return csv(r, format);
}
