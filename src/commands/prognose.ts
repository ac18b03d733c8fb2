/** `budgetopf prognose [mappe]`: forventet helårspersoner forecast from maanedstal.csv, with backtest and range. */
import { join, resolve } from 'node:path';
import { prognose, anvendPrognose, type Metode } from '../core/prognose.js';
import { beregn } from '../core/beregn.js';
import { FILER } from '../io/load-dataset.js';
import { helaarspersonerCsv } from '../render/helaarspersoner-csv.js';
import { afvigelserJson, json, prognoseJson } from '../render/json.js';
import { afvigelserDokument, afvigelsesTabel } from '../report/afvigelser.js';
import { prognoseRapport, prognoseSektioner } from '../report/prognose.js';
import { dokumentUndertitel } from '../report/visning.js';
import { ExitError } from './exit-error.js';
import {
  erDokumentformat, indlaesOgBeregn, prognosegrundlag, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag,
} from './shared.js';
import { skrivAtomisk } from '../io/write.js';

export interface PrognoseFlag extends RapportFlag {
  metode: Metode | 'bedst';
  niveauMaaneder?: number;
  /** Print the deviation table computed with the forecast instead of the forecast table. */
  anvend?: boolean;
  /** Write helaarspersoner.csv with the forecast as forventet: to this file, or next to the input. */
  skriv?: string | true;
}

export async function prognoseKommando(mappe: string, flag: PrognoseFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe);
  if (k.ds.maanedstal.length === 0) throw new ExitError(2, `${join(mappe, FILER.maanedstal)} findes ikke eller er tom: prognosen kræver månedstal (ydelse;maaned;fuldtidspersoner)`);
  const p = prognose(k.ds, { metode: flag.metode, niveauMaaneder: flag.niveauMaaneder });
  if (p.length === 0) throw new ExitError(1, `maanedstal.csv har ingen måneder i ${k.ds.manifest.budgetaar} for ydelserne i helaarspersoner.csv`);
  const anvendt = anvendPrognose(k.ds, p);

  if (flag.skriv !== undefined) {
    const input = join(mappe, FILER.helaarspersoner);
    const maal = flag.skriv === true ? join(mappe, 'helaarspersoner.prognose.csv') : flag.skriv;
    if (flag.output !== undefined && resolve(flag.output) === resolve(maal)) throw new ExitError(2, `--skriv og --output peger på samme fil (${maal}); vælg to forskellige`);
    // Over the input only when that very file is named; never over any other input file.
    const beskyttede = k.filer.filter((f) => flag.skriv === true || f !== input);
    // A SkriveFejl is usage (exit 2; app/fejl.ts).
    skrivAtomisk(maal, helaarspersonerCsv(anvendt.ydelser, k.ds.manifest.talformat ?? 'da'), beskyttede, { tving: flag.tving });
    miljoe.stderr(`Skrev ${maal} med prognosens forventede helårspersoner`);
  }

  if (flag.anvend) {
    const o = beregn(anvendt);
    const v = { ...visning(o, flag), grundlag: prognosegrundlag(flag.metode) };
    const dokumentformat = erDokumentformat(flag.format);
    const ud = flag.format === 'json' ? json(afvigelserJson(o)) : await renderUdskrift(dokumentformat ? afvigelserDokument(o, v) : afvigelsesTabel(o, v), flag, v, miljoe);
    return udskriv(ud, flag, k.filer, miljoe);
  }
  const v = visning(k.o, flag);
  const dokument = { titel: `Prognose for helårspersoner, ${k.ds.manifest.opfoelgning} ${k.ds.manifest.budgetaar}`, undertitel: dokumentUndertitel(k.ds.manifest), sektioner: prognoseSektioner(p, k.ds, v, flag.metode) };
  const ud = flag.format === 'json' ? json(prognoseJson(prognoseRapport(p, k.ds))) : await renderUdskrift(dokument, flag, v, miljoe);
  await udskriv(ud, flag, k.filer, miljoe);
}
