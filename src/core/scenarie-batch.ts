/**
 * Many scenarios at once, in integer arithmetic by deltas. forventet is linear in helårspersoner, prices,
 * korrektioner and the post's korrigeret, so a scenario changes only the posts it touches: the base is
 * computed once per dataset by `beregn` (the one engine), and each scenario adds the exact change of its
 * posts to the aggregates they belong to. Amounts are BigInts at a fixed scale (10⁻²⁴ kr; helårspersoner
 * and prices 10⁻¹²), so every sum is exact; Decimals appear only at the edges (the base is read from
 * `beregn`'s result, the totals are handed back as Decimals on request).
 *
 * The activity formula is not written here: its integer coefficients are read off `aktivitetsdelta`
 * (a bilinear form in helårspersoner and prices) by evaluating it on unit vectors. A scenario this path
 * cannot represent exactly (a value or a percentage with more decimals than the scale holds), or one that
 * names something that does not exist, goes through `anvendScenarie` + `beregn` instead, which gives the
 * same figures or throws the same `ScenarieFejl`. Sign convention as everywhere: afvigelse = korrigeret − forventet.
 */
import { aktivitetsdelta, beregn, type Opfoelgning, type Summering } from './beregn.js';
import { Decimal } from './money.js';
import { erDriftsart, postNoegle, UDGIFTSARTER, type Datasaet, type Enhedspris, type Udgiftsart, type Ydelse } from './model.js';
import { anvendScenarie, type Aendring, type Operation, type Scenarie } from './scenarie.js';

/** Decimal places of helårspersoner and prices; amounts (their products) have twice as many. */
const E = 12;
const BELOEB_E = 2 * E;
const POTENS: bigint[] = Array.from({ length: 2 * BELOEB_E + 1 }, (_, i) => 10n ** BigInt(i));

/** The fields of helårspersoner and prices a scenario can change; the activity formula is probed on these. */
const HP_FELTER = ['vedtaget', 'korrigeret', 'forventet'] as const;
const PRIS_FELTER = ['budget', 'forventet'] as const;
const FELTER = HP_FELTER.length + PRIS_FELTER.length;
/** Positions in a ydelse's FELTER values. */
const HP_K = 1;
const HP_F = 2;
const PRIS_B = HP_FELTER.length;
const PRIS_F = HP_FELTER.length + 1;

/** A Decimal as an integer at scale 10^-e, or null when it has more decimals than that. */
function heltal(d: Decimal, e: number): bigint | null {
  const t = d.toFixed(); // normal notation, every decimal, no rounding
  const punkt = t.indexOf('.');
  if (punkt < 0) return BigInt(t) * POTENS[e]!;
  const decimaler = t.length - punkt - 1;
  if (decimaler > e) return null;
  return BigInt(t.slice(0, punkt) + t.slice(punkt + 1)) * POTENS[e - decimaler]!;
}

/** An integer at scale 10^-e as an exact Decimal (the edge back to decimal.js). */
export function fraHeltal(m: bigint, e: number): Decimal {
  if (e === 0) return new Decimal(m.toString());
  const neg = m < 0n;
  const s = (neg ? -m : m).toString().padStart(e + 1, '0');
  return new Decimal(`${neg ? '-' : ''}${s.slice(0, -e)}.${s.slice(-e)}`);
}

/** An integer at scale 10^-e rounded half away from zero to scale 10^-ud (ud ≤ e). */
function afrund(m: bigint, e: number, ud: number): bigint {
  const halv = 5n * POTENS[e - ud - 1]!;
  // BigInt division truncates toward zero: adding half the divisor away from zero first rounds half away from zero.
  return (m < 0n ? m - halv : m + halv) / POTENS[e - ud]!;
}

interface Led {
  hp: number;
  pris: number;
  k: bigint;
}

/**
 * The coefficients of the activity formula, read off `aktivitetsdelta`: its value at (hp = e_i, pris = e_j).
 * null when it is not a bilinear form with integer coefficients (then every scenario takes the Decimal path).
 */
