/**
 * Bevillingsønsker (appropriation requests): their rules, who may approve them (kompetence), their
 * flags, how approving them changes the input, and a proposal for covering merforbrug. Pure.
 *
 * Sign: a line's beløb is positive for more budget (expense) and negative for less budget, an income
 * or financing; every request sums to 0 per year, kassen included.
 */
import { aktivitetsposter } from './aktivitet.js';
import { erMerforbrug } from './fortegn.js';
import { beregn, grupper, type Opfoelgning, type PolitikomraadeResultat } from './beregn.js';
import { Decimal, ENHEDSFAKTOR, formatTal, NUL, sum } from './money.js';
import { ARTER, type Art } from './model.js';
import { fund as nytFund, KASSEN, postNoegle, UDGIFTSARTER, type Bevillingslinje, type Bevillingstype, type Budgetpost, type Datasaet, type Fund, type Udgiftsart } from './model.js';
import { menteDu } from './naermeste.js';

export type Kompetence = 'udvalget' | 'byraadet';

/** Flags on a request (stable codes; reports give them Danish labels). */
export type Flag = 'kassefinansieret' | 'tilfoerer_kassen' | 'service_overfoersel' | 'paa_tvaers_af_udvalg';

export interface Bevillingsoenske {
  id: string;
  type: Bevillingstype;
  tekst: string;
  linjer: Bevillingslinje[];
  kompetence: Kompetence;
  flag: Flag[];
  /** Sums to 0 in every year. */
  balancerer: boolean;
}

const aarene = (linjer: readonly Bevillingslinje[]) => [...new Set(linjer.map((l) => l.aar))].sort((a, b) => a - b);
const summen = (linjer: readonly Bevillingslinje[]) => sum(linjer.map((l) => l.beloeb));
const linjenumre = (linjer: readonly Bevillingslinje[]) => linjer.map((l) => l.kilde.linje).join(', ');
const erKassen = (l: Bevillingslinje) => l.politikomraade === KASSEN;
/** The years in which the lines do not sum to 0. */
const ubalanceredeAar = (linjer: readonly Bevillingslinje[]) => aarene(linjer).filter((aar) => !summen(linjer.filter((l) => l.aar === aar)).isZero());

/** The rules of FORMAT.md for bevillingsoensker.csv, as findings (file, line, id and year in the message). */
export function kontrollerBevillinger(ds: Datasaet): Fund[] {
  return [...kontrollerBevillingslinjer(ds), ...kontrollerBevillingsarter(ds), ...kontrollerBevillingsoensker(ds)];
}

type Fejl = (l: Bevillingslinje, kolonne: string | null, kode: string, besked: string) => void;
const samler = (fund: Fund[]): Fejl => (l, kolonne, kode, besked) => {
  fund.push(nytFund(l.kilde.fil, l.kilde.linje, kolonne, kode, besked));
};

/** Each line's politikområde and post must exist (looked up in politikomraader.csv and budget.csv). */
export function kontrollerBevillingslinjer(ds: Datasaet): Fund[] {
  const fund: Fund[] = [];
  const fejl = samler(fund);
  const politikomraader = new Set(ds.politikomraader.map((p) => p.nr));
  const poster = new Set(ds.poster.map((p) => postNoegle(p.politikomraade, p.post)));
  for (const l of ds.bevillingslinjer) {
    if (erKassen(l)) continue;
    if (!politikomraader.has(l.politikomraade)) {
      const forslag = menteDu(l.politikomraade, politikomraader);
      fejl(l, 'politikomraade', 'ukendt_politikomraade',
        `${l.id}: politikområde "${l.politikomraade}" findes ikke i politikomraader.csv${forslag}`);
    } else if (l.post !== null && !poster.has(postNoegle(l.politikomraade, l.post))) {
      const naboer = ds.poster.filter((p) => p.politikomraade === l.politikomraade).map((p) => p.post);
      const forslag = menteDu(l.post, naboer);
      fejl(l, 'post', 'ukendt_post', `${l.id}: posten "${l.post}" findes ikke under politikområde ${l.politikomraade}`
        + ` i budget.csv${forslag}`);
    }
  }
  return fund;
}

