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
import { postNoegle, UDGIFTSARTER, type Datasaet, type Enhedspris, type Udgiftsart, type Ydelse } from './model.js';
import { anvendScenarie, type Aendring, type Operation, type Scenarie } from './scenarie.js';

/** Decimal places of helårspersoner and prices; amounts (their products) have twice as many. */
const E = 12;
const BELOEB_E = 2 * E;
const POTENS: bigint[] = Array.from({ length: 2 * BELOEB_E + 1 }, (_, i) => 10n ** BigInt(i));

/** The fields of helårspersoner and prices a scenario can change; the activity formula is probed on these. */
const HP_FELTER = ['vedtaget', 'korrigeret', 'forventet'] as const;
const PRIS_FELTER = ['budget', 'forventet'] as const;
const HP_K = 1;
const HP_F = 2;
const PRIS_F = 1;

/** A Decimal as an integer at scale 10^-e, or null when it has more decimals than that. */
function heltal(d: Decimal, e: number): bigint | null {
  if (d.decimalPlaces() > e) return null;
  return BigInt(d.times(POTENS[e]!.toString()).toFixed(0));
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
  const d = POTENS[e - ud]!;
  const q = m / d;
  const r = m % d;
  if (2n * (r < 0n ? -r : r) >= d) return m < 0n ? q - 1n : q + 1n;
  return q;
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

/** A ydelse's post, helårspersoner (HP_FELTER) and prices (PRIS_FELTER), at scale 10^-E. */
interface Aktivitet {
  post: number;
  hp: bigint[];
  pris: bigint[];
}

/** What one dataset's scenarios share: the base as integers and the map from each post to its aggregates. */
interface Grundlag {
  basis: Opfoelgning;
  led: Led[];
  /** Per post: korrigeret, forventet, handleplaneffekt, grundlag (p.forventet; null for an activity post), Σ korrektioner. */
  k: bigint[];
  f: bigint[];
  h: bigint[];
  grundlag: (bigint | null)[];
  korrektionssum: bigint[];
  /** Σ handleplaner per post, and whether the post has any (a handleplan of 0 kr can still be switched off). */
  handleplansum: bigint[];
  harHandleplan: boolean[];
  postIndeks: Map<string, number>;
  ydelser: Map<string, Aktivitet>;
  /** The ydelse of each activity post. */
  ydelseAfPost: Map<number, Aktivitet>;
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
      postIndeks: new Map(), ydelser: new Map(), ydelseAfPost: new Map(), aggregater: [], ak: [], af: [], ah: [], postPo: [], ...liste,
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
      g.aggregater.push(Int32Array.from(r && udvalg !== undefined ? [
        0, g.artIndeks.get(p.udgiftsart)!, g.udvalgIndeks.get(udvalg)!, g.poIndeks.get(p.politikomraade)!,
        g.poArtIndeks.get(postNoegle(p.politikomraade, p.udgiftsart))!,
      ] : []));
    });
    for (const k of ds.korrektioner) {
      const i = g.postIndeks.get(postNoegle(k.politikomraade, k.post));
      if (i === undefined) continue;
      const b = tilHeltal(k.beloeb, BELOEB_E);
      g.korrektionssum[i] = g.korrektionssum[i]! + b;
      if (k.type === 'handleplan') {
        g.handleplansum[i] = g.handleplansum[i]! + b;
        g.harHandleplan[i] = true;
      }
    }
    const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p]));
    const postAfNavn = new Map<string, number>();
    ds.poster.forEach((p, i) => postAfNavn.set(p.post, i)); // beregn has checked that a ydelse names one post
    for (const y of ds.ydelser) {
      const pris = priser.get(y.ydelse)!;
      const a: Aktivitet = {
        post: postAfNavn.get(y.ydelse)!,
        hp: HP_FELTER.map((f) => tilHeltal(y.hp[f], E)),
        pris: PRIS_FELTER.map((f) => tilHeltal(pris[f], E)),
      };
      g.ydelser.set(y.ydelse, a);
      g.ydelseAfPost.set(a.post, a);
    }
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
  if (c > E) return null;
  const naevner = 100n * POTENS[c]!;
  const t = v * (naevner + BigInt(o.vaerdi.times(POTENS[c]!.toString()).toFixed(0)));
  return t % naevner === 0n ? t / naevner : null;
}

