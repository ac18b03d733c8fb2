/**
 * budgetopf as a library: load a dataset folder, compute the follow-up, and read or render its figures.
 * The CLI is built on exactly these functions.
 *
 * @example
 * ```ts
 * import { indlaesDatasaet, beregn } from 'budgetopf';
 * const { datasaet, fund } = await indlaesDatasaet('data/slagelse-ebu-2025-bo2');
 * if (datasaet) console.log(beregn(datasaet).total.afvigelse.toString());
 * ```
 */
export { indlaesDatasaet, MappeFejl, FILER, type Indlaesning } from './io/load-dataset.js';
export { beregn, summer, aktivitetsdelta, UgyldigtDatasaet } from './core/beregn.js';
export type { Opfoelgning, Summering, PostResultat, PolitikomraadeResultat, UdvalgResultat, YdelseResultat } from './core/beregn.js';
export { kontroller, REGLER } from './core/regler.js';
export { Decimal, parseTal, formatTal, rund, afstem, iEnhed, type Enhed, type Talformat } from './core/money.js';
export type * from './core/model.js';
export { afvigelserJson, aktivitetJson, rapportJson } from './render/json.js';
export { afvigelsesTabel } from './report/afvigelser.js';
export { aktivitetsTabel } from './report/aktivitet.js';
export { rapportDokument } from './report/rapport.js';
export { STANDARDVISNING, type Visning } from './report/visning.js';
export type { Dokument, Tabel, Sektion, Celle } from './report/shape.js';
