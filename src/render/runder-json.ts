/**
 * The machine-readable output of the year's rounds (FORMAT.md v2): `sammenlign` and `praecision`, and the
 * given bevillinger and initiatives `rapport` adds. Amounts in kr rounded to 2 decimals (json.ts's `kr`).
 */
import type { InitiativStatus } from '../core/initiativer.js';
import { afstem, rund, type Decimal } from '../core/money.js';
import type { GivetBevillingslinje } from '../core/model.js';
import type { Praecision, RundeFejl } from '../core/praecision.js';
import type { Aendring, Sammenligning } from '../core/sammenlign.js';
import { kr } from './json.js';

const pct = (d: Decimal | null) => (d === null ? null : Number(rund(d, 2).toFixed(2)));

/** A change with its parts rounded so that they add up to the rounded change to the øre. */
function aendringJson(a: Aendring) {
  const [hp, pris, korrektion, budget, oevrig] = afstem(
    [a.hpEffekt, a.prisEffekt, a.korrektionEffekt, a.budgetEffekt, a.oevrig],
    rund(a.aendring, 2),
    2,
  ).map(kr);
  return {
    forventet_a: kr(a.forventetA),
    forventet_b: kr(a.forventetB),
    aendring: kr(a.aendring),
    hp_effekt: hp!,
    pris_effekt: pris!,
    korrektion_effekt: korrektion!,
    budget_effekt: budget!,
    oevrig: oevrig!,
  };
}

export function sammenlignJson(s: Sammenligning) {
  return {
    a: { opfoelgning: s.a.opfoelgning, budgetaar: s.a.budgetaar },
    b: { opfoelgning: s.b.opfoelgning, budgetaar: s.b.budgetaar },
    poster: s.poster.map((p) => ({ politikomraade: p.politikomraade, post: p.post, ...aendringJson(p) })),
    politikomraader: s.politikomraader.map((p) => ({ nr: p.nr, navn: p.navn, ...aendringJson(p) })),
    total: aendringJson(s.total),
    korrektioner: s.korrektioner.map((k) => ({
      politikomraade: k.politikomraade,
      post: k.post,
      tekst: k.tekst,
      type: k.type,
      status: k.status,
      beloeb_a: k.beloebA && kr(k.beloebA),
      beloeb_b: k.beloebB && kr(k.beloebB),
    })),
  };
}

const rundeJson = (r: RundeFejl) => ({
  opfoelgning: r.opfoelgning,
  forventet: kr(r.forventet),
  fejl: kr(r.fejl),
  fejl_pct: pct(r.fejlPct),
  mangler: r.mangler,
});

export function praecisionJson(p: Praecision) {
  return {
    runder: p.runder,
    regnskab: p.regnskabNavn,
    politikomraader: p.politikomraader.map((o) => ({
      nr: o.nr,
      navn: o.navn,
      regnskab: kr(o.regnskab),
      mangler_i_regnskab: o.manglerIRegnskab,
      runder: o.runder.map(rundeJson),
    })),
    total: { regnskab: kr(p.total.regnskab), runder: p.total.runder.map(rundeJson) },
    middel_abs_fejl_pct: p.middelAbsFejlPct.map(pct),
  };
}

export const givneBevillingerJson = (linjer: readonly GivetBevillingslinje[]) =>
  linjer.map((l) => ({
    id: l.id,
    type: l.type,
    tekst: l.tekst,
    politikomraade: l.politikomraade,
    post: l.post,
    udgiftsart: l.udgiftsart,
    aar: l.aar,
    beloeb: kr(l.beloeb),
    opfoelgning: l.opfoelgning,
  }));

export const initiativerJson = (status: readonly InitiativStatus[]) =>
  status.map(({ initiativ: i, realiseret, manglende }) => ({
    id: i.id,
    tekst: i.tekst,
    udvalg: i.udvalg,
    politikomraade: i.politikomraade,
    aar: i.aar,
    status: i.status,
    planlagt: kr(i.planlagt),
    realiseret: kr(realiseret),
    manglende: kr(manglende),
  }));
