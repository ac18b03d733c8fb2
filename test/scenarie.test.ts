// Scenarios (issue 5) on the reference data; expected figures worked out by hand from the CSV files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal, rund } from '../src/core/money.js';
import { anvendScenarie, delMaal, foelsomhed, parseAendring, parseInterval, parseOperation, ScenarieFejl } from '../src/core/scenarie.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { REFERENCE, koerCli } from './helpers.js';

const reference = async () => (await indlaesDatasaet(REFERENCE)).datasaet!;
const po = (o: ReturnType<typeof beregn>, nr: string) => o.politikomraader.find((p) => p.nr === nr)!.sum;

describe('the grammar', () => {
  it.each([
    ['=1000', '=', '1000'], ['1000', '=', '1000'], ['+64', '+', '64'], ['-20', '+', '-20'], ['+5%', '%', '5'], ['-2,5%', '%', '-2.5'], ['1.000,5', '=', '1000.5'],
  ])('%s', (tekst, op, vaerdi) => {
    expect(parseOperation(tekst)).toEqual({ op, vaerdi: new Decimal(vaerdi) });
  });

  it.each(['', '+', 'abc', '=5%', '1e3', '+-5', 'process.exit()'])('%j is refused, never evaluated', (tekst) => {
    expect(() => parseOperation(tekst)).toThrow(ScenarieFejl);
  });

  it('splits target and change at the first =', () => {
    expect(delMaal('Kontanthjælp=+64')).toEqual(['Kontanthjælp', '+64']);
    expect(delMaal('Kontanthjælp==1000')).toEqual(['Kontanthjælp', '=1000']);
    expect(() => delMaal('Kontanthjælp')).toThrow(ScenarieFejl);
  });

  it('parses intervals', () => {
    expect(parseInterval('380..440:10').map(String)).toEqual(['380', '390', '400', '410', '420', '430', '440']);
    expect(() => parseInterval('440..380:10')).toThrow(ScenarieFejl);
  });
});

describe('scenarios on the reference case', () => {
  it('Kontanthjælp=+64 raises forventet on 2.1 by exactly 8.091.712 kr. (64 × 126.433) and lowers its afvigelse by the same', async () => {
    const ds = await reference();
    const [basis, scenarie] = [beregn(ds), beregn(anvendScenarie(ds, [parseAendring('hp', 'Kontanthjælp', '+64')]))];
    expect(po(scenarie, '2.1').forventet.minus(po(basis, '2.1').forventet).toString()).toBe('8091712');
    expect(po(scenarie, '2.1').afvigelse.minus(po(basis, '2.1').afvigelse).toString()).toBe('-8091712');
    expect(scenarie.total.forventet.minus(basis.total.forventet).toString()).toBe('8091712');
  });

  it('Sygedagpenge pris +5% moves 2.1 by exactly 5 % of 997 × 155.551 kr. (= 7.754.217,35)', async () => {
    const ds = await reference();
    const [basis, scenarie] = [beregn(ds), beregn(anvendScenarie(ds, [parseAendring('pris', 'Sygedagpenge', '+5%')]))];
    const forventetAendring = new Decimal(997).times(155551).times('0.05');
    expect(forventetAendring.toString()).toBe('7754217.35');
    expect(po(scenarie, '2.1').forventet.minus(po(basis, '2.1').forventet).equals(forventetAendring)).toBe(true);
  });

  it('a korrektion, a handleplan switched off, a non-activity forventet', async () => {
    const ds = await reference();
    const basis = beregn(ds);
    const o = beregn(anvendScenarie(ds, [
      parseAendring('korrektion', '2.1:Driftsudgifter til den kommunale beskæftigelsesindsats', '-1.000.000', 'Udbud udskudt'),
      parseAendring('handleplan_fra', 'alle', ''),
      parseAendring('forventet', '2.2:Erhvervsservice', '+500.000'),
    ]));
    expect(po(o, '2.1').afvigelse.minus(po(basis, '2.1').afvigelse).toString()).toBe('1000000');
    expect(po(o, '2.3').afvigelse.minus(po(basis, '2.3').afvigelse).toString()).toBe('-1300000'); // the STU handleplan's 1,3 mio. gone
    expect(po(o, '2.2').afvigelse.minus(po(basis, '2.2').afvigelse).toString()).toBe('-500000');
  });

  it('a change naming an unknown ydelse or post is an error', async () => {
    const ds = await reference();
    expect(() => anvendScenarie(ds, [parseAendring('hp', 'Kontanthjaelp', '+1')])).toThrow('Ydelsen "Kontanthjaelp" findes ikke');
    expect(() => anvendScenarie(ds, [parseAendring('forventet', '2.1:Sygedagpenge', '+1')])).toThrow('aktivitetspost');
    expect(() => anvendScenarie(ds, [parseAendring('korrektion', '2.9:X', '1')])).toThrow('findes ikke under politikområde 2.9');
  });

  it('sensitivity: the break-even of 2.1 on Jobafklaring is exact to the øre', async () => {
    const ds = await reference();
    const f = foelsomhed(ds, 'Jobafklaring', parseInterval('380..440:10'));
    expect(f.politikomraade).toBe('2.1');
    expect(f.punkter).toHaveLength(7);
    // each step of 10 HP moves 2.1 by 10 × 129.028 kr.
    expect(f.punkter[1]!.politikomraade.minus(f.punkter[0]!.politikomraade).toString()).toBe('-1290280');
    // 403 + (−2.740.000 / 129.028) = 381,7643…: below it 2.1 is in mindreforbrug, above in merforbrug
    expect(rund(f.nulpunkt!, 4).toString()).toBe('381.7643');
    const ved = beregn(anvendScenarie(ds, [{ art: 'hp', ydelse: 'Jobafklaring', felt: 'forventet', operation: { op: '=', vaerdi: f.nulpunkt! } }]));
    expect(rund(po(ved, '2.1').afvigelse, 2).isZero()).toBe(true);
  });
});

