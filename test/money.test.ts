import { describe, expect, it } from 'vitest';
import { afstem, Decimal, Regnefejl, formatTal, parseTal, rund, type Talformat } from '../src/core/money.js';

describe('parseTal', () => {
  it.each<[string, Talformat, string]>([
    ['1.057', 'da', '1057'],
    ['155.551', 'da', '155551'],
    ['-2.112', 'da', '-2112'],
    ['1.234.567,89', 'da', '1234567.89'],
    ['1234567,89', 'da', '1234567.89'],
    [' 42 ', 'da', '42'],
    ['+5', 'da', '5'],
    ['0,5', 'da', '0.5'],
    ['1234567.89', 'en', '1234567.89'],
    ['-0.5', 'en', '-0.5'],
    ['1.057', 'en', '1.057'],
  ])('%s (%s) = %s', (tekst, format, vaerdi) => {
    const r = parseTal(tekst, format);
    expect(r.ok && r.vaerdi.toString()).toBe(new Decimal(vaerdi).toString());
  });

  it.each<[string, Talformat]>([
    ['1.05', 'da'], // ambiguous in Danish: never guessed
    ['1.0570', 'da'],
    ['1,234.5', 'da'],
    ['1,234.5', 'en'],
    ['1.234,5', 'en'],
  ])('%s is refused in %s', (tekst, format) => {
    expect(parseTal(tekst, format).ok).toBe(false);
  });

  it.each(['1e5', 'NaN', 'Infinity', '--0', '', '1 000', '12,', ',5', '1..0', '1.2345,6', '0x10', '1e309'])('%j is not a number in either format', (tekst) => {
    expect(parseTal(tekst, 'da').ok).toBe(false);
    expect(parseTal(tekst, 'en').ok).toBe(false);
  });

  it('refuses amounts of more than 15 integer digits (JSON could not carry them exactly)', () => {
    expect(parseTal('999999999999999', 'en').ok).toBe(true);
    expect(parseTal('1000000000000000', 'en').ok).toBe(false);
    expect(parseTal('1234567890123456789012345678901234567890', 'en').ok).toBe(false);
    expect(parseTal('000000000000000000001', 'en').ok).toBe(true);
  });
});

describe('rund and formatTal: half away from zero, at display only', () => {
  it.each([
    ['0.05', 1, '0.1'],
    ['-0.05', 1, '-0.1'],
    ['2.25', 1, '2.3'],
    ['-2.25', 1, '-2.3'],
    ['2.249999', 1, '2.2'],
    ['0.5', 0, '1'],
    ['-0.5', 0, '-1'],
  ])('rund(%s, %i) = %s', (v, dec, ud) => {
    expect(rund(new Decimal(v), dec).toString()).toBe(ud);
  });

  it.each([
    ['1002123456', 'da', 0, true, '1.002.123.456'],
    ['-7310000.5', 'da', 1, true, '-7.310.000,5'],
    ['-0.04', 'da', 1, true, '0,0'], // rounds to zero: no sign
    ['1234.5', 'da', 2, false, '1234,50'],
    ['-1234.5', 'en', 2, false, '-1234.50'],
    ['1234567.891', 'en', 2, true, '1,234,567.89'],
  ] as const)('formatTal(%s, %s, %i decimals, separators %s) = %s', (v, format, decimaler, sep, ud) => {
    expect(formatTal(new Decimal(v), { format, decimaler, tusindtalsseparator: sep })).toBe(ud);
  });
});

describe('afstem (largest remainder)', () => {
  it('makes three thirds add up to the rounded whole', () => {
    const tredjedel = new Decimal(1).div(3);
    const ud = afstem([tredjedel, tredjedel, tredjedel], new Decimal(1), 1);
    expect(ud.map(String)).toEqual(['0.4', '0.3', '0.3']);
  });

  it('gives the extra unit to the largest remainder, and works with negatives', () => {
    // floors 1.2, -0.4, 2.1 sum to 2.9: two units short of 3.1; remainders 0.06, 0.06, 0.07 → 2.17 first, then 1.26 (earlier tie)
    const ud = afstem(['1.26', '-0.34', '2.17'].map((s) => new Decimal(s)), new Decimal('3.1'), 1);
    expect(ud.map(String)).toEqual(['1.3', '-0.4', '2.2']);
    expect(ud.reduce((a, b) => a.plus(b)).toString()).toBe('3.1');
  });

  it('refuses a total more than one unit per part from the floors, at once (it used to loop once per unit)', () => {
    const d = ['0.5', '1.5', '2.5'].map((x) => new Decimal(x));
    const t0 = performance.now();
    expect(() => afstem(d, new Decimal('1000000000000'), 0)).toThrow(Regnefejl);
    expect(() => afstem(d, new Decimal('-1000000000000'), 2)).toThrow(Regnefejl);
    // floors 0 + 1 + 2 = 3; 7 is four units away with three parts
    expect(() => afstem(d, new Decimal(7), 0)).toThrow(/4 enheder/);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('accepts exactly n units either way: every part moves by one', () => {
    const d = ['0.5', '1.5', '2.5'].map((x) => new Decimal(x));
    expect(afstem(d, new Decimal(6), 0).map(String)).toEqual(['1', '2', '3']);
    expect(afstem(d, new Decimal(0), 0).map(String)).toEqual(['-1', '0', '1']);
    // one unit below the floors: the smallest remainder (ties: the later part) gives it up
    expect(afstem(['0.5', '1.9', '2.5'].map((x) => new Decimal(x)), new Decimal(2), 0).map(String)).toEqual(['0', '1', '1']);
  });

  it('is n log n: 20.000 parts and adds up exactly', () => {
    const d = Array.from({ length: 20_000 }, (_, i) => new Decimal(i % 7).div(3));
    const total = d.reduce((a, b) => a.plus(b), new Decimal(0)).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
    const t0 = performance.now();
    const ud = afstem(d, total, 1);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(ud.reduce((a, b) => a.plus(b), new Decimal(0)).eq(total)).toBe(true);
    expect(ud.every((u, i) => u.minus(d[i]!).abs().lt('0.1'))).toBe(true);
  });
});

