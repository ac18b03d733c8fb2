/**
 * The aggregation engine: from a (validated) dataset to the follow-up as data. Every report, and every
 * later transformation (scenarios, bevillinger, forecasts), goes through `beregn`; there is no second path.
 *
 * Sign convention: afvigelse = korrigeret − forventet; negative = merforbrug. All amounts kr, exact.
 */
import { Decimal, NUL, sum } from './money.js';
import { postNoegle as noegle, UDGIFTSARTER, type Datasaet, type Enhedspris, type Korrektion, type Manifest, type Udgiftsart, type Ydelse } from './model.js';

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
export class UgyldigtDatasaet extends Error {}

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

/** The activity model's change to a post's forventet (kr): hp_forventet × pris_forventet − hp_korrigeret × pris_budget. */
export function aktivitetsdelta(y: Ydelse, pris: Enhedspris): Decimal {
  return y.hp.forventet.times(pris.forventet).minus(y.hp.korrigeret.times(pris.budget));
}

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

/** Computes the whole follow-up: forventet per post, every aggregate, and the activity decomposition. */
export function beregn(ds: Datasaet): Opfoelgning {
  const harFF = ds.harForventetForrige;
  const postNavne = grupper(ds.poster, (p) => p.post);
  const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p]));
  const ydelseForPost = new Map<string, { y: Ydelse; pris: Enhedspris }>();
  for (const y of ds.ydelser) {
    const poster = postNavne.get(y.ydelse) ?? [];
    const pris = priser.get(y.ydelse);
    if (poster.length !== 1) throw new UgyldigtDatasaet(`Ydelsen "${y.ydelse}" svarer til ${poster.length} budgetposter`);
    if (!pris) throw new UgyldigtDatasaet(`Ydelsen "${y.ydelse}" har ingen enhedspris`);
    ydelseForPost.set(noegle(poster[0]!.politikomraade, y.ydelse), { y, pris });
  }
  const korrektionerForPost = grupper(ds.korrektioner, (k) => noegle(k.politikomraade, k.post));

  const ydelser: YdelseResultat[] = [];
  const postResultater = ds.poster.map((p): PostResultat => {
    const korrektioner = korrektionerForPost.get(noegle(p.politikomraade, p.post)) ?? [];
    // Most posts have no korrektioner: no arithmetic on zeros (scenario runs compute this thousands of times).
    const korrektionssum = korrektioner.length ? sum(korrektioner.map((k) => k.beloeb)) : NUL;
    const handleplansum = korrektioner.length ? sum(korrektioner.filter((k) => k.type === 'handleplan').map((k) => k.beloeb)) : NUL;
    const handleplaneffekt = handleplansum.isZero() ? NUL : handleplansum.neg();
    const aktivitet = ydelseForPost.get(noegle(p.politikomraade, p.post));
    if (!aktivitet && !p.forventet) throw new UgyldigtDatasaet(`Posten "${p.post}" mangler forventet`);
    const grundlag = aktivitet ? p.korrigeret.plus(aktivitetsdelta(aktivitet.y, aktivitet.pris)) : p.forventet!;
    const forventet = korrektionssum.isZero() ? grundlag : grundlag.plus(korrektionssum);
    const afvigelse = p.korrigeret.minus(forventet);
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
        maengdeeffekt: y.hp.forventet.minus(y.hp.korrigeret).times(pris.budget).neg(),
        priseffekt: pris.forventet.minus(pris.budget).times(y.hp.forventet).neg(),
        korrektionseffekt: korrektionssum.neg(),
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

  // Politikområder in the order of politikomraader.csv; only those with budget posts are part of the table.
  const politikomraader: PolitikomraadeResultat[] = [];
  for (const po of ds.politikomraader) {
    const poster = postResultater.filter((p) => p.politikomraade === po.nr);
    if (poster.length === 0) continue;
    const udgiftsarter = Object.fromEntries(
      UDGIFTSARTER.map((u) => [u, summer(poster.filter((p) => p.udgiftsart === u).map((p) => p.sum), harFF)]),
    ) as Record<Udgiftsart, Summering>;
    politikomraader.push({
      nr: po.nr,
      navn: po.navn,
      udvalg: po.udvalg,
      sum: summer(UDGIFTSARTER.map((u) => udgiftsarter[u]), harFF),
      udgiftsarter,
      poster,
    });
  }
  const udvalgNavne = [...new Set(politikomraader.map((p) => p.udvalg))];
  const udvalg = udvalgNavne.map((navn) => ({
    navn,
    sum: summer(politikomraader.filter((p) => p.udvalg === navn).map((p) => p.sum), harFF),
  }));
  const udgiftsarter = Object.fromEntries(
    UDGIFTSARTER.map((u) => [u, summer(politikomraader.map((p) => p.udgiftsarter[u]), harFF)]),
  ) as Record<Udgiftsart, Summering>;

  return {
    manifest: ds.manifest,
    harForventetForrige: harFF,
    politikomraader,
    udvalg,
    udgiftsarter,
    total: summer(udvalg.map((u) => u.sum), harFF),
    ydelser,
  };
}