const koer = koerCli;

describe('the engine reuses what budget.csv alone decides', () => {
  // beregn keeps the grouping and the fixed sums per poster array; a fresh copy of every array has no
  // such cache, so each figure must come out the same either way, also after scenarios that change posts.
  const frisk = (ds: Awaited<ReturnType<typeof reference>>) => ({
    ...ds, poster: ds.poster.map((p) => ({ ...p })), politikomraader: [...ds.politikomraader], korrektioner: [...ds.korrektioner],
  });
  const figurer = (o: ReturnType<typeof beregn>) => JSON.stringify(o, (_, v) => (v instanceof Decimal ? v.toFixed() : v));

  it.each([
    ['hp', 'Kontanthjælp', '+64'], ['hp_korrigeret', 'Sygedagpenge', '=1000'], ['forventet', '2.1:Løntilskud', '+2%'],
    ['korrektion', '2.1:Kontanthjælp', '-1.000.000'], ['handleplan_fra', 'alle', ''],
  ])('%s %s %s', async (art, maal, vaerdi) => {
    const ds = await reference();
    const foer = figurer(beregn(ds));
    const scenarie = anvendScenarie(ds, [parseAendring(art, maal, vaerdi)]);
    expect(figurer(beregn(scenarie))).toBe(figurer(beregn(frisk(scenarie))));
    expect(figurer(beregn(ds))).toBe(foer);
    expect(figurer(beregn(ds))).toBe(figurer(beregn(frisk(ds))));
  });
});

