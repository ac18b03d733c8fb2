/**
 * The next round of the year's follow-up (FORMAT.md v2, `budgetopf videre`): the approved requests go
 * into the korrigeret budget, an activity post's budgeted helårspersoner rise with it (so its forventet
 * does not move), this round's forventet becomes forventet_forrige, and the manifest moves on. Pure.
 *
 * Amounts kr; a bevilling's beløb is positive for more budget.
 */
import type { Opfoelgning } from './beregn.js';
import { Decimal, sum } from './money.js';
import {
  KASSEN,
  postNoegle,
  type Bevillingslinje,
  type Budgetpost,
  type Datasaet,
  type GivetBevillingslinje,
  type Art,
  type Ydelse,
} from './model.js';

/** The order of a year's follow-ups. */
export const RUNDER = ['BO1', 'BO2', 'BO3', 'Regnskab'] as const;

/** Decimals of the helårspersoner a bevilling adds to an activity post (FORMAT.md). */
export const HP_DECIMALER = 6;

/** A round that cannot be carried forward: `data` (helårspersoner below 0) or `brug` (unknown id, no next name). */
export class VidereFejl extends Error {
  constructor(
    readonly art: 'data' | 'brug',
    besked: string,
  ) {
    super(besked);
  }
}

/** The follow-up after `navn` (BO1 → BO2 → BO3 → Regnskab, any case), or null when there is none. */
export function naesteOpfoelgning(navn: string): string | null {
  const i = RUNDER.findIndex((r) => r.toLowerCase() === navn.trim().toLowerCase());
  return i >= 0 && i < RUNDER.length - 1 ? RUNDER[i + 1]! : null;
}

export interface VidereValg {
  /** The approved request ids, or every request in bevillingsoensker.csv. */
  godkendte: 'alle' | readonly string[];
  /** The next follow-up's name (default: the one after the current). */
  opfoelgning?: string;
}

export interface Videre {
  /** The next round's dataset: bevillingsoensker emptied, the year's given bevillinger in `givneBevillinger`. */
  ds: Datasaet;
  /** Ids approved now, in file order. */
  godkendte: string[];
  /** Ids in bevillingsoensker.csv that were not approved (they are not carried forward). */
  ikkeGodkendte: string[];
  /** Posts created for lines without a post (`Bevilling <id>`). */
  nyePoster: string[];
}

/** Bevilling <id>, or with the udgiftsart when the politikområde already has that name with another udgiftsart. */
function bevillingspost(
  poster: Budgetpost[],
  l: Bevillingslinje,
  udgiftsart: Art,
  harFF: boolean,
  nye: string[],
): Budgetpost {
  const navne = [`Bevilling ${l.id}`, `Bevilling ${l.id} (${udgiftsart})`];
  for (const navn of navne) {
    const p = poster.find((x) => x.politikomraade === l.politikomraade && x.post === navn);
    if (p && p.udgiftsart === udgiftsart) return p;
    if (p) continue;
    const ny: Budgetpost = {
      politikomraade: l.politikomraade,
      post: navn,
      udgiftsart,
      vedtaget: new Decimal(0),
      korrigeret: new Decimal(0),
      forventet: new Decimal(0),
      forventetForrige: harFF ? new Decimal(0) : null,
      kilde: l.kilde,
    };
    poster.push(ny);
    nye.push(`${l.politikomraade} ${navn}`);
    return ny;
  }
  throw new VidereFejl(
    'data',
    `${l.id}: politikområde ${l.politikomraade} har allerede posterne ${navne.join(' og ')} med en anden udgiftsart`,
  );
}

/** The approved ids (file order); an unknown id is a VidereFejl. */
function godkendteIds(ds: Datasaet, valg: VidereValg): { godkendte: string[]; ikke: string[] } {
  const ids = [...new Set(ds.bevillingslinjer.map((l) => l.id))];
  if (valg.godkendte === 'alle') return { godkendte: ids, ikke: [] };
  const kendte = new Set(ids);
  const ukendte = valg.godkendte.filter((id) => !kendte.has(id));
  if (ukendte.length) {
    throw new VidereFejl(
      'brug',
      `${ukendte.join(', ')} findes ikke i bevillingsoensker.csv `
        + `(${ids.length ? `der er ${ids.join(', ')}` : 'den er tom eller mangler'})`,
    );
  }
  const valgte = new Set(valg.godkendte);
  return { godkendte: ids.filter((id) => valgte.has(id)), ikke: ids.filter((id) => !valgte.has(id)) };
}

