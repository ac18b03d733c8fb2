/** `budgetopf forbrug [mappe]`: spending to date per post from forbrug.csv, its projection, and unmapped accounts. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDato } from '../core/forbrug.js';
import { FILER } from '../io/load-dataset.js';
import { laesForbrug } from '../io/forbrugsdata.js';
import { fundLinje } from '../render/fund.js';
import { forbrugJson, json } from '../render/json.js';
import { forbrugsSektioner } from '../report/forbrug.js';
import { dokumentUndertitel } from '../report/visning.js';
import { ExitError } from './exit-error.js';
import { indlaes, medEksempel, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag } from './shared.js';

export interface ForbrugFlag extends RapportFlag {
  /** The date (`2025-06-30`); default the manifest's `pr`, else the end of the latest month with postings. */
  pr?: string;
  /** Another postings file than the folder's forbrug.csv. */
  forbrug?: string;
}

export async function forbrugKommando(mappe: string, flag: ForbrugFlag, miljoe: Miljoe): Promise<void> {
  const pr = flag.pr === undefined ? undefined : parseDato(flag.pr);
  if (pr === null) throw new ExitError(2, `--pr "${flag.pr}" er ikke en dato (brug fx 2025-06-30)`);
  const { ds, filer } = await indlaes(mappe, miljoe);
  const fil = flag.forbrug === undefined ? ds.forbrugsfil : medEksempel(flag.forbrug, miljoe);
  if (!fil || !existsSync(fil)) throw new ExitError(2, `${fil ?? join(mappe, FILER.forbrug)} findes ikke: angiv posteringerne (konto;dato;beloeb) i forbrug.csv eller med --forbrug`);
  if (!statSync(fil).isFile()) throw new ExitError(2, `${fil} er en mappe eller en speciel fil, ikke en CSV-fil med posteringer`);
  if (ds.kontoplan.length === 0) miljoe.stderr(`Advarsel: ${join(mappe, FILER.kontoplan)} mangler eller er tom, så ingen konti hører til en post`);
  if (pr && pr.aar !== ds.manifest.budgetaar) throw new ExitError(2, `--pr ${flag.pr} ligger ikke i budgetåret ${ds.manifest.budgetaar}`);
  const { opg, fund } = await laesForbrug(ds, pr, fil);
  for (const f of fund) miljoe.stderr(fundLinje(f));
  if (!opg) throw new ExitError(1, `${fund.filter((f) => f.alvor === 'fejl').length} fejl i ${fil}; intet er beregnet`);
  const ukendte = opg.konti.filter((k) => k.post === null);
  if (ukendte.length) {
    const konti = `${ukendte.length} ${ukendte.length === 1 ? 'konto' : 'konti'}`;
    miljoe.stderr(`Advarsel: ${konti} i ${fil} hører ikke til nogen post i kontoplan.csv`
      + ' (se "Konti uden for kontoplanen")');
  }

  const v = visning({ manifest: ds.manifest }, flag);
  const dokument = { titel: `Forbrug og fremskrivning, ${ds.manifest.opfoelgning} ${ds.manifest.budgetaar}`, undertitel: dokumentUndertitel(ds.manifest), sektioner: forbrugsSektioner(opg, v) };
  const ud = flag.format === 'json' ? json(forbrugJson(opg)) : await renderUdskrift(dokument, flag, v, miljoe);
  await udskriv(ud, flag, fil === ds.forbrugsfil ? filer : [...filer, fil], miljoe);
}
