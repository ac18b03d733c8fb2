/**
 * How good the year's forecasts were (FORMAT.md v2, `budgetopf praecision`): per politikområde and in
 * total, each round's forventet against the regnskab. fejl = forventet − regnskab (kr; positive = the round
 * expected more spending than happened); fejl_pct = fejl / |regnskab| × 100 (null when the regnskab is 0).
 * Pure; works on computed follow-ups.
 */
import type { Opfoelgning } from './beregn.js';
import { NUL, sum, type Decimal } from './money.js';

export interface RundeFejl {
  opfoelgning: string;
  forventet: Decimal;
  fejl: Decimal;
  /** Exact; null when the regnskab is 0. */
  fejlPct: Decimal | null;
  /** The round's folder has no posts on the politikområde: counted as 0. */
  mangler: boolean;
}

export interface OmraadePraecision {
  nr: string;
  navn: string;
  regnskab: Decimal;
  /** The regnskab's folder has no posts on the politikområde: counted as 0. */
  manglerIRegnskab: boolean;
  runder: RundeFejl[];
}

export interface Praecision {
  runder: string[];
  regnskabNavn: string;
  politikomraader: OmraadePraecision[];
  total: { regnskab: Decimal; runder: RundeFejl[] };
  /** Per round: the mean of |fejl_pct| over the politikområder that have one; null when none has. */
  middelAbsFejlPct: (Decimal | null)[];
}

function rundeFejl(opfoelgning: string, forventet: Decimal, regnskab: Decimal, mangler: boolean): RundeFejl {
  const fejl = forventet.minus(regnskab);
  return {
    opfoelgning,
    forventet,
    fejl,
    fejlPct: regnskab.isZero() ? null : fejl.div(regnskab.abs()).times(100),
    mangler,
  };
}

/** Compares the rounds (in order) with the regnskab. A politikområde missing from a folder counts 0 there. */
export function praecision(runder: readonly Opfoelgning[], regnskab: Opfoelgning): Praecision {
  const alle = [regnskab, ...runder].flatMap((o) => o.politikomraader);
  const navne = new Map<string, string>();
  for (const p of alle) if (!navne.has(p.nr)) navne.set(p.nr, p.navn);
  const forventet = (o: Opfoelgning, nr: string) => o.politikomraader.find((p) => p.nr === nr)?.sum.forventet ?? null;
  const politikomraader = [...navne].map(([nr, navn]): OmraadePraecision => {
    const r = forventet(regnskab, nr);
    const regnskabet = r ?? NUL;
    return {
      nr,
      navn,
      regnskab: regnskabet,
      manglerIRegnskab: r === null,
      runder: runder.map((o) =>
        rundeFejl(o.manifest.opfoelgning, forventet(o, nr) ?? NUL, regnskabet, forventet(o, nr) === null),
      ),
    };
  });
  const totalRegnskab = sum(politikomraader.map((p) => p.regnskab));
  const total = {
    regnskab: totalRegnskab,
    runder: runder.map((o, i) =>
      rundeFejl(o.manifest.opfoelgning, sum(politikomraader.map((p) => p.runder[i]!.forventet)), totalRegnskab, false),
    ),
  };
  const middelAbsFejlPct = runder.map((_, i) => {
    const pct = politikomraader.map((p) => p.runder[i]!.fejlPct).filter((x): x is Decimal => x !== null);
    return pct.length ? sum(pct.map((x) => x.abs())).div(pct.length) : null;
  });
  return {
    runder: runder.map((o) => o.manifest.opfoelgning),
    regnskabNavn: regnskab.manifest.opfoelgning,
    politikomraader,
    total,
    middelAbsFejlPct,
  };
}
