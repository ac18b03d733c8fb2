/**
 * The domain as data. Every amount is a Decimal in kr (the loader converts `beloebsenhed`);
 * helårspersoner are Decimals (they may be fractional); prices are kr per helårsperson.
 */
import type { Decimal, Enhed, Talformat } from './money.js';

/** The drift kinds: what the deviation tables (afvigelser, aktivitet, rapport) show. */
export type Udgiftsart = 'service' | 'overfoersel';
export const UDGIFTSARTER: readonly Udgiftsart[] = ['service', 'overfoersel'];
/**
 * Every kind a budget post may have (FORMAT.md v2), in the order of the hovedoversigt. Sign as everywhere:
 * positive = udgift, negative = indtægt (skatter, tilskud and optagne lån are negative).
 */
export type Art = Udgiftsart | 'renter' | 'skatter' | 'tilskud_udligning' | 'anlaeg' | 'forsyning' | 'laan' | 'afdrag'
  | 'finansforskydninger';
export const ARTER: readonly Art[] = [
  'skatter', 'tilskud_udligning', 'service', 'overfoersel', 'renter',
  'anlaeg', 'forsyning', 'laan', 'afdrag', 'finansforskydninger',
];
/** The kinds that are income: a positive amount on them is suspicious (a warning). */
export const INDTAEGTSARTER: readonly Art[] = ['skatter', 'tilskud_udligning', 'laan'];
export const erDriftsart = (a: Art): a is Udgiftsart => a === 'service' || a === 'overfoersel';

/** Where a record came from, so that a rule can point at it. */
export interface Kilde {
  fil: string;
  linje: number;
  /** Columns whose cell could not be read (each has its own finding); no rule between files reads them. */
  ugyldige?: readonly string[];
}

/** How tables print an afvigelse (core/fortegn.ts owns what it means). */
export const FORTEGN = ['merforbrug_negativ', 'merforbrug_positiv'] as const;
export type Fortegn = (typeof FORTEGN)[number];

export interface Manifest {
  kommune: string;
  udvalg?: string;
  budgetaar: number;
  opfoelgning: string;
  opgoerelse?: string;
  /** The follow-up's date (`2025-06-30`): spending in forbrug.csv is counted up to it. */
  pr?: string;
  beloebsenhed: Enhed;
  talformat?: Talformat;
  /** How tables print an afvigelse (JSON is always canonical: merforbrug negative). */
  fortegn: Fortegn;
  /** kr: the municipality's service ceiling for the year (v2; the manifest's `serviceramme`). */
  serviceramme?: Decimal;
  /** kr: the ceiling for the skattefinansierede anlæg (`anlaegsramme`). */
  anlaegsramme?: Decimal;
  /** kr: likvide aktiver at 1 January (`kasse_primo`). */
  kassePrimo?: Decimal;
}

export interface Politikomraade {
  nr: string;
  navn: string;
  udvalg: string;
  kilde: Kilde;
}

export interface Budgetpost {
  politikomraade: string;
  post: string;
  /** A drift kind (service, overfoersel) or one of the whole municipality's kinds (v2). */
  udgiftsart: Art;
  vedtaget: Decimal;
  korrigeret: Decimal;
  /** The controller's estimate; null for an activity post (the activity model decides it). */
  forventet: Decimal | null;
  forventetForrige: Decimal | null;
  /** kr: the part of the afvigelse expected to be carried over to next year (`overfoeres`); null or absent = none. */
  overfoeres?: Decimal | null;
  kilde: Kilde;
}

/** A post of a drift kind: what the drift engine (`beregn`) computes. */
export type Driftspost = Budgetpost & { udgiftsart: Udgiftsart };

export interface Ydelse {
  ydelse: string;
  hp: {
    regnskabForrige: Decimal | null;
    vedtaget: Decimal;
    /** Blank in the file means `vedtaget`; the loader fills it. */
    korrigeret: Decimal;
    forventet: Decimal;
  };
  kilde: Kilde;
}

/** Net kr per helårsperson; always kr, whatever the dataset's beloebsenhed. */
export interface Enhedspris {
  ydelse: string;
  regnskabForrige: Decimal | null;
  budget: Decimal;
  /** Blank in the file means `budget`; the loader fills it. */
  forventet: Decimal;
  kilde: Kilde;
}

