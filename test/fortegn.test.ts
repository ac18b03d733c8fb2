// The sign convention lives in core/fortegn.ts: every legend and formula note follows the sign the
// figures are printed in (issue 11 item 6), and a table computed with a forecast or a scenario says so
// in its title.
import { describe, expect, it } from 'vitest';
import { effektforklaring } from '../src/core/aktivitet.js';
import * as fortegn from '../src/core/fortegn.js';
import { afvigelsesforklaring, merforbrugsnote, visAfvigelse } from '../src/core/fortegn.js';
import { Decimal } from '../src/core/money.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { aktivitetsTabel } from '../src/report/aktivitet.js';
import { efterBevillingerTabel } from '../src/report/bevillinger.js';
import { scenarieTabel } from '../src/report/scenarier.js';
import type { Tabel } from '../src/report/shape.js';
import { STANDARDVISNING, type Visning } from '../src/report/visning.js';
import { efterBevillinger } from '../src/core/bevillinger.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { beregnMappe, koerCli, REFERENCE } from './helpers.js';

const positiv: Visning = { ...STANDARDVISNING, fortegn: 'merforbrug_positiv' };
/** Phrases that only hold when merforbrug is printed negative. */
const NEGATIVE_UDSAGN = [
  /negativ = merforbrug/i,
  /negativ afvigelse = merforbrug/i,
  /= −\(/,
  /negativ = mere merforbrug/i,
  /korrigeret − fremskrevet/,
];

describe('the sign module', () => {
  it('flips an afvigelse for display only when merforbrug is shown positive', () => {
    expect(visAfvigelse(new Decimal(-2), 'merforbrug_positiv').toString()).toBe('2');
    expect(visAfvigelse(new Decimal(-2), 'merforbrug_negativ').toString()).toBe('-2');
    expect(visAfvigelse(new Decimal(-2), undefined).toString()).toBe('-2');
  });

  it('names the sign the figures are printed in, in every legend', () => {
    expect(afvigelsesforklaring('merforbrug_positiv')).toContain('positiv = merforbrug');
    expect(afvigelsesforklaring('merforbrug_negativ')).toContain('negativ = merforbrug');
    expect(merforbrugsnote('merforbrug_positiv')).toBe('Positiv afvigelse = merforbrug');
    expect(effektforklaring('merforbrug_positiv')).toBe(
      'Mængdeeffekt = (HP forventet − HP korrigeret) × pris budget; priseffekt = (pris forventet − pris budget) × HP forventet; ' +
        'korrektioner = Σ korrektioner. De tre summerer til afvigelsen.',
    );
    expect(effektforklaring('merforbrug_negativ')).toContain('Mængdeeffekt = −(HP forventet − HP korrigeret)');
  });

  it('leaves no legend that says negative = merforbrug under a table printed with merforbrug positive', async () => {
    const o = await beregnMappe(REFERENCE);
    const { datasaet } = await indlaesDatasaet(REFERENCE);
    const tabeller: Tabel[] = [
      afvigelsesTabel(o, positiv),
      aktivitetsTabel(o, positiv),
      efterBevillingerTabel(o, efterBevillinger(datasaet!), positiv),
      scenarieTabel(o, [{ navn: 'S', o }], positiv),
    ];
    for (const t of tabeller) {
      for (const n of t.noter ?? []) for (const u of NEGATIVE_UDSAGN) expect(n).not.toMatch(u);
    }
  });
});

describe('every answer of the sign module, both ways', () => {
  const [N, P] = ['merforbrug_negativ', 'merforbrug_positiv'] as const;
  const d = (s: string) => new Decimal(s);
  it('afvigelse = korrigeret − forventet; below zero is merforbrug, zero and −0 are not', () => {
    expect(fortegn.afvigelseAf(d('100'), d('130')).toString()).toBe('-30');
    expect(fortegn.erMerforbrug(d('-0.01'))).toBe(true);
    expect(fortegn.erMerforbrug(d('0'))).toBe(false);
    expect(fortegn.erMerforbrug(d('-0'))).toBe(false);
    expect(fortegn.forbrugsord(d('-1'))).toBe('merforbrug');
    expect(fortegn.forbrugsord(d('0'))).toBe('mindreforbrug');
  });
  it('names the printed sign of a merforbrug and a mindreforbrug', () => {
    expect([fortegn.merforbrugTegn(N), fortegn.mindreforbrugTegn(N)]).toEqual(['−', '+']);
    expect([fortegn.merforbrugTegn(P), fortegn.mindreforbrugTegn(P)]).toEqual(['+', '−']);
    expect([fortegn.merforbrugOrd(N), fortegn.merforbrugOrd(P), fortegn.merforbrugOrd(undefined)]).toEqual(['negativ', 'positiv', 'negativ']);
    expect([fortegn.udgiftTilAfvigelse(N), fortegn.udgiftTilAfvigelse(P)]).toEqual(['−', '']);
    expect([fortegn.merforbrugPositiv(P), fortegn.merforbrugPositiv(N), fortegn.merforbrugPositiv(undefined)]).toEqual([true, false, false]);
  });
  it('writes the formula of a printed afvigelse', () => {
    expect(fortegn.afvigelsesformel('fremskrevet', N)).toBe('korrigeret − fremskrevet');
    expect(fortegn.afvigelsesformel('fremskrevet', P)).toBe('fremskrevet − korrigeret');
    expect(merforbrugsnote(N)).toBe('Negativ afvigelse = merforbrug');
    expect(afvigelsesforklaring(P)).toBe('Afvigelse: positiv = merforbrug, negativ = mindreforbrug (i forhold til korrigeret budget).');
    expect(afvigelsesforklaring(N)).toBe('Afvigelse = korrigeret budget − forventet regnskab: negativ = merforbrug, positiv = mindreforbrug.');
    expect(effektforklaring(N)).toBe(
      'Mængdeeffekt = −(HP forventet − HP korrigeret) × pris budget; priseffekt = −(pris forventet − pris budget) × HP forventet; '
      + 'korrektioner = −Σ korrektioner. De tre summerer til afvigelsen.');
  });
});

describe('every legend follows --merforbrug-positiv on the command line', () => {
  const tilfaelde = [
    ['rapport', REFERENCE],
    ['bevillinger', REFERENCE],
    ['scenarie', REFERENCE, '--hp', 'Kontanthjælp=+64'],
    ['forbrug', 'fixtures/forbrug'],
  ];
  it.each(tilfaelde)('%s', (...args) => {
    const r = koerCli([...args, '--merforbrug-positiv', '--format', 'markdown']);
    expect(r.kode).toBe(0);
    for (const u of NEGATIVE_UDSAGN) expect(r.ud).not.toMatch(u);
    expect(r.ud).toMatch(/positiv( afvigelse)? = (mere )?merforbrug/i);
  });
});

describe('a table computed with a forecast or a scenario says so in its title', () => {
  it('afvigelser --anvend-prognose', () => {
    const r = koerCli(['afvigelser', 'fixtures/prognose', '--anvend-prognose', 'trend', '--format', 'markdown']);
    expect(r.ud.split('\n')[0]).toBe('## Afvigelser pr. politikområde (med prognose for helårspersoner, metode trend)');
  });
  it('prognose --anvend', () => {
    const r = koerCli(['prognose', 'fixtures/prognose', '--anvend']);
    expect(r.ud.split('\n')[0]).toBe('Afvigelser pr. politikområde (med prognose for helårspersoner, metode bedst)');
  });
  it('rapport --anvend-prognose: the document and every section computed with it', () => {
    const r = koerCli(['rapport', 'fixtures/prognose', '--anvend-prognose', '--format', 'markdown']);
    const overskrifter = r.ud.split('\n').filter((l) => /^#{1,2} /.test(l));
    expect(overskrifter).toContain('# Budgetopfølgning BO2 2025 (med prognose for helårspersoner, metode bedst)');
    expect(overskrifter).toContain('## Forventet resultat (med prognose for helårspersoner, metode bedst)');
    expect(overskrifter).toContain('## Afvigelse efter bevillinger (med prognose for helårspersoner, metode bedst)');
  });
  it('scenarie and its sensitivity run', () => {
    const s = koerCli(['scenarie', REFERENCE, '--hp', 'Kontanthjælp=+64', '--navn', 'Flere']);
    expect(s.ud.split('\n')[0]).toBe(
      'Hvad nu hvis: Flere ved siden af basis (scenarieberegning, ikke opfølgningens tal)',
    );
    const f = koerCli([
      'scenarie',
      REFERENCE,
      '--hp',
      'Kontanthjælp=+64',
      '--navn',
      'Flere',
      '--foelsomhed',
      'Jobafklaring=400..410:10',
    ]);
    expect(f.ud.split('\n')[0]).toBe(
      'Hvad nu hvis: afvigelsen ved forskellige helårspersoner på Jobafklaring (følsomhed, ikke opfølgningens tal) (oven på scenariet Flere)',
    );
  });
  it("the files' own figures need no title", () => {
    expect(koerCli(['afvigelser', REFERENCE, '--format', 'markdown']).ud.startsWith('| Drift')).toBe(true);
  });
});
