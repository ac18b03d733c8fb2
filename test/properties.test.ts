// Property-based tests (fast-check, fixed seed so CI is deterministic). Every comparison is exact
// Decimal equality; no float ever touches a figure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beregn, type Summering } from '../src/core/beregn.js';
import { afstem, Decimal, formatTal, iEnhed, parseTal, rund, sum } from '../src/core/money.js';
import type { Datasaet } from '../src/core/model.js';
import { UDGIFTSARTER } from '../src/core/model.js';
import { kontroller } from '../src/core/regler.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { erTal, type Tabelraekke } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { beloebArb, datasaetArb } from './builders.js';

const SEED = 42;
const KOERSLER = { seed: SEED, numRuns: 300 };

const FELTER = ['vedtaget', 'korrigeret', 'forventet', 'forventetForrige', 'afvigelse'] as const;
type Felt = (typeof FELTER)[number];

/** Exact equality with a readable message on failure. */
function lig(faktisk: Decimal | null | undefined, forventet: Decimal | null | undefined, hvad: string): void {
  if (faktisk == null || forventet == null) {
    if (faktisk != forventet) throw new Error(`${hvad}: ${String(faktisk)} ≠ ${String(forventet)}`);
    return;
  }
  if (!faktisk.equals(forventet)) throw new Error(`${hvad}: ${faktisk.toString()} ≠ ${forventet.toString()}`);
}

/** Field-by-field: `helhed` equals the sum of `dele` (forventetForrige: null iff the dataset has none). */
function summererTil(dele: Summering[], helhed: Summering, harFF: boolean, hvad: string): void {
  for (const f of FELTER) {
    if (f === 'forventetForrige' && !harFF) {
      if (helhed.forventetForrige !== null) throw new Error(`${hvad}: forventetForrige burde være null`);
      continue;
    }
    lig(helhed[f], sum(dele.map((d) => d[f]!)), `${hvad}.${f}`);
  }
  lig(helhed.handleplaneffekt, sum(dele.map((d) => d.handleplaneffekt)), `${hvad}.handleplaneffekt`);
}

const noegle = (po: string, post: string) => `${po}\u0000${post}`;

describe('the generator', () => {
  it('only produces datasets that pass every rule between files', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        expect(kontroller(ds)).toEqual([]);
        expect(ds.poster.length).toBeGreaterThanOrEqual(1);
        expect(ds.politikomraader.length).toBeLessThanOrEqual(6);
        expect(new Set(ds.politikomraader.map((p) => p.udvalg)).size).toBeLessThanOrEqual(4);
        for (const y of ds.ydelser) {
          for (const v of [y.hp.vedtaget, y.hp.korrigeret, y.hp.forventet]) expect(v.isNegative() && !v.isZero()).toBe(false);
        }
        for (const p of ds.enhedspriser) expect(p.budget.gt(0) && p.forventet.gt(0)).toBe(true);
      }),
      KOERSLER,
    );
  });

  it('produces activity posts, handleplaner, forventet_forrige and several udvalg (not a vacuous generator)', () => {
    const stik = fc.sample(datasaetArb, { seed: SEED, numRuns: 300 });
    expect(stik.some((ds) => ds.ydelser.length > 0)).toBe(true);
    expect(stik.some((ds) => ds.korrektioner.some((k) => k.type === 'handleplan'))).toBe(true);
    expect(stik.some((ds) => ds.korrektioner.some((k) => k.type === 'korrektion'))).toBe(true);
    expect(stik.some((ds) => ds.harForventetForrige)).toBe(true);
    expect(stik.some((ds) => new Set(ds.politikomraader.map((p) => p.udvalg)).size > 1)).toBe(true);
    expect(stik.some((ds) => new Set(ds.poster.map((p) => p.post)).size < ds.poster.length)).toBe(true);
  });
});

