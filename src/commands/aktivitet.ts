/** `budgetopf aktivitet [mappe]`: helårspersoner, prices and the deviation explained per ydelse. */
import { aktivitetsTabel } from '../report/aktivitet.js';
import { aktivitetJson } from '../render/json.js';
import { koerRapport, type Miljoe, type RapportFlag } from './shared.js';

export const aktivitet = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, flag, miljoe, {
    json: (k) => aktivitetJson(k.o),
    tekst: (k, v) => {
      if (k.o.ydelser.length === 0) miljoe.stderr(`${mappe} har ingen ydelser (helaarspersoner.csv mangler eller er tom): der er ingen aktivitet at vise.`);
      return aktivitetsTabel(k.o, v);
    },
  });
