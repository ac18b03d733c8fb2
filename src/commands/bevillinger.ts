/** `budgetopf bevillinger [mappe]`: check and classify the bevillingsønsker, or propose them (`--foreslaa`). */
import {
  anvendBevillinger, efterBevillinger, foreslaa, klassificer, type Bevillingsoenske,
} from '../core/bevillinger.js';
import { hovedoversigt } from '../core/hovedoversigt.js';
import type { Bevillingslinje } from '../core/model.js';
import { hovedoversigtJson } from '../render/hovedoversigt-json.js';
import { efterBevillingerHovedTabel } from '../report/hovedoversigt.js';
import { erHeleKommunen } from './hovedoversigt.js';
import type { Kontekst } from './shared.js';
import { bevillingsoenskerCsv } from '../render/bevillingsoensker-csv.js';
import { bevillingerJson, json } from '../render/json.js';
import { bevillingsSektioner } from '../report/bevillinger.js';
import { aaretsSektioner } from '../report/aaret.js';
import { indlaesOgBeregn, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag } from './shared.js';

export interface BevillingFlag extends RapportFlag {
  foreslaa?: boolean;
  returnerMindreforbrug?: boolean;
}

export async function bevillinger(mappe: string, flag: BevillingFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe);
  const eksisterende = k.ds.bevillingslinjer;
  // A proposal covers what is left after the folder's own requests, with ids after theirs.
  const efterEksisterende = efterBevillinger(k.ds);
  const forslag = flag.foreslaa
    ? foreslaa(efterEksisterende, { returnerMindreforbrug: flag.returnerMindreforbrug ?? false, brugteId: new Set(eksisterende.map((l) => l.id)) })
    : [];
  if (flag.returnerMindreforbrug && !flag.foreslaa) miljoe.stderr('--returner-mindreforbrug virker kun sammen med --foreslaa.');
  const vist = flag.foreslaa ? forslag : eksisterende;
  const alle = [...eksisterende, ...forslag];
  const oensker = klassificer({ ...k.ds, bevillingslinjer: vist });
  const efter = flag.foreslaa ? efterBevillinger(k.ds, alle) : efterEksisterende;
  if (vist.length === 0) {
    miljoe.stderr(flag.foreslaa
      ? 'Intet at foreslå: intet politikområde har merforbrug.'
      : `${mappe} har ingen bevillingsoensker.csv (eller den er tom); budgetopf bevillinger --foreslaa foreslår dem.`);
  }
  const hoved = hovedEfterBevillinger(k, oensker, flag.foreslaa ? alle : eksisterende);
  let tekst: string | Uint8Array;
  if (flag.format === 'json') {
    const kasse = hoved ? { hovedoversigt_efter_bevillinger: hovedoversigtJson(hoved.efter) } : {};
    tekst = json({ ...bevillingerJson(oensker, efter), ...kasse });
  }
  else if (flag.format === 'csv') {
    // The whole file (the folder's requests, then the proposal) in the dataset's own number format, so it can replace bevillingsoensker.csv.
    tekst = bevillingsoenskerCsv(alle, k.ds.manifest.beloebsenhed, k.ds.manifest.talformat ?? flag.csvFormat);
  } else {
    const v = visning(k.o, flag);
    const vBevilling = visning(k.o, flag, { enhed: 't.kr', decimaler: 0 });
    const m = k.ds.manifest;
    const dokument = {
      titel: `${flag.foreslaa ? 'Forslag til bevillingsønsker' : 'Bevillingsønsker'}: ${m.opfoelgning} ${m.budgetaar}`,
      undertitel: [m.kommune, ...(m.udvalg ? [m.udvalg] : []),
        ...(flag.foreslaa && eksisterende.length ? [`Forslaget kommer oven i mappens ${new Set(eksisterende.map((l) => l.id)).size} bevillingsønsker; tabellen "Afvigelse efter bevillinger" medregner begge.`] : [])],
      sektioner: [
        ...bevillingsSektioner(oensker, k.ds.politikomraader, k.o, efter, v, vBevilling),
        ...(hoved ? [{
          titel: 'Kassen og servicerammen efter bevillinger', ark: 'Kassen efter bevillinger',
          tabel: efterBevillingerHovedTabel(hoved.foer, hoved.efter, v),
        }] : []),
        ...aaretsSektioner({ ...k.ds, initiativer: [] }, vBevilling),
      ],
    };
    tekst = await renderUdskrift(dokument, flag, v, miljoe);
  }
  await udskriv(tekst, flag, k.filer, miljoe);
}

/**
 * For a whole-municipality folder whose requests touch the kasse or move budget between service and
 * overførsel: the hovedoversigt before and after the budget year's requests (the same engine on the changed input).
 */
function hovedEfterBevillinger(k: Kontekst, oensker: Bevillingsoenske[], linjer: Bevillingslinje[]) {
  const relevant = new Set(['kassefinansieret', 'tilfoerer_kassen', 'service_overfoersel']);
  const beroerer = oensker.some((b) => b.flag.some((f) => relevant.has(f)));
  if (!erHeleKommunen(k.ds) || !beroerer) return null;
  return { foer: hovedoversigt(k.ds, k.o), efter: hovedoversigt(anvendBevillinger(k.ds, linjer)) };
}
