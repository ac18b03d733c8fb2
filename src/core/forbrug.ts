/**
 * Spending to date → forventet regnskab. Postings are summed per account and month in whole øre (the
 * scanner in io/posteringer does that, streamed); here the accounts are mapped to budget posts through
 * kontoplan.csv (longest matching prefix), and each post's spending to the follow-up's date is projected
 * to the whole year by last year's monthly profile of the same post, or linearly without one.
 */
import { aktivitetsposter } from './aktivitet.js';
import { afvigelseAf } from './fortegn.js';
import { Decimal, rund } from './money.js';
import { postNoegle, type Budgetpost, type Datasaet, type Kontoplanlinje } from './model.js';

/** An exact sum of whole øre: a JS number while it is safely integral, a BigInt beyond that. */
export class Oeresum {
  private n = 0;
  private stor = 0n;
  /** Each addend is below `MAKS_OERE` (< 2^44), so a sum kept within 2^52 plus one addend stays exact. */
  add(oere: number): void {
    this.n += oere;
    if (this.n > 2 ** 52 || this.n < -(2 ** 52)) {
      this.stor += BigInt(this.n);
      this.n = 0;
    }
  }
  /** Adds any exact integer (a dense sum up to 2^53) straight to the BigInt part. */
  addHeltal(oere: number): void {
    this.stor += BigInt(oere);
  }
  /** Adds an exact sum of øre of any size (merging the sums of two parts of a file). */
  addOere(oere: bigint): void {
    this.stor += oere;
  }
  get oere(): bigint {
    return this.stor + BigInt(this.n);
  }
}

/** Largest amount of one posting: 100 mia. kr. (10^13 øre). */
export const MAKS_OERE = 1e13;

export interface Kontosum {
  /** øre per month; key `maanedsnoegle(aar, maaned)`. */
  maaneder: Map<number, Oeresum>;
  /** øre of the cut-off month up to and including the cut-off day (0 without a cut-off). */
  tilSkaeringsdag: Oeresum;
}

/** Postings summed per account. */
export interface Posteringssummer {
  konti: Map<string, Kontosum>;
  /** Postings summed. */
  antal: number;
}

export interface Dato {
  aar: number;
  maaned: number;
  dag: number;
}

export const maanedsnoegle = (aar: number, maaned: number) => aar * 12 + maaned - 1;

const DAGE = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const dageIMaaned = (aar: number, maaned: number) =>
  maaned === 2 && aar % 4 === 0 && (aar % 100 !== 0 || aar % 400 === 0) ? 29 : DAGE[maaned - 1]!;

/** `2025-06-30`, `30-06-2025` or `30.06.2025` → a valid date, or null. */
export function parseDato(tekst: string): Dato | null {
  const s = tekst.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{2})[-.](\d{2})[-.](\d{4})$/.exec(s);
  if (!m) return null;
  const [aar, maaned, dag] = m[1]!.length === 4 ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
  return maaned >= 1 && maaned <= 12 && dag >= 1 && dag <= dageIMaaned(aar, maaned) ? { aar, maaned, dag } : null;
}

export const isoDato = (d: Dato) => `${d.aar}-${String(d.maaned).padStart(2, '0')}-${String(d.dag).padStart(2, '0')}`;
export const danskDato = (d: Dato) => `${String(d.dag).padStart(2, '0')}.${String(d.maaned).padStart(2, '0')}.${d.aar}`;

const kr = (oere: bigint) => new Decimal(oere.toString()).div(100);

export interface Kontoforbrug {
  konto: string;
  /** The budget post by kontoplan.csv; null for an account no prefix covers. */
  politikomraade: string | null;
  post: string | null;
  /** kr: every posting of the account in the file, whatever the date. */
  iAlt: Decimal;
  /** kr: the budget year's postings up to and including the date. */
  tilDato: Decimal;
}

export type Profil = 'sidste_aar' | 'lineaer';

export interface Postforbrug {
  politikomraade: string;
  post: string;
  korrigeret: Decimal;
  /** kr spent in the budget year up to and including the date. */
  tilDato: Decimal;
  /** tilDato / korrigeret (a fraction; null when korrigeret is 0). */
  forbrugsandel: Decimal | null;
  /** The share of the year's spending expected by the date: last year's profile, or linear. */
  forventetAndel: Decimal;
  profil: Profil;
  /** tilDato / forventetAndel, rounded to whole øre. */
  fremskrevet: Decimal;
  /** korrigeret − fremskrevet (canonical sign: negative = merforbrug). */
  afvigelse: Decimal;
}

export interface Forbrugsopgoerelse {
  pr: Dato;
  poster: Postforbrug[];
  /** Every account in the file, mapped or not, sorted by account. */
  konti: Kontoforbrug[];
  antal: number;
}

/** The kontoplan line with the longest konto that is a prefix of `konto` (null when none is). */
export function slaaOp(kontoplan: readonly Kontoplanlinje[]): (konto: string) => Kontoplanlinje | null {
  const efterKonto = new Map(kontoplan.map((k) => [k.konto, k]));
  return (konto) => {
    for (let n = konto.length; n > 0; n--) {
      const k = efterKonto.get(konto.slice(0, n));
      if (k) return k;
    }
    return null;
  };
}

