/** The deviation table (DOMAIN.md's reference case) as a report value. */
import type { Opfoelgning, Summering } from '../core/beregn.js';
import { afvigelsesforklaring, merforbrugPositiv } from '../core/fortegn.js';
import { afstem, Decimal, ENHEDSFAKTOR, iEnhed, rund, sum } from '../core/money.js';
import { UDGIFTSARTER } from '../core/model.js';
import { summeringI, udvalgsskelet } from './skelet.js';
import { afvigelsesDiagram } from './diagrammer.js';
import { afvigelsescelle, talcelle, type Celle, type Dokument, type Kolonne, type Raekkeart, type Tabel, type Tabelraekke } from './shape.js';
import { dokumentUndertitel, ENHEDSTEKST, forrigeNavn, medGrundlag, type Visning } from './visning.js';

const FELTER = ['vedtaget', 'korrigeret', 'forventet', 'forventetForrige', 'afvigelse'] as const;
type Felt = (typeof FELTER)[number];

export { UDGIFTSART_LABEL } from './skelet.js';

/**
 * Largest-remainder rounding over the hierarchy: the grand total is rounded as usual; the cells
 * (politikområde × udgiftsart) are rounded to add up to it, and the posts of a cell to add up to the
 * cell. Every other total is then the sum of its displayed cells. Each column is rounded on its own:
 * a row's displayed afvigelse may differ by one unit from displayed korrigeret − forventet (as in the
 * published table), so that the total afvigelse, the headline figure, is always correctly rounded.
 * Returns the displayed figure (kr, an exact multiple of the display unit) for each summary.
 */
function afstemt(o: Opfoelgning, v: Visning): Map<Summering, Partial<Record<Felt, Decimal>>> {
  const ud = new Map<Summering, Partial<Record<Felt, Decimal>>>();
  const saet = (s: Summering, f: Felt, vaerdi: Decimal) => ud.set(s, { ...ud.get(s), [f]: vaerdi });
  const faktor = ENHEDSFAKTOR[v.enhed];
  const celler = o.politikomraader.flatMap((p) => UDGIFTSARTER.map((u) => ({ p, u, s: p.udgiftsarter[u] })));
  for (const f of FELTER) {
    if (f === 'forventetForrige' && !o.harForventetForrige) continue;
    const vaerdi = (s: Summering) => iEnhed(s[f]!, v.enhed);
    const total = rund(vaerdi(o.total), v.decimaler);
    const rundedeCeller = afstem(celler.map((c) => vaerdi(c.s)), total, v.decimaler);
    celler.forEach((c, i) => {
      saet(c.s, f, rundedeCeller[i]!.times(faktor));
      const poster = c.p.poster.filter((p) => p.udgiftsart === c.u);
      afstem(poster.map((p) => vaerdi(p.sum)), rundedeCeller[i]!, v.decimaler).forEach((r, j) => saet(poster[j]!.sum, f, r.times(faktor)));
    });
    const sumAf = (dele: Summering[]) => sum(dele.map((d) => ud.get(d)![f]!));
    for (const p of o.politikomraader) saet(p.sum, f, sumAf(UDGIFTSARTER.map((u) => p.udgiftsarter[u])));
    for (const u of o.udvalg) saet(u.sum, f, sumAf(o.politikomraader.filter((p) => p.udvalg === u.navn).map((p) => p.sum)));
    for (const u of UDGIFTSARTER) saet(o.udgiftsarter[u], f, sumAf(o.politikomraader.map((p) => p.udgiftsarter[u])));
    saet(o.total, f, total.times(faktor));
  }
  return ud;
}

