/**
 * budgetopf as a library: load a dataset folder, compute the follow-up, and read or render its figures.
 * The CLI is built on exactly these functions.
 *
 * A post with a blank forventet (projected from forbrug.csv) needs `laesForbrug` before `beregn`: it
 * streams the postings and returns the dataset with the projection in place.
 *
 * Load once, then transform and compute as often as needed: a scenario is data (`parseAendring`),
 * `anvendScenarie` returns a new dataset and `beregn` computes it; nothing is mutated.
 *
 * @example
 * ```ts
 * import { indlaesDatasaet, beregn, anvendScenarie, parseAendring } from 'budgetopf';
 * const { datasaet, fund } = await indlaesDatasaet('data/slagelse-ebu-2025-bo2');
 * if (!datasaet) throw new Error(fund.map((f) => f.besked).join('\n'));
 * const scenarie = anvendScenarie(datasaet, [parseAendring('hp', 'Kontanthjælp', '+64')]);
 * console.log(beregn(scenarie).total.afvigelse.toString()); // kr, exact
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
export * as fortegn from './core/fortegn.js';
export * as aktivitetsmodel from './core/aktivitet.js';
export type { Dokument, Tabel, Sektion, Celle, Diagram, Soejlediagram, Linjediagram } from './report/shape.js';
export {
  anvendScenarie, parseAendring, parseOperation, parseInterval, foelsomhed, udfoer, ScenarieFejl,
  type Aendring, type Operation, type Scenarie, type Foelsomhed, type Foelsomhedspunkt,
} from './core/scenarie.js';
export { beregnScenarier, type ScenarieTotaler } from './core/scenarie-batch.js';
export { klassificer, kontrollerBevillinger, anvendBevillinger, efterBevillinger, foreslaa, type Bevillingsoenske, type Kompetence, type Flag } from './core/bevillinger.js';
export { scenarierJson, foelsomhedJson, bevillingerJson } from './render/json.js';
export {
  prognose, prognoseForYdelse, fremskriv, anvendPrognose, prognoseEffekter, METODER,
  type Metode, type PrognoseValg, type YdelsesPrognose, type Backtest,
} from './core/prognose.js';
export {
  opgoerForbrug, anvendForbrug, fremskrivesAfForbrug, slaaOp, parseDato,
  type Forbrugsopgoerelse, type Postforbrug, type Kontoforbrug, type Dato, type Posteringssummer,
} from './core/forbrug.js';
export { summerPosteringer, type Posteringer, type PosteringsValg } from './io/posteringer.js';
export { laesForbrug, type Forbrugsresultat } from './io/forbrugsdata.js';
export { prognoseJson, forbrugJson } from './render/json.js';
export {
  hovedoversigt, anlaegsposter, postResultater, ART_TEKST, ORDINAER_DRIFT,
  type Hovedoversigt, type Hovedlinje, type Hovedsum, type Ramme, type Anlaegspost,
} from './core/hovedoversigt.js';
export { driftsdel, type Driftsdatasaet } from './core/drift.js';
export { ARTER, UDGIFTSARTER, erDriftsart } from './core/model.js';
export { samleDatasaet, type Kildemappe, type Samlet } from './core/samle.js';
export { hovedoversigtJson, anlaegJson } from './render/hovedoversigt-json.js';
export { hovedoversigtDokument, hovedoversigtSektioner } from './report/hovedoversigt.js';
export { prognoseRapport, type PrognoseRapport } from './report/prognose.js';
export { videre, naesteOpfoelgning, VidereFejl, RUNDER, type Videre, type VidereValg } from './core/videre.js';
export { skrivNaesteRunde } from './io/skriv-runde.js';
export { sammenlign, type Sammenligning, type PostAendring, type OmraadeAendring, type KorrektionAendring } from './core/sammenlign.js';
export { praecision, type Praecision, type RundeFejl, type OmraadePraecision } from './core/praecision.js';
export { kontrollerInitiativer, initiativStatus, type InitiativStatus } from './core/initiativer.js';
export { sammenlignJson, praecisionJson } from './render/runder-json.js';
