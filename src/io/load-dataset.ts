/**
 * Loads a dataset folder (FORMAT.md) into the domain model, collecting every finding: per file
 * (encoding, header, cells) and between files (core/regler). Never throws on bad data; only a missing
 * or unreadable folder is an error of use (`MappeFejl`).
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal, ENHEDSFAKTOR, type Talformat } from '../core/money.js';
import { fund as nytFund, type Bevillingslinje, type Budgetpost, type Datasaet, type Enhedspris, type Fund, type Kontoplanlinje, type Korrektion, type Maanedstal, type Manifest, type Politikomraade, type Ydelse } from '../core/model.js';
import type { GivetBevillingslinje, Initiativ } from '../core/model.js';
import { kontrollerDelvis, type Liste } from '../core/regler.js';
import { parseDato } from '../core/forbrug.js';
import { dekod, laesCsv, samlWindows1252, ulaeseligFund, type Raekke } from './csv.js';
import * as z from 'zod/mini';
import {
  erPladsholder, filSchemaer, MANIFEST_BELOEB, MANIFEST_FORVENTNING, manifestSchema, MANIFEST_NOEGLER, parseFelt,
} from './schemas.js';

export const FILER = {
  manifest: 'opfoelgning.json',
  politikomraader: 'politikomraader.csv',
  budget: 'budget.csv',
  helaarspersoner: 'helaarspersoner.csv',
  enhedspriser: 'enhedspriser.csv',
  korrektioner: 'korrektioner.csv',
  bevillingsoensker: 'bevillingsoensker.csv',
  kontoplan: 'kontoplan.csv',
  maanedstal: 'maanedstal.csv',
  forbrug: 'forbrug.csv',
  bevillingerGivet: 'bevillinger_givet.csv',
  initiativer: 'initiativer.csv',
} as const;

/** The folder itself is missing or not a folder: a usage error (exit 2), not a data error. */
export class MappeFejl extends Error {
  override name = 'MappeFejl'; // its own name in a stack trace, also from the minified bundle
}

export interface Indlaesning {
  /** null when the data has errors (see `fund`). */
  datasaet: Datasaet | null;
  /** Every finding, errors and warnings, sorted by file and line. */
  fund: Fund[];
  /** The dataset's file paths (whether present or not), so that writers can refuse to overwrite them. */
  filer: string[];
}

type Schemaer = ReturnType<typeof filSchemaer>;
type Felter = Schemaer[keyof Schemaer]['felter'];
/** A parsed row of file N: each column's parsed value, plus the row's line. */
type Data<N extends keyof Schemaer> = { [K in keyof Schemaer[N]['felter']]: z.output<Schemaer[N]['felter'][K]> }
  & { linje: number; ugyldige?: string[] };

/**
 * Parses every row field by field, so that one bad cell yields one finding and the row's other fields
 * stay available to the rules between files (no cascade of follow-on findings). A failed cell is left
 * undefined and named in `kilde.ugyldige`, never given a placeholder value: the rules leave the row out
 * of every check that reads that cell. A row whose key field failed is dropped (and counted).
 */
function parseRaekker<T>(
  raekker: Raekke[], felter: Felter, noegler: string[], fil: string, fundListe: Fund[],
): { ud: T[]; droppede: number } {
  const ud: T[] = [];
  let droppede = 0;
  const kolonner = Object.entries(felter) as [string, z.ZodMiniType][]; // once, not per row
  for (const r of raekker) {
    const data: Record<string, unknown> = { linje: r.linje };
    let ugyldige: string[] | null = null;
    for (const [kolonne, schema] of kolonner) {
      const res = parseFelt(schema, r.felter[kolonne] ?? '');
      if (res.success) {
        data[kolonne] = res.data;
        continue;
      }
      for (const issue of res.error.issues) {
        const kode = issue.code === 'custom' ? (issue.params as { kode?: string } | undefined)?.kode ?? 'ugyldig_vaerdi' : 'ugyldig_vaerdi';
        fundListe.push(nytFund(fil, r.linje, kolonne, kode, issue.message));
      }
      (ugyldige ??= []).push(kolonne);
    }
    if (ugyldige?.some((k) => noegler.includes(k))) droppede++;
    else {
      if (ugyldige) data.ugyldige = ugyldige;
      ud.push(data as T);
    }
  }
  return { ud, droppede };
}

