// Issue 11 item 1: user text that names an Object.prototype property (`constructor`, `__proto__`, …) is
// text like any other. As a kind it is refused; as a key (politikområde, post, ydelse, udvalg, id, header)
// it keys its own rows and every total stays what it was.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { koerCli, PROTOTYPENAVNE, REFERENCE } from './helpers.js';

const kopi = () => {
  const m = mkdtempSync(join(tmpdir(), 'budgetopf-proto-'));
  cpSync(REFERENCE, m, { recursive: true });
  return m;
};
/** Replaces `fra` by `til` in the cells of `fil` (whole cells only). */
const erstatCelle = (mappe: string, fil: string, fra: string, til: string) => {
  const sti = join(mappe, fil);
  const tekst = readFileSync(sti, 'utf8').split('\n').map((l) => l.split(';').map((c) => (c === fra ? til : c)).join(';')).join('\n');
  writeFileSync(sti, tekst);
};
const total = (mappe: string) => {
  const r = koerCli(['afvigelser', mappe, '--format', 'json']);
  expect(r.kode, r.fejl).toBe(0);
  return JSON.parse(r.ud).total;
};

describe('prototype-named text', () => {
  const reference = total(REFERENCE);

  it.each(PROTOTYPENAVNE)('udgiftsart "%s" is refused in budget.csv and bevillingsoensker.csv', async (navn) => {
    const m = kopi();
    erstatCelle(m, 'budget.csv', 'service', navn);
    erstatCelle(m, 'bevillingsoensker.csv', 'overfoersel', navn.toUpperCase());
    const { datasaet, fund } = await indlaesDatasaet(m);
    expect(datasaet).toBeNull();
    const linjer = (fil: string, celle: string) => readFileSync(join(m, fil), 'utf8').split('\n')
      .flatMap((l, i) => (l.split(';').includes(celle) ? [i + 1] : []));
    const afvist = (fil: string) => fund.filter((f) => f.fil.endsWith(fil) && f.kode === 'ugyldig_udgiftsart').map((f) => f.linje);
    expect(linjer('budget.csv', navn)).toHaveLength(6);
    expect(afvist('budget.csv')).toEqual(linjer('budget.csv', navn));
    expect(linjer('bevillingsoensker.csv', navn.toUpperCase()).length).toBeGreaterThan(0);
    expect(afvist('bevillingsoensker.csv')).toEqual(linjer('bevillingsoensker.csv', navn.toUpperCase()));
  });

  it.each(PROTOTYPENAVNE)('"%s" as politikområde, post, ydelse, udvalg and bevilling id keeps every total and prints no placeholder', (navn) => {
    const m = kopi();
    for (const f of ['politikomraader.csv', 'budget.csv', 'korrektioner.csv', 'bevillingsoensker.csv']) erstatCelle(m, f, '2.2', navn);
    for (const f of ['budget.csv', 'helaarspersoner.csv', 'enhedspriser.csv']) erstatCelle(m, f, 'Sygedagpenge', `${navn}`);
    erstatCelle(m, 'politikomraader.csv', 'Økonomiudvalget', navn);
    erstatCelle(m, 'bevillingsoensker.csv', 'B5', navn);
    expect(total(m)).toEqual(reference);
    for (const [kommando, format] of [['rapport', 'tabel'], ['rapport', 'csv'], ['bevillinger', 'markdown']]) {
      const r = koerCli([kommando!, m, '--format', format!]);
      expect(r.kode, `${kommando} ${format}: ${r.fejl}`).toBe(0);
      expect(r.ud).not.toMatch(/undefined|\[object|function |\[native code\]/);
    }
    const bev = JSON.parse(koerCli(['bevillinger', m, '--format', 'json']).ud).bevillingsoensker;
    expect(bev.find((b: { id: string }) => b.id === navn)).toMatchObject({ type: 'omplacering', kompetence: 'udvalget' });
    const akt = JSON.parse(koerCli(['aktivitet', m, '--format', 'json']).ud).ydelser;
    const foer = JSON.parse(koerCli(['aktivitet', REFERENCE, '--format', 'json']).ud).ydelser;
    expect({ ...akt.find((y: { ydelse: string }) => y.ydelse === navn), ydelse: 'Sygedagpenge' })
      .toEqual(foer.find((y: { ydelse: string }) => y.ydelse === 'Sygedagpenge'));
  });

  it.each(PROTOTYPENAVNE)('a header or manifest key "%s" is an unknown column or field (a warning)', async (navn) => {
    const m = kopi();
    const budget = readFileSync(join(m, 'budget.csv'), 'utf8').split('\n');
    writeFileSync(join(m, 'budget.csv'), budget.map((l, i) => (l ? `${l};${i === 0 ? navn : 'x'}` : l)).join('\n'));
    const manifest = readFileSync(join(m, 'opfoelgning.json'), 'utf8');
    writeFileSync(join(m, 'opfoelgning.json'), manifest.replace('{', `{ "${navn}": "x",`));
    const { datasaet, fund } = await indlaesDatasaet(m);
    expect(datasaet).not.toBeNull();
    expect(fund.map((f) => [f.kode, f.kolonne])).toEqual(expect.arrayContaining([['ukendt_kolonne', navn], ['ukendt_felt', navn]]));
    expect(total(m)).toEqual(reference);
  });
});