function aktivitetsled(): Led[] | null {
  const vaerdi = (hpTal: readonly number[], prisTal: readonly number[]) => {
    const hp = Object.fromEntries(HP_FELTER.map((f, n) => [f, new Decimal(hpTal[n]!)]));
    const pris = Object.fromEntries(PRIS_FELTER.map((f, n) => [f, new Decimal(prisTal[n]!)]));
    const y = { ydelse: '', hp: { regnskabForrige: null, ...hp }, kilde: { fil: '', linje: 0 } } as Ydelse;
    const p = { ydelse: '', regnskabForrige: null, ...pris, kilde: { fil: '', linje: 0 } } as Enhedspris;
    return aktivitetsdelta(y, p);
  };
  const enhed = (n: number, i: number) => Array.from({ length: n }, (_, x) => (x === i ? 1 : 0));
  const led: Led[] = [];
  for (let i = -1; i < HP_FELTER.length; i++) {
    for (let j = -1; j < PRIS_FELTER.length; j++) {
      const v = vaerdi(enhed(HP_FELTER.length, i), enhed(PRIS_FELTER.length, j));
      if (i < 0 || j < 0) {
        if (!v.isZero()) return null; // a constant or linear term: not the bilinear form this path adds up
      } else if (!v.isInteger()) {
        return null;
      } else if (!v.isZero()) {
        led.push({ hp: i, pris: j, k: BigInt(v.toFixed(0)) });
      }
    }
  }
  // Unit vectors alone do not prove bilinearity: check one point where every field differs.
  const hpTal = [2, 3, 5];
  const prisTal = [7, 11];
  const forventet = led.reduce((s, l) => s + l.k * BigInt(hpTal[l.hp]! * prisTal[l.pris]!), 0n);
  return vaerdi(hpTal, prisTal).eq(forventet.toString()) ? led : null;
}

/** A ydelse's post, and its helårspersoner (HP_FELTER) then prices (PRIS_FELTER), at scale 10^-E. */
interface Aktivitet {
  post: number;
  felter: bigint[];
}

/** What one dataset's scenarios share: the base as integers and the map from each post to its aggregates. */
interface Grundlag {
  basis: Opfoelgning;
  led: Led[];
  /**
   * Per post: korrigeret, forventet, handleplaneffekt, grundlag (p.forventet; null for an activity post),
   * Σ korrektioner.
   */
  k: bigint[];
  f: bigint[];
  h: bigint[];
  grundlag: (bigint | null)[];
  korrektionssum: bigint[];
  /** Σ handleplaner per post, and whether the post has any (a handleplan of 0 kr can still be switched off). */
  handleplansum: bigint[];
  harHandleplan: boolean[];
  postIndeks: Map<string, number>;
  aktiviteter: Aktivitet[];
  ydelseIndeks: Map<string, number>;
  /** The ydelse (index into aktiviteter) of each activity post. */
  ydelseAfPost: Map<number, number>;
  /** The posts that have handleplaner. */
  medHandleplan: number[];
  /** Aggregates of each post (indices into ak/af/ah); -1 where the post belongs to none. */
  aggregater: Int32Array[];
  ak: bigint[];
  af: bigint[];
  ah: bigint[];
  /** Aggregate index: 0 total, then udgiftsarter, udvalg, politikområder, politikområder × udgiftsart. */
  artIndeks: Map<Udgiftsart, number>;
  udvalgIndeks: Map<string, number>;
  poIndeks: Map<string, number>;
  poArtIndeks: Map<string, number>;
  summeringer: Summering[];
  postPo: string[];
}

const grundlagCache = new WeakMap<Datasaet, Grundlag | null>();

function tilHeltal(d: Decimal, e: number): bigint {
  const v = heltal(d, e);
  if (v === null) throw new IkkeHeltal();
  return v;
}
class IkkeHeltal extends Error {}

