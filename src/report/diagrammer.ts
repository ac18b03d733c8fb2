/** The charts of a follow-up, as data built from the computed figures (the HTML report draws them). */
import type { Opfoelgning } from '../core/beregn.js';
import { Decimal } from '../core/money.js';
import { METODER, type YdelsesPrognose } from '../core/prognose.js';
import type { Linjediagram, Soejlediagram } from './shape.js';
import { ENHEDSTEKST, metodenavn, type Visning } from './visning.js';

/** Afvigelse per politikområde (kr; negative = merforbrug). */
export function afvigelsesDiagram(o: Opfoelgning, v: Visning): Soejlediagram {
  return {
    type: 'soejler',
    titel: `Afvigelse pr. politikområde, ${o.manifest.opfoelgning} (${ENHEDSTEKST[v.enhed]})`,
    art: 'beloeb',
    afvigelse: true,
    serier: ['Afvigelse'],
    grupper: o.politikomraader.map((p) => ({ etiket: `${p.nr} ${p.navn}`, vaerdier: [p.sum.afvigelse] })),
  };
}

/** Per ydelse the afvigelse's parts side by side: mængdeeffekt, priseffekt and korrektioner (kr; they add up to the afvigelse). */
export function effektDiagram(o: Opfoelgning, v: Visning): Soejlediagram {
  return {
    type: 'soejler',
    titel: `Afvigelse pr. ydelse forklaret: mængde, pris og korrektioner (${ENHEDSTEKST[v.enhed]})`,
    art: 'beloeb',
    afvigelse: true,
    serier: ['Mængdeeffekt', 'Priseffekt', 'Korrektioner'],
    grupper: o.ydelser.map((y) => ({ etiket: y.ydelse, vaerdier: [y.maengdeeffekt, y.priseffekt, y.korrektionseffekt] })),
  };
}

/** Helårspersoner per ydelse: the korrigeret budget's against the forventede. */
export function helaarspersonDiagram(o: Opfoelgning): Soejlediagram {
  const aar = o.manifest.budgetaar;
  return {
    type: 'soejler',
    titel: `Helårspersoner ${aar}: budget og forventet`,
    art: 'antal',
    afvigelse: false,
    serier: ['Korrigeret budget', 'Forventet'],
    grupper: o.ydelser.map((y) => ({ etiket: y.ydelse, vaerdier: [y.hp.korrigeret, y.hp.forventet] })),
  };
}

const MAANEDER = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/**
 * A ydelse's months: the observed fuldtidspersoner, the chosen method's projection of the rest of the year
 * (from the last observed month), the range of every method's projection, and the budget and forecast levels.
 */
export function prognoseDiagram(p: YdelsesPrognose, budgetHp: Decimal, aar: number): Linjediagram {
  const x = p.maaneder.observeret;
  const n = x.length;
  const frem = p.maaneder.fremskrevet;
  const maaned = (k: number, f: (i: number) => Decimal | null) => Array.from({ length: 12 }, (_, i) => (i + 1 < k ? null : f(i)));
  const brugbare = METODER.filter((m) => frem[m] !== null);
  const iMaaned = (i: number) => brugbare.map((m) => frem[m]![i - n]!);
  return {
    type: 'linje',
    titel: `${p.ydelse}: fuldtidspersoner pr. måned ${aar}, prognose (${metodenavn(p.metode)})`,
    art: 'antal',
    etiketter: MAANEDER,
    serier: [
      { navn: 'Observeret', vaerdier: Array.from({ length: 12 }, (_, i) => x[i] ?? null) },
      {
        navn: `Prognose (${metodenavn(p.metode)})`, stiplet: true,
        vaerdier: maaned(n, (i) => (i === n - 1 ? x[n - 1]! : frem[p.metode]![i - n]!)),
      },
    ],
    ...(n < 12 ? { interval: { navn: 'Metodernes spænd', lav: maaned(n + 1, (i) => Decimal.min(...iMaaned(i))), hoej: maaned(n + 1, (i) => Decimal.max(...iMaaned(i))) } } : {}),
    niveauer: [{ navn: 'Budget HP', vaerdi: budgetHp }, { navn: 'Prognose HP', vaerdi: p.hp }],
  };
}
