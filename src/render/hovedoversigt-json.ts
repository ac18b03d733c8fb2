/** The hovedoversigt and the anlæg table as FORMAT.md's JSON (v2): amounts in kr with 2 decimals, canonical sign. */
import type { Anlaegspost, Hovedoversigt, Hovedsum, Ramme } from '../core/hovedoversigt.js';
import { anlaegTotal, rammePct } from '../core/hovedoversigt.js';
import { rund, type Decimal } from '../core/money.js';
import { kr, opfoelgningJson, summeringJson } from './json.js';

/** A summary; with `overfoeres` in the folder also the part carried over and the afvigelse efter overførsler. */
function hovedsumJson(h: Hovedsum, medOverfoeres: boolean) {
  return {
    ...summeringJson(h.sum),
    ...(medOverfoeres
      ? { overfoeres: kr(h.overfoeres), afvigelse_efter_overfoersler: kr(h.sum.afvigelse.minus(h.overfoeres)) }
      : {}),
  };
}

const pct = (d: Decimal | null) => (d === null ? null : Number(rund(d, 2).toFixed(2)));

function rammeJson(r: Ramme | null) {
  if (!r) return null;
  return {
    ramme: kr(r.ramme),
    korrigeret: kr(r.korrigeret),
    forventet: kr(r.forventet),
    over_ramme_korrigeret: kr(r.overKorrigeret),
    over_ramme_forventet: kr(r.overForventet),
    over_ramme_korrigeret_pct: pct(rammePct(r.overKorrigeret, r.ramme)),
    over_ramme_forventet_pct: pct(rammePct(r.overForventet, r.ramme)),
  };
}

/** `budgetopf hovedoversigt --format json` (FORMAT.md v2), plus `anlaegsramme` when the manifest has one. */
export function hovedoversigtJson(h: Hovedoversigt) {
  const o = h.harOverfoeres;
  return {
    ...opfoelgningJson(h.manifest),
    linjer: h.linjer.map((l) => ({
      art: l.art,
      tekst: l.tekst,
      ...hovedsumJson(l, o),
      udvalg: l.udvalg.map((u) => ({ navn: u.navn, ...hovedsumJson(u, o) })),
    })),
    resultater: {
      ordinaer_drift: hovedsumJson(h.resultater.ordinaerDrift, o),
      skattefinansieret: hovedsumJson(h.resultater.skattefinansieret, o),
      likvide_aktiver: hovedsumJson(h.resultater.likvideAktiver, o),
    },
    kasse: h.kasse && {
      primo: kr(h.kasse.primo),
      korrigeret_ultimo: kr(h.kasse.korrigeretUltimo),
      forventet_ultimo: kr(h.kasse.forventetUltimo),
    },
    serviceramme: rammeJson(h.serviceramme),
    ...(h.anlaegsramme ? { anlaegsramme: rammeJson(h.anlaegsramme) } : {}),
  };
}

/** `budgetopf anlaeg --format json`: the anlæg posts (largest afvigelse first) and their total. */
export function anlaegJson(poster: Anlaegspost[]) {
  const postJson = (p: Omit<Anlaegspost, 'politikomraade' | 'post' | 'udvalg'>) => ({
    korrigeret: kr(p.korrigeret),
    forbrug_til_dato: p.forbrugTilDato === null ? null : kr(p.forbrugTilDato),
    forventet: kr(p.forventet),
    afvigelse: kr(p.afvigelse),
    overfoeres: kr(p.overfoeres),
    afvigelse_efter_overfoersler: kr(p.efterOverfoersler),
  });
  return {
    anlaeg: poster.map((p) => ({ politikomraade: p.politikomraade, post: p.post, udvalg: p.udvalg, ...postJson(p) })),
    total: postJson(anlaegTotal(poster)),
  };
}