/** The aggregates of the base in one list (same order as the indices) and their lookups. */
function aggregatListe(o: Opfoelgning) {
  const summeringer: Summering[] = [o.total];
  const artIndeks = new Map<Udgiftsart, number>();
  for (const u of UDGIFTSARTER) artIndeks.set(u, summeringer.push(o.udgiftsarter[u]) - 1);
  const udvalgIndeks = new Map<string, number>();
  for (const u of o.udvalg) udvalgIndeks.set(u.navn, summeringer.push(u.sum) - 1);
  const poIndeks = new Map<string, number>();
  const poArtIndeks = new Map<string, number>();
  for (const p of o.politikomraader) {
    poIndeks.set(p.nr, summeringer.push(p.sum) - 1);
    for (const u of UDGIFTSARTER) poArtIndeks.set(postNoegle(p.nr, u), summeringer.push(p.udgiftsarter[u]) - 1);
  }
  return { summeringer, artIndeks, udvalgIndeks, poIndeks, poArtIndeks };
}

/** Σ korrektioner and Σ handleplaner per post (kr at scale 10^-24). */
function tilfoejKorrektioner(g: Grundlag, ds: Datasaet): void {
  for (const k of ds.korrektioner) {
    const i = g.postIndeks.get(postNoegle(k.politikomraade, k.post));
    if (i === undefined) continue;
    const b = tilHeltal(k.beloeb, BELOEB_E);
    g.korrektionssum[i] = g.korrektionssum[i]! + b;
    if (k.type === 'handleplan') {
      g.handleplansum[i] = g.handleplansum[i]! + b;
      if (!g.harHandleplan[i]) g.medHandleplan.push(i);
      g.harHandleplan[i] = true;
    }
  }
}

/** Each ydelse's post, helårspersoner and prices at scale 10^-E. */
function tilfoejYdelser(g: Grundlag, ds: Datasaet): void {
  const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p]));
  const postAfNavn = new Map<string, number>();
  ds.poster.forEach((p, i) => postAfNavn.set(p.post, i)); // beregn has checked that a ydelse names one post
  for (const y of ds.ydelser) {
    const pris = priser.get(y.ydelse)!;
    const a: Aktivitet = {
      post: postAfNavn.get(y.ydelse)!,
      felter: [...HP_FELTER.map((f) => tilHeltal(y.hp[f], E)), ...PRIS_FELTER.map((f) => tilHeltal(pris[f], E))],
    };
    g.ydelseIndeks.set(y.ydelse, g.aktiviteter.length);
    g.ydelseAfPost.set(a.post, g.aktiviteter.length);
    g.aktiviteter.push(a);
  }
}

function byggGrundlag(ds: Datasaet): Grundlag | null {
  const led = aktivitetsled();
  if (!led) return null;
  const basis = beregn(ds);
  try {
    const liste = aggregatListe(basis);
    const udvalgAf = new Map(basis.politikomraader.map((p) => [p.nr, p.udvalg]));
    const resultater = basis.politikomraader.flatMap((p) => p.poster);
    const resultatAf = new Map(resultater.map((r) => [postNoegle(r.politikomraade, r.post), r]));
    const g: Grundlag = {
      basis, led, k: [], f: [], h: [], grundlag: [], korrektionssum: [], handleplansum: [], harHandleplan: [],
      postIndeks: new Map(), aktiviteter: [], ydelseIndeks: new Map(), ydelseAfPost: new Map(), medHandleplan: [],
      aggregater: [], ak: [], af: [], ah: [], postPo: [], ...liste,
    };
    for (const s of liste.summeringer) {
      g.ak.push(tilHeltal(s.korrigeret, BELOEB_E));
      g.af.push(tilHeltal(s.forventet, BELOEB_E));
      g.ah.push(tilHeltal(s.handleplaneffekt, BELOEB_E));
    }
    ds.poster.forEach((p, i) => {
      const n = postNoegle(p.politikomraade, p.post);
      g.postIndeks.set(n, i);
      g.postPo.push(p.politikomraade);
      const r = resultatAf.get(n);
      g.k.push(tilHeltal(p.korrigeret, BELOEB_E));
      g.f.push(r ? tilHeltal(r.sum.forventet, BELOEB_E) : 0n);
      g.h.push(r ? tilHeltal(r.sum.handleplaneffekt, BELOEB_E) : 0n);
      g.grundlag.push(p.forventet === null ? null : tilHeltal(p.forventet, BELOEB_E));
      g.korrektionssum.push(0n);
      g.handleplansum.push(0n);
      g.harHandleplan.push(false);
      const udvalg = udvalgAf.get(p.politikomraade);
      // Only drift posts are in beregn's tables (issue 14's other kinds are outside every aggregate).
      g.aggregater.push(Int32Array.from(r && udvalg !== undefined && erDriftsart(p.udgiftsart) ? [
        0, g.artIndeks.get(p.udgiftsart)!, g.udvalgIndeks.get(udvalg)!, g.poIndeks.get(p.politikomraade)!,
        g.poArtIndeks.get(postNoegle(p.politikomraade, p.udgiftsart))!,
      ] : []));
    });
    tilfoejKorrektioner(g, ds);
    tilfoejYdelser(g, ds);
    return g;
  } catch (e) {
    if (e instanceof IkkeHeltal) return null; // an amount with more than 24 decimals: the Decimal path for all
    throw e;
  }
}