export function afvigelsesKolonner(o: Opfoelgning, v: Visning): Kolonne[] {
  const opf = o.manifest.opfoelgning;
  const positiv = merforbrugPositiv(v.fortegn);
  return [
    { noegle: 'navn', titel: `Drift (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
    { noegle: 'vedtaget', titel: 'Vedtaget budget', csv: 'vedtaget' },
    { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
    { noegle: 'forventet', titel: `Forventet regnskab ${opf}`, csv: 'forventet' },
    ...(o.harForventetForrige ? [{ noegle: 'forventetForrige', titel: `Forventet ${forrigeNavn(opf)}`, csv: 'forventet_forrige' }] : []),
    { noegle: 'afvigelse', titel: `Afvigelse ${opf}${positiv ? ' (merforbrug +)' : ''}`, csv: 'afvigelse' },
    ...(v.pct ? [{ noegle: 'pct', titel: 'Afvigelse i %', csv: 'afvigelse_pct' }] : []),
  ];
}

const AFVIGELSESTITEL = 'Afvigelser pr. politikområde';

/** Builds the deviation table: politikområder with service/øvrige sub-rows, udvalg totals and udgiftsart totals. */
export function afvigelsesTabel(o: Opfoelgning, v: Visning): Tabel {
  const vist = v.afstem ? afstemt(o, v) : new Map<Summering, Partial<Record<Felt, Decimal>>>();
  const raekke = (art: Raekkeart, navn: string, s: Summering, ekstra: Record<string, Celle> = {}, sum: Pick<Tabelraekke, 'id' | 'sumAf'> = {}): Tabelraekke => {
    const tal = (f: Felt) => vist.get(s)?.[f] ?? s[f];
    const afv = tal('afvigelse')!;
    const celler: Record<string, Celle> = {
      ...ekstra,
      navn,
      vedtaget: talcelle(tal('vedtaget')!, 'beloeb'),
      korrigeret: talcelle(tal('korrigeret')!, 'beloeb'),
      forventet: talcelle(tal('forventet')!, 'beloeb'),
      forventetForrige: s.forventetForrige ? talcelle(tal('forventetForrige')!, 'beloeb') : null,
      afvigelse: afvigelsescelle(afv, s.afvigelse),
    };
    if (v.pct) {
      const pct = s.korrigeret.isZero() ? null : s.afvigelse.div(s.korrigeret.abs()).times(100);
      celler.pct = pct && afvigelsescelle(pct, s.afvigelse, 'pct');
    }
    return { art, celler, ...sum };
  };
  const raekker = udvalgsskelet(o, { dele: true, poster: v.poster })
    .map(({ art, navn, niveau, noegler, ...sum }) => raekke(art, navn, summeringI(o, niveau)!, noegler, sum));

  const noter = [
    afvigelsesforklaring(v.fortegn),
    v.afstem
      ? 'Tallene er afrundet, så delene summerer til totalerne (største rest).'
      : 'Totaler er beregnet af uafrundede tal, så afrundede dele summerer ikke altid til totalen.',
  ];
  const csvNoegler = [
    { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
    { noegle: 'udgiftsart', titel: 'Udgiftsart', csv: 'udgiftsart' },
    { noegle: 'post', titel: 'Post', csv: 'post' },
  ];
  // Printed on its own, a table computed with a forecast says so above it (the files' own figures need no title).
  const titel = v.grundlag ? { titel: medGrundlag(AFVIGELSESTITEL, v) } : {};
  return {
    ...titel, kolonner: afvigelsesKolonner(o, v), csvNoegler, raekker, noter, soejle: 'afvigelse',
    differenser: { afvigelse: ['korrigeret', 'forventet'] },
  };
}

/** The deviation table with its chart, as a document of its own (the HTML and workbook views of `afvigelser`). */
export function afvigelserDokument(o: Opfoelgning, v: Visning): Dokument {
  const m = o.manifest;
  return {
    titel: medGrundlag(`Afvigelser ${m.opfoelgning} ${m.budgetaar}`, v),
    undertitel: dokumentUndertitel(m),
    sektioner: [{ titel: medGrundlag(AFVIGELSESTITEL, v), ark: 'Afvigelser', diagrammer: [afvigelsesDiagram(o, v)], tabel: afvigelsesTabel(o, v) }],
  };
}