/** A post's state within one scenario. */
interface PostTilstand {
  k: bigint;
  grundlag: bigint | null;
  korrektionssum: bigint;
  handleplanFra: boolean;
}

/** Thrown inside a scenario that this path does not take; the scenario goes through the Decimal engine. */
class Omvej extends Error {}

/** One scenario's changed posts: their index and the change of korrigeret, forventet and handleplaneffekt. */
interface Delta {
  poster: number[];
  dk: bigint[];
  df: bigint[];
  dh: bigint[];
}

/** Applies a scenario's changes, in order, to the posts and ydelser they touch. */
function anvend(g: Grundlag, aendringer: readonly Aendring[]) {
  const ydelser = new Map<string, Aktivitet>();
  const poster = new Map<number, PostTilstand>();
  const post = (i: number): PostTilstand => {
    let t = poster.get(i);
    if (!t) {
      t = { k: g.k[i]!, grundlag: g.grundlag[i] as bigint | null, korrektionssum: g.korrektionssum[i]!, handleplanFra: false };
      poster.set(i, t);
    }
    return t;
  };
  const ydelse = (navn: string) => {
    let y = ydelser.get(navn);
    if (!y) {
      const b = g.ydelser.get(navn);
      if (!b) throw new Omvej();
      y = { post: b.post, hp: [...b.hp], pris: [...b.pris] };
      ydelser.set(navn, y);
      post(b.post);
    }
    return y;
  };
  const postAf = (po: string, navn: string) => {
    const i = g.postIndeks.get(postNoegle(po, navn));
    if (i === undefined) throw new Omvej();
    return i;
  };
  for (const a of aendringer) {
    if (a.art === 'hp') {
      const y = ydelse(a.ydelse);
      const felt = a.felt === 'korrigeret' ? HP_K : HP_F;
      const ny = udfoerHeltal(y.hp[felt]!, a.operation, E);
      if (ny === null || ny < 0n) throw new Omvej();
      // The budget follows its helårspersoner (as in anvendScenarie): korrigeret += ΔHP × budgetpris.
      if (felt === HP_K) post(y.post).k += (ny - y.hp[HP_K]!) * y.pris[0]!;
      y.hp[felt] = ny;
    } else if (a.art === 'pris') {
      const y = ydelse(a.ydelse);
      const ny = udfoerHeltal(y.pris[PRIS_F]!, a.operation, E);
      if (ny === null) throw new Omvej();
      y.pris[PRIS_F] = ny;
    } else if (a.art === 'forventet') {
      const t = post(postAf(a.politikomraade, a.post));
      const ny = t.grundlag === null ? null : udfoerHeltal(t.grundlag, a.operation, BELOEB_E);
      if (ny === null) throw new Omvej();
      t.grundlag = ny;
    } else if (a.art === 'korrektion') {
      const t = post(postAf(a.politikomraade, a.post));
      const b = heltal(a.beloeb, BELOEB_E);
      if (b === null) throw new Omvej();
      t.korrektionssum += b;
    } else {
      slaaHandleplanerFra(g, a, post, postAf);
    }
  }
  return { ydelser, poster };
}