/** Each line but kassen has an udgiftsart, and it is the post's (a post that is not found is the rule above's). */
export function kontrollerBevillingsarter(ds: Datasaet): Fund[] {
  const fund: Fund[] = [];
  const fejl = samler(fund);
  const poster = new Map(ds.poster.map((p) => [postNoegle(p.politikomraade, p.post), p]));
  for (const l of ds.bevillingslinjer) {
    if (erKassen(l)) continue;
    const post = l.post === null ? undefined : poster.get(postNoegle(l.politikomraade, l.post));
    if (l.udgiftsart === null) fejl(l, 'udgiftsart', 'mangler_vaerdi', `${l.id}: udgiftsart skal udfyldes (service eller overfoersel) på alle linjer undtagen kassen`);
    else if (post && ARTER.includes(post.udgiftsart) && post.udgiftsart !== l.udgiftsart) {
      fejl(l, 'udgiftsart', 'udgiftsart_afviger_fra_post', `${l.id}: linjen er ${l.udgiftsart}, men posten "${post.post}" er ${post.udgiftsart} i budget.csv`);
    }
  }
  return fund;
}

/** Each request as a whole (bevillingsoensker.csv alone): the same type and text, the balance and the kassen lines. */
export function kontrollerBevillingsoensker(ds: Datasaet): Fund[] {
  const fund: Fund[] = [];
  const fejl = samler(fund);
  const { budgetaar, beloebsenhed } = ds.manifest;
  for (const l of ds.bevillingslinjer) {
    if (l.aar < budgetaar || l.aar > budgetaar + 3) {
      fejl(l, 'aar', 'aar_uden_for_perioden',
        `${l.id}: året ${l.aar} ligger uden for budgetåret og overslagsårene (${budgetaar}–${budgetaar + 3})`);
    }
  }
  for (const [id, linjer] of grupper(ds.bevillingslinjer, (l) => l.id)) {
    const [foerste] = linjer as [Bevillingslinje];
    for (const l of linjer) {
      if (l.type !== foerste.type) fejl(l, 'type', 'uens_bevilling', `${id}: typen "${l.type}" afviger fra "${foerste.type}" på linje ${foerste.kilde.linje}`);
      else if (l.tekst !== foerste.tekst) fejl(l, 'tekst', 'uens_bevilling', `${id}: teksten afviger fra teksten på linje ${foerste.kilde.linje}`);
    }
    for (const aar of ubalanceredeAar(linjer)) {
      const aarets = linjer.filter((l) => l.aar === aar);
      const s = summen(aarets).div(ENHEDSFAKTOR[beloebsenhed]);
      fejl(aarets[0]!, 'beloeb', 'ubalanceret_bevilling',
        `${id} ${aar}: linjerne summerer til ${formatTal(s, { decimaler: s.decimalPlaces(), format: 'da', tusindtalsseparator: true })} ${beloebsenhed} og ikke 0 (linje ${linjenumre(aarets)}; kassen medregnet)`);
    }
    const kasse = linjer.filter(erKassen);
    if (foerste.type === 'omplacering' && kasse.length > 0) {
      fejl(kasse[0]!, 'politikomraade', 'omplacering_med_kassen',
        `${id} ${aarene(kasse).join(', ')}: en omplacering flytter budget mellem poster og har ingen linje med kassen (linje ${linjenumre(kasse)})`);
    }
    if (foerste.type === 'tillaegsbevilling') {
      const uden = aarene(linjer).filter((aar) => !kasse.some((l) => l.aar === aar));
      if (uden.length > 0) fejl(linjer.find((l) => l.aar === uden[0])!, 'politikomraade', 'tillaeg_uden_kassen', `${id} ${uden.join(', ')}: en tillægsbevilling finansieres af kassen og skal have en linje med politikomraade "kassen" i hvert år`);
    }
    if (foerste.type === 'indtaegts_og_udgiftsbevilling') {
      if (kasse.length > 0) fejl(kasse[0]!, 'politikomraade', 'indtaegt_udgift_med_kassen', `${id} ${aarene(kasse).join(', ')}: en indtægts- og udgiftsbevilling har ingen linje med kassen`);
      if (!linjer.some((l) => l.beloeb.lt(0)) || !linjer.some((l) => l.beloeb.gt(0))) {
        fejl(foerste, 'beloeb', 'indtaegt_udgift_uden_begge', `${id}: en indtægts- og udgiftsbevilling skal have både en indtægt (negativ) og en udgift (positiv)`);
      }
    }
  }
  return fund;
}

