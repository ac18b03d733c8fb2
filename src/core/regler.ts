/**
 * Rules between files (FORMAT.md), as small pure functions over the loaded data. Each returns its
 * findings; `kontroller` runs them all. Per-cell rules (numbers, required values, ranges) live in
 * the loader's schemas, since they need the raw text.
 */
import { aktivitetsdelta, aktivitetsposter } from './aktivitet.js';
import { grupper } from './beregn.js';
import { kontrollerBevillingsarter, kontrollerBevillingslinjer, kontrollerBevillingsoensker } from './bevillinger.js';
import { Decimal, formatTal, sum } from './money.js';
import {
  erDriftsart, fund, INDTAEGTSARTER, postNoegle, type Budgetpost, type Datasaet, type Fund, type Kilde,
} from './model.js';
import { kontrollerInitiativer } from './initiativer.js';
import { menteDu } from './naermeste.js';

type Regel = (ds: Datasaet) => Fund[];

const fejl = (kilde: Kilde, kolonne: string | null, kode: string, besked: string): Fund => fund(kilde.fil, kilde.linje, kolonne, kode, besked);

function dubletter<T extends { kilde: Kilde }>(elementer: T[], noegle: (e: T) => string, fund: (e: T, foerste: T) => Fund): Fund[] {
  const set = new Map<string, T>();
  const ud: Fund[] = [];
  for (const e of elementer) {
    const n = noegle(e);
    const foerste = set.get(n);
    if (foerste) ud.push(fund(e, foerste));
    else set.set(n, e);
  }
  return ud;
}

/** The keys of budget.csv's posts, made once per `poster` array and shared by the rules that look posts up. */
const postnoeglerCache = new WeakMap<readonly unknown[], Set<string>>();
function postnoegler(ds: Datasaet): Set<string> {
  let s = postnoeglerCache.get(ds.poster);
  if (!s) postnoeglerCache.set(ds.poster, (s = new Set(ds.poster.map((p) => postNoegle(p.politikomraade, p.post)))));
  return s;
}

const unikkePolitikomraader: Regel = (ds) =>
  dubletter(ds.politikomraader, (p) => p.nr, (p, f) =>
    fejl(p.kilde, 'nr', 'dublet_politikomraade', `Politikområde ${p.nr} står allerede på linje ${f.kilde.linje}`));

const kendtePolitikomraader: Regel = (ds) => {
  const kendte = new Set(ds.politikomraader.map((p) => p.nr));
  return [...ds.poster, ...ds.korrektioner]
    .filter((r) => !kendte.has(r.politikomraade))
    .map((r) => fejl(r.kilde, 'politikomraade', 'ukendt_politikomraade',
      `Politikområde "${r.politikomraade}" findes ikke i politikomraader.csv${menteDu(r.politikomraade, kendte)}`));
};

const unikkePoster: Regel = (ds) =>
  dubletter(ds.poster, (p) => postNoegle(p.politikomraade, p.post), (p, f) =>
    fejl(p.kilde, 'post', 'dublet_post', `Posten "${p.post}" under ${p.politikomraade} står allerede på linje ${f.kilde.linje}`));

const unikkeYdelser: Regel = (ds) => [
  ...dubletter(ds.ydelser, (y) => y.ydelse, (y, f) =>
    fejl(y.kilde, 'ydelse', 'dublet_ydelse', `Ydelsen "${y.ydelse}" står allerede på linje ${f.kilde.linje}`)),
  ...dubletter(ds.enhedspriser, (y) => y.ydelse, (y, f) =>
    fejl(y.kilde, 'ydelse', 'dublet_ydelse', `Ydelsen "${y.ydelse}" står allerede på linje ${f.kilde.linje}`)),
];

