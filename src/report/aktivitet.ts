/** The activity table: helårspersoner and net price per ydelse (as the source prints it) and the deviation explained. */
import type { Opfoelgning } from '../core/beregn.js';
import { afstem, ENHEDSFAKTOR, iEnhed, rund, sum, type Decimal } from '../core/money.js';
import type { Korrektion } from '../core/model.js';
import { effektDiagram, helaarspersonDiagram } from './diagrammer.js';
import { afvigelsescelle, talcelle, type Kolonne, type Celle, type Dokument, type Sektion, type Tabel, type Tabelraekke } from './shape.js';
import { beloebTekst, dokumentUndertitel, ENHEDSTEKST, medGrundlag, type Visning } from './visning.js';
import { effektforklaring } from '../core/aktivitet.js';

/** "merudgift 0,8 mio. kr." for a korrektion (positive beløb = more spending). */
export function korrektionTekst(k: Korrektion, v: Visning): string {
  return `${k.tekst} (${k.beloeb.isNegative() ? 'mindreudgift' : 'merudgift'} ${beloebTekst(k.beloeb, v)})`;
}

type Beloebsfelt = 'budget' | 'forventet' | 'afvigelse' | 'maengdeeffekt' | 'priseffekt' | 'korrektionseffekt';
type Beloeb = Record<Beloebsfelt, Decimal>;
const BELOEBSFELTER: Beloebsfelt[] = ['budget', 'forventet', 'afvigelse', 'maengdeeffekt', 'priseffekt', 'korrektionseffekt'];

/**
 * The amounts as displayed with --afstem (kr, multiples of the display unit): each column adds up to its
 * correctly rounded total, and each row's three effects add up to the row's displayed afvigelse; the
 * total row's effects are the sums of the displayed ones.
 */
function afstemteBeloeb(rader: Beloeb[], v: Visning): { rader: Beloeb[]; total: Beloeb } {
  const faktor = ENHEDSFAKTOR[v.enhed];
  const iEnheden = (d: Decimal) => iEnhed(d, v.enhed);
  const kolonne = (f: Beloebsfelt) => afstem(rader.map((r) => iEnheden(r[f])), rund(iEnheden(sum(rader.map((r) => r[f]))), v.decimaler), v.decimaler);
  const [budget, forventet, afvigelse] = (['budget', 'forventet', 'afvigelse'] as const).map(kolonne);
  const ud = rader.map((r, i) => {
    const [maengdeeffekt, priseffekt, korrektionseffekt] = afstem([r.maengdeeffekt, r.priseffekt, r.korrektionseffekt].map(iEnheden), afvigelse![i]!, v.decimaler);
    return { budget: budget![i]!, forventet: forventet![i]!, afvigelse: afvigelse![i]!, maengdeeffekt: maengdeeffekt!, priseffekt: priseffekt!, korrektionseffekt: korrektionseffekt! };
  });
  const tilKr = (b: Beloeb) => Object.fromEntries(BELOEBSFELTER.map((f) => [f, b[f].times(faktor)])) as Beloeb;
  const total = Object.fromEntries(BELOEBSFELTER.map((f) => [f, sum(ud.map((r) => r[f]))])) as Beloeb;
  return { rader: ud.map(tilKr), total: tilKr(total) };
}

