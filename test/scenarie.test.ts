// Scenarios (issue 5) on the reference data; expected figures worked out by hand from the CSV files.
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal, rund } from '../src/core/money.js';
import { anvendScenarie, delMaal, foelsomhed, parseAendring, parseInterval, parseOperation, ScenarieFejl } from '../src/core/scenarie.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { REFERENCE } from './helpers.js';

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