function grundlagFor(ds: Datasaet): Grundlag | null {
  if (!grundlagCache.has(ds)) grundlagCache.set(ds, byggGrundlag(ds));
  return grundlagCache.get(ds)!;
}

/** `udfoer` on an integer at scale 10^-e; null when the result is not exact at that scale. */
function udfoerHeltal(v: bigint, o: Operation, e: number): bigint | null {
  if (o.op === '=') return heltal(o.vaerdi, e);
  if (o.op === '+') {
    const x = heltal(o.vaerdi, e);
    return x === null ? null : v + x;
  }
  // v × (1 + p/100) = v × (100·10^c + p·10^c) / (100·10^c), with c the percentage's decimals.
  const c = o.vaerdi.decimalPlaces();
  const p = c > E ? null : heltal(o.vaerdi, c);
  if (p === null) return null;
  const naevner = 100n * POTENS[c]!;
  const t = v * (naevner + p);
  return t % naevner === 0n ? t / naevner : null;
}

/** Thrown inside a scenario that this path does not take; the scenario goes through the Decimal engine. */
class Omvej extends Error {}

/** One scenario's changed posts, flat: post index, then the change of korrigeret, forventet, handleplaneffekt. */
type Delta = (number | bigint)[];

/**
 * The working state of one scenario at a time, reused across a batch (no allocation per post): each array
 * holds the current value of a touched post or ydelse; a stamp says whether it belongs to this scenario.
 */
class Kladde {
  private stempel = 0;
  private readonly postStempel: Int32Array;
  private readonly yStempel: Int32Array;
  private readonly k: bigint[] = [];
  private readonly grundlag: (bigint | null)[] = [];
  private readonly korr: bigint[] = [];
  private readonly fra: Uint8Array;
  /** Per ydelse, FELTER values: its helårspersoner (HP_FELTER), then its prices (PRIS_FELTER). */
  private readonly aktivitet: bigint[] = [];
  private readonly poster: number[] = [];

  constructor(private readonly g: Grundlag) {
    this.postStempel = new Int32Array(g.k.length);
    this.fra = new Uint8Array(g.k.length);
    this.yStempel = new Int32Array(g.aktiviteter.length);
  }

  /** The exact change of each post the scenario touches. */
  delta(aendringer: readonly Aendring[]): Delta {
    this.stempel++;
    this.poster.length = 0;
    for (const a of aendringer) this.anvend(a);
    const g = this.g;
    const d: Delta = [];
    for (const i of this.poster) {
      const grundlag = this.grundlag[i]!;
      let f: bigint;
      if (grundlag !== null) {
        f = grundlag + this.korr[i]!;
      } else {
        f = this.k[i]! + this.korr[i]!;
        const y = g.ydelseAfPost.get(i)!;
        const v = this.yStempel[y] === this.stempel ? this.aktivitet : g.aktiviteter[y]!.felter;
        const o = this.yStempel[y] === this.stempel ? y * FELTER : 0;
        for (const l of g.led) {
          const produkt = v[o + l.hp]! * v[o + PRIS_B + l.pris]!;
          f += l.k === 1n ? produkt : l.k === -1n ? -produkt : l.k * produkt;
        }
      }
      d.push(i, this.k[i]! - g.k[i]!, f - g.f[i]!, this.fra[i] ? -g.h[i]! : 0n);
    }
    return d;
  }

