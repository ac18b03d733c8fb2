/** The charts of a follow-up, as data built from the computed figures (the HTML report draws them). */
import type { Opfoelgning } from '../core/beregn.js';
import type { Soejlediagram } from './shape.js';
import { ENHEDSTEKST, type Visning } from './visning.js';

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