/** Activity posts' budgeted helårspersoner raised by Σ beløb / pris_budget (6 decimals); never below 0. */
function haevHelaarspersoner(ds: Datasaet, tillaeg: Map<string, Decimal[]>): Ydelse[] {
  const priser = new Map(ds.enhedspriser.map((p) => [p.ydelse, p.budget]));
  return ds.ydelser.map((y) => {
    const beloeb = tillaeg.get(y.ydelse);
    if (!beloeb) return y;
    const hp = sum(beloeb).div(priser.get(y.ydelse)!).toDecimalPlaces(HP_DECIMALER, Decimal.ROUND_HALF_UP);
    const korrigeret = y.hp.korrigeret.plus(hp);
    if (korrigeret.isNegative()) {
      throw new VidereFejl(
        'data',
        `${y.ydelse}: bevillingerne ville sætte de budgetterede helårspersoner under 0 (${korrigeret.toString()})`,
      );
    }
    return { ...y, hp: { ...y.hp, korrigeret } };
  });
}

/**
 * The next round from a dataset and its computed follow-up `o` (= beregn(ds)). Every post's forventet
 * stays (within the rounding of the helårspersoner, < 1 kr per post at prices below 2 mio. kr.); every
 * politikområde's afvigelse grows by the budget year's approved beløb on it.
 */
export function videre(ds: Datasaet, o: Opfoelgning, valg: VidereValg): Videre {
  const naeste = valg.opfoelgning ?? naesteOpfoelgning(ds.manifest.opfoelgning);
  if (!naeste)
    throw new VidereFejl(
      'brug',
      `Der er ingen opfølgning efter "${ds.manifest.opfoelgning}"; angiv navnet med --opfoelgning`,
    );
  const { godkendte, ikke } = godkendteIds(ds, valg);
  const forventet = new Map(
    o.politikomraader.flatMap((p) => p.poster.map((x) => [postNoegle(x.politikomraade, x.post), x.sum.forventet])),
  );
  const poster = ds.poster.map((p) => ({
    ...p,
    // To the øre: a file carries at most 10 decimals (mio.kr), and the previous round's figure is shown, not computed on.
    forventetForrige: forventet.get(postNoegle(p.politikomraade, p.post))!.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
  }));
  const aktivitet = new Set(ds.ydelser.map((y) => y.ydelse));
  const tillaeg = new Map<string, Decimal[]>();
  const nyePoster: string[] = [];
  const valgte = new Set(godkendte);
  const linjer = ds.bevillingslinjer.filter((l) => valgte.has(l.id));
  for (const l of linjer) {
    if (l.aar !== ds.manifest.budgetaar || l.politikomraade === KASSEN) continue;
    const post =
      l.post === null
        ? bevillingspost(poster, l, l.udgiftsart ?? 'service', true, nyePoster)
        : poster.find((p) => p.politikomraade === l.politikomraade && p.post === l.post)!;
    post.korrigeret = post.korrigeret.plus(l.beloeb);
    if (l.post !== null && aktivitet.has(l.post)) tillaeg.set(l.post, [...(tillaeg.get(l.post) ?? []), l.beloeb]);
  }
  const { pr: _pr, ...manifest } = ds.manifest;
  const givne: GivetBevillingslinje[] = [
    ...(ds.givneBevillinger ?? []),
    ...linjer.map((l) => ({ ...l, opfoelgning: ds.manifest.opfoelgning })),
  ];
  return {
    ds: {
      ...ds,
      manifest: { ...manifest, opfoelgning: naeste },
      poster,
      ydelser: haevHelaarspersoner(ds, tillaeg),
      bevillingslinjer: [],
      givneBevillinger: givne,
      harForventetForrige: true,
    },
    godkendte,
    ikkeGodkendte: ikke,
    nyePoster,
  };
}