  private post(i: number): number {
    if (this.postStempel[i] !== this.stempel) {
      this.postStempel[i] = this.stempel;
      this.k[i] = this.g.k[i]!;
      this.grundlag[i] = this.g.grundlag[i] as bigint | null;
      this.korr[i] = this.g.korrektionssum[i]!;
      this.fra[i] = 0;
      this.poster.push(i);
    }
    return i;
  }

  private ydelse(navn: string): number {
    const y = this.g.ydelseIndeks.get(navn);
    if (y === undefined) throw new Omvej();
    if (this.yStempel[y] !== this.stempel) {
      this.yStempel[y] = this.stempel;
      const b = this.g.aktiviteter[y]!;
      for (let n = 0; n < FELTER; n++) this.aktivitet[y * FELTER + n] = b.felter[n]!;
      this.post(b.post);
    }
    return y;
  }

  private postAf(po: string, navn: string): number {
    const i = this.g.postIndeks.get(postNoegle(po, navn));
    if (i === undefined) throw new Omvej();
    return this.post(i);
  }

  /** One change, as anvendScenarie makes it. */
  private anvend(a: Aendring): void {
    if (a.art === 'hp' || a.art === 'pris') {
      const o = this.ydelse(a.ydelse) * FELTER;
      const v = this.aktivitet;
      const felt = o + (a.art === 'pris' ? PRIS_F : a.felt === 'korrigeret' ? HP_K : HP_F);
      const ny = udfoerHeltal(v[felt]!, a.operation, E);
      if (ny === null || (a.art === 'hp' && ny < 0n)) throw new Omvej();
      // The budget follows its helårspersoner (as in anvendScenarie): korrigeret += ΔHP × budgetpris.
      if (felt === o + HP_K) this.k[this.g.aktiviteter[o / FELTER]!.post]! += (ny - v[felt]!) * v[o + PRIS_B]!;
      v[felt] = ny;
    } else if (a.art === 'forventet') {
      const i = this.postAf(a.politikomraade, a.post);
      const g = this.grundlag[i]!;
      const ny = g === null ? null : udfoerHeltal(g, a.operation, BELOEB_E);
      if (ny === null) throw new Omvej();
      this.grundlag[i] = ny;
    } else if (a.art === 'korrektion') {
      const i = this.postAf(a.politikomraade, a.post);
      const b = heltal(a.beloeb, BELOEB_E);
      if (b === null) throw new Omvej();
      this.korr[i]! += b;
    } else {
      this.slaaHandleplanerFra(a);
    }
  }

  private slaaHandleplanerFra(a: Extract<Aendring, { art: 'handleplan_fra' }>): void {
    const kun = a.post !== null ? this.postAf(a.politikomraade!, a.post) : -1;
    let ramt = false;
    for (const i of this.g.medHandleplan) { // bounded: the posts that have handleplaner
      if ((kun >= 0 && i !== kun) || (a.politikomraade !== null && this.g.postPo[i] !== a.politikomraade)) continue;
      this.post(i);
      if (this.fra[i]) continue;
      this.fra[i] = 1;
      this.korr[i]! -= this.g.handleplansum[i]!;
      ramt = true;
    }
    if (!ramt) throw new Omvej(); // nothing to switch off: anvendScenarie says so in its own words
  }
}

/** The figures of one scenario: exact kr as Decimals (made on request), and the total afvigelse in øre. */
export interface ScenarieTotaler {
  navn: string;
  /** Which path computed it: integers by delta, or (when not exact at the scale) the Decimal engine. */
  vej: 'heltal' | 'decimal';
  /** The total afvigelse (korrigeret − forventet) in øre, rounded half away from zero; negative = merforbrug. */
  afvigelseOere: bigint;
  /** The total forventet in øre, rounded half away from zero. */
  forventetOere: bigint;
  total(): Summering;
  udgiftsart(u: Udgiftsart): Summering;
  /** undefined for a politikområde without budget posts (it is not part of the tables). */
  politikomraade(nr: string): Summering | undefined;
  udvalg(navn: string): Summering | undefined;
}

