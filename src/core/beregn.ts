/**
 * The aggregation engine: from a (validated) dataset to the follow-up as data. Every report, and every
 * later transformation (scenarios, bevillinger, forecasts), goes through `beregn`; there is no second path.
 *
 * Sign convention: afvigelse = korrigeret − forventet; negative = merforbrug. All amounts kr, exact.
 */
import { aktivitetsdelta, aktivitetseffekter } from './aktivitet.js';
import { afvigelseAf } from './fortegn.js';
import { Decimal, NUL, sum } from './money.js';
import { driftsdel, type Driftsdatasaet } from './drift.js';
import {
  postNoegle as noegle, UDGIFTSARTER, type Budgetpost, type Datasaet, type Enhedspris, type Korrektion, type Manifest, type Politikomraade, type Udgiftsart, type Ydelse,
} from './model.js';

/** The figures of one row of a deviation table (kr). */
export interface Summering {
  vedtaget: Decimal;
  korrigeret: Decimal;
  forventet: Decimal;
  /** null when budget.csv has no `forventet_forrige`. */
  forventetForrige: Decimal | null;
  /** korrigeret − forventet; negative = merforbrug. */
  afvigelse: Decimal;
  /** What the handleplaner add to the afvigelse (−Σ handleplan korrektioner); afvigelse before handleplaner = afvigelse − handleplaneffekt. */
  handleplaneffekt: Decimal;
}

export interface PostResultat {
  politikomraade: string;
  post: string;
  udgiftsart: Udgiftsart;
  /** True when the forventet comes from the activity model (helårspersoner × pris). */
  aktivitet: boolean;
  sum: Summering;
  korrektioner: Korrektion[];
}

export interface PolitikomraadeResultat {
  nr: string;
  navn: string;
  udvalg: string;
  sum: Summering;
  udgiftsarter: Record<Udgiftsart, Summering>;
  poster: PostResultat[];
}

export interface UdvalgResultat {
  navn: string;
  sum: Summering;
}

/** A benefit's deviation explained (kr; same sign as afvigelse, so the three effects add up to it exactly). */
export interface YdelseResultat {
  ydelse: string;
  politikomraade: string;
  udgiftsart: Udgiftsart;
  hp: Ydelse['hp'];
  pris: Enhedspris;
  /** The post's korrigeret budget. */
  budget: Decimal;
  forventet: Decimal;
  afvigelse: Decimal;
  /** −(hp_forventet − hp_korrigeret) × pris_budget */
  maengdeeffekt: Decimal;
  /** −(pris_forventet − pris_budget) × hp_forventet */
  priseffekt: Decimal;
  /** −Σ korrektioner on the post (handleplaner included). */
  korrektionseffekt: Decimal;
  /** −Σ handleplan korrektioner on the post (part of korrektionseffekt). */
  handleplaneffekt: Decimal;
  korrektioner: Korrektion[];
}

export interface Opfoelgning {
  manifest: Manifest;
  harForventetForrige: boolean;
  politikomraader: PolitikomraadeResultat[];
  udvalg: UdvalgResultat[];
  udgiftsarter: Record<Udgiftsart, Summering>;
  total: Summering;
  ydelser: YdelseResultat[];
}

/** Thrown when `beregn` is handed a dataset that has not passed the loader's rules. */
export class UgyldigtDatasaet extends Error {
  override name = 'UgyldigtDatasaet'; // its own name in a stack trace, also from the minified bundle
}

/** A summary of nothing (the start of a sum); forventetForrige null when the dataset has none. */
export function tomSummering(harForventetForrige: boolean): Summering {
  return { vedtaget: NUL, korrigeret: NUL, forventet: NUL, forventetForrige: harForventetForrige ? NUL : null, afvigelse: NUL, handleplaneffekt: NUL };
}

