/** `budgetopf aktivitet [mappe]`: helårspersoner, prices and the deviation explained per ydelse. */
import { aktivitetDokument, aktivitetsTabel } from '../report/aktivitet.js';
import { aktivitetJson } from '../render/json.js';
import { koerRapport, type Kontekst, type Miljoe, type RapportFlag } from './shared.js';

export const aktivitet = (mappe: string, flag: RapportFlag, miljoe: Miljoe) => {
  const ingenYdelser = (k: Kontekst) => {
    if (k.o.ydelser.length === 0) miljoe.stderr(`${mappe} har ingen ydelser (helaarspersoner.csv mangler eller er tom): der er ingen aktivitet at vise.`);
  };
  return koerRapport(mappe, flag, miljoe, {
    json: (k) => aktivitetJson(k.o),
    tekst: (k, v) => {
      ingenYdelser(k);
      return aktivitetsTabel(k.o, v);
    },
    dokument: (k, v) => {
      ingenYdelser(k);
      return aktivitetDokument(k.o, v);
    },
  });
};
