/** `budgetopf valider [mappe…]`: the CI gate. Every finding of every dataset, thresholds and lints; exit 1 on findings. */
import { join } from 'node:path';
import { beregn } from '../core/beregn.js';
import { lint, tjekGraenser, type Graenser, type LintValg } from '../core/kontrol.js';
import type { Fund } from '../core/model.js';
import { FILER, indlaesDatasaet, MappeFejl } from '../io/load-dataset.js';
import { kolonnepositioner } from '../io/kolonneposition.js';
import { samlWindows1252, VANER } from '../io/csv.js';
import { laesForbrug } from '../io/forbrugsdata.js';
import { fundGithub, fundJson, fundTekst, type Fundrapport } from '../render/fund.js';
import { json } from '../render/json.js';
import { ExitError } from './exit-error.js';
import type { VALIDERFORMATER } from '../app/formater.js';
import { medEksempel, type Miljoe } from './shared.js';

export interface ValiderFlag extends Graenser {
  /** `tabel` (as every command calls its default) and `tekst` are the same: one finding a line. */
  format: (typeof VALIDERFORMATER)[number];
  strict?: boolean;
  maksFund: number;
  lint?: boolean;
  lintValg: LintValg;
}

/** Every finding for one dataset folder: the loader's, then (when it could be computed) lints and thresholds. */
export async function validerMappe(mappe: string, flag: Pick<ValiderFlag, 'lint' | 'lintValg' | 'maksMerforbrug' | 'maksAfvigelsePct'>): Promise<Fund[]> {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  if (!datasaet) return fund;
  // forbrug.csv is checked line by line too; posts without a forventet take its projection.
  const forbrug = await laesForbrug(datasaet);
  if (datasaet.forbrugsfil && !forbrug.opg) return samlWindows1252([...fund, ...forbrug.fund], mappe);
  return [
    ...samlWindows1252([...fund, ...forbrug.fund], mappe),
    ...(flag.lint ? lint(forbrug.ds, flag.lintValg) : []),
    // The figures are computed only when a threshold needs them: validating is reading and checking.
    ...(flag.maksMerforbrug || flag.maksAfvigelsePct
      ? tjekGraenser(beregn(forbrug.ds), flag, join(mappe, FILER.budget))
      : []),
  ];
}

export async function valider(mapper: string[], flag: ValiderFlag, miljoe: Miljoe): Promise<void> {
  const alle: Fund[] = [];
  const mappefejl: string[] = [];
  for (const mappe of mapper) {
    try {
      alle.push(...await validerMappe(medEksempel(mappe, miljoe), flag));
    } catch (e) {
      if (!(e instanceof MappeFejl)) throw e;
      mappefejl.push(e.message); // the other folders are still checked and reported
    }
  }
  // --strict: a warning fails the run, so it is reported as an error in every format; Excel's habits
  // (Windows-1252, empty trailing columns) are the normal case on a Danish PC and stay warnings.
  if (flag.strict) alle.forEach((f, i) => (alle[i] = VANER.has(f.kode) ? f : { ...f, alvor: 'fejl' }));
  const fejler = (f: Fund) => f.alvor === 'fejl';
  const rapport: Fundrapport = { fund: alle.slice(0, flag.maksFund), udeladte: Math.max(0, alle.length - flag.maksFund), ok: !alle.some(fejler) };
  if (flag.format === 'json') miljoe.stdout(json(fundJson(rapport)));
  else if (flag.format === 'github') {
    const position = await kolonnepositioner(rapport.fund);
    miljoe.stdout(fundGithub(rapport, position));
  } else {
    const tekst = fundTekst(rapport);
    if (tekst) miljoe.stdout(tekst);
  }
  const antal = (a: Fund['alvor']) => alle.filter((f) => f.alvor === a).length;
  const advarsler = antal('advarsel');
  const opsummering = `${antal('fejl')} fejl, ${advarsler} ${advarsler === 1 ? 'advarsel' : 'advarsler'}`
    + ` i ${mapper.length - mappefejl.length} datasæt${flag.strict ? ' (--strict: advarsler tælles som fejl)' : ''}`;
  if (mappefejl.length) throw new ExitError(2, `${mappefejl.join('; ')}; de øvrige: ${opsummering}`);
  if (!rapport.ok) throw new ExitError(1, opsummering);
  miljoe.stderr(`budgetopf valider: ${opsummering}`);
}
