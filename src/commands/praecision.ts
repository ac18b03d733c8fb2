/** `budgetopf praecision DIR… --regnskab R`: how close each round's forventet regnskab came to the outturn. */
import { praecision } from '../core/praecision.js';
import { json } from '../render/json.js';
import { praecisionJson } from '../render/runder-json.js';
import { praecisionDokument } from '../report/praecision.js';
import { dokumentUndertitel } from '../report/visning.js';
import { ExitError } from './exit-error.js';
import {
  indlaesOgBeregn,
  renderUdskrift,
  udskriv,
  visning,
  type Kontekst,
  type Miljoe,
  type RapportFlag,
} from './shared.js';

export interface PraecisionFlag extends RapportFlag {
  regnskab: string;
}

export async function praecisionKommando(mapper: string[], flag: PraecisionFlag, miljoe: Miljoe): Promise<void> {
  const runder: Kontekst[] = [];
  for (const mappe of mapper) runder.push(await indlaesOgBeregn(mappe, miljoe));
  const r = await indlaesOgBeregn(flag.regnskab, miljoe);
  const aar = r.ds.manifest.budgetaar;
  const andre = mapper.filter((_, i) => runder[i]!.ds.manifest.budgetaar !== aar);
  if (andre.length)
    throw new ExitError(2, `${andre.join(', ')} er ikke budgetår ${aar} som regnskabet ${flag.regnskab}`);
  if (r.ds.manifest.opfoelgning.toLowerCase() !== 'regnskab') {
    miljoe.stderr(
      `Advarsel: ${flag.regnskab} er opfølgningen "${r.ds.manifest.opfoelgning}", ikke "Regnskab"; `
        + 'dens forventet bruges som regnskabet.',
    );
  }
  const p = praecision(
    runder.map((k) => k.o),
    r.o,
  );
  for (const o of p.politikomraader) {
    if (o.manglerIRegnskab)
      miljoe.stderr(`${flag.regnskab} har ingen poster på ${o.nr} ${o.navn}; regnskabet er regnet som 0.`);
    for (const x of o.runder.filter((y) => y.mangler))
      miljoe.stderr(`${x.opfoelgning} har ingen poster på ${o.nr} ${o.navn}; forventet er regnet som 0.`);
  }
  const v = visning(r.o, flag);
  const ud =
    flag.format === 'json'
      ? json(praecisionJson(p))
      : await renderUdskrift(praecisionDokument(p, v, dokumentUndertitel(r.ds.manifest), aar), flag, v, miljoe);
  await udskriv(ud, flag, [...runder.flatMap((k) => k.filer), ...r.filer], miljoe);
}