const ydelseMatcherEnPost: Regel = (ds) => {
  const posterMedNavn = grupper(ds.poster, (p) => p.post);
  return ds.ydelser.flatMap((y) => {
    const poster = posterMedNavn.get(y.ydelse) ?? [];
    if (poster.length === 1) return [];
    return [poster.length === 0
      ? fejl(y.kilde, 'ydelse', 'ydelse_uden_post', `Ydelsen "${y.ydelse}" svarer ikke til nogen post i budget.csv (navnet skal være det samme)`)
      : fejl(y.kilde, 'ydelse', 'ydelse_flere_poster',
        `Ydelsen "${y.ydelse}" svarer til ${poster.length} poster i budget.csv (politikområde ${poster.map((p) => p.politikomraade).join(', ')})`)];
  });
};

const ydelseHarPris: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  const priser = new Set(ds.enhedspriser.map((p) => p.ydelse));
  return [
    ...ds.ydelser.filter((y) => !priser.has(y.ydelse)).map((y) =>
      fejl(y.kilde, 'ydelse', 'ydelse_uden_pris', `Ydelsen "${y.ydelse}" har ingen række i enhedspriser.csv`)),
    ...ds.enhedspriser.filter((p) => !ydelser.has(p.ydelse)).map((p) =>
      fejl(p.kilde, 'ydelse', 'pris_uden_ydelse', `Enhedsprisen for "${p.ydelse}" har ingen række i helaarspersoner.csv`)),
  ];
};

const forventetPaaRettePoster: Regel = (ds) => {
  const ydelser = aktivitetsposter(ds);
  const daekkes = new Set(ds.kontoplan.map((k) => postNoegle(k.politikomraade, k.post)));
  return ds.poster.flatMap((p) => {
    if (ydelser.has(p.post) && p.forventet !== null) {
      return [fejl(p.kilde, 'forventet', 'forventet_paa_aktivitetspost',
        `"${p.post}" er en aktivitetspost: forventet beregnes af helårspersoner × enhedspris og skal stå tom`)];
    }
    if (!ydelser.has(p.post) && p.forventet === null && !(ds.forbrugsfil && daekkes.has(postNoegle(p.politikomraade, p.post)))) {
      return [fejl(p.kilde, 'forventet', 'forventet_mangler',
        `Posten "${p.post}" mangler forventet regnskab (udfyld den, eller læg forbrug.csv og kontoplan.csv med postens konti i mappen, så fremskrives den af forbruget)`)];
    }
    return [];
  });
};

const forventetForrigeUdfyldt: Regel = (ds) =>
  ds.harForventetForrige
    ? ds.poster.filter((p) => p.forventetForrige === null).map((p) =>
      fejl(p.kilde, 'forventet_forrige', 'forventet_forrige_mangler',
        `Kolonnen forventet_forrige findes, så hver post skal have en værdi ("${p.post}" har ingen)`))
    : [];

const korrektionPaaKendtPost: Regel = (ds) => {
  const kendtePo = new Set(ds.politikomraader.map((p) => p.nr));
  const poster = postnoegler(ds);
  return ds.korrektioner
    .filter((k) => kendtePo.has(k.politikomraade) && !poster.has(postNoegle(k.politikomraade, k.post)))
    .map((k) => {
      const naboer = ds.poster.filter((p) => p.politikomraade === k.politikomraade).map((p) => p.post);
      const forslag = menteDu(k.post, naboer);
      const besked = `Posten "${k.post}" findes ikke under politikområde ${k.politikomraade} i budget.csv${forslag}`;
      return fejl(k.kilde, 'post', 'ukendt_post', besked);
    });
};

const kontoplanPaaKendtePoster: Regel = (ds) => {
  const poster = postnoegler(ds);
  return [
    ...dubletter(ds.kontoplan, (k) => k.konto, (k, f) => fejl(k.kilde, 'konto', 'dublet_konto', `Kontoen ${k.konto} står allerede på linje ${f.kilde.linje}`)),
    ...ds.kontoplan.filter((k) => !poster.has(postNoegle(k.politikomraade, k.post))).map((k) =>
      fejl(k.kilde, 'post', 'ukendt_post', `Posten "${k.post}" findes ikke under politikområde ${k.politikomraade} i budget.csv`)),
  ];
};