function slaaHandleplanerFra(
  g: Grundlag,
  a: Extract<Aendring, { art: 'handleplan_fra' }>,
  post: (i: number) => PostTilstand,
  postAf: (po: string, navn: string) => number,
) {
  const kun = a.post !== null ? postAf(a.politikomraade!, a.post) : -1;
  let ramt = false;
  // Bounded by the number of posts; only posts with handleplaner are touched.
  for (let i = 0; i < g.harHandleplan.length; i++) {
    if (!g.harHandleplan[i] || (kun >= 0 && i !== kun)) continue;
    if (a.politikomraade !== null && g.postPo[i] !== a.politikomraade) continue;
    const t = post(i);
    if (t.handleplanFra) continue;
    t.handleplanFra = true;
    t.korrektionssum -= g.handleplansum[i]!;
    ramt = true;
  }
  if (!ramt) throw new Omvej(); // nothing to switch off: anvendScenarie says so in its own words
}

/** The exact change of each touched post. */
function delta(g: Grundlag, aendringer: readonly Aendring[]): Delta {
  const { ydelser, poster } = anvend(g, aendringer);
  const aktivitet = new Map<number, Aktivitet>();
  for (const y of ydelser.values()) aktivitet.set(y.post, y);
  const d: Delta = { poster: [], dk: [], df: [], dh: [] };
  for (const [i, t] of poster) {
    let f: bigint;
    if (t.grundlag !== null) {
      f = t.grundlag + t.korrektionssum;
    } else {
      const y = aktivitet.get(i) ?? g.ydelseAfPost.get(i)!;
      f = t.k + t.korrektionssum;
      for (const l of g.led) f += l.k * y.hp[l.hp]! * y.pris[l.pris]!;
    }
    d.poster.push(i);
    d.dk.push(t.k - g.k[i]!);
    d.df.push(f - g.f[i]!);
    d.dh.push(t.handleplanFra ? -g.h[i]! : 0n);
  }
  return d;
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
  afvigelseOere: bigint;
  forventetOere: bigint;
  private readonly tk: bigint;
  private readonly tf: bigint;
  private readonly th: bigint;

  constructor(readonly navn: string, private readonly g: Grundlag, private readonly d: Delta) {
    let tk = 0n;
    let tf = 0n;
    let th = 0n;
    for (let n = 0; n < d.poster.length; n++) {
      if (g.aggregater[d.poster[n]!]!.length === 0) continue;
      tk += d.dk[n]!;
      tf += d.df[n]!;
      th += d.dh[n]!;
    }
    this.tk = tk;
    this.tf = tf;
    this.th = th;
    const k = g.ak[0]! + tk;
    const f = g.af[0]! + tf;
    this.afvigelseOere = afrund(k - f, BELOEB_E, 2);
    this.forventetOere = afrund(f, BELOEB_E, 2);
  }

  private summering(a: number): Summering {
    const g = this.g;
    let k = g.ak[a]!;
    let f = g.af[a]!;
    let h = g.ah[a]!;
    if (a === 0) {
      k += this.tk;
      f += this.tf;
      h += this.th;
    } else {
      for (let n = 0; n < this.d.poster.length; n++) {
        if (!g.aggregater[this.d.poster[n]!]!.includes(a)) continue;
        k += this.d.dk[n]!;
        f += this.d.df[n]!;
        h += this.d.dh[n]!;
      }
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
  return {
    navn,
    vej: 'decimal',
    afvigelseOere: tilOere(o.total.afvigelse),
    forventetOere: tilOere(o.total.forventet),
    total: () => o.total,
    udgiftsart: (u) => o.udgiftsarter[u],
    politikomraade: (nr) => o.politikomraader.find((p) => p.nr === nr)?.sum,
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
  const ud: ScenarieTotaler[] = [];
  for (const s of scenarier) {
    if (g) {
      try {
        ud.push(new DeltaTotaler(s.navn, g, delta(g, s.aendringer)));
        continue;
      } catch (e) {
        if (!(e instanceof Omvej)) throw e;
      }
    }
    ud.push(opfoelgningTotaler(s.navn, beregn(anvendScenarie(datasaet, s.aendringer))));
  }
  return ud;
}
