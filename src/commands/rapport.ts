/**
 * `budgetopf rapport [mappe]`: the whole follow-up as one document, bevillingsønsker, the prognose and the forbrug
 * (forbrug.csv through kontoplan.csv, as `budgetopf forbrug` shows it) included when there are any.
 */
import { efterBevillinger, klassificer } from '../core/bevillinger.js';
import { forbrugJson, prognoseJson, rapportJson } from '../render/json.js';
import { bevillingsSektioner } from '../report/bevillinger.js';
import { rapportDokument } from '../report/rapport.js';
import { prognose } from '../core/prognose.js';
import { prognoseRapport, prognoseSektioner } from '../report/prognose.js';
import { forbrugsSektioner } from '../report/forbrug.js';
import { anlaegsposter, hovedoversigt } from '../core/hovedoversigt.js';
import { hovedoversigtJson } from '../render/hovedoversigt-json.js';
import { hovedoversigtSektioner } from '../report/hovedoversigt.js';
import { erHeleKommunen } from './hovedoversigt.js';
import { initiativStatus } from '../core/initiativer.js';
import { givneBevillingerJson, initiativerJson } from '../render/runder-json.js';
import { aaretsSektioner } from '../report/aaret.js';
import { koerRapport, visning, type Kontekst, type Miljoe, type RapportFlag } from './shared.js';

const bevillingerAf = (k: Kontekst) =>
  k.ds.bevillingslinjer.length ? { oensker: klassificer(k.ds), efter: efterBevillinger(k.ds) } : undefined;

// With maanedstal.csv the forecast of helårspersoner follows, charts included: the one applied with
// --anvend-prognose (shown against helaarspersoner.csv's own forventet), else the best method's.
const prognoseAf = (k: Kontekst) =>
  k.prognose
  ?? (k.ds.maanedstal.length ? { grundlag: k.ds, prognoser: prognose(k.ds), metode: 'bedst' as const } : undefined);

export const rapport = (mappe: string, flag: RapportFlag, miljoe: Miljoe) =>
  koerRapport(mappe, { ...flag, medForbrug: true }, miljoe, {
    json: (k) => {
      const p = prognoseAf(k);
      return {
        ...(erHeleKommunen(k.ds) ? { hovedoversigt: hovedoversigtJson(hovedoversigt(k.ds, k.o)) } : {}),
        ...rapportJson(k.o, bevillingerAf(k)),
        ...(p ? { prognose: prognoseJson(prognoseRapport(p.prognoser, p.grundlag)) } : {}),
        ...(k.forbrug ? { forbrug: forbrugJson(k.forbrug) } : {}),
        ...(k.ds.givneBevillinger ? { bevillinger_givet: givneBevillingerJson(k.ds.givneBevillinger) } : {}),
        ...(k.ds.initiativer ? { initiativer: initiativerJson(initiativStatus(k.ds.initiativer)) } : {}),
      };
    },
    tekst: (k, v) => {
      const b = bevillingerAf(k);
      const vBevilling = visning(k.o, flag, { enhed: 't.kr', decimaler: 0 });
      const p = prognoseAf(k);
      const prognoser = p ? prognoseSektioner(p.prognoser, p.grundlag, v, p.metode) : [];
      const bevillingsdel = b ? bevillingsSektioner(b.oensker, k.ds.politikomraader, k.o, b.efter, v, vBevilling) : [];
      const forbrug = k.forbrug ? forbrugsSektioner(k.forbrug, v) : [];
      const d = rapportDokument(k.o, v, [...bevillingsdel, ...aaretsSektioner(k.ds, vBevilling), ...prognoser, ...forbrug]);
      // A whole-municipality folder starts with the resultatopgørelse, then each udvalg's drift as before.
      if (erHeleKommunen(k.ds)) {
        const anlaeg = anlaegsposter(k.ds, new Map(), k.o);
        d.sektioner.unshift(...hovedoversigtSektioner(hovedoversigt(k.ds, k.o), anlaeg, v));
      }
      return d;
    },
  });