/** maanedstal.csv: known benefits. */
const maanedstalKendteYdelser: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  return ds.maanedstal.filter((m) => !ydelser.has(m.ydelse)).map((m) =>
    fejl(m.kilde, 'ydelse', 'ukendt_ydelse',
      `Ydelsen "${m.ydelse}" findes ikke i helaarspersoner.csv${menteDu(m.ydelse, ydelser)}`));
};

/** maanedstal.csv: one figure per benefit and month. */
const maanedstalUnikke: Regel = (ds) =>
  dubletter(ds.maanedstal, (m) => `${m.ydelse}\u0000${m.aar}-${m.maaned}`, (m, f) => fejl(m.kilde, 'maaned', 'dublet_maaned',
    `${m.ydelse} ${m.aar}-${String(m.maaned).padStart(2, '0')} står allerede på linje ${f.kilde.linje}`));

/** maanedstal.csv: the budget year's months from January without a gap. */
const maanedstalUdenHuller: Regel = (ds) => {
  const ud: Fund[] = [];
  const aar = ds.manifest.budgetaar;
  for (const [ydelse, tal] of grupper(ds.maanedstal.filter((m) => m.aar === aar), (m) => m.ydelse)) {
    const maaneder = new Set(tal.map((m) => m.maaned));
    const foersteHul = [...Array(Math.max(...maaneder)).keys()].map((i) => i + 1).find((m) => !maaneder.has(m));
    if (foersteHul !== undefined) {
      const senere = tal.find((m) => m.maaned > foersteHul)!;
      ud.push(fejl(senere.kilde, 'maaned', 'manglende_maaned',
        `${ydelse}: ${aar}-${String(foersteHul).padStart(2, '0')} mangler; årets måneder skal stå fra januar uden huller`));
    }
  }
  return ud;
};

const KOLONNER = ['vedtaget', 'korrigeret', 'forventet'] as const;

/** An income kind (skatter, tilskud og udligning, optagne lån) is negative: a positive amount looks like a slip. */
const indtaegtNegativ: Regel = (ds) =>
  ds.poster.filter((p) => INDTAEGTSARTER.includes(p.udgiftsart)).flatMap((p) => {
    const kolonne = KOLONNER.find((k) => p[k]?.gt(0));
    const besked = `"${p.post}" er ${p.udgiftsart}, en indtægt, som skrives negativt; `
      + `${kolonne} er positiv (fortegnsfejl?)`;
    return kolonne ? [fund(p.kilde.fil, p.kilde.linje, kolonne, 'indtaegt_positiv', besked, 'advarsel')] : [];
  });

/** An activity model belongs to a drift post (the benefits are overførsler or service). */
const ydelseIDrift: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  return ds.poster.filter((p) => ydelser.has(p.post) && !erDriftsart(p.udgiftsart)).map((p) =>
    fejl(p.kilde, 'udgiftsart', 'ydelse_ikke_drift',
      `"${p.post}" har en aktivitetsmodel i helaarspersoner.csv og skal være service eller overfoersel, `
      + `ikke ${p.udgiftsart}`));
};

const kr = (d: Decimal) => `${formatTal(d, { decimaler: 2, format: 'da', tusindtalsseparator: true })} kr.`;

/** The post's afvigelse as the engine computes it (korrektioner included); null when the files alone do not tell. */
function afvigelseAf(ds: Datasaet, p: Budgetpost, korrektioner: Map<string, Decimal>): Decimal | null {
  const korr = korrektioner.get(postNoegle(p.politikomraade, p.post));
  if (p.forventet !== null) return p.korrigeret.minus(p.forventet).minus(korr ?? 0);
  const y = ds.ydelser.filter((x) => x.ydelse === p.post);
  const pris = ds.enhedspriser.filter((x) => x.ydelse === p.post);
  if (y.length !== 1 || pris.length !== 1) return null; // a forecast from forbrug.csv, or another rule's finding
  return aktivitetsdelta(y[0]!, pris[0]!).plus(korr ?? 0).neg();
}

