/**
 * Bevillingsønsker written back as bevillingsoensker.csv (FORMAT.md), so that a proposal can be edited
 * and fed back: amounts exact, in the dataset's beløbsenhed, Danish format with `;` unless `en`. Text
 * cells Excel would run as formulas get a `'`, which the loader removes again.
 */
import { stringify } from 'csv-stringify/sync';
import { ENHEDSFAKTOR, skrivTal, type Enhed, type Talformat } from '../core/money.js';
import type { Bevillingslinje } from '../core/model.js';
import { neutraliserFormel } from './csv.js';

export function bevillingsoenskerCsv(linjer: readonly Bevillingslinje[], beloebsenhed: Enhed, format: Talformat): string {
  const tal = (l: Bevillingslinje) => skrivTal(l.beloeb.div(ENHEDSFAKTOR[beloebsenhed]), format);
  const raekker = [
    ['id', 'type', 'tekst', 'politikomraade', 'post', 'udgiftsart', 'aar', 'beloeb'],
    ...linjer.map((l) => [...[l.id, l.type, l.tekst, l.politikomraade, l.post ?? ''].map(neutraliserFormel), l.udgiftsart ?? '', String(l.aar), tal(l)]),
  ];
  return (format === 'da' ? '\uFEFF' : '') + stringify(raekker, { delimiter: format === 'da' ? ';' : ',', record_delimiter: 'windows' });
}
