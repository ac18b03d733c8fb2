/**
 * Bevillingsønsker (appropriation requests): their rules, who may approve them (kompetence), their
 * flags, how approving them changes the input, and a proposal for covering merforbrug. Pure.
 *
 * Sign: a line's beløb is positive for more budget (expense) and negative for less budget, an income
 * or financing; every request sums to 0 per year, kassen included.
 */
import { beregn, type Opfoelgning } from './beregn.js';
import { Decimal, formatTal, NUL, sum } from './money.js';
import { fund as nytFund, KASSEN, postNoegle, UDGIFTSARTER, type Bevillingslinje, type Bevillingstype, type Budgetpost, type Datasaet, type Fund, type Udgiftsart } from './model.js';

export type Kompetence = 'udvalget' | 'byraadet';

/** Flags on a request, as stable codes (JSON) with Danish labels (reports). */
export const FLAG = {
  kassefinansieret: 'kassefinansieret: en undtagelse efter kasse- og regnskabsregulativet, der beder udvalget finde besparelser inden for egen ramme først',
  tilfoerer_kassen: 'tilfører kassen et mindreforbrug',
  service_overfoersel: 'flytter budget mellem serviceudgifter og overførselsudgifter (ændrer serviceramen)',
  paa_tvaers_af_udvalg: 'går på tværs af udvalg',
} as const;
export type Flag = keyof typeof FLAG;

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

function grupperEfterId(linjer: readonly Bevillingslinje[]): Map<string, Bevillingslinje[]> {
  const m = new Map<string, Bevillingslinje[]>();
  for (const l of linjer) m.set(l.id, [...(m.get(l.id) ?? []), l]);
  return m;
}

const aarene = (linjer: readonly Bevillingslinje[]) => [...new Set(linjer.map((l) => l.aar))].sort((a, b) => a - b);
const summen = (linjer: readonly Bevillingslinje[]) => sum(linjer.map((l) => l.beloeb));
const linjenumre = (linjer: readonly Bevillingslinje[]) => linjer.map((l) => l.kilde.linje).join(', ');

/** The rules of FORMAT.md for bevillingsoensker.csv, as findings (file, line, id and year in the message). */
export function kontrollerBevillinger(ds: Datasaet): Fund[] {
  const fund: Fund[] = [];
  const fejl = (l: Bevillingslinje, kolonne: string | null, kode: string, besked: string) => fund.push(nytFund(l.kilde.fil, l.kilde.linje, kolonne, kode, besked));
  const politikomraader = new Set(ds.politikomraader.map((p) => p.nr));
  const poster = new Set(ds.poster.map((p) => postNoegle(p.politikomraade, p.post)));
  const { budgetaar } = ds.manifest;

  for (const l of ds.bevillingslinjer) {
    if (l.aar < budgetaar || l.aar > budgetaar + 3) {
      fejl(l, 'aar', 'aar_uden_for_perioden', `${l.id}: året ${l.aar} ligger uden for budgetåret og overslagsårene (${budgetaar}–${budgetaar + 3})`);
    }
    if (l.politikomraade === KASSEN) continue;
    if (!politikomraader.has(l.politikomraade)) {
      fejl(l, 'politikomraade', 'ukendt_politikomraade', `${l.id}: politikområde "${l.politikomraade}" findes ikke i politikomraader.csv`);
    } else if (l.post !== null && !poster.has(postNoegle(l.politikomraade, l.post))) {
      fejl(l, 'post', 'ukendt_post', `${l.id}: posten "${l.post}" findes ikke under politikområde ${l.politikomraade} i budget.csv`);
    }
    if (l.udgiftsart === null) fejl(l, 'udgiftsart', 'mangler_vaerdi', `${l.id}: udgiftsart skal udfyldes (service eller overfoersel) på alle linjer undtagen kassen`);
  }

  for (const [id, linjer] of grupperEfterId(ds.bevillingslinjer)) {
    const [foerste] = linjer as [Bevillingslinje];
    for (const l of linjer) {
      if (l.type !== foerste.type) fejl(l, 'type', 'uens_bevilling', `${id}: typen "${l.type}" afviger fra "${foerste.type}" på linje ${foerste.kilde.linje}`);
      else if (l.tekst !== foerste.tekst) fejl(l, 'tekst', 'uens_bevilling', `${id}: teksten afviger fra teksten på linje ${foerste.kilde.linje}`);
    }
    for (const aar of aarene(linjer)) {
      const aarets = linjer.filter((l) => l.aar === aar);
      const s = summen(aarets);
      if (!s.isZero()) {
        fejl(aarets[0]!, 'beloeb', 'ubalanceret_bevilling',
          `${id} ${aar}: linjerne summerer til ${formatTal(s, { decimaler: s.decimalPlaces(), format: 'da', tusindtalsseparator: true })} og ikke 0 (linje ${linjenumre(aarets)}; kassen medregnet)`);
      }
    }
    const kasse = linjer.filter((l) => l.politikomraade === KASSEN);
    if (foerste.type === 'omplacering' && kasse.length > 0) {
      fejl(kasse[0]!, 'politikomraade', 'omplacering_med_kassen', `${id}: en omplacering flytter budget mellem poster og har ingen linje med kassen (linje ${linjenumre(kasse)})`);
    }
    if (foerste.type === 'tillaegsbevilling' && kasse.length === 0) {
      fejl(foerste, 'type', 'tillaeg_uden_kassen', `${id}: en tillægsbevilling finansieres af kassen og skal have en linje med politikomraade "kassen"`);
    }
    if (foerste.type === 'indtaegts_og_udgiftsbevilling') {
      if (kasse.length > 0) fejl(kasse[0]!, 'politikomraade', 'indtaegt_udgift_med_kassen', `${id}: en indtægts- og udgiftsbevilling har ingen linje med kassen`);
      if (!linjer.some((l) => l.beloeb.isNegative()) || !linjer.some((l) => l.beloeb.gt(0))) {
        fejl(foerste, 'beloeb', 'indtaegt_udgift_uden_begge', `${id}: en indtægts- og udgiftsbevilling skal have både en indtægt (negativ) og en udgift (positiv)`);
      }
    }
  }
  return fund;
}