describe('budgetopf scenarie', () => {
  it('--hp on the command line: JSON with basis and the scenario', () => {
    const r = koer(['scenarie', REFERENCE, '--hp', 'Kontanthjælp=+64', '--format', 'json']);
    expect(r.kode).toBe(0);
    const j = JSON.parse(r.ud);
    expect(Object.keys(j)).toEqual(['basis', 'scenarier']);
    expect(j.scenarier[0].navn).toBe('Scenarie');
    expect(j.scenarier[0].aendringer).toEqual(['--hp Kontanthjælp=+64']);
    expect(Math.round((j.basis.politikomraader[0].afvigelse - j.scenarier[0].afvigelser.politikomraader[0].afvigelse) * 100)).toBe(809171200);
  });

  it('a scenario file with two scenarios prints both beside the base', () => {
    const r = koer(['scenarie', REFERENCE, '--fil', 'fixtures/scenarier/to-scenarier.csv']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('Basis:');
    expect(r.ud).toContain('Flere på');
    expect(r.ud).toContain('Uden');
    const j = JSON.parse(koer(['scenarie', REFERENCE, '--fil', 'fixtures/scenarier/to-scenarier.csv', '--format', 'json']).ud);
    expect(j.scenarier.map((s: { navn: string }) => s.navn)).toEqual(['Flere på kontanthjælp', 'Uden handleplan']);
    // Uden handleplan: 2.3 loses the STU handleplan (−1.300.000), 2.1 gains a korrektion of −100.000 (less spending)
    const po = (a: { politikomraader: { nr: string; afvigelse: number }[] }, nr: string) => a.politikomraader.find((p) => p.nr === nr)!.afvigelse;
    expect(po(j.scenarier[1].afvigelser, '2.3') - po(j.basis, '2.3')).toBe(-1300000);
    expect(po(j.scenarier[1].afvigelser, '2.1') - po(j.basis, '2.1')).toBe(100000);
  });

  it('an unknown target or a bad value in the file is an error with file and line, exit 1', () => {
    const r = koer(['scenarie', REFERENCE, '--fil', 'fixtures/scenarier/fejl.csv']);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain('fixtures/scenarier/fejl.csv:4:vaerdi: fejl[ugyldig_aendring]: "fem procent" er ikke en ændring');
    expect(r.fejl).toContain('fixtures/scenarier/fejl.csv:3:maal: fejl[ukendt_maal]: A: Ydelsen "Kontanthjaelp" findes ikke i helaarspersoner.csv');
  });

  it('--foelsomhed prints the values and the break-even', () => {
    const r = koer(['scenarie', REFERENCE, '--foelsomhed', 'Jobafklaring=380..440:10']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('Afvigelsen på 2.1 er 0 ved 381,7642992219 helårspersoner på Jobafklaring');
    // 403 − 2.740.000 / 129.028 = 12314571/32257 = 381,764299221874… (checked with exact fractions outside budgetopf)
    expect(JSON.parse(koer(['scenarie', REFERENCE, '--foelsomhed', 'Jobafklaring=380..440:10', '--format', 'json']).ud).nulpunkt).toBe(381.7642992219);
  });

  it('no change at all is a usage error', () => {
    expect(koer(['scenarie', REFERENCE]).kode).toBe(2);
    expect(koer(['scenarie', REFERENCE, '--hp', 'Kontanthjælp+64']).kode).toBe(2);
  });

  it('the example script sweeps and prints CSV', () => {
    const r = spawnSync(process.execPath, ['examples/sweep.mjs'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const linjer = r.stdout.trim().split('\n');
    expect(linjer[0]).toBe('hp;afvigelse_2.1;afvigelse_total');
    expect(linjer).toHaveLength(10);
    const [v900, v925] = [linjer[1]!, linjer[2]!].map((l) => Number(l.split(';')[1]!.replace(',', '.')));
    expect(Math.round((v900! - v925!) * 100)).toBe(25 * 12643300); // 25 HP × 126.433 kr.
  });
});

describe('scenarie: review cases', () => {
  it('changing budgeted helårspersoner moves the korrigeret budget, not the forventet regnskab', async () => {
    const ds = await reference();
    const [basis, o] = [beregn(ds), beregn(anvendScenarie(ds, [parseAendring('hp_korrigeret', 'Kontanthjælp', '+10')]))];
    expect(po(o, '2.1').korrigeret.minus(po(basis, '2.1').korrigeret).toString()).toBe('1264330'); // 10 × 126.433
    expect(po(o, '2.1').forventet.equals(po(basis, '2.1').forventet)).toBe(true);
  });

  it('helårspersoner below 0 are refused, in changes and intervals; "=-5" sets a negative forventet', async () => {
    const ds = await reference();
    expect(() => anvendScenarie(ds, [parseAendring('hp', 'Kontanthjælp', '-5000')])).toThrow('under 0');
    expect(() => parseInterval('-20..0:10')).toThrow(ScenarieFejl);
    expect(parseOperation('=-5')).toEqual({ op: '=', vaerdi: new Decimal(-5) });
    expect(parseInterval('1.000..1.100:50').map(String)).toEqual(['1000', '1050', '1100']);
  });

  it('the break-even as printed in JSON is exact to the øre', () => {
    const nul = JSON.parse(koer(['scenarie', REFERENCE, '--foelsomhed', 'Jobafklaring=380..440:10', '--format', 'json']).ud).nulpunkt;
    const j = JSON.parse(koer(['scenarie', REFERENCE, '--hp', `Jobafklaring==${String(nul).replace('.', ',')}`, '--format', 'json']).ud);
    expect(Math.abs(j.scenarier[0].afvigelser.politikomraader[0].afvigelse)).toBeLessThan(0.005);
  });

  it('changes are checked as they are applied: switching off the same handleplan twice is an error on its line', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-scen-'));
    const fil = join(mappe, 's.csv');
    writeFileSync(fil, 'scenarie;aendring;maal;vaerdi\nX;handleplan_fra;alle;\nX;handleplan_fra;2.3;\nBasis;hp;Kontanthjælp;+1\n');
    const r = koer(['scenarie', REFERENCE, '--fil', fil]);
    expect(r.kode).toBe(1);
    expect(r.fejl).toContain(`${fil}:3:maal: fejl[ukendt_maal]: X: Ingen handleplan at slå fra på 2.3`);
    expect(r.fejl).toContain(`${fil}:4:scenarie: fejl[dublet_scenarie]: Navnet "Basis" er allerede brugt`);
    expect(r.fejl).not.toContain('uventet fejl');
  });

  it('usage errors exit 2 in Danish: a missing file, an unknown target on the command line, a sensitivity over two scenarios', () => {
    expect(koer(['scenarie', REFERENCE, '--fil', 'findes/ikke.csv']).fejl).toContain('Scenariefilen "findes/ikke.csv" findes ikke');
    const ukendt = koer(['scenarie', REFERENCE, '--hp', 'Kontanthjaelp=+1']);
    expect(ukendt.kode).toBe(2);
    expect(ukendt.fejl).toContain('Ydelsen "Kontanthjaelp" findes ikke');
    const to = koer(['scenarie', REFERENCE, '--fil', 'fixtures/scenarier/to-scenarier.csv', '--foelsomhed', 'Jobafklaring=380..440:10']);
    expect(to.kode).toBe(2);
    expect(to.fejl).toContain('--foelsomhed regner oven på ét scenarie');
  });
});