/**
 * Kompetence and flags per request, in file order (the committee's rules in DOMAIN.md). An omplacering
 * inside one udvalg is the udvalg's own, provided that udvalg is the follow-up's (manifest `udvalg`).
 */
export function klassificer(ds: Datasaet): Bevillingsoenske[] {
  const udvalgAf = new Map(ds.politikomraader.map((p) => [p.nr, p.udvalg]));
  return [...grupper(ds.bevillingslinjer, (l) => l.id)].map(([id, linjer]) => {
    const { type, tekst } = linjer[0]!;
    const budget = linjer.filter((l) => !erKassen(l));
    const kasse = linjer.filter(erKassen);
    const udvalg = new Set(budget.map((l) => udvalgAf.get(l.politikomraade)));
    const kassenetto = (aar: number) => summen(kasse.filter((l) => l.aar === aar));
    const netto = (aar: number, u: Udgiftsart) => summen(budget.filter((l) => l.aar === aar && l.udgiftsart === u));
    const flag: Flag[] = [];
    if (aarene(kasse).some((aar) => kassenetto(aar).lt(0))) flag.push('kassefinansieret');
    if (aarene(kasse).some((aar) => kassenetto(aar).gt(0))) flag.push('tilfoerer_kassen');
    if (aarene(budget).some((aar) => {
      const [s, o] = [netto(aar, 'service'), netto(aar, 'overfoersel')];
      return (s.lt(0) && o.gt(0)) || (s.gt(0) && o.lt(0));
    })) flag.push('service_overfoersel');
    if (udvalg.size > 1) flag.push('paa_tvaers_af_udvalg');
    const eget = udvalg.size === 1 && (!ds.manifest.udvalg || udvalg.has(ds.manifest.udvalg));
    return { id, type, tekst, linjer, kompetence: type === 'omplacering' && eget ? 'udvalget' : 'byraadet', flag, balancerer: ubalanceredeAar(linjer).length === 0 };
  });
}

/** The synthetic post that carries bevillinger to a politikområde and udgiftsart without an ordinary post. */
export const BEVILLINGSPOST = 'Bevillingsønsker';

/**
 * The dataset as if the requests were approved: each line of year `aar` adds to a korrigeret budget
 * and to no forventet. A line on an ordinary post adds to that post. A line on an activity post (whose
 * forventet follows its korrigeret) or on no post adds to a synthetic post per politikområde and
 * udgiftsart. Kassen lines change no budget. The result goes through the same engine as every table.
 */
