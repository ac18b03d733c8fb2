/**
 * The whole municipality's resultatopgørelse (FORMAT.md v2, "hovedoversigt"): one line per kind, the three
 * results, the kasse and the rammer. Sign as everywhere: positive = udgift, negative = indtægt, and
 * afvigelse = korrigeret − forventet (positive = better for the kasse). All amounts kr, exact.
 *
 * Every post's figures come from the one engine (`beregn`): the drift posts from the follow-up itself, the
 * other kinds by handing the engine those posts as plain posts (no activity model applies to them), so a
 * korrektion on an anlæg post counts exactly as one on a drift post.
 */
import { beregn, summer, type Opfoelgning, type PostResultat, type Summering } from './beregn.js';
import { NUL, sum, type Decimal } from './money.js';
import { ARTER, erDriftsart, postNoegle, type Art, type Budgetpost, type Datasaet, type Manifest } from './model.js';

/** The line texts of the resultatopgørelse. */
export const ART_TEKST: Record<Art, string> = {
  skatter: 'Skatter',
  tilskud_udligning: 'Tilskud og udligning',
  service: 'Serviceudgifter',
  overfoersel: 'Overførselsudgifter',
  renter: 'Renter m.v.',
  anlaeg: 'Skattefinansierede anlæg',
  forsyning: 'Forsyningsvirksomheder',
  laan: 'Optagne lån',
  afdrag: 'Afdrag på lån',
  finansforskydninger: 'Finansforskydninger',
};

/** The lines that make up the resultat af ordinær drift. */
export const ORDINAER_DRIFT: readonly Art[] = ['skatter', 'tilskud_udligning', 'service', 'overfoersel', 'renter'];

/** A summary with the part of its afvigelse carried over to next year (kr; 0 without `overfoeres`). */
export interface Hovedsum {
  sum: Summering;
  overfoeres: Decimal;
}

export interface Hovedlinje extends Hovedsum {
  art: Art;
  tekst: string;
  /** Drift lines: a sub-row per udvalg with posts of the kind (order of politikomraader.csv); [] for the others. */
  udvalg: ({ navn: string } & Hovedsum)[];
}

/** Spending of one kind against a ceiling; over = spending − ramme (positive = over the ramme). */
export interface Ramme {
  ramme: Decimal;
  korrigeret: Decimal;
  forventet: Decimal;
  overKorrigeret: Decimal;
  overForventet: Decimal;
}

export interface Hovedoversigt {
  manifest: Manifest;
  harForventetForrige: boolean;
  harOverfoeres: boolean;
  linjer: Hovedlinje[];
  resultater: { ordinaerDrift: Hovedsum; skattefinansieret: Hovedsum; likvideAktiver: Hovedsum };
  /** ultimo = primo + ændring af likvide aktiver; null without `kasse_primo`. */
  kasse: { primo: Decimal; korrigeretUltimo: Decimal; forventetUltimo: Decimal } | null;
  serviceramme: Ramme | null;
  anlaegsramme: Ramme | null;
}

/** Each post's computed figures with its kind, drift and the other kinds alike, in budget.csv's order. */
export function postResultater(
  ds: Datasaet,
  o: Opfoelgning = beregn(ds),
): { art: Art; udvalg: string; p: PostResultat; post: Budgetpost }[] {
  const andre = ds.poster.filter((p) => !erDriftsart(p.udgiftsart));
  // The engine computes the other kinds as plain posts: forventet from the file plus korrektioner.
  const oAndre = andre.length
    ? beregn({
        ...ds,
        poster: andre.map((p) => ({ ...p, udgiftsart: 'service' as const })),
        ydelser: [],
        enhedspriser: [],
      })
    : null;
  const resultat = new Map<string, { p: PostResultat; udvalg: string }>();
  for (const x of [o, oAndre]) {
    for (const po of x?.politikomraader ?? [])
      for (const p of po.poster) resultat.set(postNoegle(p.politikomraade, p.post), { p, udvalg: po.udvalg });
  }
  return ds.poster.flatMap((post) => {
    const r = resultat.get(postNoegle(post.politikomraade, post.post));
    return r ? [{ art: post.udgiftsart, udvalg: r.udvalg, p: r.p, post }] : [];
  });
}

const overfoert = (poster: readonly { post: Budgetpost }[]) => sum(poster.map((x) => x.post.overfoeres ?? NUL));

/** Every amount negated except the afvigelse, which stays korrigeret − forventet of the plain sum. */
function negeret(s: Summering): Summering {
  return {
    ...s,
    vedtaget: s.vedtaget.neg(),
    korrigeret: s.korrigeret.neg(),
    forventet: s.forventet.neg(),
    forventetForrige: s.forventetForrige?.neg() ?? null,
  };
}

function ramme(ramme: Decimal | undefined, linje: Hovedlinje): Ramme | null {
  if (ramme === undefined) return null;
  const { korrigeret, forventet } = linje.sum;
  return {
    ramme,
    korrigeret,
    forventet,
    overKorrigeret: korrigeret.minus(ramme),
    overForventet: forventet.minus(ramme),
  };
}

/** The over-ramme amount in % of the ramme (null when the ramme is 0). */
export const rammePct = (over: Decimal, r: Decimal): Decimal | null => (r.isZero() ? null : over.div(r).times(100));