describe('beregn: properties over random valid datasets', () => {
  it('1. posts add up to udgiftsarter and politikområder, politikområder to udvalg, udvalg to the total, service + øvrige to the total', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        const o = beregn(ds);
        const harFF = ds.harForventetForrige;
        // Every post of the dataset appears exactly once.
        expect(o.politikomraader.flatMap((p) => p.poster).length).toBe(ds.poster.length);
        for (const p of o.politikomraader) {
          summererTil(p.poster.map((x) => x.sum), p.sum, harFF, `politikområde ${p.nr} (poster)`);
          summererTil(UDGIFTSARTER.map((u) => p.udgiftsarter[u]), p.sum, harFF, `politikområde ${p.nr} (udgiftsarter)`);
          for (const u of UDGIFTSARTER) {
            summererTil(p.poster.filter((x) => x.udgiftsart === u).map((x) => x.sum), p.udgiftsarter[u], harFF, `politikområde ${p.nr} ${u}`);
          }
        }
        for (const u of o.udvalg) {
          summererTil(o.politikomraader.filter((p) => p.udvalg === u.navn).map((p) => p.sum), u.sum, harFF, `udvalg ${u.navn}`);
        }
        summererTil(o.udvalg.map((u) => u.sum), o.total, harFF, 'total (udvalg)');
        summererTil(UDGIFTSARTER.map((u) => o.udgiftsarter[u]), o.total, harFF, 'total (udgiftsarter)');
        for (const u of UDGIFTSARTER) summererTil(o.politikomraader.map((p) => p.udgiftsarter[u]), o.udgiftsarter[u], harFF, `samlet ${u}`);
        summererTil(o.politikomraader.flatMap((p) => p.poster).map((x) => x.sum), o.total, harFF, 'total (alle poster)');
      }),
      KOERSLER,
    );
  });

  it('1b. post figures agree with an independent oracle computed from the dataset (FORMAT.md formulas)', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        const o = beregn(ds);
        const resultater = new Map(o.politikomraader.flatMap((p) => p.poster).map((x) => [noegle(x.politikomraade, x.post), x]));
        for (const p of ds.poster) {
          const r = resultater.get(noegle(p.politikomraade, p.post))!;
          expect(r).toBeDefined();
          const k = sum(ds.korrektioner.filter((x) => x.politikomraade === p.politikomraade && x.post === p.post).map((x) => x.beloeb));
          const y = ds.ydelser.find((x) => x.ydelse === p.post);
          const pris = ds.enhedspriser.find((x) => x.ydelse === p.post);
          const forventet = y && pris
            ? p.korrigeret.plus(y.hp.forventet.times(pris.forventet)).minus(y.hp.korrigeret.times(pris.budget)).plus(k)
            : p.forventet!.plus(k);
          lig(r.sum.vedtaget, p.vedtaget, `${p.post}.vedtaget`);
          lig(r.sum.korrigeret, p.korrigeret, `${p.post}.korrigeret`);
          lig(r.sum.forventet, forventet, `${p.post}.forventet`);
          lig(r.sum.forventetForrige, ds.harForventetForrige ? p.forventetForrige : null, `${p.post}.forventetForrige`);
          expect(r.aktivitet).toBe(y !== undefined);
        }
      }),
      KOERSLER,
    );
  });

  it('2. afvigelse = korrigeret − forventet at every level', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        const o = beregn(ds);
        const tjek = (s: { korrigeret: Decimal; forventet: Decimal; afvigelse: Decimal }, hvad: string) =>
          lig(s.afvigelse, s.korrigeret.minus(s.forventet), `${hvad}.afvigelse`);
        for (const p of o.politikomraader) {
          tjek(p.sum, `politikområde ${p.nr}`);
          for (const u of UDGIFTSARTER) tjek(p.udgiftsarter[u], `politikområde ${p.nr} ${u}`);
          for (const x of p.poster) tjek(x.sum, `post ${x.post}`);
        }
        for (const u of o.udvalg) tjek(u.sum, `udvalg ${u.navn}`);
        for (const u of UDGIFTSARTER) tjek(o.udgiftsarter[u], `samlet ${u}`);
        tjek(o.total, 'total');
        for (const y of o.ydelser) lig(y.afvigelse, y.budget.minus(y.forventet), `ydelse ${y.ydelse}.afvigelse`);
      }),
      KOERSLER,
    );
  });

  it('3. activity decomposition: mængdeeffekt + priseffekt + korrektionseffekt = afvigelse, each per FORMAT.md', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        const o = beregn(ds);
        expect(o.ydelser.length).toBe(ds.ydelser.length);
        for (const y of o.ydelser) {
          lig(y.maengdeeffekt.plus(y.priseffekt).plus(y.korrektionseffekt), y.afvigelse, `ydelse ${y.ydelse}: sum af effekter`);
          lig(y.maengdeeffekt, y.hp.forventet.minus(y.hp.korrigeret).times(y.pris.budget).neg(), `ydelse ${y.ydelse}.maengdeeffekt`);
          lig(y.priseffekt, y.pris.forventet.minus(y.pris.budget).times(y.hp.forventet).neg(), `ydelse ${y.ydelse}.priseffekt`);
          const k = sum(ds.korrektioner.filter((x) => x.politikomraade === y.politikomraade && x.post === y.ydelse).map((x) => x.beloeb));
          lig(y.korrektionseffekt, k.neg(), `ydelse ${y.ydelse}.korrektionseffekt`);
          // The ydelse's figures are the post's figures.
          const post = o.politikomraader.find((p) => p.nr === y.politikomraade)!.poster.find((p) => p.post === y.ydelse)!;
          lig(y.afvigelse, post.sum.afvigelse, `ydelse ${y.ydelse} = post`);
          lig(y.budget, post.sum.korrigeret, `ydelse ${y.ydelse}.budget`);
        }
      }),
      KOERSLER,
    );
  });

  it('4. handleplaner: afvigelse − handleplaneffekt is the deviation before handleplaner; effects add up', () => {
    fc.assert(
      fc.property(datasaetArb, (ds) => {
        const o = beregn(ds);
        for (const p of o.politikomraader) {
          for (const x of p.poster) {
            const hp = sum(ds.korrektioner
              .filter((k) => k.type === 'handleplan' && k.politikomraade === x.politikomraade && k.post === x.post)
              .map((k) => k.beloeb));
            lig(x.sum.handleplaneffekt, hp.neg(), `post ${x.post}.handleplaneffekt`);
            lig(x.sum.afvigelse.minus(x.sum.handleplaneffekt), x.sum.korrigeret.minus(x.sum.forventet.minus(hp)), `post ${x.post}: afvigelse før handleplaner`);
          }
          lig(sum(p.poster.map((x) => x.sum.handleplaneffekt)), p.sum.handleplaneffekt, `politikområde ${p.nr}.handleplaneffekt`);
        }
        const alleHp = sum(ds.korrektioner.filter((k) => k.type === 'handleplan').map((k) => k.beloeb));
        lig(o.total.handleplaneffekt, alleHp.neg(), 'total.handleplaneffekt');
        for (const y of o.ydelser) {
          const hp = sum(y.korrektioner.filter((k) => k.type === 'handleplan').map((k) => k.beloeb));
          lig(y.handleplaneffekt, hp.neg(), `ydelse ${y.ydelse}.handleplaneffekt`);
        }
      }),
      KOERSLER,
    );
  });
});

