/**
 * The one skeleton of every table that follows the appropriation structure: per udvalg its politikområder
 * (optionally split in udgiftsarter, optionally with their posts), the udvalg's total, the grand total
 * when there are several udvalg, and the totals per udgiftsart. Each table fills the rows with its own
 * cells; `summeringI` finds the same row's figures in another computation (a scenario, after bevillinger).
 */
import { grupper, type Opfoelgning, type PolitikomraadeResultat, type PostResultat, type Summering } from '../core/beregn.js';
import { UDGIFTSARTER, type Udgiftsart } from '../core/model.js';
import type { Celle, Raekkeart, Tabelraekke } from './shape.js';

export const UDGIFTSART_LABEL: Record<Udgiftsart, string> = {
  service: 'serviceudgifter',
  overfoersel: 'øvrige udgifter',
};

/** Which row of the structure: the key to find its figures in any computation of the same dataset. */
export type Niveau =
  | { type: 'po'; nr: string }
  | { type: 'del'; nr: string; udgiftsart: Udgiftsart }
  | { type: 'post'; post: PostResultat }
  | { type: 'udvalg'; navn: string }
  | { type: 'total' }
  | { type: 'art'; udgiftsart: Udgiftsart };

export interface Skeletraekke extends Pick<Tabelraekke, 'id' | 'sumAf'> {
  art: Raekkeart;
  navn: string;
  niveau: Niveau;
  /** The identifying cells (politikområde, udgiftsart, post) a CSV writes ahead of the figures. */
  noegler: Record<string, Celle>;
}

/** Each computation's politikområder and udvalg by key, indexed once (a search per row and scenario was quadratic). */
const indeks = new WeakMap<Opfoelgning, { po: Map<string, PolitikomraadeResultat>; udvalg: Map<string, Summering> }>();
function opslag(o: Opfoelgning) {
  let m = indeks.get(o);
  if (!m) {
    m = { po: new Map(o.politikomraader.map((p) => [p.nr, p])), udvalg: new Map(o.udvalg.map((u) => [u.navn, u.sum])) };
    indeks.set(o, m);
  }
  return m;
}

/** The summary of `niveau` in `o`; undefined where `o` has no such row (a politikområde only one side has). */
export function summeringI(o: Opfoelgning, niveau: Niveau): Summering | undefined {
  switch (niveau.type) {
    case 'po':
      return opslag(o).po.get(niveau.nr)?.sum;
    case 'del':
      return opslag(o).po.get(niveau.nr)?.udgiftsarter[niveau.udgiftsart];
    case 'post':
      return niveau.post.sum;
    case 'udvalg':
      return opslag(o).udvalg.get(niveau.navn);
    case 'total':
      return o.total;
    case 'art':
      return o.udgiftsarter[niveau.udgiftsart];
  }
}

const id = {
  po: (nr: string) => `po ${nr}`,
  del: (nr: string, ua: Udgiftsart) => `po ${nr} ${ua}`,
  post: (p: PostResultat) => `post ${p.politikomraade} ${p.post}`,
};

/** The rows of a politikområde: itself, and with `dele` its udgiftsarter (and with `poster` their posts). */
function politikomraadeRaekker(
  p: Opfoelgning['politikomraader'][number],
  valg: { dele: boolean; poster: boolean },
): Skeletraekke[] {
  const raekker: Skeletraekke[] = [
    {
      art: 'data',
      navn: `${p.nr} ${p.navn}`,
      niveau: { type: 'po', nr: p.nr },
      noegler: { politikomraade: p.nr },
      id: id.po(p.nr),
      ...(valg.dele ? { sumAf: UDGIFTSARTER.map((ua) => id.del(p.nr, ua)) } : {}),
    },
  ];
  if (!valg.dele) return raekker;
  for (const ua of UDGIFTSARTER) {
    const poster = valg.poster ? p.poster.filter((x) => x.udgiftsart === ua) : [];
    raekker.push({
      art: 'del',
      navn: `– ${UDGIFTSART_LABEL[ua]}`,
      niveau: { type: 'del', nr: p.nr, udgiftsart: ua },
      noegler: { politikomraade: p.nr, udgiftsart: ua },
      id: id.del(p.nr, ua),
      ...(poster.length ? { sumAf: poster.map(id.post) } : {}),
    });
    raekker.push(
      ...poster.map((x): Skeletraekke => ({
        art: 'post',
        navn: `    ${x.post}`,
        niveau: { type: 'post', post: x },
        noegler: { politikomraade: x.politikomraade, udgiftsart: x.udgiftsart, post: x.post },
        id: id.post(x),
      })),
    );
  }
  return raekker;
}

/** The skeleton of `o`'s table; `dele`: a row per udgiftsart under each politikområde; `poster`: their posts too. */
export function udvalgsskelet(o: Opfoelgning, valg: { dele: boolean; poster: boolean }): Skeletraekke[] {
  const raekker: Skeletraekke[] = [];
  const perUdvalg = grupper(o.politikomraader, (x) => x.udvalg); // one pass, not a scan per udvalg
  for (const u of o.udvalg) {
    const omraader = perUdvalg.get(u.navn) ?? [];
    for (const p of omraader) raekker.push(...politikomraadeRaekker(p, valg));
    raekker.push({
      art: 'sum',
      navn: o.udvalg.length === 1 ? 'I alt for udvalget' : `I alt for ${u.navn}`,
      niveau: { type: 'udvalg', navn: u.navn },
      noegler: {},
      sumAf: omraader.map((p) => id.po(p.nr)),
    });
  }
  if (o.udvalg.length > 1) {
    raekker.push({
      art: 'total',
      navn: 'I alt',
      niveau: { type: 'total' },
      noegler: {},
      sumAf: o.politikomraader.map((p) => id.po(p.nr)),
    });
  }
  for (const ua of UDGIFTSARTER) {
    raekker.push({
      art: 'total',
      navn: `Samlet ${UDGIFTSART_LABEL[ua]}`,
      niveau: { type: 'art', udgiftsart: ua },
      noegler: { udgiftsart: ua },
      ...(valg.dele ? { sumAf: o.politikomraader.map((p) => id.del(p.nr, ua)) } : {}),
    });
  }
  return raekker;
}