/** `overfoeres` is part of the afvigelse: same sign, no larger (a mindreforbrug, or a merforbrug carried over). */
const overfoeresIndenForAfvigelse: Regel = (ds) => {
  const korrektioner = new Map([...grupper(ds.korrektioner, (k) => postNoegle(k.politikomraade, k.post))]
    .map(([n, ks]) => [n, sum(ks.map((k) => k.beloeb))]));
  return ds.poster.flatMap((p) => {
    const o = p.overfoeres;
    const afv = o && !o.isZero() ? afvigelseAf(ds, p, korrektioner) : null;
    if (!o || !afv) return [];
    const [mindre, mer] = [Decimal.max(afv, 0), Decimal.min(afv, 0)];
    const besked = o.gt(mindre) ? `er større end postens mindreforbrug (${kr(mindre)})`
      : o.lt(mer) ? `er et større merforbrug end postens (${kr(mer)})` : null;
    const tekst = `"${p.post}": overfoeres (${kr(o)}) ${besked}`;
    return besked ? [fejl(p.kilde, 'overfoeres', 'overfoeres_over_afvigelse', tekst)] : [];
  });
};

/** Excel turns `2.1` typed into a cell into the date 2. januar (`02-jan`): the politikområde it probably was. */
const EXCEL_MAANED = new Map(
  ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].map((m, i) => [m, i + 1]),
);
const EXCEL_MAANED_EN = new Map([['may', 5], ['oct', 10]]);

/** The politikområde nr an Excel date such as `02-jan` or `2. jan` was typed as (`2.1`), or null. */
export function excelDato(v: string): string | null {
  const m = /^0?(\d{1,2})[-. ]+([a-zæøå]{3})[a-zæøå]*\.?(?:[-. ]+\d{2,4})?$/i.exec(v.trim());
  const maaned = m && (EXCEL_MAANED.get(m[2]!.toLowerCase()) ?? EXCEL_MAANED_EN.get(m[2]!.toLowerCase()));
  return maaned ? `${Number(m[1])}.${maaned}` : null;
}

/** A politikområde that Excel made a date of: the likely nr, as a warning (its references fail on their own). */
const politikomraadeSomDato: Regel = (ds) => {
  const henvisninger = [...ds.poster, ...ds.korrektioner, ...ds.bevillingslinjer, ...ds.kontoplan];
  const raekker: { politikomraade: string; kilde: Kilde; kolonne: string }[] = [
    ...ds.politikomraader.map((p) => ({ politikomraade: p.nr, kilde: p.kilde, kolonne: 'nr' })),
    ...henvisninger.map((r) => ({ politikomraade: r.politikomraade, kilde: r.kilde, kolonne: 'politikomraade' })),
  ];
  return raekker.flatMap((r) => {
    const nr = excelDato(r.politikomraade);
    return nr === null ? [] : [fund(r.kilde.fil, r.kilde.linje, r.kolonne, 'politikomraade_som_dato',
      `"${r.politikomraade}" ligner en dato: Excel har nok lavet politikområde ${nr} om til en dato; `
      + `skriv ${nr} igen og formatér kolonnen som Tekst`, 'advarsel')];
  });
};

/** The lists of a dataset that the rules read, each from one file. */
export type Liste = 'politikomraader' | 'poster' | 'ydelser' | 'enhedspriser' | 'korrektioner'
  | 'bevillingslinjer' | 'kontoplan' | 'maanedstal' | 'givneBevillinger' | 'initiativer';

export const LISTEFIL: Readonly<Record<Liste, string>> = {
  politikomraader: 'politikomraader.csv',
  poster: 'budget.csv',
  ydelser: 'helaarspersoner.csv',
  enhedspriser: 'enhedspriser.csv',
  korrektioner: 'korrektioner.csv',
  bevillingslinjer: 'bevillingsoensker.csv',
  kontoplan: 'kontoplan.csv',
  maanedstal: 'maanedstal.csv',
  givneBevillinger: 'bevillinger_givet.csv',
  initiativer: 'initiativer.csv',
};

interface RegelSpec {
  regel: Regel;
  /** What it checks, in Danish (named when it is skipped). */
  navn: string;
  /** Per list, the file columns it reads: a row with a failed cell among them takes no part in the rule. */
  laeser: Partial<Record<Liste, readonly string[]>>;
  /** Lists it looks things up in: when one could not be read whole, the rule is skipped (no false "unknown"). */
  kraever: readonly Liste[];
  /** Rows judged together (one request): a row left out leaves out its whole group. */
  grupper?: Partial<Record<Liste, (r: { id: string }) => string>>;
}

