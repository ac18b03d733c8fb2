/**
 * Several udvalg's folders (and a folder with the financing lines) as one whole-municipality dataset. Pure:
 * the folders are merged as data, every amount stays exact kr; the command writes the result.
 */
import { grupper } from './beregn.js';
import type { Decimal } from './money.js';
import type { Datasaet, Manifest } from './model.js';

export interface Kildemappe {
  navn: string;
  ds: Datasaet;
}

export type Samlet = { ok: true; ds: Datasaet; advarsler: string[] } | { ok: false; fejl: string[] };

/** The value all folders agree on, or a message naming the folders that differ. */
function enig<T>(
  mapper: readonly Kildemappe[],
  felt: string,
  vaerdi: (m: Manifest) => T | undefined,
  ens: (a: T, b: T) => boolean,
  fejl: string[],
): T | undefined {
  const givne = mapper.flatMap((k) => {
    const v = vaerdi(k.ds.manifest);
    return v === undefined ? [] : [{ k, v }];
  });
  const foerste = givne[0];
  const anden = givne.find((g) => !ens(g.v, foerste!.v));
  if (anden) fejl.push(`"${felt}" er forskellig i ${foerste!.k.navn} og ${anden.k.navn}`);
  return foerste?.v;
}

const ensDecimal = (a: Decimal, b: Decimal) => a.equals(b);
const ensTekst = (a: string | number, b: string | number) => a === b;

function samletManifest(mapper: readonly Kildemappe[], kommune: string | undefined, fejl: string[]): Manifest {
  const m0 = mapper[0]!.ds.manifest;
  const udvalg = new Set(mapper.map((k) => k.ds.manifest.udvalg));
  const manifest: Manifest = {
    kommune: kommune ?? enig(mapper, 'kommune', (m) => m.kommune, ensTekst, fejl) ?? m0.kommune,
    budgetaar: enig(mapper, 'budgetaar', (m) => m.budgetaar, ensTekst, fejl) ?? m0.budgetaar,
    opfoelgning: enig(mapper, 'opfoelgning', (m) => m.opfoelgning, ensTekst, fejl) ?? m0.opfoelgning,
    beloebsenhed: 'kr',
    fortegn: m0.fortegn,
  };
  const opgoerelse = enig(mapper, 'opgoerelse', (m) => m.opgoerelse, ensTekst, fejl);
  const pr = enig(mapper, 'pr', (m) => m.pr, ensTekst, fejl);
  const serviceramme = enig(mapper, 'serviceramme', (m) => m.serviceramme, ensDecimal, fejl);
  const anlaegsramme = enig(mapper, 'anlaegsramme', (m) => m.anlaegsramme, ensDecimal, fejl);
  const kassePrimo = enig(mapper, 'kasse_primo', (m) => m.kassePrimo, ensDecimal, fejl);
  return {
    ...manifest,
    ...(udvalg.size === 1 && m0.udvalg ? { udvalg: m0.udvalg } : {}),
    ...(opgoerelse ? { opgoerelse } : {}),
    ...(pr ? { pr } : {}),
    ...(serviceramme ? { serviceramme } : {}),
    ...(anlaegsramme ? { anlaegsramme } : {}),
    ...(kassePrimo ? { kassePrimo } : {}),
  };
}

/**
 * Politikområder: one with budget posts in two folders is refused (its posts would be added twice); one
 * listed in several folders (a politikområde that only appears in bevillingsønsker) is kept once, if the
 * folders agree on its navn and udvalg.
 */
function samledePolitikomraader(mapper: readonly Kildemappe[], fejl: string[]): Datasaet['politikomraader'] {
  const ud: Datasaet['politikomraader'] = [];
  for (const [nr, forekomster] of grupper(
    mapper.flatMap((k) => k.ds.politikomraader.map((p) => ({ k, p }))),
    (x) => x.p.nr,
  )) {
    const medPoster = forekomster.filter(({ k }) => k.ds.poster.some((x) => x.politikomraade === nr));
    const foerste = medPoster[0] ?? forekomster[0]!;
    if (medPoster.length > 1) {
      fejl.push(`Politikområde ${nr} har budgetposter i både ${medPoster[0]!.k.navn} og ${medPoster[1]!.k.navn}`);
    } else if (forekomster.some(({ p }) => p.navn !== foerste.p.navn || p.udvalg !== foerste.p.udvalg)) {
      fejl.push(
        `Politikområde ${nr} har forskelligt navn eller udvalg i ${forekomster.map((f) => f.k.navn).join(' og ')}`,
      );
    }
    ud.push(foerste.p);
  }
  return ud;
}

/** Request ids must not meet across folders: the lines of B1 in two folders would become one request. */
function bevillingsIdFejl(mapper: readonly Kildemappe[]): string[] {
  const ejer = new Map<string, string>();
  const fejl: string[] = [];
  for (const k of mapper) {
    for (const id of new Set(k.ds.bevillingslinjer.map((l) => l.id))) {
      const foer = ejer.get(id);
      if (foer !== undefined)
        fejl.push(`Bevillingsønsket ${id} findes i både ${foer} og ${k.navn}; giv det et andet id i den ene mappe`);
      else ejer.set(id, k.navn);
    }
  }
  return fejl;
}

/** The folders as one dataset (amounts in kr), or why not. `forbrugsfil` is left to the caller (postings are files). */
export function samleDatasaet(mapper: readonly Kildemappe[], kommune?: string): Samlet {
  if (mapper.length === 0) return { ok: false, fejl: ['Ingen mapper at samle'] };
  const fejl: string[] = [];
  const advarsler: string[] = [];
  const manifest = samletManifest(mapper, kommune, fejl);
  const politikomraader = samledePolitikomraader(mapper, fejl);
  fejl.push(...bevillingsIdFejl(mapper));
  const harFF = mapper.every((k) => k.ds.harForventetForrige);
  if (!harFF && mapper.some((k) => k.ds.harForventetForrige)) {
    advarsler.push(
      `forventet_forrige udelades: kun ${mapper
        .filter((k) => k.ds.harForventetForrige)
        .map((k) => k.navn)
        .join(', ')} har kolonnen`,
    );
  }
  if (fejl.length) return { ok: false, fejl };
  const alle = <T>(f: (ds: Datasaet) => T[]) => mapper.flatMap((k) => f(k.ds));
  const ds: Datasaet = {
    manifest,
    politikomraader,
    poster: alle((d) => d.poster).map((p) => (harFF ? p : { ...p, forventetForrige: null })),
    ydelser: alle((d) => d.ydelser),
    enhedspriser: alle((d) => d.enhedspriser),
    korrektioner: alle((d) => d.korrektioner),
    bevillingslinjer: alle((d) => d.bevillingslinjer),
    kontoplan: alle((d) => d.kontoplan),
    maanedstal: alle((d) => d.maanedstal),
    forbrugsfil: null,
    harForventetForrige: harFF,
    ...(mapper.some((k) => k.ds.harOverfoeres) ? { harOverfoeres: true } : {}),
  };
  return { ok: true, ds, advarsler };
}
