// One rule, one place (issue 12): the unit list and the written-back number format in money.ts, the
// table skeleton every udvalg table shares, report values whose JSON carries every column of the table,
// and the one mapping from error class to exit code.
import { describe, expect, it } from 'vitest';
import { somExitFejl } from '../src/app/fejl.js';
import { formaterFor } from '../src/app/formater.js';
import { efterBevillinger } from '../src/core/bevillinger.js';
import { beregn } from '../src/core/beregn.js';
import { ScenarieFejl } from '../src/core/scenarie.js';
import { Decimal, ENHED, ENHEDER, ENHEDSFAKTOR, skrivTal } from '../src/core/money.js';
import { laesForbrug } from '../src/io/forbrugsdata.js';
import { indlaesDatasaet, MappeFejl } from '../src/io/load-dataset.js';
import { SkriveFejl } from '../src/io/write.js';
import { forbrugJson } from '../src/render/json.js';
import { forbrugsTabel } from '../src/report/forbrug.js';
import { scenarieTabel } from '../src/report/scenarier.js';
import { efterBevillingerTabel } from '../src/report/bevillinger.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { ENHEDSTEKST, STANDARDVISNING } from '../src/report/visning.js';
import { REFERENCE } from './helpers.js';
import { datasaet, po, post, pris, ydelse } from './builders.core.js';

describe('money.ts owns the units and the written-back format', () => {
  it('lists kr, t.kr and mio.kr once, with factors 1, 1.000 and 1.000.000', () => {
    expect([...ENHEDER]).toEqual(['kr', 't.kr', 'mio.kr']);
    expect(ENHEDER.map((e) => ENHEDSFAKTOR[e].toString())).toEqual(['1', '1000', '1000000']);
    expect(ENHEDER.map((e) => ENHEDSTEKST[e])).toEqual(['kr.', '1.000 kr.', 'mio. kr.']);
    expect(ENHED['t.kr'].iTekst).toBe('t.kr.');
  });

  it('writes numbers back exactly, without exponent or thousands separator', () => {
    expect(skrivTal(new Decimal('1e-31'), 'da')).toBe('0,' + '0'.repeat(30) + '1');
    expect(skrivTal(new Decimal('123456789012345678901234567890123456789012345'), 'en')).toBe(
      '123456789012345678901234567890123456789012345',
    );
    expect(skrivTal(new Decimal('-1234.5'), 'da')).toBe('-1234,5');
    expect(skrivTal(new Decimal('-1234.5'), 'en')).toBe('-1234.5');
    expect(skrivTal(new Decimal('997'), 'da')).toBe('997');
  });
});

describe('one skeleton for the udvalg → politikområde → udgiftsart tables', async () => {
  const { datasaet } = await indlaesDatasaet(REFERENCE);
  const o = beregn(datasaet!);
  // After the reference's bevillinger, 1.2 (Økonomiudvalget) joins: two udvalg.
  const efter = efterBevillinger(datasaet!);
  const navne = (t: { raekker: { celler: Record<string, unknown> }[] }) => t.raekker.map((r) => r.celler.navn);

  it('gives every table the same rows in the same order', () => {
    const forventet = [
      '1.2 Administration',
      'I alt for Økonomiudvalget',
      '2.1 Forsørgelse, revalidering og aktivering',
      '2.2 Erhverv og Kultur',
      '2.3 Ungeenheden',
      'I alt for Erhvervs-, Beskæftigelses- og Uddannelsesudvalget',
      'I alt',
      'Samlet serviceudgifter',
      'Samlet øvrige udgifter',
    ];
    expect(navne(efterBevillingerTabel(o, efter, STANDARDVISNING))).toEqual(forventet);
    expect(navne(scenarieTabel(efter, [{ navn: 'S', o: efter }], STANDARDVISNING))).toEqual(forventet);
    expect(navne(afvigelsesTabel(efter, STANDARDVISNING)).filter((n) => !String(n).startsWith('–'))).toEqual(forventet);
  });

  it("makes each total the sum of the rows it names (the workbook's SUM formulas)", () => {
    const t = afvigelsesTabel(o, { ...STANDARDVISNING, poster: true });
    const ider = new Map(t.raekker.filter((r) => r.id).map((r) => [r.id!, r]));
    for (const r of t.raekker.filter((x) => x.sumAf)) {
      const dele = r.sumAf!.map((id) => ider.get(id)!.celler.korrigeret as { tal: Decimal });
      const sum = dele.reduce((s, d) => s.plus(d.tal), new Decimal(0));
      expect(sum.equals((r.celler.korrigeret as { tal: Decimal }).tal)).toBe(true);
    }
  });
});