export function anvendBevillinger(ds: Datasaet, linjer: readonly Bevillingslinje[] = ds.bevillingslinjer, aar = ds.manifest.budgetaar): Datasaet {
  const poster = ds.poster.map((p) => ({ ...p }));
  const aktivitet = aktivitetsposter(ds);
  const find = (l: Bevillingslinje, udgiftsart: Art): Budgetpost => {
    const egen = l.post !== null && !aktivitet.has(l.post) ? l.post : null;
    const navn = egen ?? BEVILLINGSPOST;
    let post = poster.find((p) => p.politikomraade === l.politikomraade && p.post === navn && (egen !== null || p.udgiftsart === udgiftsart));
    if (!post) {
      post = {
        politikomraade: l.politikomraade, post: navn, udgiftsart, vedtaget: NUL, korrigeret: NUL,
        forventet: NUL, forventetForrige: ds.harForventetForrige ? NUL : null, kilde: l.kilde,
      };
      poster.push(post);
    }
    return post;
  };
  for (const l of linjer) {
    if (l.aar !== aar || l.politikomraade === KASSEN) continue;
    const post = find(l, l.udgiftsart ?? 'service');
    post.korrigeret = post.korrigeret.plus(l.beloeb);
  }
  return { ...ds, poster };
}

export interface ForslagValg {
  /** Also propose that mindreforbrug left over is returned to kassen (negative tillægsbevillinger). */
  returnerMindreforbrug: boolean;
  /** Ids already in use (the folder's own requests): new ids continue after them. */
  brugteId?: ReadonlySet<string>;
}

interface Donor {
  politikomraade: string;
  post: string;
  udgiftsart: Udgiftsart;
  tilbage: Decimal;
}

interface Behov {
  p: PolitikomraadeResultat;
  udgiftsart: Udgiftsart;
  modtager: string;
  rest: Decimal;
}

const kr = (d: Decimal, op: boolean) => d.toDecimalPlaces(0, op ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR);

/**
 * Proposes the requests that cover every merforbrug (after handleplaner) of the computed follow-up, for
 * the politikområder of the follow-up's udvalg (manifest `udvalg`; all when it is not set): first
 * omplaceringer from posts with mindreforbrug in politikområder of the same udvalg that have
 * mindreforbrug in total — all same-udgiftsart moves before any that cross service/overførsel, largest
 * donor first; never more than the post's mindreforbrug nor more than its politikområde can spare —
 * then a kassefinansieret tillægsbevilling for the rest. Amounts in whole kr: moves rounded down, kassen
 * rounded up, so no merforbrug is left. Deterministic: table order, ties by code point.
 */
/** A real post name, or none for the engine's synthetic post. */
const post = (navn: string) => (navn === BEVILLINGSPOST ? null : navn);
/** Code-point order (deterministic whatever the locale). */
const sammenlign = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each politikområde's need goes to its udgiftsarter in merforbrug, largest first, and there to the post with the largest merforbrug. */
function behovAf(omfattet: readonly PolitikomraadeResultat[]): Behov[] {
  return omfattet.filter((p) => erMerforbrug(p.sum.afvigelse)).flatMap((p) => {
    let rest = p.sum.afvigelse.neg();
    return UDGIFTSARTER.filter((u) => erMerforbrug(p.udgiftsarter[u].afvigelse))
      .sort((a, b) => p.udgiftsarter[a].afvigelse.comparedTo(p.udgiftsarter[b].afvigelse))
      .map((u) => {
        const del = Decimal.min(rest, p.udgiftsarter[u].afvigelse.neg());
        rest = rest.minus(del);
        const modtager = p.poster.filter((x) => x.udgiftsart === u).sort((a, b) => a.sum.afvigelse.comparedTo(b.sum.afvigelse))[0]!.post;
        return { p, udgiftsart: u, modtager, rest: del };
      });
  });
}

