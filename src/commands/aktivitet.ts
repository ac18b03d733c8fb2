/** `budgetopf aktivitet [mappe]`: helårspersoner, prices and the deviation explained per ydelse. */
import { aktivitetDokument, aktivitetsTabel } from '../report/aktivitet.js';
import { aktivitetJson } from '../render/json.js';
import { koerRapport, type Kontekst, type Miljoe, type RapportFlag } from './shared.js';

export const aktivitet = (mappe: string, flag: RapportFlag, miljoe: Miljoe) => {
  // Nothing to show is said on stderr; the (empty) table is printed all the same.
  const medAdvarsel = (k: Kontekst) => {
    if (k.o.ydelser.length === 0) miljoe.stderr(`${mappe} har ingen ydelser (helaarspersoner.csv mangler eller er tom): der er ingen aktivitet at vise.`);
    return k.o;
  };
  return koerRapport(mappe, flag, miljoe, {
    json: (k) => aktivitetJson(k.o),
    tekst: (k, v) => aktivitetsTabel(medAdvarsel(k), v),
    dokument: (k, v) => aktivitetDokument(medAdvarsel(k), v),
  });
};