/** Kompetence and flags per request, in file order (the committee's rules in DOMAIN.md). */
export function klassificer(ds: Datasaet): Bevillingsoenske[] {
  const udvalgAf = new Map(ds.politikomraader.map((p) => [p.nr, p.udvalg]));
  return [...grupperEfterId(ds.bevillingslinjer)].map(([id, linjer]) => {
    const { type, tekst } = linjer[0]!;
    const budget = linjer.filter((l) => l.politikomraade !== KASSEN);
    const kasse = summen(linjer.filter((l) => l.politikomraade === KASSEN));
    const udvalg = new Set(budget.map((l) => udvalgAf.get(l.politikomraade)));
    const flag: Flag[] = [];
    if (kasse.isNegative()) flag.push('kassefinansieret');
    if (kasse.gt(0)) flag.push('tilfoerer_kassen');
    const netto = (aar: number, u: Udgiftsart) => summen(budget.filter((l) => l.aar === aar && l.udgiftsart === u));
    if (aarene(budget).some((aar) => netto(aar, 'service').times(netto(aar, 'overfoersel')).isNegative())) flag.push('service_overfoersel');
    if (udvalg.size > 1) flag.push('paa_tvaers_af_udvalg');
    return {
      id,
      type,
      tekst,
      linjer,
      kompetence: type === 'omplacering' && udvalg.size === 1 ? 'udvalget' : 'byraadet',
      flag,
      balancerer: aarene(linjer).every((aar) => summen(linjer.filter((l) => l.aar === aar)).isZero()),
    };
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
  const aktivitetsposter = new Set(ds.ydelser.map((y) => y.ydelse));
  const find = (l: Bevillingslinje, udgiftsart: Udgiftsart): Budgetpost => {
    const egen = l.post !== null && !aktivitetsposter.has(l.post) ? l.post : null;
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
}

interface Donor {
  politikomraade: string;
  post: string;
  udgiftsart: Udgiftsart;
  tilbage: Decimal;
}

/**
 * Proposes the requests that cover every merforbrug (after handleplaner) of the computed follow-up:
 * first omplaceringer from posts with mindreforbrug in politikområder of the same udvalg that have
 * mindreforbrug in total (same udgiftsart first, largest first; never more than the post's
 * mindreforbrug nor more than its politikområde can spare), then a kassefinansieret tillægsbevilling
 * for the rest. Deterministic: politikområder in table order, ties by name. Amounts are exact kr.
 */
export function foreslaa(o: Opfoelgning, valg: ForslagValg): Bevillingslinje[] {
  const aar = o.manifest.budgetaar;
  const kilde = { fil: 'forslag', linje: 0 };
  const linjer: Bevillingslinje[] = [];
  let nummer = 0;
  const anmod = (type: Bevillingstype, tekst: string, dele: [string, string | null, Udgiftsart | null, Decimal][]) => {
    const id = `F${++nummer}`;
    for (const [politikomraade, post, udgiftsart, beloeb] of dele) {
      linjer.push({ id, type, tekst, politikomraade, post, udgiftsart, aar, beloeb, kilde });
    }
  };
  const navn = new Map(o.politikomraader.map((p) => [p.nr, `${p.nr} ${p.navn}`]));

  // What each politikområde with mindreforbrug can spare, and its posts with mindreforbrug.
  const kanUndvaere = new Map(o.politikomraader.filter((p) => p.sum.afvigelse.gt(0)).map((p) => [p.nr, p.sum.afvigelse]));
  const donorer: Donor[] = o.politikomraader
    .filter((p) => kanUndvaere.has(p.nr))
    .flatMap((p) => p.poster.filter((x) => x.sum.afvigelse.gt(0)).map((x) => ({ politikomraade: p.nr, post: x.post, udgiftsart: x.udgiftsart, tilbage: x.sum.afvigelse })));

  for (const p of o.politikomraader.filter((x) => x.sum.afvigelse.isNegative())) {
    let behov = p.sum.afvigelse.neg();
    // The need goes to the udgiftsarter in merforbrug, largest first, and there to the post with the largest merforbrug.
    const celler = UDGIFTSARTER.filter((u) => p.udgiftsarter[u].afvigelse.isNegative())
      .sort((a, b) => p.udgiftsarter[a].afvigelse.comparedTo(p.udgiftsarter[b].afvigelse));
    for (const u of celler) {
      let celleBehov = Decimal.min(behov, p.udgiftsarter[u].afvigelse.neg());
      behov = behov.minus(celleBehov);
      const modtager = [...p.poster].filter((x) => x.udgiftsart === u).sort((a, b) => a.sum.afvigelse.comparedTo(b.sum.afvigelse))[0]!;
      const kandidater = donorer
        .filter((d) => o.politikomraader.find((x) => x.nr === d.politikomraade)!.udvalg === p.udvalg)
        .sort((a, b) => Number(b.udgiftsart === u) - Number(a.udgiftsart === u) || b.tilbage.comparedTo(a.tilbage) || a.politikomraade.localeCompare(b.politikomraade) || a.post.localeCompare(b.post));
      for (const d of kandidater) {
        if (celleBehov.isZero()) break;
        const x = Decimal.min(celleBehov, d.tilbage, kanUndvaere.get(d.politikomraade)!);
        if (!x.gt(0)) continue;
        d.tilbage = d.tilbage.minus(x);
        kanUndvaere.set(d.politikomraade, kanUndvaere.get(d.politikomraade)!.minus(x));
        celleBehov = celleBehov.minus(x);
        anmod('omplacering', `${d.post} (${d.politikomraade}) finansierer merforbrug på ${modtager.post} (${p.nr})`, [
          [d.politikomraade, d.post, d.udgiftsart, x.neg()],
          [p.nr, modtager.post, u, x],
        ]);
      }
      if (celleBehov.gt(0)) {
        anmod('tillaegsbevilling', `Kassefinansieret tillægsbevilling til merforbrug på ${modtager.post} (${navn.get(p.nr)})`, [
          [p.nr, modtager.post, u, celleBehov],
          [KASSEN, null, null, celleBehov.neg()],
        ]);
      }
    }
  }

  if (valg.returnerMindreforbrug) {
    for (const p of o.politikomraader.filter((x) => kanUndvaere.get(x.nr)?.gt(0))) {
      let rest = kanUndvaere.get(p.nr)!;
      const dele: [string, string | null, Udgiftsart | null, Decimal][] = [];
      for (const d of donorer.filter((x) => x.politikomraade === p.nr)) {
        const x = Decimal.min(rest, d.tilbage);
        if (!x.gt(0)) continue;
        rest = rest.minus(x);
        dele.push([p.nr, d.post, d.udgiftsart, x.neg()]);
      }
      const ialt = sum(dele.map((d) => d[3]));
      if (dele.length > 0) anmod('tillaegsbevilling', `Mindreforbrug på ${navn.get(p.nr)} tilføres kassen`, [...dele, [KASSEN, null, null, ialt.neg()]]);
    }
  }
  return linjer;
}

/** The follow-up after the requests of the dataset (or `linjer`) are approved: the same engine on the transformed input. */
export function efterBevillinger(ds: Datasaet, linjer?: readonly Bevillingslinje[]): Opfoelgning {
  return beregn(anvendBevillinger(ds, linjer));
}