/**
 * Adds summaries field by field (exact); forventetForrige stays null if any part lacks it. The afvigelse
 * is korrigeret − forventet of the sums, which in exact arithmetic is the sum of the parts' afvigelser
 * (and a fifth of the work: scenario runs call this thousands of times).
 */
export function summer(dele: Summering[], harForventetForrige: boolean): Summering {
  const s = tomSummering(harForventetForrige);
  for (const d of dele) {
    s.vedtaget = s.vedtaget.plus(d.vedtaget);
    s.korrigeret = s.korrigeret.plus(d.korrigeret);
    s.forventet = s.forventet.plus(d.forventet);
    s.forventetForrige = s.forventetForrige && d.forventetForrige ? s.forventetForrige.plus(d.forventetForrige) : null;
    if (!d.handleplaneffekt.isZero()) s.handleplaneffekt = s.handleplaneffekt.plus(d.handleplaneffekt);
  }
  s.afvigelse = s.korrigeret.minus(s.forventet);
  return s;
}

/** The part of a sum that budget.csv alone decides. */
type FastDel = Pick<Summering, 'vedtaget' | 'korrigeret' | 'forventetForrige'>;

/**
 * What budget.csv and politikomraader.csv alone decide: each post's key, the posts per name, the
 * grouping of posts into politikområder and udgiftsarter, and the fixed parts of every aggregate
 * (vedtaget, korrigeret, forventet_forrige). Kept per `poster` array: a scenario that changes
 * helårspersoner, prices, korrektioner or handleplaner keeps the array and reuses all of it; one that
 * changes a post makes a new array and so a new structure.
 */
interface Struktur {
  politikomraader: readonly Politikomraade[];
  harFF: boolean;
  noegler: string[];
  postNavne: Map<string, Budgetpost[]>;
  /** Politikområder with budget posts, in the order of politikomraader.csv, with their posts' indices per udgiftsart. */
  grupper: { po: Politikomraade; poster: number[]; udgiftsarter: Record<Udgiftsart, number[]> }[];
  faste: Map<string, FastDel>;
}
const strukturer = new WeakMap<readonly Budgetpost[], Struktur>();

function struktur(ds: Datasaet): Struktur {
  const c = strukturer.get(ds.poster);
  if (c && c.politikomraader === ds.politikomraader && c.harFF === ds.harForventetForrige) return c;
  const noegler = ds.poster.map((p) => noegle(p.politikomraade, p.post));
  const s: Struktur = {
    politikomraader: ds.politikomraader,
    harFF: ds.harForventetForrige,
    noegler,
    postNavne: grupper(ds.poster, (p) => p.post),
    grupper: grupperPoster(ds),
    faste: new Map(),
  };
  strukturer.set(ds.poster, s);
  return s;
}

/**
 * Each politikområde with budget posts and its posts' indices, in one pass over the posts (a scan per
 * politikområde made 40.000 politikområder take minutes). A politikområde listed twice gets its posts once.
 */
function grupperPoster(ds: Datasaet): Struktur['grupper'] {
  const perPo = grupper(ds.poster.map((_, i) => i), (i) => ds.poster[i]!.politikomraade);
  const sete = new Set<string>();
  return ds.politikomraader.flatMap((po) => {
    const poster = perPo.get(po.nr);
    if (!poster || sete.has(po.nr)) return [];
    sete.add(po.nr);
    const udgiftsarter = Object.fromEntries(
      UDGIFTSARTER.map((u) => [u, poster.filter((i) => ds.poster[i]!.udgiftsart === u)]),
    );
    return [{ po, poster, udgiftsarter: udgiftsarter as Record<Udgiftsart, number[]> }];
  });
}

/** Korrektioner per post key, kept per `korrektioner` array. */
const korrektionsIndeks = new WeakMap<readonly Korrektion[], Map<string, Korrektion[]>>();
function korrektionerPerPost(ds: Datasaet): Map<string, Korrektion[]> {
  let m = korrektionsIndeks.get(ds.korrektioner);
  if (!m) korrektionsIndeks.set(ds.korrektioner, (m = grupper(ds.korrektioner, (k) => noegle(k.politikomraade, k.post))));
  return m;
}