/** Summaries from the base and a delta (integers until asked). */
class DeltaTotaler implements ScenarieTotaler {
  readonly vej = 'heltal';
  readonly afvigelseOere: bigint;
  private readonly f: bigint;

  constructor(readonly navn: string, private readonly g: Grundlag, private readonly d: Delta) {
    let afvigelse = g.ak[0]! - g.af[0]!;
    let f = g.af[0]!;
    for (let n = 0; n < d.length; n += 4) {
      if (g.aggregater[d[n] as number]!.length === 0) continue; // a post outside every table
      afvigelse += (d[n + 1] as bigint) - (d[n + 2] as bigint);
      f += d[n + 2] as bigint;
    }
    this.f = f;
    this.afvigelseOere = afrund(afvigelse, BELOEB_E, 2);
  }

  get forventetOere(): bigint {
    return afrund(this.f, BELOEB_E, 2);
  }

  private summering(a: number): Summering {
    const { g, d } = this;
    let k = g.ak[a]!;
    let f = g.af[a]!;
    let h = g.ah[a]!;
    for (let n = 0; n < d.length; n += 4) {
      if (!g.aggregater[d[n] as number]!.includes(a)) continue;
      k += d[n + 1] as bigint;
      f += d[n + 2] as bigint;
      h += d[n + 3] as bigint;
    }
    const s = g.summeringer[a]!;
    return {
      vedtaget: s.vedtaget,
      korrigeret: fraHeltal(k, BELOEB_E),
      forventet: fraHeltal(f, BELOEB_E),
      forventetForrige: s.forventetForrige,
      afvigelse: fraHeltal(k - f, BELOEB_E),
      handleplaneffekt: fraHeltal(h, BELOEB_E),
    };
  }

  total(): Summering {
    return this.summering(0);
  }

  udgiftsart(u: Udgiftsart): Summering {
    return this.summering(this.g.artIndeks.get(u)!);
  }

  politikomraade(nr: string): Summering | undefined {
    const a = this.g.poIndeks.get(nr);
    return a === undefined ? undefined : this.summering(a);
  }

  udvalg(navn: string): Summering | undefined {
    const a = this.g.udvalgIndeks.get(navn);
    return a === undefined ? undefined : this.summering(a);
  }
}

/** A scenario computed by the Decimal engine, behind the same interface. */
export function opfoelgningTotaler(navn: string, o: Opfoelgning): ScenarieTotaler {
  const tilOere = (d: Decimal) => BigInt(d.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
  let poer: Map<string, Summering> | undefined;
  return {
    navn,
    vej: 'decimal',
    afvigelseOere: tilOere(o.total.afvigelse),
    forventetOere: tilOere(o.total.forventet),
    total: () => o.total,
    udgiftsart: (u) => o.udgiftsarter[u],
    politikomraade: (nr) => (poer ??= new Map(o.politikomraader.map((p) => [p.nr, p.sum]))).get(nr),
    udvalg: (navn) => o.udvalg.find((u) => u.navn === navn)?.sum,
  };
}

/**
 * Computes many scenarios on one dataset: each scenario's totals (kr, exact), equal to
 * `beregn(anvendScenarie(datasaet, s.aendringer))`. The base is computed once per dataset object (kept while
 * the dataset lives); each scenario costs only the posts it touches. Throws `ScenarieFejl` for a change
 * whose target does not exist, as `anvendScenarie` does.
 */
export function beregnScenarier(datasaet: Datasaet, scenarier: readonly Scenarie[]): ScenarieTotaler[] {
  const g = grundlagFor(datasaet);
  const kladde = g && new Kladde(g);
  const ud: ScenarieTotaler[] = [];
  for (const s of scenarier) {
    if (g && kladde) {
      try {
        ud.push(new DeltaTotaler(s.navn, g, kladde.delta(s.aendringer)));
        continue;
      } catch (e) {
        if (!(e instanceof Omvej)) throw e;
      }
    }
    ud.push(opfoelgningTotaler(s.navn, beregn(anvendScenarie(datasaet, s.aendringer))));
  }
  return ud;
}
