/**
 * Checks beyond the data contract, for `budgetopf valider`: lints that warn about figures that are
 * probably wrong, and CI thresholds on the computed figures. Pure; findings point at budget.csv.
 */
import { budgetteretAktivitet } from './aktivitet.js';
import type { Opfoelgning } from './beregn.js';
import { Decimal, formatTal, rund } from './money.js';
import { fund, type Datasaet, type Fund } from './model.js';

export interface LintValg {
  /** kr: an activity post's korrigeret may differ this much from hp_korrigeret × pris_budget. */
  toleranceKr: Decimal;
  /** %: korrigeret this far from vedtaget is worth a look. */
  korrigeretPct: Decimal;
  /** %: a budget price this far from last year's regnskab price is worth a look. */
  prisPct: Decimal;
}

export const STANDARD_LINT: LintValg = { toleranceKr: new Decimal(1000), korrigeretPct: new Decimal(25), prisPct: new Decimal(15) };

/** Figures in messages; `decimaler` from `synligForskel` when a figure is set against a threshold. */
const kr = (d: Decimal, decimaler = 0) => `${formatTal(d, { decimaler, format: 'da', tusindtalsseparator: true })} kr.`;
const pct = (d: Decimal, decimaler = 1) => `${formatTal(d, { decimaler, format: 'da', tusindtalsseparator: true })} %`;
/**
 * The decimals for a figure set against a threshold: at least the threshold's own (it is shown as the user
 * gave it), and enough that the two display differently, so "over the limit" never reads as equal.
 */
function synligForskel(a: Decimal, graense: Decimal, fra: number): number {
  let d = Math.max(fra, graense.decimalPlaces());
  while (d < 10 && rund(a, d).equals(rund(graense, d))) d++;
  return d;
}

/** Percentage change from `fra` to `til` (null when `fra` is 0). */
const aendring = (fra: Decimal, til: Decimal) => (fra.isZero() ? null : til.minus(fra).div(fra.abs()).times(100));

/** Warnings about figures that are valid but probably wrong. */
export function lint(ds: Datasaet, valg: LintValg): Fund[] {
  const ud: Fund[] = [];
  const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p]));
  const ydelser = new Map(ds.ydelser.map((y) => [y.ydelse, y]));
  for (const p of ds.poster) {
    const y = ydelser.get(p.post);
    const pris = priser.get(p.post);
    if (y && pris) {
      const model = budgetteretAktivitet(y, pris);
      if (p.korrigeret.minus(model).abs().gt(valg.toleranceKr)) {
        ud.push(fund(p.kilde.fil, p.kilde.linje, 'korrigeret', 'korrigeret_afviger_fra_aktivitet',
          `"${p.post}": korrigeret ${kr(p.korrigeret)} afviger ${kr(p.korrigeret.minus(model))} fra helårspersoner × enhedspris (${kr(model)})`, 'advarsel'));
      }
    }
    const a = aendring(p.vedtaget, p.korrigeret);
    if (a && a.abs().gt(valg.korrigeretPct)) {
      ud.push(fund(p.kilde.fil, p.kilde.linje, 'korrigeret', 'korrigeret_langt_fra_vedtaget',
        `"${p.post}": korrigeret budget er ${pct(a)} fra vedtaget (${kr(p.vedtaget)} → ${kr(p.korrigeret)})`, 'advarsel'));
    }
  }
  for (const p of ds.enhedspriser) {
    const a = p.regnskabForrige && aendring(p.regnskabForrige, p.budget);
    if (a && a.abs().gt(valg.prisPct)) {
      ud.push(fund(p.kilde.fil, p.kilde.linje, 'budget', 'pris_flyttet',
        `"${p.ydelse}": budgetprisen er ${pct(a)} fra sidste års regnskabspris (${kr(p.regnskabForrige!)} → ${kr(p.budget)})`, 'advarsel'));
    }
  }
  return ud;
}

export interface Graenser {
  /** kr: a politikområde's merforbrug may not exceed this. */
  maksMerforbrug?: Decimal;
  /** %: a politikområde's |afvigelse| in % of korrigeret may not exceed this. */
  maksAfvigelsePct?: Decimal;
}

/** Errors for the politikområder whose figures cross a CI threshold, naming the figure. */
export function tjekGraenser(o: Opfoelgning, g: Graenser, fil: string): Fund[] {
  const ud: Fund[] = [];
  for (const p of o.politikomraader) {
    const merforbrug = p.sum.afvigelse.neg();
    if (g.maksMerforbrug && merforbrug.gt(g.maksMerforbrug)) {
      const d = synligForskel(merforbrug, g.maksMerforbrug, 0);
      ud.push(fund(fil, null, null, 'graense_merforbrug',
        `Politikområde ${p.nr} ${p.navn}: merforbrug ${kr(merforbrug, d)} er over grænsen ${kr(g.maksMerforbrug, d)}`));
    }
    if (g.maksAfvigelsePct && !p.sum.afvigelse.isZero()) {
      if (p.sum.korrigeret.isZero()) {
        // No budget: any afvigelse is infinitely many percent of it.
        ud.push(fund(fil, null, null, 'graense_afvigelse_pct',
          `Politikområde ${p.nr} ${p.navn}: afvigelse ${kr(p.sum.afvigelse)} på et korrigeret budget på 0 kr. er over grænsen ${pct(g.maksAfvigelsePct)}`));
      } else {
        const a = p.sum.afvigelse.div(p.sum.korrigeret.abs()).times(100);
        if (a.abs().gt(g.maksAfvigelsePct)) {
          const d = synligForskel(a.abs(), g.maksAfvigelsePct, 1);
          ud.push(fund(fil, null, null, 'graense_afvigelse_pct',
            `Politikområde ${p.nr} ${p.navn}: afvigelse ${pct(a, d)} af korrigeret budget er over grænsen ${pct(g.maksAfvigelsePct, d)}`));
        }
      }
    }
  }
  return ud;
}
