/**
 * What changed between two rounds of the same year (FORMAT.md v2, `budgetopf sammenlign A B`): per post,
 * politikområde and in total, the change in forventet regnskab (kr; positive = more expected spending),
 * decomposed so that the parts add up to the change exactly. Pure; works on two computed follow-ups.
 */
import type { Opfoelgning, PostResultat, YdelseResultat } from './beregn.js';
import { NUL, sum, type Decimal } from './money.js';
import { postNoegle, type Korrektion, type Manifest } from './model.js';

/** The parts of a change in forventet (kr); they add up to `aendring` exactly. */
export interface Aendringsdele {
  /** (hp_forventet_B − hp_forventet_A) × pris_forventet_A */
  hpEffekt: Decimal;
  /** (pris_forventet_B − pris_forventet_A) × hp_forventet_B */
  prisEffekt: Decimal;
  /** Σ korrektioner_B − Σ korrektioner_A */
  korrektionEffekt: Decimal;
  /** The rest on an activity post: korrigeret and budgeted helårspersoner × price moved. */
  budgetEffekt: Decimal;
  /** The whole change of a post without an activity model in both rounds. */
  oevrig: Decimal;
}

export interface Aendring extends Aendringsdele {
  forventetA: Decimal;
  forventetB: Decimal;
  /** forventet_B − forventet_A */
  aendring: Decimal;
}

export interface PostAendring extends Aendring {
  politikomraade: string;
  post: string;
  /** An activity post in both rounds (the change is split into helårspersoner, price, korrektioner and budget). */
  aktivitet: boolean;
}

export interface OmraadeAendring extends Aendring {
  nr: string;
  navn: string;
}

/** A korrektion text that appeared, disappeared or changed amount between the rounds (kr). */
export interface KorrektionAendring {
  politikomraade: string;
  post: string;
  tekst: string;
  type: Korrektion['type'];
  status: 'ny' | 'bortfaldet' | 'aendret';
  beloebA: Decimal | null;
  beloebB: Decimal | null;
}

export interface Sammenligning {
  a: Manifest;
  b: Manifest;
  poster: PostAendring[];
  politikomraader: OmraadeAendring[];
  total: Aendring;
  korrektioner: KorrektionAendring[];
}

const DELE = ['hpEffekt', 'prisEffekt', 'korrektionEffekt', 'budgetEffekt', 'oevrig'] as const;

const korrektionssum = (y: YdelseResultat) => sum(y.korrektioner.map((k) => k.beloeb));

/** The decomposition of one post's change (FORMAT.md); an activity post needs its ydelse in both rounds. */
function dele(aendring: Decimal, ya: YdelseResultat | undefined, yb: YdelseResultat | undefined): Aendringsdele {
  if (!ya || !yb) return { hpEffekt: NUL, prisEffekt: NUL, korrektionEffekt: NUL, budgetEffekt: NUL, oevrig: aendring };
  const hpEffekt = yb.hp.forventet.minus(ya.hp.forventet).times(ya.pris.forventet);
  const prisEffekt = yb.pris.forventet.minus(ya.pris.forventet).times(yb.hp.forventet);
  const korrektionEffekt = korrektionssum(yb).minus(korrektionssum(ya));
  return {
    hpEffekt,
    prisEffekt,
    korrektionEffekt,
    budgetEffekt: aendring.minus(hpEffekt).minus(prisEffekt).minus(korrektionEffekt),
    oevrig: NUL,
  };
}

/** The sum of changes, part by part. */
function summerAendringer(aendringer: readonly Aendring[]): Aendring {
  const felt = (f: keyof Aendring) => sum(aendringer.map((a) => a[f]));
  return {
    forventetA: felt('forventetA'),
    forventetB: felt('forventetB'),
    aendring: felt('aendring'),
    ...(Object.fromEntries(DELE.map((d) => [d, felt(d)])) as unknown as Aendringsdele),
  };
}

/** Posts of a follow-up by key, in table order. */
function postKort(o: Opfoelgning): Map<string, PostResultat> {
  return new Map(o.politikomraader.flatMap((p) => p.poster.map((x) => [postNoegle(x.politikomraade, x.post), x])));
}

/** Korrektioner that appeared, disappeared or changed amount, matched by (politikområde, post, tekst, type). */
function korrektionsAendringer(a: Opfoelgning, b: Opfoelgning): KorrektionAendring[] {
  const noegle = (k: Korrektion) => [k.politikomraade, k.post, k.tekst, k.type].join('\u0000');
  const alle = (o: Opfoelgning) => {
    const m = new Map<string, { k: Korrektion; beloeb: Decimal }>();
    for (const k of o.politikomraader.flatMap((p) => p.poster.flatMap((x) => x.korrektioner))) {
      const f = m.get(noegle(k));
      m.set(noegle(k), { k, beloeb: f ? f.beloeb.plus(k.beloeb) : k.beloeb });
    }
    return m;
  };
  const [ka, kb] = [alle(a), alle(b)];
  const ud: KorrektionAendring[] = [];
  for (const [n, { k, beloeb }] of kb) {
    const f = ka.get(n);
    if (!f || !f.beloeb.equals(beloeb))
      ud.push({ ...felter(k), status: f ? 'aendret' : 'ny', beloebA: f?.beloeb ?? null, beloebB: beloeb });
  }
  for (const [n, { k, beloeb }] of ka)
    if (!kb.has(n)) ud.push({ ...felter(k), status: 'bortfaldet', beloebA: beloeb, beloebB: null });
  return ud;
}
const felter = (k: Korrektion) => ({ politikomraade: k.politikomraade, post: k.post, tekst: k.tekst, type: k.type });

/** Compares round A with round B. A post or politikområde only in one round counts 0 in the other. */
export function sammenlign(a: Opfoelgning, b: Opfoelgning): Sammenligning {
  const [pa, pb] = [postKort(a), postKort(b)];
  const ydelse = (o: Opfoelgning) => new Map(o.ydelser.map((y) => [postNoegle(y.politikomraade, y.ydelse), y]));
  const [ya, yb] = [ydelse(a), ydelse(b)];
  const noegler = [...new Set([...pa.keys(), ...pb.keys()])];
  const poster = noegler.map((n): PostAendring => {
    const x = (pb.get(n) ?? pa.get(n))!;
    const [fa, fb] = [pa.get(n)?.sum.forventet ?? NUL, pb.get(n)?.sum.forventet ?? NUL];
    const aendring = fb.minus(fa);
    const aktivitet = ya.has(n) && yb.has(n);
    return {
      politikomraade: x.politikomraade,
      post: x.post,
      aktivitet,
      forventetA: fa,
      forventetB: fb,
      aendring,
      ...dele(aendring, ya.get(n), yb.get(n)),
    };
  });
  const navne = new Map([...a.politikomraader, ...b.politikomraader].map((p) => [p.nr, p.navn]));
  // B's order (politikomraader.csv), then A's own.
  const nr = [...new Set([...b.politikomraader, ...a.politikomraader].map((p) => p.nr))];
  const politikomraader = nr.map((n) => ({
    nr: n,
    navn: navne.get(n)!,
    ...summerAendringer(poster.filter((p) => p.politikomraade === n)),
  }));
  return {
    a: a.manifest,
    b: b.manifest,
    poster,
    politikomraader,
    total: summerAendringer(poster),
    korrektioner: korrektionsAendringer(a, b),
  };
}
