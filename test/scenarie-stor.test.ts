// Issue 11 item 13: one scenario with very many changes is linear, and many scenarios as JSON are written
// as they are computed (memory stays bounded), with the same text as the whole document at once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { beregn } from '../src/core/beregn.js';
import { Decimal } from '../src/core/money.js';
import { anvendScenarie, parseAendring, type Aendring } from '../src/core/scenarie.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { kontrollerScenarier } from '../src/io/scenarier.js';
import { json, scenarierJson, scenarierJsonDele } from '../src/render/json.js';
import { REFERENCE } from './helpers.js';

const { datasaet } = await indlaesDatasaet(REFERENCE);
const ds = datasaet!;
const YDELSER = ['Sygedagpenge', 'Kontanthjælp', 'Fleksjob', 'Jobafklaring'];
/** n changes: +1 helårsperson, a korrektion of 1 kr on Erhvervsservice, and a forventet +1 kr on Tilskud, in turn. */
const aendringer = (n: number): Aendring[] => Array.from({ length: n }, (_, i) => (i % 3 === 0
  ? parseAendring('hp', YDELSER[i % 4]!, '+1')
  : i % 3 === 1 ? parseAendring('korrektion', '2.2:Erhvervsservice', '1') : parseAendring('forventet', '2.2:Tilskud til kulturinstitutioner', '+1')));
const cpu = (f: () => void) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};

describe('one scenario with many changes', () => {
  it('applies 60.000 changes in linear time, with the exact result', () => {
    const stor = aendringer(60_000);
    let o: ReturnType<typeof beregn> | undefined;
    const tid = cpu(() => {
      expect(kontrollerScenarier(ds, [{ navn: 'Stor', aendringer: stor.map((a) => ({ aendring: a, tekst: '', kilde: null })) }], 'x')).toEqual([]);
      o = beregn(anvendScenarie(ds, stor));
    });
    const lille = cpu(() => beregn(anvendScenarie(ds, aendringer(6_000))));
    // 20.000 korrektioner of 1 kr and 20.000 × +1 kr forventet on 2.2 raise its forventet by 40.000 kr exactly
    const basis = beregn(ds);
    const po = (x: typeof basis) => x.politikomraader.find((p) => p.nr === '2.2')!.sum.forventet;
    expect(po(o!).minus(po(basis)).eq(new Decimal(40_000))).toBe(true);
    expect(tid).toBeLessThan(20_000); // it took 51 s for 100.000 changes (quadratic)
    expect(tid / Math.max(lille, 1)).toBeLessThan(40); // ten times the changes: about ten times the time, not a hundred
  }, 120_000);
});

describe('many scenarios as JSON', () => {
  const scenarier = (n: number) => Array.from({ length: n }, (_, i) => ({ navn: `S${i}`, aendringer: [`hp ${YDELSER[i % 4]} +${i}`],
    o: beregn(anvendScenarie(ds, [parseAendring('hp', YDELSER[i % 4]!, `+${i}`)])) }));

  it('written in pieces, the text is exactly the whole document\'s', () => {
    for (const n of [0, 1, 3]) {
      const s = scenarier(n);
      expect([...scenarierJsonDele(beregn(ds), s)].join('')).toBe(json(scenarierJson(beregn(ds), s)));
    }
  });

  it('the CLI writes 3.000 scenarios in blocks as they are computed, never the whole at once', async () => {
    const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-scen-')), 'scenarier.csv');
    writeFileSync(fil, ['scenarie;aendring;maal;vaerdi', ...Array.from({ length: 3000 }, (_, i) => `S${i};hp;${YDELSER[i % 4]};+${i % 50}`)].join('\n'));
    const blokke: string[] = [];
    let hele = 0;
    const kode = await main(['scenarie', REFERENCE, '--fil', fil, '--format', 'json'], {
      stdout: () => hele++, stdoutDel: (s) => blokke.push(s), stderr: () => undefined, farve: false,
    });
    expect(kode).toBe(0);
    expect(hele).toBe(0);
    const tekst = blokke.join('');
    expect(blokke.length).toBeGreaterThanOrEqual(Math.floor(tekst.length / (1 << 20)));
    expect(blokke.every((b) => b.length < (1 << 20) + 100_000)).toBe(true);
    const j = JSON.parse(tekst);
    expect(j.scenarier).toHaveLength(3000);
    expect(j.scenarier[2999].navn).toBe('S2999');
  }, 300_000);
});