const PO = ['politikomraade'] as const;
const PO_POST = ['politikomraade', 'post'] as const;
const BEVILLINGSKOLONNER = ['id', 'type', 'tekst', 'politikomraade', 'aar', 'beloeb'] as const;

/** Every rule between files, in the order findings are usually read. */
const SPECS: readonly RegelSpec[] = [
  { regel: unikkePolitikomraader, navn: 'unikke politikområder', laeser: { politikomraader: ['nr'] }, kraever: [] },
  { regel: kendtePolitikomraader, navn: 'kendte politikområder', kraever: ['politikomraader'],
    laeser: { politikomraader: ['nr'], poster: PO, korrektioner: PO } },
  { regel: unikkePoster, navn: 'unikke poster', laeser: { poster: PO_POST }, kraever: [] },
  { regel: unikkeYdelser, navn: 'unikke ydelser', kraever: [],
    laeser: { ydelser: ['ydelse'], enhedspriser: ['ydelse'] } },
  { regel: ydelseMatcherEnPost, navn: 'ydelse svarer til én post', kraever: ['poster'],
    laeser: { ydelser: ['ydelse'], poster: PO_POST } },
  { regel: ydelseHarPris, navn: 'ydelse har enhedspris', kraever: ['ydelser', 'enhedspriser'],
    laeser: { ydelser: ['ydelse'], enhedspriser: ['ydelse'] } },
  { regel: forventetPaaRettePoster, navn: 'forventet på de rette poster', kraever: ['ydelser', 'kontoplan'],
    laeser: { poster: [...PO_POST, 'forventet'], ydelser: ['ydelse'], kontoplan: PO_POST } },
  { regel: forventetForrigeUdfyldt, navn: 'forventet_forrige udfyldt', kraever: [],
    laeser: { poster: ['post', 'forventet_forrige'] } },
  { regel: korrektionPaaKendtPost, navn: 'korrektioner på kendte poster', kraever: ['politikomraader', 'poster'],
    laeser: { politikomraader: ['nr'], poster: PO_POST, korrektioner: PO_POST } },
  { regel: kontrollerBevillingslinjer, navn: 'bevillingslinjer på kendte poster',
    kraever: ['politikomraader', 'poster'],
    laeser: { politikomraader: ['nr'], poster: PO_POST, bevillingslinjer: ['id', ...PO_POST] } },
  { regel: kontrollerBevillingsarter, navn: 'bevillingslinjernes udgiftsart', kraever: [],
    laeser: { poster: [...PO_POST, 'udgiftsart'], bevillingslinjer: ['id', ...PO_POST, 'udgiftsart'] } },
  { regel: kontrollerBevillingsoensker, navn: 'bevillingsønskernes balance', kraever: ['bevillingslinjer'],
    laeser: { bevillingslinjer: BEVILLINGSKOLONNER }, grupper: { bevillingslinjer: (l) => l.id } },
  { regel: kontoplanPaaKendtePoster, navn: 'kontoplan på kendte poster', kraever: ['poster'],
    laeser: { kontoplan: ['konto', ...PO_POST], poster: PO_POST } },
  { regel: maanedstalKendteYdelser, navn: 'månedstal for kendte ydelser', kraever: ['ydelser'],
    laeser: { maanedstal: ['ydelse'], ydelser: ['ydelse'] } },
  { regel: maanedstalUnikke, navn: 'unikke månedstal', kraever: [], laeser: { maanedstal: ['ydelse', 'maaned'] } },
  { regel: maanedstalUdenHuller, navn: 'månedstal uden huller', kraever: ['maanedstal'],
    laeser: { maanedstal: ['ydelse', 'maaned'] } },
  { regel: politikomraadeSomDato, navn: 'politikområder som datoer', kraever: [],
    laeser: { politikomraader: ['nr'], poster: PO, korrektioner: PO, bevillingslinjer: PO, kontoplan: PO } },
  { regel: indtaegtNegativ, navn: 'indtægter med negativt fortegn', kraever: [],
    laeser: { poster: ['post', 'udgiftsart', 'vedtaget', 'korrigeret', 'forventet'] } },
  { regel: ydelseIDrift, navn: 'aktivitetsmodeller på driftsposter', kraever: [],
    laeser: { ydelser: ['ydelse'], poster: ['post', 'udgiftsart'] } },
  // Posts whose ydelse or price could not be read are left out by the rule itself (no afvigelse to compare with).
  { regel: overfoeresIndenForAfvigelse, navn: 'overfoeres inden for afvigelsen', kraever: [],
    laeser: {
      poster: [...PO_POST, 'korrigeret', 'forventet', 'overfoeres'], korrektioner: [...PO_POST, 'beloeb'],
      ydelser: ['ydelse', 'vedtaget', 'korrigeret', 'forventet'], enhedspriser: ['ydelse', 'budget', 'forventet'],
    } },
  { regel: kontrollerInitiativer, navn: 'budgetaftalens initiativer', kraever: ['politikomraader'],
    laeser: { politikomraader: ['nr', 'udvalg'], initiativer: ['id', 'udvalg', 'politikomraade', 'aar'] } },
];

