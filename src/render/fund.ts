/** Findings as text (`fil:linje:kolonne: fejl[kode]: besked`), JSON (FORMAT.md) or GitHub Actions workflow commands. */
import type { Fund } from '../core/model.js';
import { synlig } from './synlig.js';

export interface Fundrapport {
  fund: Fund[];
  /** Findings left out because of the cap (0 = none). */
  udeladte: number;
  ok: boolean;
}

/** One finding on one line: its text (a value with a newline or ESC in it) is made `synlig`. */
export function fundLinje(f: Fund): string {
  const sted = [f.fil, f.linje, f.kolonne].filter((x) => x !== null).join(':');
  return synlig(`${sted}: ${f.alvor}[${f.kode}]: ${f.besked}`);
}

export function fundTekst(r: Fundrapport): string {
  const linjer = r.fund.map(fundLinje);
  if (r.udeladte > 0) linjer.push(`afkortet: ${r.udeladte} fund mere er udeladt (hæv grænsen med --maks-fund)`);
  return linjer.length ? `${linjer.join('\n')}\n` : '';
}

export function fundJson(r: Fundrapport) {
  const enkel = ({ fil, linje, kolonne, kode, besked }: Fund) => ({ fil, linje, kolonne, kode, besked });
  return {
    ok: r.ok,
    fejl: r.fund.filter((f) => f.alvor === 'fejl').map(enkel),
    advarsler: r.fund.filter((f) => f.alvor === 'advarsel').map(enkel),
    ...(r.udeladte > 0 ? { afkortet: true, udeladte: r.udeladte } : {}),
  };
}

// GitHub's escaping for workflow commands: data and property values.
// Data text is made `synlig` first: no control character reaches the log, escaped or not.
const data = (s: string) => synlig(s).replace(/%/g, '%25');
const egenskab = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=…::besked`; `col` is the character where the column's field starts. */
export function fundGithub(r: Fundrapport, kolonnepos: (f: Fund) => number | null): string {
  const linjer = r.fund.map((f) => {
    const col = kolonnepos(f);
    const egenskaber = [
      `file=${egenskab(f.fil)}`,
      ...(f.linje !== null ? [`line=${f.linje}`] : []),
      ...(col !== null ? [`col=${col}`] : []),
      `title=${egenskab(`budgetopf ${f.kode}${f.kolonne ? ` (${f.kolonne})` : ''}`)}`,
    ];
    return `::${f.alvor === 'fejl' ? 'error' : 'warning'} ${egenskaber.join(',')}::${data(f.besked)}`;
  });
  if (r.udeladte > 0) linjer.push(`::warning title=budgetopf afkortet::${r.udeladte} fund mere er udeladt (hæv grænsen med --maks-fund)`);
  return linjer.length ? `${linjer.join('\n')}\n` : '';
}
