/** `budgetopf sammenlign A B`: what changed between two rounds, per post, politikområde and in total. */
import { sammenlign } from '../core/sammenlign.js';
import { json } from '../render/json.js';
import { sammenlignJson } from '../render/runder-json.js';
import { sammenlignDokument } from '../report/sammenlign.js';
import { dokumentUndertitel } from '../report/visning.js';
import { indlaesOgBeregn, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag } from './shared.js';

export async function sammenlignKommando(a: string, b: string, flag: RapportFlag, miljoe: Miljoe): Promise<void> {
  const ka = await indlaesOgBeregn(a, miljoe);
  const kb = await indlaesOgBeregn(b, miljoe);
  const [ma, mb] = [ka.ds.manifest, kb.ds.manifest];
  if (ma.budgetaar !== mb.budgetaar)
    miljoe.stderr(
      `Advarsel: ${a} er budgetår ${ma.budgetaar}, ${b} er ${mb.budgetaar}; `
        + 'sammenligningen gælder normalt to opfølgninger i samme år.',
    );
  const s = sammenlign(ka.o, kb.o);
  const v = visning(kb.o, flag);
  const undertitel = [...dokumentUndertitel(mb), `A: ${ma.opfoelgning} (${a}); B: ${mb.opfoelgning} (${b})`];
  const ud =
    flag.format === 'json'
      ? json(sammenlignJson(s))
      : await renderUdskrift(sammenlignDokument(s, v, undertitel), flag, v, miljoe);
  await udskriv(ud, flag, [...ka.filer, ...kb.filer], miljoe);
}
