/**
 * The machine-readable output of FORMAT.md. Amounts are JSON numbers in kr rounded to 2 decimals
 * (half away from zero), whatever unit the tables use; the sign is always canonical (merforbrug negative).
 */
import type { Bevillingsoenske } from '../core/bevillinger.js';
import type { Foelsomhed } from '../core/scenarie.js';
import { afvigelseFoerHandleplaner, type Opfoelgning, type Summering, type YdelseResultat } from '../core/beregn.js';
import { afstem, rund, type Decimal } from '../core/money.js';
import { UDGIFTSARTER, type Korrektion, type Udgiftsart } from '../core/model.js';
import { isoDato, type Forbrugsopgoerelse } from '../core/forbrug.js';
import { METODER } from '../core/prognose.js';
import type { PrognoseRapport } from '../report/prognose.js';

/** kr → JSON number rounded to 2 decimals, half away from zero (exact in a double up to 15 significant digits). */
export const kr = (d: Decimal): number => Number(rund(d, 2).toFixed(2));
const tal = (d: Decimal | null): number | null => (d === null ? null : Number(d.toString()));

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

export function afvigelserJson(o: Opfoelgning) {
  return {
    kommune: o.manifest.kommune,
    budgetaar: o.manifest.budgetaar,
    opfoelgning: o.manifest.opfoelgning,
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
  const [maengdeeffekt, priseffekt, korrektionseffekt] = afstem([y.maengdeeffekt, y.priseffekt, y.korrektionseffekt], rund(y.afvigelse, 2), 2).map(kr) as [number, number, number];
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
    punkter: f.punkter.map((p) => ({ hp: Number(p.hp.toString()), afvigelse_politikomraade: kr(p.politikomraade), afvigelse_total: kr(p.total) })),
    nulpunkt: f.nulpunkt === null ? null : Number(rund(f.nulpunkt, 10).toString()),
  };
}

export const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

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
        metoder: Object.fromEntries(METODER.map((m) => [m, p.metoder[m] && tal(rund(p.metoder[m]!, 6))])),
        backtest: Object.fromEntries(METODER.map((m) => [m, {
          middelfejl: p.backtest[m].middelfejl && tal(rund(p.backtest[m].middelfejl!, 6)),
          faelles_aar: p.backtest[m].faelles,
          aar: p.backtest[m].aar.map((b) => ({ aar: b.aar, fejl: tal(rund(b.fejl, 6)) })),
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
