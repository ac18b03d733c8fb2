/** `budgetopf aktivitet [mappe]`: helårspersoner, prices and the deviation explained per ydelse. */
import { aktivitetsTabel } from '../report/aktivitet.js';
import { aktivitetJson } from '../render/json.js';
import { koerRapport, type Miljoe, type RapportFlag } from './shared.js';

export const aktivitet = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, flag, miljoe, { json: (k) => aktivitetJson(k.o), tekst: (k, v) => aktivitetsTabel(k.o, v) });