/** `summer` with the fixed part already known: adds only forventet and handleplaneffekt. */
function summerMedFast(fast: FastDel, dele: Summering[]): Summering {
  let forventet = NUL;
  let handleplaneffekt = NUL;
  for (const d of dele) {
    forventet = forventet.plus(d.forventet);
    if (!d.handleplaneffekt.isZero()) handleplaneffekt = handleplaneffekt.plus(d.handleplaneffekt);
  }
  const { vedtaget, korrigeret, forventetForrige } = fast;
  return { vedtaget, korrigeret, forventet, forventetForrige, afvigelse: afvigelseAf(korrigeret, forventet), handleplaneffekt };
}

export { aktivitetsdelta } from './aktivitet.js';

/** kr, canonical sign: the afvigelse the summary would have without its handleplaner. */
export const afvigelseFoerHandleplaner = (s: Summering): Decimal => s.afvigelse.minus(s.handleplaneffekt);

/** Elements grouped by key, in first-seen order. */
export function grupper<T>(elementer: readonly T[], noegleAf: (e: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const e of elementer) {
    const n = noegleAf(e);
    const liste = m.get(n);
    if (liste) liste.push(e);
    else m.set(n, [e]);
  }
  return m;
}

/** Each activity post's ydelse and price, keyed by `noegle(politikomraade, post)`. */
function ydelserPerPost(ds: Driftsdatasaet, st: Struktur): Map<string, { y: Ydelse; pris: Enhedspris }> {
  const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p]));
  const ydelseForPost = new Map<string, { y: Ydelse; pris: Enhedspris }>();
  for (const y of ds.ydelser) {
    const poster = st.postNavne.get(y.ydelse) ?? [];
    const pris = priser.get(y.ydelse);
    if (poster.length !== 1) throw new UgyldigtDatasaet(`Ydelsen "${y.ydelse}" svarer til ${poster.length} budgetposter`);
    if (!pris) throw new UgyldigtDatasaet(`Ydelsen "${y.ydelse}" har ingen enhedspris`);
    ydelseForPost.set(noegle(poster[0]!.politikomraade, y.ydelse), { y, pris });
  }
  return ydelseForPost;
}

/** Forventet and afvigelse per post (kr, exact), and the activity decomposition of each activity post. */
function beregnPoster(ds: Driftsdatasaet, st: Struktur): { postResultater: PostResultat[]; ydelser: YdelseResultat[] } {
  const harFF = ds.harForventetForrige;
  const ydelseForPost = ydelserPerPost(ds, st);
  const korrektionerForPost = korrektionerPerPost(ds);
  const ydelser: YdelseResultat[] = [];
  const postResultater = ds.poster.map((p, i): PostResultat => {
    const korrektioner = korrektionerForPost.get(st.noegler[i]!) ?? [];
    // Most posts have no korrektioner: no arithmetic on zeros (scenario runs compute this thousands of times).
    const korrektionssum = korrektioner.length ? sum(korrektioner.map((k) => k.beloeb)) : NUL;
    const handleplansum = korrektioner.length ? sum(korrektioner.filter((k) => k.type === 'handleplan').map((k) => k.beloeb)) : NUL;
    const handleplaneffekt = handleplansum.isZero() ? NUL : handleplansum.neg();
    const aktivitet = ydelseForPost.get(st.noegler[i]!);
    if (!aktivitet && !p.forventet) throw new UgyldigtDatasaet(`Posten "${p.post}" mangler forventet`);
    const grundlag = aktivitet ? p.korrigeret.plus(aktivitetsdelta(aktivitet.y, aktivitet.pris)) : p.forventet!;
    const forventet = korrektionssum.isZero() ? grundlag : grundlag.plus(korrektionssum);
    const afvigelse = afvigelseAf(p.korrigeret, forventet);
    if (aktivitet) {
      const { y, pris } = aktivitet;
      ydelser.push({
        ydelse: y.ydelse,
        politikomraade: p.politikomraade,
        udgiftsart: p.udgiftsart,
        hp: y.hp,
        pris,
        budget: p.korrigeret,
        forventet,
        afvigelse,
        ...aktivitetseffekter(y, pris),
        korrektionseffekt: korrektionssum.isZero() ? NUL : korrektionssum.neg(),
        handleplaneffekt,
        korrektioner,
      });
    }
    return {
      politikomraade: p.politikomraade,
      post: p.post,
      udgiftsart: p.udgiftsart,
      aktivitet: aktivitet !== undefined,
      korrektioner,
      sum: {
        vedtaget: p.vedtaget,
        korrigeret: p.korrigeret,
        forventet,
        forventetForrige: harFF ? (p.forventetForrige ?? NUL) : null,
        afvigelse,
        handleplaneffekt,
      },
    };
  });
  return { postResultater, ydelser };
}