describe('money: properties', () => {
  const tal2 = beloebArb(15); // up to 15 integer digits, 2 decimals, both signs

  it('5a. formatTal → parseTal round trip: da with thousands separators, da without, en without', () => {
    fc.assert(
      fc.property(tal2, (d) => {
        const forventet = rund(d, 2);
        for (const [format, tusindtalsseparator] of [['da', true], ['da', false], ['en', false]] as const) {
          const tekst = formatTal(d, { decimaler: 2, format, tusindtalsseparator });
          const r = parseTal(tekst, format);
          if (!r.ok) throw new Error(`${format}${tusindtalsseparator ? ' (sep)' : ''}: "${tekst}" afvist: ${r.besked}`);
          lig(r.vaerdi, forventet, `${format}${tusindtalsseparator ? ' (sep)' : ''} "${tekst}"`);
        }
      }),
      KOERSLER,
    );
  });

  it('5b. round trip of figures with more decimals gives back the figure rounded to 2 decimals', () => {
    // Up to 14 integer digits so that rounding never carries past 15.
    const tal4 = fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }).map((n) => new Decimal(n.toString()).div(10_000));
    fc.assert(
      fc.property(tal4, (d) => {
        for (const [format, tusindtalsseparator] of [['da', true], ['da', false], ['en', false]] as const) {
          const tekst = formatTal(d, { decimaler: 2, format, tusindtalsseparator });
          const r = parseTal(tekst, format);
          if (!r.ok) throw new Error(`"${tekst}" afvist: ${r.besked}`);
          lig(r.vaerdi, rund(d, 2), `${format} "${tekst}"`);
        }
      }),
      KOERSLER,
    );
  });

  it('5c. parseTal never throws on arbitrary text; it answers ok:false instead', () => {
    const tjek = (s: string) => {
      for (const format of ['da', 'en'] as const) {
        const r = parseTal(s, format);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.vaerdi.isFinite()).toBe(true);
        else expect(typeof r.besked).toBe('string');
      }
    };
    // fast-check 4 has no fullUnicodeString(); string({ unit: 'binary' }) is its replacement (any code point, lone surrogates included).
    for (const arb of [fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })]) {
      fc.assert(fc.property(arb, tjek), KOERSLER);
    }
    // Number-like text reaches the regexes' and Decimal's corners far more often.
    const tallignende = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', ',', '-', '+', ' ', 'e', '\u00a0'), maxLength: 40 });
    fc.assert(fc.property(tallignende, tjek), KOERSLER);
  });

  it('6. rund() rounds half away from zero, for both signs', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (n, k, negativ) => {
        const tegn = negativ ? '-' : '';
        const r = rund(new Decimal(`${tegn}${n}.${k}5`), 1);
        const forventetAbs = new Decimal(`${n}.${k}`).plus('0.1');
        lig(r.abs(), forventetAbs, `rund(${tegn}${n}.${k}5, 1)`);
        expect(r.isNegative()).toBe(negativ);
      }),
      KOERSLER,
    );
  });

  it('7. afstem (largest remainder): parts add up to the rounded total, each within one unit, each a multiple of the unit', () => {
    const vaerdi = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }).map((n) => new Decimal(n.toString()).div(10_000));
    const liste = fc.oneof(
      fc.array(vaerdi, { maxLength: 20 }),
      // Many equal remainders (ties) and values near the rounding boundary.
      fc.array(fc.integer({ min: -200, max: 200 }).map((n) => new Decimal(n).div(40)), { maxLength: 20 }),
    );
    fc.assert(
      fc.property(liste, fc.integer({ min: 0, max: 2 }), (vaerdier, decimaler) => {
        const enhed = new Decimal(10).pow(-decimaler);
        const total = rund(sum(vaerdier), decimaler);
        const ud = afstem(vaerdier, total, decimaler);
        expect(ud.length).toBe(vaerdier.length);
        lig(sum(ud), total, 'sum af afstemte dele');
        ud.forEach((r, i) => {
          if (!r.minus(vaerdier[i]!).abs().lt(enhed)) throw new Error(`del ${i}: ${vaerdier[i]} → ${r} (mere end én enhed ${enhed})`);
          if (!r.mod(enhed).isZero()) throw new Error(`del ${i}: ${r} er ikke et multiplum af ${enhed}`);
        });
      }),
      KOERSLER,
    );
  });
});

