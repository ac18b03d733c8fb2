/** forbrug.csv joined to the dataset: streamed, summed, mapped by kontoplan.csv and projected per post. */
import { anvendForbrug, fremskrivesAfForbrug, opgoerForbrug, parseDato, sidsteBogfoerteDag, type Dato, type Forbrugsopgoerelse } from '../core/forbrug.js';
import { basename } from 'node:path';
import { fund, type Datasaet, type Fund } from '../core/model.js';
import { summerPosteringerParallelt } from './posteringer-parallel.js';

export interface Forbrugsresultat {
  /** The dataset with the projection in every post that has no forventet of its own. */
  ds: Datasaet;
  /** null when the postings could not be read or summed (see `fund`). */
  opg: Forbrugsopgoerelse | null;
  fund: Fund[];
}

/**
 * Reads `fil` (by default the dataset's forbrug.csv) up to the date: `pr`, else the manifest's `pr`,
 * else the last day of the latest month of the budget year with postings.
 */
export async function laesForbrug(ds: Datasaet, pr?: Dato, fil = ds.forbrugsfil): Promise<Forbrugsresultat> {
  if (!fil) return { ds, opg: null, fund: [] };
  const manifestPr = ds.manifest.pr ? parseDato(ds.manifest.pr) : null;
  const dato = pr ?? manifestPr ?? undefined;
  const p = await summerPosteringerParallelt(fil, { talformat: ds.manifest.talformat, skaeringsdato: dato });
  if (!p.laest || p.fund.some((f) => f.alvor === 'fejl')) return { ds, opg: null, fund: p.fund };
  // A file without postings in the budget year is the wrong file (or an empty one): never a projection of 0.
  const sidste = sidsteBogfoerteDag(p, ds.manifest.budgetaar);
  if (!sidste) return { ds, opg: null, fund: [...p.fund, fund(fil, null, 'dato', 'ingen_forbrug', `${basename(fil)} har ingen bogføringer i ${ds.manifest.budgetaar}`)] };
  const slut = dato ?? sidste;
  const opg = opgoerForbrug(ds, p, slut);
  return { ds: fremskrivesAfForbrug(ds).length ? anvendForbrug(ds, opg) : ds, opg, fund: p.fund };
}