export type Korrektionstype = 'korrektion' | 'handleplan';

export interface Korrektion {
  politikomraade: string;
  post: string;
  /** kr; positive = more spending (raises forventet). */
  beloeb: Decimal;
  tekst: string;
  type: Korrektionstype;
  kilde: Kilde;
}

export type Bevillingstype = 'omplacering' | 'tillaegsbevilling' | 'indtaegts_og_udgiftsbevilling';
export const BEVILLINGSTYPER: readonly Bevillingstype[] = ['omplacering', 'tillaegsbevilling', 'indtaegts_og_udgiftsbevilling'];

/** The word in `politikomraade` that names the municipality's cash reserve. */
export const KASSEN = 'kassen';

/** One line of a bevillingsønske for one year. */
export interface Bevillingslinje {
  id: string;
  type: Bevillingstype;
  tekst: string;
  /** A politikområde nr, or `kassen`. */
  politikomraade: string;
  post: string | null;
  /** null on a kassen line. */
  udgiftsart: Art | null;
  aar: number;
  /** kr; positive = more budget (expense), negative = less budget, an income or financing. */
  beloeb: Decimal;
  kilde: Kilde;
}

/** bevillinger_givet.csv: a line of an approved request, with the follow-up at which it was approved. */
export interface GivetBevillingslinje extends Bevillingslinje {
  opfoelgning: string;
}

/** initiativer.csv: a budget agreement's initiative in one year; amounts are savings in kr (positive = saving). */
export interface Initiativ {
  id: string;
  tekst: string;
  udvalg: string;
  politikomraade: string | null;
  aar: number;
  planlagt: Decimal;
  /** Blank = nothing realised yet (0). */
  realiseret: Decimal | null;
  status: string;
  kilde: Kilde;
}

/** kontoplan.csv: an account (or the prefix of many) and the budget post its postings belong to. */
export interface Kontoplanlinje {
  konto: string;
  politikomraade: string;
  post: string;
  kilde: Kilde;
}

/** maanedstal.csv: the full-time persons on a benefit in one month. */
export interface Maanedstal {
  ydelse: string;
  aar: number;
  /** 1–12. */
  maaned: number;
  fuldtidspersoner: Decimal;
  kilde: Kilde;
}

export interface Datasaet {
  manifest: Manifest;
  politikomraader: Politikomraade[];
  poster: Budgetpost[];
  ydelser: Ydelse[];
  enhedspriser: Enhedspris[];
  korrektioner: Korrektion[];
  bevillingslinjer: Bevillingslinje[];
  kontoplan: Kontoplanlinje[];
  maanedstal: Maanedstal[];
  /** The path of forbrug.csv when the folder has one (postings are streamed when needed, never held). */
  forbrugsfil: string | null;
  /** Whether budget.csv has the `forventet_forrige` column. */
  harForventetForrige: boolean;
  /** Whether budget.csv has the `overfoeres` column (reports then show the afvigelse efter overførsler). */
  harOverfoeres?: boolean;
  /** bevillinger_givet.csv: the year's approved requests (written by `budgetopf videre`); absent = none. */
  givneBevillinger?: GivetBevillingslinje[];
  /** initiativer.csv: the budget agreement's initiatives; absent = none. */
  initiativer?: Initiativ[];
}

export type Alvor = 'fejl' | 'advarsel';

/** A problem with the data, with its location. `kolonne` is the header name (or null when it concerns a whole row or file). */
export interface Fund {
  fil: string;
  linje: number | null;
  kolonne: string | null;
  kode: string;
  alvor: Alvor;
  besked: string;
}

/** A finding (errors by default). */
export function fund(fil: string, linje: number | null, kolonne: string | null, kode: string, besked: string, alvor: Alvor = 'fejl'): Fund {
  return { fil, linje, kolonne, kode, alvor, besked };
}

/** The key of a budget post: (politikområde, post) is unique. */
export const postNoegle = (politikomraade: string, post: string) => `${politikomraade}\u0000${post}`;