/**
 * Computes the whole follow-up: forventet per post, every aggregate, and the activity decomposition.
 * The dataset is read, never changed, and must not be changed in place afterwards: what budget.csv alone
 * decides is remembered per `poster` array. Make new arrays instead, as `anvendScenarie` does.
 */
export function beregn(alle: Datasaet): Opfoelgning {
  const ds = driftsdel(alle); // the drift kinds only: the other kinds belong to the hovedoversigt
  const harFF = ds.harForventetForrige;
  const st = struktur(ds);
  const { postResultater, ydelser } = beregnPoster(ds, st);

  /** The sum of `dele`, the group named by `gruppe` (its fixed part computed once per structure). */
  const summerGruppe = (gruppe: string, dele: Summering[]): Summering => {
    let fast = st.faste.get(gruppe);
    if (!fast) {
      const { vedtaget, korrigeret, forventetForrige } = summer(dele, harFF);
      st.faste.set(gruppe, (fast = { vedtaget, korrigeret, forventetForrige }));
    }
    return summerMedFast(fast, dele);
  };
  const summerPoster = (gruppe: string, indeks: number[]) => summerGruppe(gruppe, indeks.map((i) => postResultater[i]!.sum));

  // Politikområder in the order of politikomraader.csv; only those with budget posts are part of the table.
  const politikomraader = st.grupper.map(({ po, poster, udgiftsarter: arter }): PolitikomraadeResultat => {
    const udgiftsarter = { service: summerPoster(noegle(po.nr, 'service'), arter.service), overfoersel: summerPoster(noegle(po.nr, 'overfoersel'), arter.overfoersel) };
    return {
      nr: po.nr,
      navn: po.navn,
      udvalg: po.udvalg,
      sum: summerGruppe(po.nr, [udgiftsarter.service, udgiftsarter.overfoersel]),
      udgiftsarter,
      poster: poster.map((i) => postResultater[i]!),
    };
  });
  const udvalg = [...grupper(politikomraader, (p) => p.udvalg)].map(([navn, omraader]) => ({
    navn,
    sum: summerGruppe(`\u0001udvalg\u0000${navn}`, omraader.map((p) => p.sum)),
  }));
  const udgiftsarter = Object.fromEntries(
    UDGIFTSARTER.map((u) => [u, summerGruppe(`\u0001art\u0000${u}`, politikomraader.map((p) => p.udgiftsarter[u]))]),
  ) as Record<Udgiftsart, Summering>;

  return {
    manifest: ds.manifest,
    harForventetForrige: harFF,
    politikomraader,
    udvalg,
    udgiftsarter,
    total: summerGruppe('\u0001total', udvalg.map((u) => u.sum)),
    ydelser,
  };
}
