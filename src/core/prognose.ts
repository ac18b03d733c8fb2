/**
 * Forecasts of forventet helårspersoner from the monthly counts so far (maanedstal.csv):
 * forventet HP = (Σ observed months + Σ projected months) / 12, the projection by one of four methods,
 * each backtested on earlier years at the same month, with a range (lav/høj) and the best method.
 */
import { Decimal, NUL, rund, sum } from './money.js';
import type { Datasaet, Maanedstal } from './model.js';
import { anvendScenarie } from './scenarie.js';
import { grupper } from './beregn.js';

export const METODER = ['niveau', 'gennemsnit', 'trend', 'saeson'] as const;
export type Metode = (typeof METODER)[number];

/** What each method assumes about the months ahead (for help texts and reports). */
export const METODEBESKRIVELSE: Record<Metode, string> = {
  niveau: 'seneste måned fortsætter',
  gennemsnit: 'årets gennemsnit fortsætter',
  trend: 'ret linje (mindste kvadraters metode) gennem årets måneder',
  saeson: 'sidste års udvikling fra måned til måned lagt på årets niveau',
};

export interface PrognoseValg {
  /** The method to use; `bedst` (default) takes the smallest backtest error, `niveau` without history. */
  metode?: Metode | 'bedst';
  /** niveau: the mean of the last this many months (default 1: the last month). */
  niveauMaaneder?: number;
}

export interface Backtest {
  aar: number;
  /** Forecast − actual helårspersoner of that year. */
  fejl: Decimal;
}

export interface YdelsesPrognose {
  ydelse: string;
  /** Months of the budget year observed (1 = January only). */
  observerede: number;
  /** The observed months (January first) and each method's projection of the rest of the year. */
  maaneder: { observeret: Decimal[]; fremskrevet: Record<Metode, Decimal[] | null> };
  /** Forecast helårspersoner per method; null where a method cannot be used (saeson without last year). */
  metoder: Record<Metode, Decimal | null>;
  /**
   * Per method the backtest on each complete earlier year, and the mean absolute error over the years
   * every testable method shares (`faelles`; null: not testable), which decides `bedst`.
   */
  backtest: Record<Metode, { aar: Backtest[]; faelles: number[]; middelfejl: Decimal | null }>;
  /** The method with the smallest backtest error (null without earlier years). */
  bedst: Metode | null;
  /** The method used, its forecast (rounded to 2 decimals) and range. */
  metode: Metode;
  hp: Decimal;
  lav: Decimal;
  hoej: Decimal;
}

type Maaneder = (Decimal | undefined)[];

/** The year's figures by month (index 0 = January). */
function aaret(tal: readonly Maanedstal[], aar: number): Maaneder {
  const m: Maaneder = Array(12).fill(undefined);
  for (const t of tal) if (t.aar === aar) m[t.maaned - 1] = t.fuldtidspersoner;
  return m;
}

const fuldt = (m: Maaneder): m is Decimal[] => m.every((v) => v !== undefined);
const middel = (v: readonly Decimal[]) => sum(v).div(v.length);

/** The projected months n+1…12 from the observed x₁…xₙ (and last year's 12 months for saeson); null if the method cannot be used. */
export function fremskriv(metode: Metode, x: readonly Decimal[], sidsteAar: Maaneder | null, niveauMaaneder = 1): Decimal[] | null {
  const n = x.length;
  const frem = (f: (k: number) => Decimal) => Array.from({ length: 12 - n }, (_, i) => f(n + 1 + i));
  switch (metode) {
    case 'niveau': {
      const niveau = middel(x.slice(-niveauMaaneder));
      return frem(() => niveau);
    }
    case 'gennemsnit': {
      const m = middel(x);
      return frem(() => m);
    }
    case 'trend': {
      // Least squares over t = 1…n: b = Σ(t − t̄)(x − x̄) / Σ(t − t̄)², a = x̄ − b·t̄; never below 0 persons.
      const tMiddel = new Decimal(n + 1).div(2);
      const xMiddel = middel(x);
      const afv = x.map((_, i) => new Decimal(i + 1).minus(tMiddel));
      const naevner = sum(afv.map((a) => a.times(a)));
      const b = naevner.isZero() ? NUL : sum(afv.map((a, i) => a.times(x[i]!.minus(xMiddel)))).div(naevner);
      const a = xMiddel.minus(b.times(tMiddel));
      return frem((k) => Decimal.max(0, a.plus(b.times(k))));
    }
    case 'saeson': {
      // x̂ₖ = xₙ · zₖ / zₙ: last year's month-to-month profile from this year's last observed month.
      if (!sidsteAar || !fuldt(sidsteAar) || sidsteAar[n - 1]!.isZero()) return null;
      const niveau = x[n - 1]!.div(sidsteAar[n - 1]!);
      return frem((k) => sidsteAar[k - 1]!.times(niveau));
    }
  }
}

/** (Σ observed + Σ projected) / 12. */
const aarsHp = (x: readonly Decimal[], frem: readonly Decimal[]) => sum([...x, ...frem]).div(12);

/** The year's helårspersoner by a method, or null when the method cannot be used. */
function aarsHpMed(metode: Metode, x: readonly Decimal[], sidsteAar: Maaneder | null, niveauMaaneder: number): Decimal | null {
  const frem = fremskriv(metode, x, sidsteAar, niveauMaaneder);
  return frem && aarsHp(x, frem);
}

const rund2 = (v: Decimal) => rund(v, 2);

/**
 * The forecast for one benefit from its monthly counts: every method, the backtest on each complete
 * earlier year (pretending to stand at the same month then), the chosen method's forecast and its range:
 * from the lowest to the highest of every method's forecast and of the chosen forecast corrected by each
 * backtest miss (had it missed by as much as then). Null when the budget year has no months.
 */