/**
 * The resultatopgørelse of a dataset (kr): lines in FORMAT.md's order, resultat af ordinær drift (skatter …
 * renter), resultat af det skattefinansierede område (+ anlæg), ændring af likvide aktiver = −(every line),
 * whose afvigelse is its forventet − korrigeret (negative = less cash); the kasse and the rammer from the manifest.
 */
export function hovedoversigt(ds: Datasaet, o: Opfoelgning = beregn(ds)): Hovedoversigt {
  const harFF = ds.harForventetForrige;
  const poster = postResultater(ds, o);
  const hovedsum = (dele: typeof poster): Hovedsum => ({
    sum: summer(
      dele.map((x) => x.p.sum),
      harFF,
    ),
    overfoeres: overfoert(dele),
  });
  const linjer = ARTER.map((art): Hovedlinje => {
    const egne = poster.filter((x) => x.art === art);
    const udvalg = erDriftsart(art) ? o.udvalg.map((u) => u.navn).filter((n) => egne.some((x) => x.udvalg === n)) : [];
    return {
      art,
      tekst: ART_TEKST[art],
      ...hovedsum(egne),
      udvalg: udvalg.map((navn) => ({ navn, ...hovedsum(egne.filter((x) => x.udvalg === navn)) })),
    };
  });
  const samlet = (dele: Hovedsum[]): Hovedsum => ({
    sum: summer(
      dele.map((d) => d.sum),
      harFF,
    ),
    overfoeres: sum(dele.map((d) => d.overfoeres)),
  });
  const ordinaerDrift = samlet(linjer.filter((l) => ORDINAER_DRIFT.includes(l.art)));
  const anlaeg = linjer.find((l) => l.art === 'anlaeg')!;
  const skattefinansieret = samlet([ordinaerDrift, anlaeg]);
  const alle = samlet(linjer);
  const likvideAktiver = { sum: negeret(alle.sum), overfoeres: alle.overfoeres };
  const m = ds.manifest;
  const primo = m.kassePrimo;
  return {
    manifest: m,
    harForventetForrige: harFF,
    harOverfoeres: ds.harOverfoeres ?? ds.poster.some((p) => p.overfoeres),
    linjer,
    resultater: { ordinaerDrift, skattefinansieret, likvideAktiver },
    kasse:
      primo === undefined
        ? null
        : {
            primo,
            korrigeretUltimo: primo.plus(likvideAktiver.sum.korrigeret),
            forventetUltimo: primo.plus(likvideAktiver.sum.forventet),
          },
    serviceramme: ramme(
      m.serviceramme,
      linjer.find((l) => l.art === 'service')!,
    ),
    anlaegsramme: ramme(m.anlaegsramme, anlaeg),
  };
}

/** One anlæg post in the follow-up (kr): afvigelse = korrigeret − forventet, and what of it is carried over. */
export interface Anlaegspost {
  politikomraade: string;
  post: string;
  udvalg: string;
  korrigeret: Decimal;
  /** Spending to date from forbrug.csv through kontoplan.csv; null when the folder has no postings for the post. */
  forbrugTilDato: Decimal | null;
  forventet: Decimal;
  afvigelse: Decimal;
  overfoeres: Decimal;
  /** afvigelse − overfoeres. */
  efterOverfoersler: Decimal;
}

/** The anlæg posts, largest afvigelse (either sign) first; `forbrug` maps a post key to its spending to date. */
export function anlaegsposter(
  ds: Datasaet,
  forbrug: ReadonlyMap<string, Decimal> = new Map(),
  o: Opfoelgning = beregn(ds),
): Anlaegspost[] {
  return postResultater(ds, o)
    .filter((x) => x.art === 'anlaeg')
    .map(({ p, post, udvalg }): Anlaegspost => {
      const overfoeres = post.overfoeres ?? NUL;
      return {
        politikomraade: p.politikomraade,
        post: p.post,
        udvalg,
        korrigeret: p.sum.korrigeret,
        forbrugTilDato: forbrug.get(postNoegle(p.politikomraade, p.post)) ?? null,
        forventet: p.sum.forventet,
        afvigelse: p.sum.afvigelse,
        overfoeres,
        efterOverfoersler: p.sum.afvigelse.minus(overfoeres),
      };
    })
    .sort(
      (a, b) =>
        b.afvigelse.abs().comparedTo(a.afvigelse.abs()) ||
        a.politikomraade.localeCompare(b.politikomraade) ||
        a.post.localeCompare(b.post),
    );
}

/** The anlæg posts' total (kr). */
export function anlaegTotal(poster: readonly Anlaegspost[]) {
  const s = (f: (p: Anlaegspost) => Decimal) => sum(poster.map(f));
  const medForbrug = poster.filter((p) => p.forbrugTilDato !== null);
  return {
    korrigeret: s((p) => p.korrigeret),
    forbrugTilDato: medForbrug.length ? sum(medForbrug.map((p) => p.forbrugTilDato!)) : null,
    forventet: s((p) => p.forventet),
    afvigelse: s((p) => p.afvigelse),
    overfoeres: s((p) => p.overfoeres),
    efterOverfoersler: s((p) => p.efterOverfoersler),
  };
}
