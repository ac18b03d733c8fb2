/** `budgetopf afvigelser [mappe]`: the deviation table per politikområde, service and øvrige. */
import { afvigelserDokument, afvigelsesTabel } from '../report/afvigelser.js';
import { aaretsSektioner } from '../report/aaret.js';
import { afvigelserJson } from '../render/json.js';
import { koerRapport, visning, type Miljoe, type RapportFlag } from './shared.js';

export const afvigelser = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, flag, miljoe, {
    json: (k) => afvigelserJson(k.o),
    tekst: (k, v) => afvigelsesTabel(k.o, v),
    // The HTML report and the workbook also list the year's given bevillinger (bevillinger_givet.csv).
    dokument: (k, v) => {
      const d = afvigelserDokument(k.o, v);
      const givne = aaretsSektioner({ ...k.ds, initiativer: [] }, visning(k.o, flag, { enhed: 't.kr', decimaler: 0 }));
      return { ...d, sektioner: [...d.sektioner, ...givne] };
    },
  });