export function foreslaa(o: Opfoelgning, valg: ForslagValg): Bevillingslinje[] {
  const aar = o.manifest.budgetaar;
  const kilde = { fil: 'forslag', linje: 0 };
  const linjer: Bevillingslinje[] = [];
  let nummer = 0;
  const nytId = () => {
    do nummer++; while (valg.brugteId?.has(`F${nummer}`));
    return `F${nummer}`;
  };
  const anmod = (type: Bevillingstype, tekst: string, dele: [string, string | null, Udgiftsart | null, Decimal][]) => {
    const id = nytId();
    for (const [politikomraade, p, udgiftsart, beloeb] of dele) linjer.push({ id, type, tekst, politikomraade, post: p, udgiftsart, aar, beloeb, kilde });
  };
  const omfattet = o.politikomraader.filter((p) => !o.manifest.udvalg || !o.udvalg.some((u) => u.navn === o.manifest.udvalg) || p.udvalg === o.manifest.udvalg);
  const udvalgAf = new Map(o.politikomraader.map((p) => [p.nr, p.udvalg]));

  // What each politikområde with mindreforbrug can spare, and its posts with mindreforbrug.
  const kanUndvaere = new Map(omfattet.filter((p) => p.sum.afvigelse.gt(0)).map((p) => [p.nr, p.sum.afvigelse]));
  const donorer: Donor[] = omfattet
    .filter((p) => kanUndvaere.has(p.nr))
    .flatMap((p) => p.poster.filter((x) => x.sum.afvigelse.gt(0)).map((x) => ({ politikomraade: p.nr, post: x.post, udgiftsart: x.udgiftsart, tilbage: x.sum.afvigelse })));

  const behov = behovAf(omfattet);

  for (const sammeArt of [true, false]) {
    for (const b of behov) {
      const kandidater = donorer
        .filter((d) => udvalgAf.get(d.politikomraade) === b.p.udvalg && (d.udgiftsart === b.udgiftsart) === sammeArt)
        .sort((x, y) => y.tilbage.comparedTo(x.tilbage) || sammenlign(x.politikomraade, y.politikomraade) || sammenlign(x.post, y.post));
      for (const d of kandidater) {
        const x = kr(Decimal.min(b.rest, d.tilbage, kanUndvaere.get(d.politikomraade)!), false);
        if (!x.gt(0)) continue;
        d.tilbage = d.tilbage.minus(x);
        kanUndvaere.set(d.politikomraade, kanUndvaere.get(d.politikomraade)!.minus(x));
        b.rest = b.rest.minus(x);
        anmod('omplacering', `${d.post} (${d.politikomraade}) finansierer merforbrug på ${b.modtager} (${b.p.nr})`, [
          [d.politikomraade, post(d.post), d.udgiftsart, x.neg()],
          [b.p.nr, post(b.modtager), b.udgiftsart, x],
        ]);
      }
    }
  }
  for (const b of behov.filter((x) => x.rest.gt(0))) {
    const x = kr(b.rest, true);
    anmod('tillaegsbevilling', `Kassefinansieret tillægsbevilling til merforbrug på ${b.modtager} (${b.p.nr} ${b.p.navn})`, [
      [b.p.nr, post(b.modtager), b.udgiftsart, x],
      [KASSEN, null, null, x.neg()],
    ]);
  }

  if (valg.returnerMindreforbrug) {
    for (const p of omfattet.filter((x) => kanUndvaere.get(x.nr)?.gt(0))) {
      let rest = kanUndvaere.get(p.nr)!;
      const dele: [string, string | null, Udgiftsart | null, Decimal][] = [];
      for (const d of donorer.filter((x) => x.politikomraade === p.nr)) {
        const x = kr(Decimal.min(rest, d.tilbage), false);
        if (!x.gt(0)) continue;
        rest = rest.minus(x);
        dele.push([p.nr, post(d.post), d.udgiftsart, x.neg()]);
      }
      if (dele.length > 0) anmod('tillaegsbevilling', `Mindreforbrug på ${p.nr} ${p.navn} tilføres kassen`, [...dele, [KASSEN, null, null, sum(dele.map((d) => d[3])).neg()]]);
    }
  }
  return linjer;
}

/** The follow-up after the requests of the dataset (or `linjer`) are approved: the same engine on the transformed input. */
export function efterBevillinger(ds: Datasaet, linjer?: readonly Bevillingslinje[]): Opfoelgning {
  return beregn(anvendBevillinger(ds, linjer));
}