describe('a report value carries every figure its table shows', () => {
  it('forbrug: every figure column of the table is in its JSON', async () => {
    const { datasaet } = await indlaesDatasaet('fixtures/forbrug');
    const { opg } = await laesForbrug(datasaet!);
    const tabel = forbrugsTabel(opg!, STANDARDVISNING);
    const json = forbrugJson(opg!);
    const felter = Object.keys(json.poster[0]!);
    const talkolonner = tabel.kolonner.filter((k) =>
      tabel.raekker.some((r) => typeof r.celler[k.noegle] === 'object' && r.celler[k.noegle] !== null),
    );
    expect(talkolonner.map((k) => k.csv)).toContain('afvigelse');
    for (const k of talkolonner) expect(felter).toContain(k.csv);
    // korrigeret − fremskrevet, canonical sign, for each post
    for (const p of json.poster) {
      expect(p.afvigelse.tekst).toBe(new Decimal(p.korrigeret.tekst).minus(p.fremskrevet.tekst).toFixed());
    }
  });
});

describe('one mapping from error class to exit code', () => {
  it('usage and write errors are exit 2 with their own message; a missing folder names an example', () => {
    expect(somExitFejl(new ScenarieFejl('x'))).toMatchObject({ kode: 2, message: 'x' });
    expect(somExitFejl(new SkriveFejl('y'))).toMatchObject({ kode: 2, message: 'y' });
    expect(somExitFejl(new MappeFejl('Mappen "a" findes ikke'))?.message).toMatch(
      /^Mappen "a" findes ikke\. Angiv mappen/,
    );
    expect(somExitFejl(new Error('bug'))).toBeNull();
  });

  it('lists the document formats only for commands that build documents', () => {
    expect(formaterFor('rapport')).toContain('xlsx');
    expect(formaterFor('scenarie')).toContain('docx');
    // Every report command builds a document now; a command that did not would offer the text formats only.
    expect(formaterFor('ingen-dokument')).toEqual(['tabel', 'csv', 'json', 'markdown']);
  });
});

describe('the engine refuses a dataset that skipped the rules, and leaves out empty politikområder', () => {
  const ds = datasaet({
    politikomraader: [po('1.1', 'Andet udvalg'), po('2.1')],
    poster: [post('2.1', 'Ydelse A', 'overfoersel', '100', '100', null), post('2.1', 'Drift', 'service', '50', '60', '55')],
    ydelser: [ydelse('Ydelse A', { vedtaget: '1', forventet: '2' })],
    enhedspriser: [pris('Ydelse A', '100', '110')],
  });

  it('computes the activity post and shows only politikområder with posts', () => {
    const o = beregn(ds);
    // forventet = 100 + (2 × 110 − 1 × 100) = 220; afvigelse 100 − 220 = −120 = mængde −100 + pris −20
    expect(o.ydelser[0]!.forventet.toString()).toBe('220');
    expect([o.ydelser[0]!.maengdeeffekt.toString(), o.ydelser[0]!.priseffekt.toString()]).toEqual(['-100', '-20']);
    expect(o.politikomraader.map((p) => p.nr)).toEqual(['2.1']);
    expect(o.udvalg.map((u) => u.navn)).toEqual(['Udvalget']);
  });

  it('a ydelse that matches two posts, and a post without a forventet', () => {
    const to = { ...ds, poster: [...ds.poster, post('1.1', 'Ydelse A', 'overfoersel', '1', '1', null)] };
    expect(() => beregn(to)).toThrow(/Ydelsen "Ydelse A" svarer til 2 budgetposter/);
    const uden = { ...ds, poster: [...ds.poster, post('2.1', 'Uden', 'service', '1', '1', null)] };
    expect(() => beregn(uden)).toThrow(/Posten "Uden" mangler forventet/);
    expect(() => beregn({ ...ds, enhedspriser: [] })).toThrow(/Ydelsen "Ydelse A" har ingen enhedspris/);
  });
});
