// fast-check arbitraries for random VALID datasets (FORMAT.md), built in memory: no CSV, no loader.
// Amounts are generated as integers in øre (or hundredths) and turned into Decimals from strings, so no
// float ever touches a figure.
import fc from 'fast-check';
import { Decimal } from '../src/core/money.js';
import type { Budgetpost, Datasaet, Enhedspris, Korrektion, Politikomraade, Udgiftsart, Ydelse } from '../src/core/model.js';

/** A Decimal with exactly two decimals from an integer count of hundredths (øre). */
export const fraHundrededele = (n: bigint): Decimal => {
  const neg = n < 0n;
  const a = (neg ? -n : n).toString().padStart(3, '0');
  return new Decimal(`${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`);
};

/** Up to `heltalscifre` integer digits and 2 decimals, both signs. */
export const beloebArb = (heltalscifre = 12): fc.Arbitrary<Decimal> => {
  const maks = 10n ** BigInt(heltalscifre + 2) - 1n;
  return fc.bigInt({ min: -maks, max: maks }).map(fraHundrededele);
};

/**
 * Budget amounts: the full range (up to 12 integer digits), everyday sizes (under 10 mio. kr.), and
 * multiples of 50.000 kr. (exact ties at 0,05 mio. kr. for the displayed rounding).
 */
export const budgetbeloebArb: fc.Arbitrary<Decimal> = fc.oneof(
  beloebArb(12),
  beloebArb(7),
  fc.integer({ min: -2_000, max: 2_000 }).map((n) => new Decimal(n).times(50_000)),
);

/** Non-negative, up to 2 decimals (helårspersoner): 0 … 9.999.999,99. */
const hpArb = fc.bigInt({ min: 0n, max: 999_999_999n }).map(fraHundrededele);
/** Positive, up to 2 decimals (kr per helårsperson): 0,01 … 9.999.999,99. */
const prisArb = fc.bigInt({ min: 1n, max: 999_999_999n }).map(fraHundrededele);

const kilde = (fil: string, linje: number) => ({ fil, linje });

/** A small pool of post names, so that the same name under two politikområder happens (valid for non-activity posts). */
const POSTNAVNE = ['Drift', 'Løn', 'Tilskud', 'Kontanthjælp', 'Dagpenge', 'Ældrepleje', 'Husleje', 'Vikarer', 'A', 'B', 'C', 'D'];

interface RaaPost {
  po: number;
  navn: string;
  udgiftsart: Udgiftsart;
  vedtaget: Decimal;
  korrigeret: Decimal;
  forventet: Decimal;
  forventetForrige: Decimal;
  aktivitet: boolean;
  hp: { regnskabForrige: Decimal | null; vedtaget: Decimal; korrigeret: Decimal; forventet: Decimal };
  pris: { regnskabForrige: Decimal | null; budget: Decimal; forventet: Decimal };
}

const raaPostArb: fc.Arbitrary<RaaPost> = fc.record({
  po: fc.nat(5),
  navn: fc.constantFrom(...POSTNAVNE),
  udgiftsart: fc.constantFrom<Udgiftsart>('service', 'overfoersel'),
  vedtaget: budgetbeloebArb,
  korrigeret: budgetbeloebArb,
  forventet: budgetbeloebArb,
  forventetForrige: budgetbeloebArb,
  aktivitet: fc.boolean(),
  hp: fc.record({ regnskabForrige: fc.option(hpArb), vedtaget: hpArb, korrigeret: hpArb, forventet: hpArb }),
  pris: fc.record({ regnskabForrige: fc.option(prisArb), budget: prisArb, forventet: prisArb }),
});

const raaKorrektionArb = fc.record({
  post: fc.nat(24),
  beloeb: budgetbeloebArb,
  type: fc.constantFrom<Korrektion['type']>('korrektion', 'handleplan'),
});

