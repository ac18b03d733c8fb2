/** `budgetopf bevillinger [mappe]`: check and classify the bevillingsønsker, or propose them (`--foreslaa`). */
import { efterBevillinger, foreslaa, klassificer } from '../core/bevillinger.js';
import type { Bevillingslinje } from '../core/model.js';
import { bevillingsoenskerCsv } from '../render/bevillingsoensker-csv.js';
import { bevillingerJson, json } from '../render/json.js';
import { bevillingsSektioner } from '../report/bevillinger.js';
import { indlaesOgBeregn, renderTekst, udskriv, visning, type Kontekst, type Miljoe, type RapportFlag } from './shared.js';

export interface BevillingFlag extends RapportFlag {
  foreslaa?: boolean;
  returnerMindreforbrug?: boolean;
}

/** The requests to show: the dataset's, or a proposal on top of them. */
export function bevillingslinjer(k: Kontekst, flag: Pick<BevillingFlag, 'foreslaa' | 'returnerMindreforbrug'>): Bevillingslinje[] {
  if (!flag.foreslaa) return k.ds.bevillingslinjer;
  return foreslaa(efterBevillinger(k.ds), { returnerMindreforbrug: flag.returnerMindreforbrug ?? false });
}

export async function bevillinger(mappe: string, flag: BevillingFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe);
  const linjer = bevillingslinjer(k, flag);
  const alle = flag.foreslaa ? [...k.ds.bevillingslinjer, ...linjer] : linjer;
  const oensker = klassificer({ ...k.ds, bevillingslinjer: linjer });
  const efter = efterBevillinger(k.ds, alle);
  if (linjer.length === 0) {
    miljoe.stderr(flag.foreslaa
      ? 'Intet at foreslå: intet politikområde har merforbrug.'
      : `${mappe} har ingen bevillingsoensker.csv (eller den er tom); budgetopf bevillinger --foreslaa foreslår dem.`);
  }
  let tekst: string;
  if (flag.format === 'json') tekst = json(bevillingerJson(oensker, efter));
  else if (flag.format === 'csv') tekst = bevillingsoenskerCsv(linjer, k.ds.manifest.beloebsenhed, flag.csvFormat);
  else {
    const v = visning(k.o, flag);
    const vBevilling = visning(k.o, flag, { enhed: 't.kr', decimaler: 0 });
    const dokument = {
      titel: `${flag.foreslaa ? 'Forslag til bevillingsønsker' : 'Bevillingsønsker'}: ${k.ds.manifest.opfoelgning} ${k.ds.manifest.budgetaar}`,
      undertitel: [k.ds.manifest.kommune, ...(k.ds.manifest.udvalg ? [k.ds.manifest.udvalg] : [])],
      sektioner: bevillingsSektioner(oensker, k.ds.politikomraader, k.o, efter, v, vBevilling),
    };
    tekst = await renderTekst(dokument, flag, v, miljoe);
  }
  await udskriv(tekst, flag, k.filer, miljoe);
}
