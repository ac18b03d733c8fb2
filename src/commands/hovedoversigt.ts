/** `budgetopf hovedoversigt [mappe]` and `budgetopf anlaeg [mappe]`: the municipality's resultatopgørelse and anlæg. */
import { anlaegsposter, hovedoversigt } from '../core/hovedoversigt.js';
import { erDriftsart, postNoegle, type Datasaet } from '../core/model.js';
import type { Decimal } from '../core/money.js';
import { laesForbrug } from '../io/forbrugsdata.js';
import { fundLinje } from '../render/fund.js';
import { anlaegJson, hovedoversigtJson } from '../render/hovedoversigt-json.js';
import { json } from '../render/json.js';
import { anlaegTabel, hovedoversigtDokument } from '../report/hovedoversigt.js';
import { dokumentUndertitel } from '../report/visning.js';
import { indlaesOgBeregn, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag } from './shared.js';

/** A folder is the whole municipality's when it has posts beyond drift or the manifest's kasse or rammer. */
export function erHeleKommunen(ds: Datasaet): boolean {
  const m = ds.manifest;
  return (
    ds.poster.some((p) => !erDriftsart(p.udgiftsart)) ||
    [m.kassePrimo, m.serviceramme, m.anlaegsramme].some((x) => x !== undefined)
  );
}

/** Spending to date per anlæg post (forbrug.csv through kontoplan.csv); empty without forbrug.csv. */
export async function anlaegsforbrug(ds: Datasaet, miljoe: Miljoe): Promise<Map<string, Decimal>> {
  const ud = new Map<string, Decimal>();
  if (!ds.forbrugsfil || !ds.poster.some((p) => p.udgiftsart === 'anlaeg')) return ud;
  const { opg, fund } = await laesForbrug(ds);
  for (const f of fund) miljoe.stderr(fundLinje(f));
  for (const p of opg?.poster ?? []) ud.set(postNoegle(p.politikomraade, p.post), p.tilDato);
  return ud;
}

export async function hovedoversigtKommando(mappe: string, flag: RapportFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe, flag);
  const h = hovedoversigt(k.ds, k.o);
  if (flag.format === 'json') return udskriv(json(hovedoversigtJson(h)), flag, k.filer, miljoe);
  const v = visning(k.o, flag);
  const anlaeg = anlaegsposter(k.ds, await anlaegsforbrug(k.ds, miljoe), k.o);
  await udskriv(await renderUdskrift(hovedoversigtDokument(h, anlaeg, v), flag, v, miljoe), flag, k.filer, miljoe);
}

export async function anlaegKommando(mappe: string, flag: RapportFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe, flag);
  const anlaeg = anlaegsposter(k.ds, await anlaegsforbrug(k.ds, miljoe), k.o);
  if (anlaeg.length === 0) miljoe.stderr(`${mappe} har ingen anlægsposter (udgiftsart anlaeg i budget.csv).`);
  if (flag.format === 'json') return udskriv(json(anlaegJson(anlaeg)), flag, k.filer, miljoe);
  const v = visning(k.o, flag);
  const m = k.ds.manifest;
  const dokument = {
    titel: `Anlæg ${m.opfoelgning} ${m.budgetaar}`,
    undertitel: dokumentUndertitel(m),
    sektioner: [{ titel: 'Anlæg', ark: 'Anlæg', tabel: anlaegTabel(anlaeg, v) }],
  };
  const tekst =
    flag.format === 'csv' || flag.format === 'markdown' || flag.format === 'tabel'
      ? dokument.sektioner[0]!.tabel
      : dokument;
  await udskriv(await renderUdskrift(tekst, flag, v, miljoe), flag, k.filer, miljoe);
}
