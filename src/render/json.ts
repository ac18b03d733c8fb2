/**
 * The machine-readable output of FORMAT.md. Amounts are JSON numbers in kr rounded to 2 decimals
 * (half away from zero), whatever unit the tables use; the sign is always canonical (merforbrug negative).
 */
import type { Bevillingsoenske } from '../core/bevillinger.js';
import type { Foelsomhed } from '../core/scenarie.js';
import { afvigelseFoerHandleplaner, type Opfoelgning, type Summering, type YdelseResultat } from '../core/beregn.js';
import { afstem, rund, type Decimal } from '../core/money.js';
import { UDGIFTSARTER, type Korrektion, type Manifest, type Udgiftsart } from '../core/model.js';
import { isoDato, type Forbrugsopgoerelse } from '../core/forbrug.js';
import { METODER } from '../core/prognose.js';
import type { PrognoseRapport } from '../report/prognose.js';

/**
 * A JSON number written from a Decimal's exact text: never an exponent, never a double's rounding (a
 * total above 2^53 øre stays exact). `JSON.stringify` (a library user's) still sees a plain number.
 */
export class JsonTal {
  constructor(readonly tekst: string) {}
  toJSON(): number {
    return Number(this.tekst);
  }
  valueOf(): number {
    return Number(this.tekst);
  }
}
/** A Decimal as JSON number text: plain notation, shortest form, no `-0`. */
const jsonTal = (d: Decimal): JsonTal => new JsonTal(d.isZero() ? '0' : d.toFixed());
/** kr → JSON number rounded to 2 decimals, half away from zero. */
export const kr = (d: Decimal): JsonTal => jsonTal(rund(d, 2));
const tal = (d: Decimal | null): JsonTal | null => (d === null ? null : jsonTal(d));

export function summeringJson(s: Summering) {
  return {
    vedtaget: kr(s.vedtaget),
    korrigeret: kr(s.korrigeret),
    forventet: kr(s.forventet),
    forventet_forrige: s.forventetForrige === null ? null : kr(s.forventetForrige),
    afvigelse: kr(s.afvigelse),
  };
}

const udgiftsarterJson = (u: Record<Udgiftsart, Summering>) =>
  Object.fromEntries(UDGIFTSARTER.map((a) => [a, summeringJson(u[a])])) as Record<Udgiftsart, ReturnType<typeof summeringJson>>;

/** The follow-up every FORMAT.md JSON document starts with. */
export const opfoelgningJson = (m: Manifest) => ({ kommune: m.kommune, budgetaar: m.budgetaar, opfoelgning: m.opfoelgning });

export function afvigelserJson(o: Opfoelgning) {
  return {
    ...opfoelgningJson(o.manifest),
    politikomraader: o.politikomraader.map((p) => ({
      nr: p.nr,
      navn: p.navn,
      udvalg: p.udvalg,
      ...summeringJson(p.sum),
      udgiftsarter: udgiftsarterJson(p.udgiftsarter),
      poster: p.poster.map((x) => ({ post: x.post, udgiftsart: x.udgiftsart, ...summeringJson(x.sum) })),
    })),
    udvalg: o.udvalg.map((u) => ({ navn: u.navn, ...summeringJson(u.sum) })),
    udgiftsarter: udgiftsarterJson(o.udgiftsarter),
    total: summeringJson(o.total),
  };
}

const korrektionJson = (k: Korrektion) => ({ tekst: k.tekst, type: k.type, beloeb: kr(k.beloeb) });

export function ydelseJson(y: YdelseResultat) {
  // The effects are rounded so that they add up to the rounded afvigelse to the øre (FORMAT.md).
  const effekter = afstem([y.maengdeeffekt, y.priseffekt, y.korrektionseffekt], rund(y.afvigelse, 2), 2);
  const [maengdeeffekt, priseffekt, korrektionseffekt] = effekter.map(kr) as [JsonTal, JsonTal, JsonTal];
  return {
    ydelse: y.ydelse,
    politikomraade: y.politikomraade,
    hp: { regnskab_forrige: tal(y.hp.regnskabForrige), vedtaget: tal(y.hp.vedtaget), korrigeret: tal(y.hp.korrigeret), forventet: tal(y.hp.forventet) },
    pris: { regnskab_forrige: tal(y.pris.regnskabForrige), budget: tal(y.pris.budget), forventet: tal(y.pris.forventet) },
    budget: kr(y.budget),
    forventet: kr(y.forventet),
    afvigelse: kr(y.afvigelse),
    maengdeeffekt,
    priseffekt,
    korrektionseffekt,
    korrektioner: y.korrektioner.map(korrektionJson),
  };
}