export const REGLER: readonly Regel[] = SPECS.map((s) => s.regel);

/**
 * The dataset a rule sees: per list it reads, the rows without a failed cell in its columns (and without
 * the rest of their group). Returns the lists it must skip for: a looked-up list that lost rows.
 */
function udsnit(ds: Datasaet, spec: RegelSpec): { ds: Datasaet; mangler: Liste[] } {
  const ud: Record<string, unknown> = { ...ds };
  const mangler: Liste[] = [];
  for (const [liste, kolonner] of Object.entries(spec.laeser) as [Liste, readonly string[]][]) {
    const raekker = (ds[liste] ?? []) as readonly { kilde: Kilde; id?: string }[]; // the optional lists may be absent
    const ude = raekker.filter((r) => r.kilde.ugyldige?.some((k) => kolonner.includes(k)));
    if (ude.length === 0) continue;
    const gruppe = spec.grupper?.[liste];
    const udeGrupper = new Set(gruppe ? ude.map((r) => gruppe(r as { id: string })) : []);
    const udeSet = new Set(ude);
    ud[liste] = raekker.filter((r) => !udeSet.has(r) && !(gruppe && udeGrupper.has(gruppe(r as { id: string }))));
    if (spec.kraever.includes(liste) && !gruppe) mangler.push(liste); // a whole group left out is no hole
  }
  return { ds: ud as unknown as Datasaet, mangler };
}

/**
 * Runs the rules on the rows that could be read. A rule that looks things up in a list that could not be
 * read whole (`ufuldstaendige`, or rows with failed cells it reads) is skipped; `sprungetOver` says which.
 */
export function kontrollerDelvis(
  ds: Datasaet, ufuldstaendige: ReadonlySet<Liste>,
): { fund: Fund[]; sprungetOver: string[] } {
  const fundListe: Fund[] = [];
  const sprunget = new Map<Liste, string[]>();
  for (const spec of SPECS) {
    const u = udsnit(ds, spec);
    const mangler = [...new Set([...spec.kraever.filter((l) => ufuldstaendige.has(l)), ...u.mangler])];
    if (mangler.length === 0) fundListe.push(...spec.regel(u.ds));
    for (const l of mangler) sprunget.set(l, [...(sprunget.get(l) ?? []), spec.navn]);
  }
  const sprungetOver = [...sprunget].map(([l, navne]) =>
    `Tjek mellem filer sprunget over, fordi ikke alle rækker i ${LISTEFIL[l]} kunne læses `
    + `(ret fejlene i filen først): ${navne.join('; ')}`);
  return { fund: fundListe, sprungetOver };
}

/** Runs every rule; returns all findings (empty = the dataset can be computed). */
export function kontroller(ds: Datasaet): Fund[] {
  return kontrollerDelvis(ds, new Set()).fund;
}
