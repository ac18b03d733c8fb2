/** helårspersoner written back as helaarspersoner.csv (FORMAT.md), e.g. with a forecast as forventet. */
import { stringify } from 'csv-stringify/sync';
import { skrivTal, type Decimal, type Talformat } from '../core/money.js';
import type { Ydelse } from '../core/model.js';
import { neutraliserFormel } from './csv.js';

export function helaarspersonerCsv(ydelser: readonly Ydelse[], format: Talformat): string {
  const tal = (d: Decimal | null) => (d === null ? '' : skrivTal(d, format));
  const raekker = [
    ['ydelse', 'regnskab_forrige', 'vedtaget', 'korrigeret', 'forventet'],
    ...ydelser.map((y) => [neutraliserFormel(y.ydelse), tal(y.hp.regnskabForrige), tal(y.hp.vedtaget), tal(y.hp.korrigeret), tal(y.hp.forventet)]),
  ];
  return stringify(raekker, { delimiter: format === 'da' ? ';' : ',' });
}