export const aktivitetJson = (o: Opfoelgning) => ({ ydelser: o.ydelser.map(ydelseJson) });

/** `bevillinger --format json` (FORMAT.md), extended with the afvigelser after approval. */
export function bevillingerJson(oensker: Bevillingsoenske[], efter: Opfoelgning) {
  return {
    bevillingsoensker: oensker.map((b) => ({
      id: b.id,
      type: b.type,
      tekst: b.tekst,
      kompetence: b.kompetence,
      balancerer: b.balancerer,
      flag: b.flag,
      linjer: b.linjer.map((l) => ({ politikomraade: l.politikomraade, post: l.post, udgiftsart: l.udgiftsart, aar: l.aar, beloeb: kr(l.beloeb) })),
    })),
    efter_bevillinger: afvigelserJson(efter),
  };
}

/** `rapport --format json`: the afvigelser and aktivitet objects, every korrektion, the deviation before handleplaner, and the bevillingsønsker when there are any. */
export function rapportJson(o: Opfoelgning, bevillinger?: { oensker: Bevillingsoenske[]; efter: Opfoelgning }) {
  return {
    afvigelser: afvigelserJson(o),
    aktivitet: aktivitetJson(o),
    korrektioner: o.politikomraader.flatMap((p) => p.poster.flatMap((x) => x.korrektioner.map((k) => ({
      politikomraade: k.politikomraade, post: k.post, ...korrektionJson(k),
    })))),
    handleplaner: o.politikomraader.filter((p) => !p.sum.handleplaneffekt.isZero()).map((p) => ({
      politikomraade: p.nr,
      afvigelse_foer_handleplaner: kr(afvigelseFoerHandleplaner(p.sum)),
      handleplaneffekt: kr(p.sum.handleplaneffekt),
      afvigelse: kr(p.sum.afvigelse),
    })),
    ...(bevillinger ? bevillingerJson(bevillinger.oensker, bevillinger.efter) : {}),
  };
}

/**
 * `scenarie --format json` as text in pieces, each scenario computed as it is written (`scenarier` may be
 * a generator): 100.000 scenarios are never held at once. The same text as `json(scenarierJson(…))`.
 */
export function* scenarierJsonDele(
  basis: Opfoelgning, scenarier: Iterable<{ navn: string; aendringer: string[]; o: Opfoelgning }>,
): Generator<string> {
  yield '{\n  "basis": ';
  yield* jsonDele(afvigelserJson(basis), '  ');
  yield ',\n  "scenarier": [';
  let foerste = true;
  for (const s of scenarier) {
    yield foerste ? '\n    ' : ',\n    ';
    foerste = false;
    yield* jsonDele({ navn: s.navn, aendringer: s.aendringer, afvigelser: afvigelserJson(s.o) }, '    ');
  }
  yield foerste ? ']\n}\n' : '\n  ]\n}\n';
}

/** `scenarie --format json`: the base and each scenario, each as the afvigelser JSON. */
export function scenarierJson(basis: Opfoelgning, scenarier: { navn: string; aendringer: string[]; o: Opfoelgning }[]) {
  return {
    basis: afvigelserJson(basis),
    scenarier: scenarier.map((s) => ({ navn: s.navn, aendringer: s.aendringer, afvigelser: afvigelserJson(s.o) })),
  };
}

/** `scenarie --foelsomhed … --format json`: helårspersoner as numbers, the break-even to 10 decimals (exact to the øre at any price below 10 mio. kr.). */
export function foelsomhedJson(f: Foelsomhed) {
  return {
    ydelse: f.ydelse,
    politikomraade: f.politikomraade,
    punkter: f.punkter.map((p) => ({
      hp: tal(p.hp), afvigelse_politikomraade: kr(p.politikomraade), afvigelse_total: kr(p.total),
    })),
    nulpunkt: f.nulpunkt === null ? null : tal(rund(f.nulpunkt, 10)),
  };
}