export function prognoseForYdelse(ydelse: string, tal: readonly Maanedstal[], budgetaar: number, valg: PrognoseValg = {}): YdelsesPrognose | null {
  const niveauMaaneder = valg.niveauMaaneder ?? 1;
  const iAar = aaret(tal, budgetaar);
  const n = iAar.findIndex((v) => v === undefined);
  const x = (n < 0 ? iAar : iAar.slice(0, n)) as Decimal[];
  if (x.length === 0) return null;
  const fremskrevet = Object.fromEntries(METODER.map((m) => [m, fremskriv(m, x, aaret(tal, budgetaar - 1), niveauMaaneder)])) as Record<Metode, Decimal[] | null>;
  const metoder = Object.fromEntries(METODER.map((m) => [m, fremskrevet[m] && aarsHp(x, fremskrevet[m])])) as Record<Metode, Decimal | null>;

  const tidligere = [...new Set(tal.map((t) => t.aar))].filter((a) => a < budgetaar).sort((a, b) => a - b);
  const fejlPrAar = Object.fromEntries(METODER.map((m) => [m, tidligere.flatMap((a): Backtest[] => {
    const det = aaret(tal, a);
    if (!fuldt(det)) return [];
    const prognose = aarsHpMed(m, det.slice(0, x.length), aaret(tal, a - 1), niveauMaaneder);
    return prognose ? [{ aar: a, fejl: prognose.minus(middel(det)) }] : [];
  })])) as Record<Metode, Backtest[]>;
  // The methods are compared on the years every testable one can be run in (saeson needs the year before).
  const testbare = METODER.filter((m) => fejlPrAar[m].length > 0 && metoder[m] !== null);
  const faelles = tidligere.filter((a) => testbare.every((m) => fejlPrAar[m].some((b) => b.aar === a)));
  const backtest = Object.fromEntries(METODER.map((m) => {
    const paa = testbare.includes(m) ? fejlPrAar[m].filter((b) => faelles.includes(b.aar)) : [];
    return [m, { aar: fejlPrAar[m], faelles: paa.map((b) => b.aar), middelfejl: paa.length ? middel(paa.map((b) => b.fejl.abs())) : null }];
  })) as YdelsesPrognose['backtest'];

  const bedst = METODER.reduce<Metode | null>((b, m) => {
    const fejl = backtest[m].middelfejl;
    return fejl !== null && metoder[m] !== null && (b === null || fejl.lt(backtest[b].middelfejl!)) ? m : b;
  }, null);
  // The method asked for, or the best; niveau where that one cannot be used (saeson without last year).
  const onsket = valg.metode ?? 'bedst';
  const forsoeg = onsket === 'bedst' ? bedst ?? 'niveau' : onsket;
  const metode = metoder[forsoeg] !== null ? forsoeg : 'niveau';
  const valgt = metoder[metode]!;
  const kandidater = [...METODER.flatMap((m) => metoder[m] ?? []), ...backtest[metode].aar.map((b) => valgt.minus(b.fejl))].map(rund2);
  return {
    ydelse,
    observerede: x.length,
    maaneder: { observeret: x, fremskrevet },
    metoder,
    backtest,
    bedst,
    metode,
    hp: rund2(valgt),
    lav: Decimal.max(0, Decimal.min(...kandidater)),
    hoej: Decimal.max(...kandidater),
  };
}

/** Rows by ydelse, indexed once per array (a scan per forecast would make many ydelser quadratic). */
const ydelsesIndeks = new WeakMap<readonly { ydelse: string }[], Map<string, { ydelse: string }>>();
function efterYdelse<T extends { ydelse: string }>(raekker: readonly T[], ydelse: string): T | undefined {
  let m = ydelsesIndeks.get(raekker);
  if (!m) {
    m = new Map();
    for (const r of raekker) if (!m.has(r.ydelse)) m.set(r.ydelse, r);
    ydelsesIndeks.set(raekker, m);
  }
  return m.get(ydelse) as T | undefined;
}

/** The kr a forecast moves: (forecast − other) × forventet price; positive = more spending. */
export function prognoseEffekter(p: YdelsesPrognose, ds: Datasaet): { budgetHp: Decimal; filHp: Decimal; mod: { budget: Decimal; fil: Decimal } } {
  const y = efterYdelse(ds.ydelser, p.ydelse)!;
  const pris = efterYdelse(ds.enhedspriser, p.ydelse)!.forventet;
  return {
    budgetHp: y.hp.korrigeret,
    filHp: y.hp.forventet,
    mod: { budget: p.hp.minus(y.hp.korrigeret).times(pris), fil: p.hp.minus(y.hp.forventet).times(pris) },
  };
}

/** Forecasts for every benefit with monthly counts in the budget year, in the order of helaarspersoner.csv. */
export function prognose(ds: Datasaet, valg: PrognoseValg = {}): YdelsesPrognose[] {
  const maanedstal = grupper(ds.maanedstal, (m) => m.ydelse);
  return ds.ydelser.flatMap((y) => {
    const p = prognoseForYdelse(y.ydelse, maanedstal.get(y.ydelse) ?? [], ds.manifest.budgetaar, valg);
    return p ? [p] : [];
  });
}

/** The dataset with each forecast as the ydelse's forventet helårspersoner (a scenario: the same engine computes it). */
export function anvendPrognose(ds: Datasaet, prognoser: readonly YdelsesPrognose[]): Datasaet {
  return anvendScenarie(ds, prognoser.map((p) => ({ art: 'hp', ydelse: p.ydelse, felt: 'forventet', operation: { op: '=', vaerdi: p.hp } })));
}
