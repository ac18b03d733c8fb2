// Issue 11 item 7: no figure loses precision. The 15-digit limit holds in kr after beløbsenheden; JSON
// writes every amount from the Decimal's exact text (never an exponent, never a double's rounding); the
// CSV budgetopf writes back (bevillinger --format csv, prognose --skriv) never uses exponent notation.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skrivTal, Decimal, MAKS_DECIMALER, parseTal } from '../src/core/money.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { json, JsonTal } from '../src/render/json.js';
import { koerCli, REFERENCE } from './helpers.js';

/** A copy of the reference data with beløbsenhed `enhed` and budget.csv's first post's vedtaget/korrigeret set. */
function medBeloeb(enhed: string, vedtaget: string, korrigeret = vedtaget): string {
  const m = mkdtempSync(join(tmpdir(), 'budgetopf-praecision-'));
  cpSync(REFERENCE, m, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(m, 'opfoelgning.json'), 'utf8'));
  writeFileSync(join(m, 'opfoelgning.json'), JSON.stringify({ ...manifest, beloebsenhed: enhed }));
  writeFileSync(join(m, 'bevillingsoensker.csv'), 'id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\n');
  writeFileSync(join(m, 'korrektioner.csv'), 'politikomraade;post;beloeb;tekst;type\n');
  const budget = readFileSync(join(m, 'budget.csv'), 'utf8').split('\n');
  budget[12] = `2.2;Erhvervsservice;service;${vedtaget};${korrigeret};${korrigeret};${korrigeret}`; // a plain post: forventet = korrigeret
  writeFileSync(join(m, 'budget.csv'), budget.join('\n'));
  return m;
}

describe('the 15-digit limit, in kr after beløbsenheden', () => {
  it.each([
    ['mio.kr', '1.000.000.000', false], // 10^15 kr
    ['mio.kr', '999.999.999,999999', true],
    ['t.kr', '1.000.000.000.000', false],
    ['t.kr', '999.999.999.999,99', true],
    ['kr', '999.999.999.999.999,99', true],
    ['mio.kr', '-1.000.000.000', false],
  ])('%s %s: accepted %s', async (enhed, beloeb, ok) => {
    const { datasaet, fund } = await indlaesDatasaet(medBeloeb(enhed, beloeb));
    expect(datasaet !== null).toBe(ok);
    if (!ok) expect(fund.filter((f) => f.kode === 'ugyldigt_tal').map((f) => [f.linje, f.kolonne, f.besked])).toEqual([
      [13, 'vedtaget', `"${beloeb}" er for stort (over 15 cifre før kommaet i kr.)`],
      [13, 'korrigeret', `"${beloeb}" er for stort (over 15 cifre før kommaet i kr.)`],
      [13, 'forventet', `"${beloeb}" er for stort (over 15 cifre før kommaet i kr.)`],
      [13, 'forventet_forrige', `"${beloeb}" er for stort (over 15 cifre før kommaet i kr.)`],
    ]);
  });

  it(`refuses more than ${MAKS_DECIMALER} decimals (trailing zeros do not count)`, () => {
    expect(parseTal('0,00000000001', 'da')).toEqual({ ok: false, besked: '"0,00000000001" har for mange decimaler (højst 10)' });
    expect(parseTal('0,000000000100000', 'da')).toMatchObject({ ok: true });
    expect(parseTal('1.5000000000000000000000', 'en')).toMatchObject({ ok: true });
  });
});

describe('JSON amounts are exact', () => {
  it('a total above 2^53 øre is printed digit for digit (it used to be rounded by a double)', () => {
    // 999.999.999.999.999,99 kr on one post: the politikområde 2.2 adds the reference's 13.000.000 kr (2.2 Tilskud)
    const m = medBeloeb('kr', '999.999.999.999.999,99');
    const r = koerCli(['afvigelser', m, '--format', 'json']);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).toContain('"vedtaget": 999999999999999.99,');
    const po = JSON.parse(koerCli(['afvigelser', REFERENCE, '--format', 'json']).ud).politikomraader.find((p: { nr: string }) => p.nr === '2.2');
    const tilskud = new Decimal(po.poster[1].vedtaget);
    // the exact sum, written as the Decimal's text
    expect(r.ud).toContain(`"vedtaget": ${tilskud.plus('999999999999999.99').toFixed()},`);
    expect(r.ud).not.toMatch(/\de[+-]?\d/);
  });

  it('the audit\'s mio.kr amount (JSON printed 1.00000695459773e+20) is refused; the largest accepted prints plainly', () => {
    const afvist = koerCli(['rapport', medBeloeb('mio.kr', '100.000.695.459.773'), '--format', 'json']);
    expect(afvist.kode).toBe(1);
    expect(afvist.ud).toBe('');
    expect(afvist.fejl).toContain('budget.csv:13:vedtaget: fejl[ugyldigt_tal]: "100.000.695.459.773" er for stort (over 15 cifre før kommaet i kr.)');
    const r = koerCli(['rapport', medBeloeb('mio.kr', '999.999.999,999999', '999.999.999,999998'), '--format', 'json']);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).not.toMatch(/\de[+-]?\d/);
    expect(r.ud).toContain('"vedtaget": 999999999999999,');
    expect(r.ud).toContain('"korrigeret": 999999999999998,');
  });

  it('JsonTal: exact text in budgetopf\'s JSON, a plain number for JSON.stringify', () => {
    const v = { a: new JsonTal('12345678901234567.89'), b: [new JsonTal('0.0000000001'), null], c: 'x', d: undefined };
    expect(json(v)).toBe('{\n  "a": 12345678901234567.89,\n  "b": [\n    0.0000000001,\n    null\n  ],\n  "c": "x"\n}\n');
    expect(JSON.stringify(v)).toBe('{"a":12345678901234568,"b":[1e-10,null],"c":"x"}');
    expect(json({ tom: [], ingen: {} })).toBe(`${JSON.stringify({ tom: [], ingen: {} }, null, 2)}\n`);
  });
});

describe('numbers written back as CSV', () => {
  it.each([
    ['1e-31', 'da', '0,0000000000000000000000000000001'],
    ['1e40', 'en', '10000000000000000000000000000000000000000'],
    ['-0', 'da', '0'],
    ['-1234.5', 'da', '-1234,5'],
  ] as const)('skrivTal(%s, %s) = %s, which parseTal reads back (when in range)', (v, format, ud) => {
    expect(skrivTal(new Decimal(v), format)).toBe(ud);
  });

  it('bevillinger --format csv in mio.kr writes plain decimals that load again', async () => {
    const m = medBeloeb('mio.kr', '12,5');
    writeFileSync(join(m, 'bevillingsoensker.csv'),
      'id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb\nB1;omplacering;Lille;2.2;;service;2025;0,0000000001\nB1;omplacering;Lille;2.3;;service;2025;-0,0000000001\n');
    const r = koerCli(['bevillinger', m, '--format', 'csv']);
    expect(r.kode, r.fejl).toBe(0);
    expect(r.ud).toContain(';2025;0,0000000001\r\n');
    expect(r.ud).toContain(';2025;-0,0000000001\r\n');
    writeFileSync(join(m, 'bevillingsoensker.csv'), r.ud);
    expect((await indlaesDatasaet(m)).datasaet).not.toBeNull();
  });
});