/** Whether a name exists in the folder (a broken or looping link exists too: it is then unreadable, not absent). */
function findes(fil: string): boolean {
  try {
    return lstatSync(fil, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // the folder cannot be searched: reading the file says why
  }
}

/** Line of `"key"` in a JSON text (1-based), for pointing at a manifest field. */
function jsonLinje(tekst: string, noegle: string): number | null {
  const i = tekst.indexOf(`"${noegle}"`);
  return i < 0 ? null : tekst.slice(0, i).split('\n').length;
}

/**
 * The line of a JSON syntax error. Node 20 gives a position for some errors and not others, so: the
 * first line n at which the first n lines fail for another reason than being cut short (an error at
 * their very end). Once such an error is in, it stays in, so the line is found by bisection.
 */
function jsonFejlLinje(tekst: string): number {
  const linjer = tekst.split('\n');
  /** The line of a real error within the first n lines, or null if they only end early. */
  const fejlI = (n: number): number | null => {
    const del = linjer.slice(0, n).join('\n');
    try {
      JSON.parse(del);
      return null;
    } catch (e) {
      const besked = (e as Error).message;
      const pos = /position (\d+)/.exec(besked);
      if (/end of JSON input/i.test(besked) || (pos !== null && Number(pos[1]) >= del.trimEnd().length)) return null;
      return pos ? del.slice(0, Number(pos[1])).split('\n').length : n;
    }
  };
  let [lav, hoej] = [1, linjer.length];
  while (lav < hoej) {
    const midt = (lav + hoej) >> 1;
    if (fejlI(midt) === null) lav = midt + 1;
    else hoej = midt;
  }
  return fejlI(lav) ?? linjer.length;
}

/** Placeholders from `budgetopf init`, each one named, before any other check of the manifest; true if any. */
function pladsholdere(raa: unknown, fil: string, tekst: string, fundListe: Fund[]): boolean {
  const fundet = raa !== null && typeof raa === 'object' ? Object.entries(raa).filter(([, v]) => erPladsholder(v)) : [];
  for (const [noegle, v] of fundet) {
    fundListe.push(nytFund(fil, jsonLinje(tekst, noegle), noegle, 'ugyldigt_manifest',
      `Feltet "${noegle}" er ikke udfyldt endnu (${String(v)});`
      + ` det skal være ${MANIFEST_FORVENTNING[noegle] ?? 'udfyldt'}`));
  }
  return fundet.length > 0;
}

async function laesManifest(fil: string, fundListe: Fund[]): Promise<Manifest | null> {
  if (!findes(fil)) {
    fundListe.push(nytFund(fil, null, null, 'mangler_fil', 'Manifestet opfoelgning.json mangler (kommune, budgetår, opfølgning, beløbsenhed)'));
    return null;
  }
  let bytes: Buffer;
  try {
    const info = statSync(fil);
    if (!info.isFile() || info.size > 1024 * 1024) {
      fundListe.push(nytFund(fil, null, null, 'ikke_en_fil', 'opfoelgning.json skal være en lille JSON-fil'));
      return null;
    }
    bytes = readFileSync(fil);
  } catch (e) {
    fundListe.push(ulaeseligFund(fil, e));
    return null;
  }
  const tekst = await dekod(bytes, fil, fundListe);
  if (tekst === null) return null;
  let raa: unknown;
  try {
    raa = JSON.parse(tekst);
  } catch {
    const linje = jsonFejlLinje(tekst);
    fundListe.push(nytFund(fil, linje, null, 'ugyldig_json', `Ugyldig JSON på linje ${linje}: tjek kommaer, anførselstegn om tekster og krøllede parenteser`));
    return null;
  }
  if (pladsholdere(raa, fil, tekst, fundListe)) return null;
  const res = manifestSchema.safeParse(raa);
  if (!res.success) {
    for (const issue of res.error.issues) {
      const noegle = String(issue.path[0] ?? '');
      const mangler = noegle !== '' && (raa as Record<string, unknown>)[noegle] === undefined;
      fundListe.push(nytFund(fil, noegle ? jsonLinje(tekst, noegle) : 1, noegle || null, 'ugyldigt_manifest', !noegle
        ? 'Manifestet skal være et JSON-objekt: { "kommune": …, "budgetaar": …, "opfoelgning": … }'
        : `Feltet "${noegle}" ${mangler ? 'mangler; det ' : ''}skal være ${MANIFEST_FORVENTNING[noegle] ?? 'gyldigt'}`));
    }
    return null;
  }
  const pr = res.data.pr === undefined ? undefined : parseDato(res.data.pr);
  if (pr === null || (pr && pr.aar !== res.data.budgetaar)) {
    fundListe.push(nytFund(fil, jsonLinje(tekst, 'pr'), 'pr', 'ugyldigt_manifest', pr === null
      ? `Feltet "pr" skal være ${MANIFEST_FORVENTNING.pr} (${res.data.pr} er ikke en dato)`
      : `Feltet "pr" (${res.data.pr}) skal ligge i budgetåret ${res.data.budgetaar}`));
    return null;
  }
  const beloeb = manifestBeloeb(res.data, (noegle, besked) =>
    fundListe.push(nytFund(fil, jsonLinje(tekst, noegle), noegle, 'ugyldigt_manifest', besked)));
  if (!beloeb) return null;
  for (const noegle of Object.keys(raa as object)) {
    if (!MANIFEST_NOEGLER.includes(noegle)) {
      fundListe.push(nytFund(fil, jsonLinje(tekst, noegle), noegle, 'ukendt_felt', `Ukendt felt "${noegle}" ignoreres`, 'advarsel'));
    }
  }
  const { serviceramme: _s, anlaegsramme: _a, kasse_primo: _k, ...resten } = res.data;
  return { ...resten, ...beloeb } as Manifest;
}

/** The manifest's amounts (kr) as Decimals; null (and a finding each) when one is not whole øre within 15 digits. */
type ManifestBeloeb = Partial<Record<(typeof MANIFEST_BELOEB)[number], number>>;
function manifestBeloeb(data: ManifestBeloeb, fejl: (noegle: string, besked: string) => void) {
  const ud: Pick<Manifest, 'serviceramme' | 'anlaegsramme' | 'kassePrimo'> = {};
  let ok = true;
  for (const noegle of MANIFEST_BELOEB) {
    const n = data[noegle];
    if (n === undefined) continue;
    // A JSON number's shortest decimal text is the figure as written, when it has at most 15 significant digits.
    const d = Number.isFinite(n) && Math.abs(n) < 1e13 ? new Decimal(String(n)) : null;
    if (!d || d.decimalPlaces() > 2) {
      fejl(noegle, `Feltet "${noegle}" skal være ${MANIFEST_FORVENTNING[noegle]} (${String(n)} er ikke)`);
      ok = false;
      continue;
    }
    ud[noegle === 'kasse_primo' ? 'kassePrimo' : noegle] = d;
  }
  return ok ? ud : null;
}

const sorter = (fund: Fund[]) =>
  fund.sort((a, b) => a.fil.localeCompare(b.fil) || (a.linje ?? 0) - (b.linje ?? 0));

/** The list of the dataset each CSV file fills (for the rules between files). */
const LISTE: Record<Exclude<keyof typeof FILER, 'manifest' | 'forbrug'>, Liste> = {
  politikomraader: 'politikomraader',
  budget: 'poster',
  helaarspersoner: 'ydelser',
  enhedspriser: 'enhedspriser',
  korrektioner: 'korrektioner',
  bevillingsoensker: 'bevillingslinjer',
  kontoplan: 'kontoplan',
  maanedstal: 'maanedstal',
  bevillingerGivet: 'givneBevillinger',
  initiativer: 'initiativer',
};

/** The folder itself: missing, unreadable, not a folder or not a dataset are errors of use. */
function tjekMappe(mappe: string): void {
  let info;
  try {
    info = statSync(mappe, { throwIfNoEntry: false });
  } catch (e) {
    throw new MappeFejl(`Mappen "${mappe}" kan ikke læses (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!info) throw new MappeFejl(`Mappen "${mappe}" findes ikke`);
  if (!info.isDirectory()) throw new MappeFejl(`"${mappe}" er ikke en mappe`);
  if (!findes(join(mappe, FILER.manifest)) && !findes(join(mappe, FILER.budget))) {
    throw new MappeFejl(`Mappen "${mappe}" er ikke et datasæt: hverken ${FILER.manifest} eller ${FILER.budget} findes der`);
  }
}

/** forbrug.csv's path when it is there and readable; a finding when it is there but not a readable file. */
function forbrugsfilI(mappe: string, fund: Fund[]): string | null {
  const fil = join(mappe, FILER.forbrug);
  if (!findes(fil)) return null;
  try {
    if (statSync(fil).isFile()) return fil;
    fund.push(nytFund(fil, null, null, 'ikke_en_fil', 'Stien er en mappe eller en speciel fil, ikke en CSV-fil'));
  } catch (e) {
    fund.push(ulaeseligFund(fil, e));
  }
  return null;
}

/**
 * A reader of the folder's CSV files into parsed rows. A file that is missing when required, cannot be read
 * as a table, or has rows that could not be read leaves the rules that look things up in it nothing sure to
 * check against: its list goes into `ufuldstaendige`, and those rules are skipped (and the findings say so)
 * rather than reporting every reference into it as broken.
 */
function csvLaeser(mappe: string, manifest: Manifest | null, fund: Fund[], ufuldstaendige: Set<Liste>) {
  const format: Talformat | undefined = manifest?.talformat;
  const faktor = ENHEDSFAKTOR[manifest?.beloebsenhed ?? 'kr'];
  const schemaer = filSchemaer(format ?? 'da', faktor);
  return async function laes<N extends keyof typeof LISTE>(navn: N, noegler: string[], paakraevet: boolean) {
    const fil = join(mappe, FILER[navn]);
    const ingen = { raekker: [] as Data<N>[], kolonner: [] as string[] };
    if (!findes(fil)) {
      if (paakraevet) {
        fund.push(nytFund(fil, null, null, 'mangler_fil', `Filen ${FILER[navn]} mangler i mappen`));
        ufuldstaendige.add(LISTE[navn]);
      }
      return { findes: false, ...ingen };
    }
    const spec = schemaer[navn];
    const tabel = await laesCsv(fil, spec, format, fund);
    if (!tabel) {
      ufuldstaendige.add(LISTE[navn]);
      return { findes: true, ...ingen };
    }
    // The number format follows each file's delimiter unless the manifest fixes it.
    const somManifest = tabel.talformat === (format ?? 'da') && tabel.fastlagt;
    const felter = (somManifest ? spec : filSchemaer(tabel.talformat, faktor, tabel.fastlagt)[navn]).felter;
    const { ud, droppede } = parseRaekker<Data<N>>(tabel.raekker, felter, noegler, fil, fund);
    if (tabel.udeladte + droppede > 0) ufuldstaendige.add(LISTE[navn]);
    return { findes: true, raekker: ud, kolonner: tabel.kolonner };
  };
}

/** Loads and checks a dataset folder. Throws `MappeFejl` only if the folder itself is missing. */
export async function indlaesDatasaet(mappe: string): Promise<Indlaesning> {
  tjekMappe(mappe);
  const fund: Fund[] = [];
  const sti = (f: string) => join(mappe, f);
  const filer = Object.values(FILER).map(sti);
  const manifest = await laesManifest(sti(FILER.manifest), fund);
  const ufuldstaendige = new Set<Liste>();
  const laes = csvLaeser(mappe, manifest, fund, ufuldstaendige);

  const po = await laes('politikomraader', ['nr'], true);
  const budget = await laes('budget', ['politikomraade', 'post'], true);
  if (budget.findes && budget.kolonner.length > 0 && budget.raekker.length === 0 && !fund.some((f) => f.fil === sti(FILER.budget))) {
    fund.push(nytFund(sti(FILER.budget), 1, null, 'ingen_poster', 'budget.csv har ingen poster: alle tal bliver 0', 'advarsel'));
  }
  const hp = await laes('helaarspersoner', ['ydelse'], false);
  const tabeller = {
    po, budget, hp,
    priser: await laes('enhedspriser', ['ydelse'], hp.findes),
    korr: await laes('korrektioner', ['politikomraade', 'post'], false),
    bev: await laes('bevillingsoensker', ['id', 'politikomraade', 'aar'], false),
    kontoplan: await laes('kontoplan', ['konto', 'politikomraade', 'post'], false),
    maanedstal: await laes('maanedstal', ['ydelse', 'maaned'], false),
    givne: await laes('bevillingerGivet', ['id', 'politikomraade', 'aar'], false),
    initiativer: await laes('initiativer', ['id', 'aar'], false),
  };
  // forbrug.csv (postings, possibly millions) is not read here: it is streamed when a report needs it.
  const forbrugsfil = forbrugsfilI(mappe, fund);
  const datasaet = manifest && byggDatasaet(manifest, tabeller, forbrugsfil, sti);
  if (datasaet) {
    const k = kontrollerDelvis(datasaet, ufuldstaendige);
    fund.push(...k.fund, ...k.sprungetOver.map((s) => nytFund(mappe, null, null, 'tjek_sprunget_over', s, 'advarsel')));
  }
  const alle = sorter(samlWindows1252(fund, mappe));
  return { datasaet: alle.some((f) => f.alvor === 'fejl') ? null : datasaet, fund: alle, filer };
}

type Tabel<N extends keyof typeof LISTE> = { raekker: Data<N>[]; kolonner: string[] };

/** The domain model from the parsed rows. A failed cell stays undefined and is named in `kilde.ugyldige`. */
function byggDatasaet(manifest: Manifest, t: {
  po: Tabel<'politikomraader'>; budget: Tabel<'budget'>; hp: Tabel<'helaarspersoner'>; priser: Tabel<'enhedspriser'>;
  korr: Tabel<'korrektioner'>; bev: Tabel<'bevillingsoensker'>; kontoplan: Tabel<'kontoplan'>;
  maanedstal: Tabel<'maanedstal'>; givne: Valgfri<'bevillingerGivet'>; initiativer: Valgfri<'initiativer'>;
}, forbrugsfil: string | null, sti: (f: string) => string): Datasaet {
  const stier = new Map<string, string>(Object.values(FILER).map((f) => [f, sti(f)])); // one join per file, not per row
  const kilde = (fil: string, r: { linje: number; ugyldige?: string[] }) =>
    ({ fil: stier.get(fil) ?? sti(fil), linje: r.linje, ...(r.ugyldige ? { ugyldige: r.ugyldige } : {}) });
  return {
    manifest,
    harForventetForrige: t.budget.kolonner.includes('forventet_forrige'),
    ...(t.budget.kolonner.includes('overfoeres') ? { harOverfoeres: true } : {}),
    politikomraader: t.po.raekker.map((r): Politikomraade => ({
      nr: r.nr, navn: r.navn, udvalg: r.udvalg, kilde: kilde(FILER.politikomraader, r),
    })),
    poster: t.budget.raekker.map((r): Budgetpost => ({
      politikomraade: r.politikomraade, post: r.post, udgiftsart: r.udgiftsart, vedtaget: r.vedtaget,
      korrigeret: r.korrigeret, forventet: r.forventet,
      forventetForrige: r.forventet_forrige, ...(r.overfoeres ? { overfoeres: r.overfoeres } : {}),
      kilde: kilde(FILER.budget, r),
    })),
    ydelser: t.hp.raekker.map((r): Ydelse => ({
      ydelse: r.ydelse,
      hp: {
        regnskabForrige: r.regnskab_forrige, vedtaget: r.vedtaget,
        korrigeret: r.korrigeret === null ? r.vedtaget : r.korrigeret, forventet: r.forventet,
      },
      kilde: kilde(FILER.helaarspersoner, r),
    })),
    enhedspriser: t.priser.raekker.map((r): Enhedspris => ({
      ydelse: r.ydelse, regnskabForrige: r.regnskab_forrige, budget: r.budget,
      forventet: r.forventet === null ? r.budget : r.forventet,
      kilde: kilde(FILER.enhedspriser, r),
    })),
    korrektioner: t.korr.raekker.map((r): Korrektion => ({
      politikomraade: r.politikomraade, post: r.post, beloeb: r.beloeb, tekst: r.tekst, type: r.type,
      kilde: kilde(FILER.korrektioner, r),
    })),
    bevillingslinjer: t.bev.raekker.map((r): Bevillingslinje => ({
      id: r.id, type: r.type, tekst: r.tekst, politikomraade: r.politikomraade, post: r.post,
      udgiftsart: r.udgiftsart, aar: r.aar, beloeb: r.beloeb, kilde: kilde(FILER.bevillingsoensker, r),
    })),
    kontoplan: t.kontoplan.raekker.map((r): Kontoplanlinje => ({
      konto: r.konto, politikomraade: r.politikomraade, post: r.post, kilde: kilde(FILER.kontoplan, r),
    })),
    maanedstal: t.maanedstal.raekker.map((r): Maanedstal => ({
      ydelse: r.ydelse, aar: r.maaned.aar, maaned: r.maaned.maaned, fuldtidspersoner: r.fuldtidspersoner, kilde: kilde(FILER.maanedstal, r),
    })),
    forbrugsfil,
    ...aaretsLister(t, kilde),
  };
}

type Valgfri<N extends keyof typeof LISTE> = Tabel<N> & { findes: boolean };

/** bevillinger_givet.csv and initiativer.csv, each only when the folder has it (FORMAT.md v2). */
function aaretsLister(
  t: { givne: Valgfri<'bevillingerGivet'>; initiativer: Valgfri<'initiativer'> },
  kilde: (fil: string, r: { linje: number; ugyldige?: string[] }) => Datasaet['poster'][number]['kilde'],
): Pick<Datasaet, 'givneBevillinger' | 'initiativer'> {
  return {
    ...(t.givne.findes ? { givneBevillinger: t.givne.raekker.map((r): GivetBevillingslinje => ({
      id: r.id, type: r.type, tekst: r.tekst, politikomraade: r.politikomraade, post: r.post, udgiftsart: r.udgiftsart,
      aar: r.aar, beloeb: r.beloeb, opfoelgning: r.opfoelgning, kilde: kilde(FILER.bevillingerGivet, r),
    })) } : {}),
    ...(t.initiativer.findes ? { initiativer: t.initiativer.raekker.map((r): Initiativ => ({
      id: r.id, tekst: r.tekst, udvalg: r.udvalg, politikomraade: r.politikomraade, aar: r.aar,
      planlagt: r.planlagt, realiseret: r.realiseret, status: r.status, kilde: kilde(FILER.initiativer, r),
    })) } : {}),
  };
}
