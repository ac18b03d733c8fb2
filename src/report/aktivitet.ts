/** The activity table: helårspersoner and net price per ydelse (as the source prints it) and the deviation explained. */
import type { Opfoelgning, YdelseResultat } from '../core/beregn.js';
import { sum, type Decimal } from '../core/money.js';
import type { Korrektion } from '../core/model.js';
import { talcelle, type Celle, type Tabel, type Tabelraekke } from './shape.js';
import { beloebTekst, ENHEDSTEKST, type Visning } from './visning.js';

/** "merudgift 0,8 mio. kr." for a korrektion (positive beløb = more spending). */
export function korrektionTekst(k: Korrektion, v: Visning): string {
  return `${k.tekst} (${k.beloeb.isNegative() ? 'mindreudgift' : 'merudgift'} ${beloebTekst(k.beloeb, v)})`;
}

export function aktivitetsTabel(o: Opfoelgning, v: Visning): Tabel {
  const aar = o.manifest.budgetaar;
  const afv = (d: Decimal, merforbrug: boolean) => talcelle(v.fortegn === 'merforbrug_positiv' ? d.neg() : d, 'beloeb', merforbrug);
  const beloebsceller = (y: Pick<YdelseResultat, 'budget' | 'forventet' | 'afvigelse' | 'maengdeeffekt' | 'priseffekt' | 'korrektionseffekt'>): Record<string, Celle> => ({
    budget: talcelle(y.budget, 'beloeb'),
    forventet: talcelle(y.forventet, 'beloeb'),
    afvigelse: afv(y.afvigelse, y.afvigelse.isNegative()),
    maengdeeffekt: afv(y.maengdeeffekt, y.maengdeeffekt.isNegative()),
    priseffekt: afv(y.priseffekt, y.priseffekt.isNegative()),
    korrektionseffekt: afv(y.korrektionseffekt, y.korrektionseffekt.isNegative()),
  });
  const antal = (d: Decimal | null) => d && talcelle(d, 'antal');
  const pris = (d: Decimal | null) => d && talcelle(d, 'pris');
  const raekker: Tabelraekke[] = o.ydelser.map((y) => ({
    art: 'data',
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
      ...beloebsceller(y),
    },
  }));
  if (o.ydelser.length > 1) {
    const total = (f: 'budget' | 'forventet' | 'afvigelse' | 'maengdeeffekt' | 'priseffekt' | 'korrektionseffekt') => sum(o.ydelser.map((y) => y[f]));
    raekker.push({
      art: 'total',
      celler: {
        ydelse: 'I alt',
        ...beloebsceller({
          budget: total('budget'), forventet: total('forventet'), afvigelse: total('afvigelse'),
          maengdeeffekt: total('maengdeeffekt'), priseffekt: total('priseffekt'), korrektionseffekt: total('korrektionseffekt'),
        }),
      },
    });
  }
  const korrektionsnoter = o.ydelser.flatMap((y) => y.korrektioner.map((k) => `${y.ydelse}: ${k.type === 'handleplan' ? 'handleplan: ' : ''}${korrektionTekst(k, v)}`));
  const u = ENHEDSTEKST[v.enhed];
  return {
    kolonner: [
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
    ],
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }],
    raekker,
    grupper: [
      { titel: 'Helårspersoner (HP) og netto udgift pr. helårsperson (kr.)', kolonner: ['ydelse', 'hpRegnskab', 'hpVedtaget', 'hpKorrigeret', 'hpForventet', 'prisRegnskab', 'prisBudget', 'prisForventet'] },
      { titel: `Afvigelse forklaret (${u})`, kolonner: ['ydelse', 'budget', 'forventet', 'afvigelse', 'maengdeeffekt', 'priseffekt', 'korrektionseffekt'] },
    ],
    noter: [
      'Mængdeeffekt = −(HP forventet − HP korrigeret) × pris budget; priseffekt = −(pris forventet − pris budget) × HP forventet; korrektioner = −Σ korrektioner. De tre summerer til afvigelsen.',
      ...korrektionsnoter,
    ],
  };
}
