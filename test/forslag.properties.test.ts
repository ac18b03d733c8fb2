// Property (issue 3): for random valid datasets, every proposal balances, passes the rules, and removes
// all merforbrug; with --returner-mindreforbrug every politikområde ends at exactly 0.
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
      expect(klassificer(medForslag).every((b) => b.balancerer)).toBe(true);
      const efter = efterBevillinger(ds, linjer);
      for (const p of efter.politikomraader) {
        expect(p.sum.afvigelse.isNegative()).toBe(false);
        if (returnerMindreforbrug) expect(p.sum.afvigelse.isZero()).toBe(true);
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
