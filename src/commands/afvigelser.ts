/** `budgetopf afvigelser [mappe]`: the deviation table per politikområde, service and øvrige. */
import { afvigelserDokument, afvigelsesTabel } from '../report/afvigelser.js';
import { afvigelserJson } from '../render/json.js';
import { koerRapport, type Miljoe, type RapportFlag } from './shared.js';

export const afvigelser = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, flag, miljoe, {
    json: (k) => afvigelserJson(k.o),
    tekst: (k, v) => afvigelsesTabel(k.o, v),
    dokument: (k, v) => afvigelserDokument(k.o, v),
  });
