// The direct table drawing (src/render/boks.ts) against cli-table3 with the same options: identical text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kanTegnesDirekte, ombryd, tegnBoks, type BoksCelle, type BoksKolonne } from '../src/render/boks.js';
import { INGEN_STIL, farvestil, renderTabel, tegnMedCliTable3 } from '../src/render/terminal.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { aktivitetsTabel } from '../src/report/aktivitet.js';
import { korrektionsTabel } from '../src/report/rapport.js';
import { STANDARDVISNING, type Visning } from '../src/report/visning.js';
import { beregnMappe, REFERENCE } from './helpers.js';

const ren = (tekst: string): BoksCelle => ({ tekst, stil: (s) => s });
const udenAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('tegnBoks draws what cli-table3 draws', () => {
  it('for every table of the reference follow-up, in several units and options', async () => {
    const o = await beregnMappe(REFERENCE);
    const visninger: Visning[] = [
      STANDARDVISNING,
      { ...STANDARDVISNING, poster: true, pct: true },
      { ...STANDARDVISNING, enhed: 'kr', decimaler: 0 },
      { ...STANDARDVISNING, enhed: 't.kr', decimaler: 2, fortegn: 'merforbrug_positiv', afstem: true },
    ];
    let tabeller = 0;
    for (const v of visninger) {
      for (const tabel of [afvigelsesTabel(o, v), aktivitetsTabel(o, v), korrektionsTabel(o)]) {
        // renderTabel takes the direct path here (Danish text is one column wide per character) ...
        const direkte = await renderTabel(tabel, { ...v, stil: INGEN_STIL });
        // ... and the same table through cli-table3, by rendering it with the fast path refused:
        const viaBibliotek = await renderTabel(tabel, { ...v, stil: INGEN_STIL }, tegnMedCliTable3);
        expect(direkte).toBe(viaBibliotek);
        tabeller++;
      }
    }
    expect(tabeller).toBe(12);
  });

  it('with colour the visible text is the same', async () => {
    const o = await beregnMappe(REFERENCE);
    const stil = await farvestil();
    const tabel = afvigelsesTabel(o, STANDARDVISNING);
    const direkte = await renderTabel(tabel, { ...STANDARDVISNING, stil });
    const viaBibliotek = await renderTabel(tabel, { ...STANDARDVISNING, stil }, tegnMedCliTable3);
    expect(direkte).toContain('\u001b[31m'); // merforbrug in red
    expect(udenAnsi(direkte)).toBe(udenAnsi(viaBibliotek));
  });

  it('for random tables of one-column-wide text', async () => {
    const ord = fc.stringMatching(/^[A-Za-zæøåÆØÅ0-9(),.%+=–-]{1,12}$/);
    const titel = fc.array(ord, { minLength: 1, maxLength: 4 }).map((o) => o.join(' '));
    const tal = fc.stringMatching(/^-?[0-9.]{1,14}(,[0-9]{1,2})?$/);
    const tekst = fc.stringMatching(/^[ A-Za-zæøåÆØÅ0-9(),.;:%+=–-]{0,40}$/);
    const tabel = fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({
      kolonner: fc.tuple(...Array.from({ length: n }, () => fc.record({ titel, hoejre: fc.boolean() }))),
      raekker: fc.array(fc.tuple(...Array.from({ length: n }, () => fc.tuple(tal, tekst))), { minLength: 0, maxLength: 6 }),
    }));
    await fc.assert(fc.asyncProperty(tabel, async ({ kolonner, raekker }) => {
      const celler = raekker.map((r) => r.map(([t, x], i) => ren(kolonner[i]!.hoejre ? t : x)));
      const kol: BoksKolonne[] = kolonner.map((k, i) => ({
        titel: k.titel,
        hoejre: k.hoejre,
        bredde: k.hoejre ? Math.max(12, ...celler.map((r) => r[i]!.tekst.length), ...k.titel.split(' ').map((o) => o.length)) : null,
      }));
      const hoved = kolonner.map((k) => ren(k.titel));
      expect(kanTegnesDirekte([...hoved, ...celler.flat()].map((c) => c.tekst))).toBe(true);
      expect(tegnBoks(kol, hoved, celler)).toBe(await tegnMedCliTable3(kol, hoved, celler));
    }), { seed: 20251122, numRuns: 200 });
  });
});

describe('the fallback', () => {
  it('sends text that is not one column per character to cli-table3', () => {
    expect(kanTegnesDirekte(['Sygedagpenge', '1.002,1', '– serviceudgifter', 'Beløb (+ = merudgift)'])).toBe(true);
    expect(kanTegnesDirekte(['预算'])).toBe(false); // two columns per character
    expect(kanTegnesDirekte(['e\u0301'])).toBe(false); // combining accent: zero columns
    expect(kanTegnesDirekte(['📈'])).toBe(false);
    expect(kanTegnesDirekte(['\u001b[31mrød\u001b[39m'])).toBe(false);
  });

  it('draws a table with wide characters through cli-table3, aligned', async () => {
    const o = await beregnMappe(REFERENCE);
    o.politikomraader[0]!.navn = 'Forsørgelse 预算';
    const ud = await renderTabel(afvigelsesTabel(o, STANDARDVISNING), { ...STANDARDVISNING, stil: INGEN_STIL });
    expect(ud).toContain('│ 2.1 Forsørgelse 预算');
  });

  it('ombryd wraps greedily at spaces like cli-table3', () => {
    expect(ombryd('Forventet regnskab BO2', 12)).toEqual(['Forventet', 'regnskab BO2']);
    expect(ombryd('HP korrigeret 2025', 12)).toEqual(['HP', 'korrigeret', '2025']);
    expect(ombryd('Afvigelse BO2 (merforbrug +)', 12)).toEqual(['Afvigelse', 'BO2', '(merforbrug', '+)']);
  });
});