/** Random valid datasets: 1–4 udvalg, 1–6 politikområder, 1–25 posts, activity posts, korrektioner/handleplaner. */
export const datasaetArb: fc.Arbitrary<Datasaet> = fc
  .record({
    antalUdvalg: fc.integer({ min: 1, max: 4 }),
    poUdvalg: fc.array(fc.nat(3), { minLength: 1, maxLength: 6, size: 'max' }),
    poster: fc.uniqueArray(raaPostArb, { minLength: 1, maxLength: 25, size: 'max', selector: (p) => `${p.po}\u0000${p.navn}` }),
    korrektioner: fc.array(raaKorrektionArb, { maxLength: 12, size: 'medium' }),
    harForventetForrige: fc.boolean(),
  })
  .map(({ antalUdvalg, poUdvalg, poster: raa, korrektioner: raaK, harForventetForrige }): Datasaet => {
    const udvalg = Array.from({ length: antalUdvalg }, (_, i) => `Udvalg ${i + 1}`);
    const politikomraader: Politikomraade[] = poUdvalg.map((u, i) => ({
      nr: `${(u % antalUdvalg) + 1}.${i + 1}`,
      navn: `Område ${i + 1}`,
      udvalg: udvalg[u % antalUdvalg]!,
      kilde: kilde('politikomraader.csv', i + 2),
    }));
    const antalMedNavn = new Map<string, number>();
    for (const p of raa) antalMedNavn.set(p.navn, (antalMedNavn.get(p.navn) ?? 0) + 1);

    const poster: Budgetpost[] = [];
    const ydelser: Ydelse[] = [];
    const enhedspriser: Enhedspris[] = [];
    raa.forEach((p, i) => {
      // A ydelse must match exactly one post by name (across politikområder).
      const aktivitet = p.aktivitet && antalMedNavn.get(p.navn) === 1;
      poster.push({
        politikomraade: politikomraader[p.po % politikomraader.length]!.nr,
        post: p.navn,
        udgiftsart: p.udgiftsart,
        vedtaget: p.vedtaget,
        korrigeret: p.korrigeret,
        forventet: aktivitet ? null : p.forventet,
        forventetForrige: harForventetForrige ? p.forventetForrige : null,
        kilde: kilde('budget.csv', i + 2),
      });
      if (aktivitet) {
        ydelser.push({ ydelse: p.navn, hp: p.hp, kilde: kilde('helaarspersoner.csv', ydelser.length + 2) });
        enhedspriser.push({ ydelse: p.navn, ...p.pris, kilde: kilde('enhedspriser.csv', enhedspriser.length + 2) });
      }
    });
    // Two raw posts may land on the same (politikområde, navn) after `po % antal`: keep the first only.
    const set = new Set<string>();
    const unikke = poster.filter((p) => {
      const n = `${p.politikomraade}\u0000${p.post}`;
      if (set.has(n)) return false;
      set.add(n);
      return true;
    });
    const beholdteYdelser = new Set(unikke.filter((p) => p.forventet === null).map((p) => p.post));
    const korrektioner: Korrektion[] = raaK.map((k, i) => {
      const p = unikke[k.post % unikke.length]!;
      return {
        politikomraade: p.politikomraade,
        post: p.post,
        beloeb: k.beloeb,
        tekst: `Forklaring ${i + 1}`,
        type: k.type,
        kilde: kilde('korrektioner.csv', i + 2),
      };
    });
    return {
      manifest: { kommune: 'Testkommune', budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: 'kr', fortegn: 'merforbrug_negativ' },
      politikomraader,
      poster: unikke,
      ydelser: ydelser.filter((y) => beholdteYdelser.has(y.ydelse)),
      enhedspriser: enhedspriser.filter((y) => beholdteYdelser.has(y.ydelse)),
      korrektioner,
      bevillingslinjer: [],
      kontoplan: [],
      maanedstal: [],
      forbrugsfil: null,
      harForventetForrige,
    };
  });
