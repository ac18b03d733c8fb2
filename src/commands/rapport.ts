/** `budgetopf rapport [mappe]`: the whole follow-up as one document. */
import { rapportDokument } from '../report/rapport.js';
import { rapportJson } from '../render/json.js';
import { koerRapport, type Miljoe, type RapportFlag } from './shared.js';

export const rapport = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, flag, miljoe, { json: rapportJson, tekst: rapportDokument });