/**
 * A value as JSON text in pieces, laid out as `JSON.stringify(v, null, 2)` does, with every `JsonTal`
 * written as its exact text. Pieces, so that a large output can be written as it is made.
 */
export function* jsonDele(v: unknown, indrykning = ''): Generator<string> {
  if (v instanceof JsonTal) return yield v.tekst;
  if (v === null || typeof v !== 'object') return yield JSON.stringify(v) ?? 'null';
  const ind = `${indrykning}  `;
  const elementer: [string | null, unknown][] = Array.isArray(v)
    ? v.map((e) => [null, e === undefined || typeof e === 'function' ? null : e])
    : Object.entries(v).filter(([, e]) => e !== undefined && typeof e !== 'function');
  const [start, slut] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  if (elementer.length === 0) return yield start + slut;
  yield `${start}\n`;
  for (let i = 0; i < elementer.length; i++) {
    const [noegle, e] = elementer[i]!;
    yield noegle === null ? ind : `${ind}${JSON.stringify(noegle)}: `;
    yield* jsonDele(e, ind);
    yield i < elementer.length - 1 ? ',\n' : '\n';
  }
  yield indrykning + slut;
}

/** A value as JSON text (2-space indent, a final newline); amounts exact. */
export const json = (v: unknown) => `${[...jsonDele(v)].join('')}\n`;

/** `budgetopf prognose --format json`: per ydelse every method's forecast, the backtest and the range. */
export function prognoseJson(r: PrognoseRapport) {
  return {
    budgetaar: r.budgetaar,
    ydelser: r.ydelser.map((p) => {
      const e = p.effekter;
      return {
        ydelse: p.ydelse,
        observerede_maaneder: p.observerede,
        budget_hp: tal(e.budgetHp),
        forventet_hp: tal(e.filHp),
        metode: p.metode,
        prognose_hp: tal(p.hp),
        lav: tal(p.lav),
        hoej: tal(p.hoej),
        metoder: Object.fromEntries(METODER.map((m) => [m, p.metoder[m] && tal(rund(p.metoder[m]!, 2))])),
        backtest: Object.fromEntries(METODER.map((m) => [m, {
          middelfejl: p.backtest[m].middelfejl && tal(rund(p.backtest[m].middelfejl!, 2)),
          faelles_aar: p.backtest[m].faelles,
          aar: p.backtest[m].aar.map((b) => ({ aar: b.aar, fejl: tal(rund(b.fejl, 2)) })),
        }])),
        bedst: p.bedst,
        merudgift_ift_budget: kr(e.mod.budget),
        aendring_af_forventet: kr(e.mod.fil),
      };
    }),
  };
}

/** `budgetopf forbrug --format json`: per post the spending to date and projection; every account with its totals. */
export function forbrugJson(opg: Forbrugsopgoerelse) {
  return {
    pr: isoDato(opg.pr),
    posteringer: opg.antal,
    poster: opg.poster.map((p) => ({
      politikomraade: p.politikomraade,
      post: p.post,
      korrigeret: kr(p.korrigeret),
      forbrug_til_dato: kr(p.tilDato),
      forbrugsprocent: p.forbrugsandel && tal(rund(p.forbrugsandel.times(100), 2)),
      forventet_forbrugsprocent: tal(rund(p.forventetAndel.times(100), 2)),
      profil: p.profil,
      fremskrevet: kr(p.fremskrevet),
      afvigelse: kr(p.afvigelse),
    })),
    konti: opg.konti.map((k) => ({ konto: k.konto, politikomraade: k.politikomraade, post: k.post, i_alt: kr(k.iAlt), til_dato: kr(k.tilDato) })),
    ukendte_konti: opg.konti.filter((k) => k.post === null).map((k) => ({ konto: k.konto, i_alt: kr(k.iAlt), til_dato: kr(k.tilDato) })),
  };
}