export function aktivitetsTabel(o: Opfoelgning, v: Visning): Tabel {
  const aar = o.manifest.budgetaar;
  const beloebsceller = (y: Beloeb): Record<string, Celle> => ({
    budget: talcelle(y.budget, 'beloeb'),
    forventet: talcelle(y.forventet, 'beloeb'),
    afvigelse: afvigelsescelle(y.afvigelse),
    maengdeeffekt: afvigelsescelle(y.maengdeeffekt),
    priseffekt: afvigelsescelle(y.priseffekt),
    korrektionseffekt: afvigelsescelle(y.korrektionseffekt),
  });
  const antal = (d: Decimal | null) => d && talcelle(d, 'antal');
  const pris = (d: Decimal | null) => d && talcelle(d, 'pris');
  const eksakt = o.ydelser.map((y): Beloeb => y);
  const eksaktTotal = Object.fromEntries(BELOEBSFELTER.map((f) => [f, sum(o.ydelser.map((y) => y[f]))])) as Beloeb;
  const vist = v.afstem ? afstemteBeloeb(eksakt, v) : { rader: eksakt, total: eksaktTotal };
  const id = (i: number) => `ydelse ${i}`;
  const raekker: Tabelraekke[] = o.ydelser.map((y, i) => ({
    art: 'data',
    id: id(i),
    celler: {
      ydelse: y.ydelse,
      politikomraade: y.politikomraade,
      hpRegnskab: antal(y.hp.regnskabForrige),
      hpVedtaget: antal(y.hp.vedtaget),
      hpKorrigeret: antal(y.hp.korrigeret),
      hpForventet: antal(y.hp.forventet),
      prisRegnskab: pris(y.pris.regnskabForrige),
      prisBudget: pris(y.pris.budget),
      prisForventet: pris(y.pris.forventet),
      ...beloebsceller(vist.rader[i]!),
    },
  }));
  if (o.ydelser.length > 1) raekker.push({ art: 'total', sumAf: o.ydelser.map((_, i) => id(i)), celler: { ydelse: 'I alt', ...beloebsceller(vist.total) } });
  const korrektionsnoter = o.ydelser.flatMap((y) => y.korrektioner.map((k) => `${y.ydelse}: ${k.type === 'handleplan' ? 'handleplan: ' : ''}${korrektionTekst(k, v)}`));
  const u = ENHEDSTEKST[v.enhed];
  return {
    kolonner: aktivitetsKolonner(aar),
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }],
    raekker,
    grupper: [
      { titel: 'Helårspersoner (HP) og netto udgift pr. helårsperson (kr.)', kolonner: ['ydelse', 'hpRegnskab', 'hpVedtaget', 'hpKorrigeret', 'hpForventet', 'prisRegnskab', 'prisBudget', 'prisForventet'] },
      { titel: `Afvigelse forklaret (${u})`, kolonner: ['ydelse', 'budget', 'forventet', 'afvigelse', 'maengdeeffekt', 'priseffekt', 'korrektionseffekt'] },
    ],
    noter: [
      effektforklaring(v.fortegn),
      ...korrektionsnoter,
    ],
    soejle: 'afvigelse',
    differenser: { afvigelse: ['budget', 'forventet'] },
  };
}

function aktivitetsKolonner(aar: number): Kolonne[] {
  return [
      { noegle: 'ydelse', titel: 'Ydelse', csv: 'ydelse' },
      { noegle: 'hpRegnskab', titel: `HP regnskab ${aar - 1}`, csv: 'hp_regnskab_forrige' },
      { noegle: 'hpVedtaget', titel: `HP budget ${aar}`, csv: 'hp_vedtaget' },
      { noegle: 'hpKorrigeret', titel: `HP korrigeret ${aar}`, csv: 'hp_korrigeret' },
      { noegle: 'hpForventet', titel: `HP forventet ${aar}`, csv: 'hp_forventet' },
      { noegle: 'prisRegnskab', titel: `Pris regnskab ${aar - 1}`, csv: 'pris_regnskab_forrige' },
      { noegle: 'prisBudget', titel: `Pris budget ${aar}`, csv: 'pris_budget' },
      { noegle: 'prisForventet', titel: `Pris forventet ${aar}`, csv: 'pris_forventet' },
      { noegle: 'budget', titel: 'Korrigeret budget', csv: 'budget' },
      { noegle: 'forventet', titel: 'Forventet regnskab', csv: 'forventet' },
      { noegle: 'afvigelse', titel: 'Afvigelse', csv: 'afvigelse' },
      { noegle: 'maengdeeffekt', titel: 'Mængdeeffekt', csv: 'maengdeeffekt' },
      { noegle: 'priseffekt', titel: 'Priseffekt', csv: 'priseffekt' },
      { noegle: 'korrektionseffekt', titel: 'Korrektioner', csv: 'korrektionseffekt' },
  ];
}

/** The activity table with its charts: helårspersoner budget against forventet, and each afvigelse's parts. */
export function aktivitetsSektion(o: Opfoelgning, v: Visning): Sektion {
  return {
    titel: medGrundlag('Aktivitet: helårspersoner og priser', v),
    ark: 'Aktivitet',
    diagrammer: o.ydelser.length ? [helaarspersonDiagram(o), effektDiagram(o, v)] : [],
    tabel: aktivitetsTabel(o, v),
  };
}

/** The activity section as a document of its own (the HTML and workbook views of `aktivitet`). */
export function aktivitetDokument(o: Opfoelgning, v: Visning): Dokument {
  const m = o.manifest;
  return { titel: medGrundlag(`Aktivitet ${m.opfoelgning} ${m.budgetaar}`, v), undertitel: dokumentUndertitel(m), sektioner: [aktivitetsSektion(o, v)] };
}
