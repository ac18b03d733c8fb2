/** `budgetopf valider [mappe…]`: the CI gate. Every finding of every dataset, thresholds and lints; exit 1 on findings. */
import { join } from 'node:path';
import { beregn } from '../core/beregn.js';
import { lint, STANDARD_LINT, tjekGraenser, type Graenser, type LintValg } from '../core/kontrol.js';
import type { Fund } from '../core/model.js';
import { FILER, indlaesDatasaet, MappeFejl } from '../io/load-dataset.js';
import { kolonnepositioner } from '../io/kolonneposition.js';
import { fundGithub, fundJson, fundTekst, type Fundrapport } from '../render/fund.js';
import { json } from '../render/json.js';
import { ExitError } from './exit-error.js';
import type { Miljoe } from './shared.js';

export interface ValiderFlag extends Graenser {
  format: 'tekst' | 'json' | 'github';
  strict?: boolean;
  maksFund: number;
  lint?: boolean;
  lintValg: LintValg;
}

/** Every finding for one dataset folder: the loader's, then (when it could be computed) lints and thresholds. */
export async function validerMappe(mappe: string, flag: Pick<ValiderFlag, 'lint' | 'lintValg' | 'maksMerforbrug' | 'maksAfvigelsePct'>): Promise<Fund[]> {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  if (!datasaet) return fund;
  return [
    ...fund,
    ...(flag.lint ? lint(datasaet, flag.lintValg) : []),
    ...tjekGraenser(beregn(datasaet), flag, join(mappe, FILER.budget)),
  ];
}

export async function valider(mapper: string[], flag: ValiderFlag, miljoe: Miljoe): Promise<void> {
  const alle: Fund[] = [];
  for (const mappe of mapper) {
    try {
      alle.push(...await validerMappe(mappe, flag));
    } catch (e) {
      if (e instanceof MappeFejl) throw new ExitError(2, `${e.message}; intet er kontrolleret`);
      throw e;
    }
  }
  const fejler = (f: Fund) => f.alvor === 'fejl' || flag.strict === true;
  const rapport: Fundrapport = { fund: alle.slice(0, flag.maksFund), udeladte: Math.max(0, alle.length - flag.maksFund), ok: !alle.some(fejler) };
  if (flag.format === 'json') miljoe.stdout(json(fundJson(rapport)));
  else if (flag.format === 'github') {
    const position = kolonnepositioner();
    miljoe.stdout(fundGithub(rapport, (f) => position(f.fil, f.linje, f.kolonne)));
  } else {
    const tekst = fundTekst(rapport);
    if (tekst) miljoe.stdout(tekst);
  }
  const antal = (a: Fund['alvor']) => alle.filter((f) => f.alvor === a).length;
  const opsummering = `${antal('fejl')} fejl, ${antal('advarsel')} advarsler i ${mapper.length} datasæt${flag.strict && antal('advarsel') ? ' (--strict: advarsler fejler)' : ''}`;
  if (!rapport.ok) throw new ExitError(1, opsummering);
  miljoe.stderr(`budgetopf valider: ${opsummering}`);
}