/** The last day of the latest month of the budget year with postings (the default date). */
export function sidsteBogfoerteDag(summer: Posteringssummer, budgetaar: number): Dato | null {
  let seneste = -1;
  for (const k of summer.konti.values()) for (const m of k.maaneder.keys()) if (Math.floor(m / 12) === budgetaar) seneste = Math.max(seneste, m);
  if (seneste < 0) return null;
  const maaned = (seneste % 12) + 1;
  return { aar: budgetaar, maaned, dag: dageIMaaned(budgetaar, maaned) };
}

/**
 * Spending per account and per budget post to the date `pr` (in the budget year), and each post's
 * projection. The expected share at `pr` is C(m−1) + (C(m) − C(m−1)) · dag/dage i måneden, where C(m) is
 * the share of last year's spending on the post by the end of month m; linear (C(m) = m/12) when the post
 * had no positive spending last year or the share comes out outside (0, 1] (a year with refunds).
 */
export function opgoerForbrug(ds: Datasaet, summer: Posteringssummer, pr: Dato): Forbrugsopgoerelse {
  const opslag = slaaOp(ds.kontoplan);
  const prNoegle = maanedsnoegle(pr.aar, pr.maaned);
  const aarStart = maanedsnoegle(pr.aar, 1);
  const heleMaaned = pr.dag === dageIMaaned(pr.aar, pr.maaned);
  /** Last year's spending per month, per post. */
  const sidsteAar = new Map<string, bigint[]>();
  const tilDato = new Map<string, bigint>();
  const konti: Kontoforbrug[] = [];
  for (const [konto, s] of [...summer.konti].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let iAlt = 0n;
    let dato = heleMaaned ? 0n : s.tilSkaeringsdag.oere;
    for (const [m, o] of s.maaneder) {
      iAlt += o.oere;
      if (m >= aarStart && (m < prNoegle || (heleMaaned && m === prNoegle))) dato += o.oere;
    }
    const linje = opslag(konto);
    konti.push({ konto, politikomraade: linje?.politikomraade ?? null, post: linje?.post ?? null, iAlt: kr(iAlt), tilDato: kr(dato) });
    if (!linje) continue;
    const n = postNoegle(linje.politikomraade, linje.post);
    tilDato.set(n, (tilDato.get(n) ?? 0n) + dato);
    const profil = sidsteAar.get(n) ?? Array<bigint>(12).fill(0n);
    for (let m = 1; m <= 12; m++) profil[m - 1]! += s.maaneder.get(maanedsnoegle(pr.aar - 1, m))?.oere ?? 0n;
    sidsteAar.set(n, profil);
  }

  const daekkede = new Set(ds.kontoplan.map((k) => postNoegle(k.politikomraade, k.post)));
  const poster = ds.poster.filter((p) => daekkede.has(postNoegle(p.politikomraade, p.post))).map((p): Postforbrug => {
    const n = postNoegle(p.politikomraade, p.post);
    const brugt = kr(tilDato.get(n) ?? 0n);
    const { taeller, naevner, profil } = forventetAndel(sidsteAar.get(n), pr);
    const fremskrevet = rund(brugt.times(naevner.toString()).div(taeller.toString()), 2);
    return {
      politikomraade: p.politikomraade,
      post: p.post,
      korrigeret: p.korrigeret,
      tilDato: brugt,
      forbrugsandel: p.korrigeret.isZero() ? null : brugt.div(p.korrigeret),
      forventetAndel: new Decimal(taeller.toString()).div(naevner.toString()),
      profil,
      fremskrevet,
      afvigelse: afvigelseAf(p.korrigeret, fremskrevet),
    };
  });
  return { pr, poster, konti, antal: summer.antal };
}

/**
 * The expected share by `pr` as an exact fraction of integers, so that the projection is one division:
 * last year's (øre before the month · days + day · øre of the month) / (year's øre · days), or linear
 * ((month − 1) · days + day) / (12 · days) when last year gives no share in (0, 1].
 */
function forventetAndel(sidsteAar: bigint[] | undefined, pr: Dato): { taeller: bigint; naevner: bigint; profil: Profil } {
  const dage = BigInt(dageIMaaned(pr.aar, pr.maaned));
  const dag = BigInt(pr.dag);
  const total = sidsteAar?.reduce((a, b) => a + b, 0n) ?? 0n;
  if (sidsteAar && total > 0n) {
    const foer = sidsteAar.slice(0, pr.maaned - 1).reduce((a, b) => a + b, 0n);
    const taeller = foer * dage + dag * sidsteAar[pr.maaned - 1]!;
    const naevner = total * dage;
    if (taeller > 0n && taeller <= naevner) return { taeller, naevner, profil: 'sidste_aar' };
  }
  return { taeller: BigInt(pr.maaned - 1) * dage + dag, naevner: 12n * dage, profil: 'lineaer' };
}

/** The posts without a forventet in budget.csv (and not activity posts) that the projection fills. */
export function fremskrivesAfForbrug(ds: Datasaet): Budgetpost[] {
  const aktivitet = aktivitetsposter(ds);
  return ds.poster.filter((p) => p.forventet === null && !aktivitet.has(p.post));
}

/** The dataset with each such post's forventet set to its projection. */
export function anvendForbrug(ds: Datasaet, opg: Forbrugsopgoerelse): Datasaet {
  const fremskrevet = new Map(opg.poster.map((p) => [postNoegle(p.politikomraade, p.post), p.fremskrevet]));
  const fyldes = new Set(fremskrivesAfForbrug(ds));
  return { ...ds, poster: ds.poster.map((p) => (fyldes.has(p) ? { ...p, forventet: fremskrevet.get(postNoegle(p.politikomraade, p.post)) ?? null } : p)) };
}