describe('the displayed deviation table with afstem: displayed parts add up to displayed totals', () => {
  const VISNING = { ...STANDARDVISNING, afstem: true, poster: true };

  /** The figure a cell shows, in the display unit (mio. kr., 1 decimal). */
  const vist = (r: Tabelraekke, f: Felt): Decimal => {
    const c = r.celler[f] ?? null;
    if (!erTal(c)) throw new Error(`rækken "${String(r.celler.navn)}" har ingen ${f}`);
    return rund(iEnhed(c.tal, 'mio.kr'), 1);
  };
  const summerVist = (dele: Tabelraekke[], helhed: Tabelraekke, felter: readonly Felt[], hvad: string) => {
    for (const f of felter) lig(vist(helhed, f), sum(dele.map((d) => vist(d, f))), `${hvad}.${f} (vist)`);
  };

  it('8. del rows → politikområde rows → I alt rows; posts → del rows; Samlet service + øvrige → grand total', () => {
    fc.assert(
      fc.property(datasaetArb, (ds: Datasaet) => {
        const o = beregn(ds);
        const tabel = afvigelsesTabel(o, VISNING);
        const felter = FELTER.filter((f) => f !== 'forventetForrige' || ds.harForventetForrige);
        const r = tabel.raekker;

        // Walk the table in its order: data (politikområde), del (udgiftsart) + its posts, …, sum (udvalg).
        const udvalgRaekker: Tabelraekke[] = [];
        const delRaekker: Record<'service' | 'overfoersel', Tabelraekke[]> = { service: [], overfoersel: [] };
        let i = 0;
        while (i < r.length && r[i]!.art !== 'total') {
          const dataRaekker: Tabelraekke[] = [];
          while (r[i]!.art === 'data') {
            const data = r[i++]!;
            const dele: Tabelraekke[] = [];
            while (i < r.length && r[i]!.art === 'del') {
              const del = r[i++]!;
              const poster: Tabelraekke[] = [];
              while (i < r.length && r[i]!.art === 'post') poster.push(r[i++]!);
              summerVist(poster, del, felter, `${String(data.celler.navn)} ${String(del.celler.navn)} (poster)`);
              dele.push(del);
              delRaekker[del.celler.udgiftsart as 'service' | 'overfoersel'].push(del);
            }
            expect(dele.map((d) => d.celler.navn)).toEqual(['– serviceudgifter', '– øvrige udgifter']);
            summerVist(dele, data, felter, String(data.celler.navn));
            dataRaekker.push(data);
          }
          const iAlt = r[i++]!;
          expect(iAlt.art).toBe('sum');
          expect(String(iAlt.celler.navn)).toMatch(/^I alt for /);
          summerVist(dataRaekker, iAlt, felter, String(iAlt.celler.navn));
          udvalgRaekker.push(iAlt);
        }
        expect(udvalgRaekker.length).toBe(o.udvalg.length);
        const totaler = r.slice(i);
        const [samletService, samletOevrige] = totaler.slice(-2);
        expect(samletService!.celler.navn).toBe('Samlet serviceudgifter');
        expect(samletOevrige!.celler.navn).toBe('Samlet øvrige udgifter');
        let grandTotal: Tabelraekke;
        if (o.udvalg.length > 1) {
          expect(totaler.length).toBe(3);
          grandTotal = totaler[0]!;
          expect(grandTotal.celler.navn).toBe('I alt');
          summerVist(udvalgRaekker, grandTotal, felter, 'I alt (udvalg)');
        } else {
          expect(totaler.length).toBe(2);
          grandTotal = udvalgRaekker[0]!;
        }
        summerVist([samletService!, samletOevrige!], grandTotal, felter, 'Samlet service + øvrige');
        summerVist(delRaekker.service, samletService!, felter, 'Samlet serviceudgifter (del-rækker)');
        summerVist(delRaekker.overfoersel, samletOevrige!, felter, 'Samlet øvrige udgifter (del-rækker)');
        // The grand total shown is the exact total rounded as usual (half away from zero).
        for (const f of felter) lig(vist(grandTotal, f), rund(iEnhed(o.total[f]!, 'mio.kr'), 1), `grand total.${f} = rund(eksakt)`);
        // Cells are already multiples of the display unit (0,1 mio. kr. = 100.000 kr.).
        for (const raekke of r) {
          for (const f of felter) {
            const c = raekke.celler[f] ?? null;
            if (erTal(c) && !c.tal.mod(100_000).isZero()) throw new Error(`${String(raekke.celler.navn)}.${f} = ${c.tal} er ikke afstemt til 0,1 mio. kr.`);
          }
        }
      }),
      KOERSLER,
    );
  });
});

