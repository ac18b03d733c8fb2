// Small in-memory builders for core tests: amounts in kr as strings, turned into Decimals here.
import { Decimal } from '../src/core/money.js';
import type { Budgetpost, Datasaet, Enhedspris, Korrektion, Politikomraade, Udgiftsart, Ydelse } from '../src/core/model.js';

const kilde = (linje = 2) => ({ fil: 'test.csv', linje });
const d = (s: string | number) => new Decimal(s);

export const po = (nr: string, udvalg = 'Udvalget', navn = `Område ${nr}`): Politikomraade => ({ nr, navn, udvalg, kilde: kilde() });

export const post = (politikomraade: string, navn: string, udgiftsart: Udgiftsart, vedtaget: string, korrigeret: string, forventet: string | null, forventetForrige: string | null = null): Budgetpost => ({
  politikomraade, post: navn, udgiftsart, vedtaget: d(vedtaget), korrigeret: d(korrigeret),
  forventet: forventet === null ? null : d(forventet), forventetForrige: forventetForrige === null ? null : d(forventetForrige), kilde: kilde(),
});

export const ydelse = (navn: string, hp: { vedtaget: string; korrigeret?: string; forventet: string }): Ydelse => ({
  ydelse: navn,
  hp: { regnskabForrige: null, vedtaget: d(hp.vedtaget), korrigeret: d(hp.korrigeret ?? hp.vedtaget), forventet: d(hp.forventet) },
  kilde: kilde(),
});

export const pris = (navn: string, budget: string, forventet = budget): Enhedspris => ({ ydelse: navn, regnskabForrige: null, budget: d(budget), forventet: d(forventet), kilde: kilde() });

export const korrektion = (politikomraade: string, navn: string, beloeb: string, type: Korrektion['type'] = 'korrektion'): Korrektion => ({
  politikomraade, post: navn, beloeb: d(beloeb), tekst: `tekst ${navn}`, type, kilde: kilde(),
});

export function datasaet(dele: Partial<Omit<Datasaet, 'manifest'>>): Datasaet {
  return {
    manifest: { kommune: 'Testkommune', budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: 'kr', fortegn: 'merforbrug_negativ' },
    politikomraader: [], poster: [], ydelser: [], enhedspriser: [], korrektioner: [], bevillingslinjer: [], kontoplan: [], maanedstal: [], forbrugsfil: null,
    harForventetForrige: false,
    ...dele,
  };
}
