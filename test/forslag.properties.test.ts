// Property (issue 3): for random valid datasets, every proposal balances, passes the rules, and removes
// all merforbrug, in whole kr.; with --returner-mindreforbrug every politikområde ends within a few kr. of 0.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { efterBevillinger, foreslaa, klassificer, kontrollerBevillinger } from '../src/core/bevillinger.js';
import { beregn } from '../src/core/beregn.js';
import { datasaetArb } from './builders.js';

describe('foreslaa on random datasets', () => {
  it.each([false, true])('balances, passes the rules and leaves no merforbrug (returnerMindreforbrug: %s)', (returnerMindreforbrug) => {
    const set = { omplacering: 0, kassefinansieret: 0, tilfoerer_kassen: 0 };
    fc.assert(fc.property(datasaetArb, (ds) => {
      const linjer = foreslaa(beregn(ds), { returnerMindreforbrug });
      for (const b of klassificer({ ...ds, bevillingslinjer: linjer })) {
        if (b.type === 'omplacering') set.omplacering++;
        if (b.flag.includes('kassefinansieret')) set.kassefinansieret++;
        if (b.flag.includes('tilfoerer_kassen')) set.tilfoerer_kassen++;
      }
      const medForslag = { ...ds, bevillingslinjer: linjer };
      expect(kontrollerBevillinger(medForslag)).toEqual([]);
      expect(linjer.every((l) => l.beloeb.isInteger())).toBe(true);
      expect(klassificer(medForslag).every((b) => b.balancerer)).toBe(true);
      const efter = efterBevillinger(ds, linjer);
      for (const p of efter.politikomraader) {
        expect(p.sum.afvigelse.lt(0)).toBe(false);
        // whole kr: kassen rounds up (< 1 kr. per udgiftsart left over), returns round down (< 1 kr. per post)
        if (returnerMindreforbrug) expect(p.sum.afvigelse.lt(Math.max(2, p.poster.length))).toBe(true);
      }
      // omplaceringer never leave their udvalg
      for (const b of klassificer(medForslag)) if (b.type === 'omplacering') expect(b.kompetence).toBe('udvalget');
    }), { seed: 42, numRuns: 300 });
    // the samples exercise every kind of proposal
    expect(set.omplacering).toBeGreaterThan(50);
    expect(set.kassefinansieret).toBeGreaterThan(50);
    expect(set.tilfoerer_kassen > 0).toBe(returnerMindreforbrug);
  });
});
