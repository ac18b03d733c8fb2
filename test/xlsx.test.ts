// The workbook (--format xlsx), read back with exceljs: every number cell is the JSON output's figure,
// every SUM formula adds up (evaluated here from the read-back cells, with Decimal) to its cached result,
// and the display formats show the published table. Expected figures come from `--format json` and
// fixtures/reference/publiceret-tabel.md, never from the workbook code.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decimal, formatTal } from '../src/core/money.js';
import { renderDokument, talformatkode } from '../src/render/xlsx.js';
import { talcelle } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { REFERENCE, koerCli } from './helpers.js';

const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-xlsx-'));

const koer = koerCli;

async function laes(fil: string): Promise<ExcelJS.Workbook> {
  const bog = new ExcelJS.Workbook();
  await bog.xlsx.load(readFileSync(fil) as never); // exceljs types its own Buffer
  return bog;
}

async function xlsx(kommando: string, ...ekstra: string[]): Promise<ExcelJS.Workbook> {
  const fil = join(mappe, `${kommando}${ekstra.join('')}.xlsx`);
  const r = koer([kommando, REFERENCE, '--format', 'xlsx', '--output', fil, ...ekstra]);
  expect(r.kode, r.fejl).toBe(0);
  expect(r.ud).toBe('');
  return laes(fil);
}

const json = (kommando: string) => JSON.parse(koer([kommando, REFERENCE, '--format', 'json']).ud);

const erFormel = (c: ExcelJS.Cell) => c.type === ExcelJS.ValueType.Formula;

/** A cell's number: its value, or a formula's cached result (`result`: exceljs's `value` leaves out a result of 0); null for text and empty cells. */
function tal(c: ExcelJS.Cell): number | null {
  if (erFormel(c)) return c.result as number;
  return typeof c.value === 'number' ? c.value : null;
}

/** The sheet's conditional formatting as read back (exceljs has it, its types do not). */
const formatering = (ark: ExcelJS.Worksheet) => (ark as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
const tekst = (c: ExcelJS.Cell) => (typeof c.value === 'string' ? c.value : '');
const overskrifter = (ark: ExcelJS.Worksheet) => (ark.getRow(1).values as unknown[]).slice(1);

/** The rows under the header up to the first empty row (the notes follow after it), as label → row. */
function raekker(ark: ExcelJS.Worksheet): ExcelJS.Row[] {
  const ud: ExcelJS.Row[] = [];
  for (let n = 2; n <= ark.rowCount && ark.getRow(n).actualCellCount > 0; n++) ud.push(ark.getRow(n));
  return ud;
}

/**
 * Evaluates every SUM formula and every difference (B2-C2) of the sheet from the read-back cells (exactly, with Decimal) and checks it
 * equals the cached result. Returns how many formulas there were.
 */
function tjekFormler(ark: ExcelJS.Worksheet): number {
  let antal = 0;
  ark.eachRow((row) => row.eachCell((c) => {
    if (!erFormel(c)) return;
    const d = /^([A-Z]+)(\d+)-([A-Z]+)(\d+)$/.exec(c.formula);
    if (d) {
      // A difference (afvigelse = korrigeret − forventet) of two cells in its own row.
      expect([d[2], d[4]]).toEqual([c.address.replace(/\D+/, ''), c.address.replace(/\D+/, '')]);
      const forskel = new Decimal(tal(ark.getCell(`${d[1]}${d[2]}`))!).minus(tal(ark.getCell(`${d[3]}${d[4]}`))!);
      expect(forskel.toNumber(), `${ark.name}!${c.address} ${c.formula}`).toBe(c.result);
      antal++;
      return;
    }
    const m = /^SUM\(([A-Z]+\d+(?::[A-Z]+\d+)?(?:,[A-Z]+\d+(?::[A-Z]+\d+)?)*)\)$/.exec(c.formula);
    expect(m, c.formula).not.toBeNull();
    let s = new Decimal(0);
    for (const arg of m![1]!.split(',')) {
      const [fra, til = fra] = arg.split(':');
      const [kol, r1, r2] = [fra!.replace(/\d+/, ''), Number(fra!.replace(/\D+/, '')), Number(til!.replace(/\D+/, ''))];
      expect(kol).toBe(c.address.replace(/\d+/, '')); // a total adds up its own column
      for (let r = r1; r <= r2; r++) {
        // A part that is itself a total counts with its cached result (checked in its own turn).
        const del = ark.getCell(`${kol}${r}`);
        if (tal(del) !== null) s = s.plus(tal(del)!);
        else expect(del.value === null || typeof del.value === 'string', del.address).toBe(true);
      }
    }
    expect(c.result, `${ark.name}!${c.address} ${c.formula}`).toEqual(expect.any(Number));
    expect(s.toNumber(), `${ark.name}!${c.address} ${c.formula}`).toBe(c.result);
    antal++;
  }));
  return antal;
}

/** What Danish Excel shows for a number under one of budgetopf's format codes (#,##0.0,, and the like). */
function vist(vaerdi: number, kode: string): string {
  const m = /^#,##0(?:\.(0+))?(,*)$/.exec(kode);
  expect(m, kode).not.toBeNull();
  return formatTal(new Decimal(vaerdi).div(new Decimal(1000).pow(m![2]!.length)), { decimaler: m![1]?.length ?? 0, format: 'da', tusindtalsseparator: true });
}

const publiceret = readFileSync('fixtures/reference/publiceret-tabel.md', 'utf8')
  .split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Drift'))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

const FELTER = ['vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'afvigelse'] as const;
type Summering = Record<(typeof FELTER)[number], number>;

/** The afvigelser JSON's summary object for each label of the deviation table, in the table's order. */
function afvigelsesRaekker(j: { politikomraader: (Summering & { nr: string; navn: string; udgiftsarter: Record<string, Summering> })[]; udvalg: Summering[]; udgiftsarter: Record<string, Summering> }) {
  return [
    ...j.politikomraader.flatMap((p) => [
      [`${p.nr} ${p.navn}`, p], ['– serviceudgifter', p.udgiftsarter.service], ['– øvrige udgifter', p.udgiftsarter.overfoersel],
    ] as const),
    ['I alt for udvalget', j.udvalg[0]], ['Samlet serviceudgifter', j.udgiftsarter.service], ['Samlet øvrige udgifter', j.udgiftsarter.overfoersel],
  ] as [string, Summering][];
}

describe('budgetopf afvigelser --format xlsx', () => {
  let bog: ExcelJS.Workbook;
  let j: ReturnType<typeof json>;
  beforeAll(async () => {
    bog = await xlsx('afvigelser');
    j = json('afvigelser');
  });

  it('has one sheet, Afvigelser, with the table\'s Danish headers', () => {
    expect(bog.worksheets.map((a) => a.name)).toEqual(['Afvigelser']);
    expect(overskrifter(bog.getWorksheet('Afvigelser')!)).toEqual(['Drift (mio. kr.)', 'Vedtaget budget (mio. kr.)', 'Korrigeret budget (mio. kr.)',
      'Forventet regnskab BO2 (mio. kr.)', 'Forventet BO1 (mio. kr.)', 'Afvigelse BO2 (mio. kr.)']);
  });

  it('stores every figure as a number in kr equal to the JSON output (60 cells)', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    const forventet = afvigelsesRaekker(j);
    const rows = raekker(ark);
    expect(rows.map((r) => tekst(r.getCell(1)))).toEqual(forventet.map(([navn]) => navn));
    let celler = 0;
    rows.forEach((r, i) => FELTER.forEach((f, k) => {
      expect(tal(r.getCell(k + 2)), `${forventet[i]![0]} ${f}`).toBe(forventet[i]![1][f]);
      celler++;
    }));
    expect(celler).toBe(60);
    expect(tal(rows[9]!.getCell(6))).toBe(-7300000); // I alt for udvalget, afvigelse: -7,3 mio. kr.
  });

  it('writes totals as SUM formulas that add up to budgetopf\'s totals', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    // 3 politikområder (service + øvrige), the udvalg and the two udgiftsart totals, in 5 columns each; and
    // the six service/øvrige rows' afvigelse as korrigeret − forventet.
    expect(tjekFormler(ark)).toBe(36);
    expect((ark.getCell('B11').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(B2,B5,B8)');
    expect((ark.getCell('F12').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(F3,F6,F9)');
    expect(ark.getCell('F11').value).toEqual({ formula: 'SUM(F2,F5,F8)', result: j.total.afvigelse });
  });

  it('writes the afvigelse as korrigeret − forventet, so editing a forventet updates it', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    // – øvrige udgifter under 2.1: 835,59 − 839,1 mio. kr. = −3,51 mio. kr.
    expect(ark.getCell('F4').value).toEqual({ formula: 'C4-D4', result: -3510000 });
    expect([tal(ark.getCell('C4')), tal(ark.getCell('D4'))]).toEqual([835590000, 839100000]);
  });

  it('names its font in every style (no client falls back to a serif) and indents the parts', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    ark.eachRow((r) => r.eachCell((c) => expect(c.font?.name, c.address).toBe('Arial')));
    expect(ark.getCell('A11').font).toMatchObject({ name: 'Arial', bold: true });
    expect(ark.getCell('A3').alignment).toMatchObject({ horizontal: 'left', indent: 1 });
  });

  it('with --afstem keeps the exact figures in the cells (rounding is the number format\'s)', async () => {
    const ark = (await xlsx('afvigelser', '--afstem')).getWorksheet('Afvigelser')!;
    expect(raekker(ark).map((r) => tal(r.getCell(3)))).toEqual(afvigelsesRaekker(j).map(([, s]) => s.korrigeret));
  });

  it('shows, in Danish Excel, the published table digit for digit (mio. kr., one decimal)', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    const rows = raekker(ark);
    expect(rows).toHaveLength(publiceret.length);
    rows.forEach((r, i) => {
      const [navn, ...forventet] = publiceret[i]!;
      expect(tekst(r.getCell(1))).toBe(navn);
      expect([2, 3, 4, 5, 6].map((k) => vist(tal(r.getCell(k))!, r.getCell(k).numFmt))).toEqual(forventet);
    });
    expect(ark.getCell('B2').numFmt).toBe('#,##0.0,,');
  });

  it('freezes the header row and the label column, and makes the columns wide enough', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    expect(ark.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
    expect(ark.getColumn(1).width).toBeGreaterThanOrEqual('2.1 Forsørgelse, revalidering og aktivering'.length);
    for (let k = 2; k <= 6; k++) expect(ark.getColumn(k).width).toBeGreaterThanOrEqual(12);
  });

  it('colours merforbrug red by conditional formatting: afvigelse below 0', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    const regler = formatering(ark);
    expect(regler.map((r) => r.ref)).toEqual(['F2:F13']);
    const regel = regler[0]!.rules[0] as ExcelJS.CellIsRuleType;
    expect([regel.type, regel.operator, String(regel.formulae), regel.style?.font?.color?.argb]).toEqual(['cellIs', 'lessThan', '0', 'FFC00000']);
  });

  it('with --merforbrug-positiv stores the afvigelse as shown (merforbrug positive) and colours values above 0', async () => {
    const ark = (await xlsx('afvigelser', '--merforbrug-positiv')).getWorksheet('Afvigelser')!;
    expect(overskrifter(ark).at(-1)).toBe('Afvigelse BO2 (merforbrug +) (mio. kr.)');
    expect(ark.getCell('F4').value).toEqual({ formula: 'D4-C4', result: 3510000 });
    raekker(ark).forEach((r, i) => expect(tal(r.getCell(6))).toBe(-afvigelsesRaekker(j)[i]![1].afvigelse || 0));
    expect(formatering(ark)[0]!.rules[0]).toMatchObject({ operator: 'greaterThan' });
    expect(tjekFormler(ark)).toBe(36);
  });

  it('needs --output: a workbook never goes to the terminal (exit 2, in Danish)', () => {
    for (const args of [[], ['--output', '-']]) {
      const r = koer(['afvigelser', REFERENCE, '--format', 'xlsx', ...args]);
      expect(r.kode).toBe(2);
      expect(r.ud).toBe('');
      expect(r.fejl).toBe('budgetopf: --format xlsx skriver et regneark og kræver --output FIL, fx --output opfoelgning.xlsx\n');
    }
  });

  it('is offered by scenarie too: the base and the scenario side by side', async () => {
    const fil = join(mappe, 's.xlsx');
    const r = koer(['scenarie', REFERENCE, '--hp', 'Kontanthjælp=+64', '--format', 'xlsx', '--output', fil]);
    expect(r.kode, r.fejl).toBe(0);
    const ark = (await laes(fil)).getWorksheet('Scenarier')!;
    const iAlt = raekker(ark).find((x) => tekst(x.getCell(1)) === 'I alt for udvalget')!; // one udvalg: its total is the table's
    // Basis afvigelse −7,3 mio. kr.; +64 helårspersoner på kontanthjælp à 126.433 kr. = 8.091.712 kr. mere merforbrug.
    expect([tal(iAlt.getCell(3)), tal(iAlt.getCell(6))]).toEqual([-7300000, -8091712]);
  });
});

describe('budgetopf rapport --format xlsx', () => {
  let bog: ExcelJS.Workbook;
  let j: ReturnType<typeof json>;
  beforeAll(async () => {
    bog = await xlsx('rapport');
    j = json('rapport');
  });

  it('has a sheet per table: Afvigelser, Aktivitet, Korrektioner, Bevillingsønsker, Efter bevillinger', () => {
    expect(bog.worksheets.map((a) => a.name)).toEqual(['Afvigelser', 'Aktivitet', 'Korrektioner', 'Bevillingsønsker', 'Efter bevillinger']);
    for (const ark of bog.worksheets) expect(ark.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('Afvigelser equals the afvigelser JSON', () => {
    const ark = bog.getWorksheet('Afvigelser')!;
    raekker(ark).forEach((r, i) => FELTER.forEach((f, k) => expect(tal(r.getCell(k + 2))).toBe(afvigelsesRaekker(j.afvigelser)[i]![1][f])));
    expect(tjekFormler(ark)).toBe(36);
  });

  it('Aktivitet has every ydelse\'s helårspersoner, prices and effects as in the JSON, and totals as SUMs', () => {
    const ark = bog.getWorksheet('Aktivitet')!;
    const hoved = overskrifter(ark);
    const felt: Record<string, (y: Record<string, any>) => number | null> = {
      'HP regnskab 2024': (y) => y.hp.regnskab_forrige, 'HP budget 2025': (y) => y.hp.vedtaget, 'HP korrigeret 2025': (y) => y.hp.korrigeret,
      'HP forventet 2025': (y) => y.hp.forventet, 'Pris regnskab 2024 (kr.)': (y) => y.pris.regnskab_forrige, 'Pris budget 2025 (kr.)': (y) => y.pris.budget,
      'Pris forventet 2025 (kr.)': (y) => y.pris.forventet, 'Korrigeret budget (mio. kr.)': (y) => y.budget, 'Forventet regnskab (mio. kr.)': (y) => y.forventet,
      'Afvigelse (mio. kr.)': (y) => y.afvigelse, 'Mængdeeffekt (mio. kr.)': (y) => y.maengdeeffekt, 'Priseffekt (mio. kr.)': (y) => y.priseffekt,
      'Korrektioner (mio. kr.)': (y) => y.korrektionseffekt,
    };
    expect(hoved).toEqual(['Ydelse', ...Object.keys(felt)]);
    const ydelser = j.aktivitet.ydelser as Record<string, any>[];
    const rows = raekker(ark);
    expect(rows.map((r) => tekst(r.getCell(1)))).toEqual([...ydelser.map((y) => y.ydelse), 'I alt']);
    let celler = 0;
    ydelser.forEach((y, i) => hoved.slice(1).forEach((h, k) => {
      expect(tal(rows[i]!.getCell(k + 2)), `${y.ydelse} ${h}`).toBe(felt[h as string]!(y));
      celler++;
    }));
    expect(celler).toBe(8 * 13);
    // The total row: the six amounts, each the sum of the JSON's figures (to the øre).
    const iAlt = rows.at(-1)!;
    hoved.slice(8).forEach((h, k) => {
      const s = ydelser.reduce((a, y) => a.plus(felt[h as string]!(y)!), new Decimal(0));
      expect(tal(iAlt.getCell(k + 9)), h as string).toBe(s.toNumber());
    });
    expect(tal(iAlt.getCell(11))).toBe(-17472833); // Afvigelse i alt: -17,5 mio. kr.
    expect(tjekFormler(ark)).toBe(6 + 8); // the six totals, and each ydelse's afvigelse as korrigeret − forventet
    expect(ark.getCell('E2').numFmt).toBe('#,##0'); // helårspersoner, whole
  });

  it('Korrektioner equals the JSON\'s korrektioner', () => {
    const rows = raekker(bog.getWorksheet('Korrektioner')!);
    expect(rows.map((r) => [tekst(r.getCell(1)), tekst(r.getCell(2)), tekst(r.getCell(3)), tal(r.getCell(4)), tekst(r.getCell(5))]))
      .toEqual(j.korrektioner.map((k: Record<string, any>) => [k.politikomraade, k.post, k.type, k.beloeb, k.tekst]));
  });

  it('Bevillingsønsker: the lines\' amounts per year as in the JSON, in hele 1.000 kr., and the total a SUM of 0', () => {
    const ark = bog.getWorksheet('Bevillingsønsker')!;
    expect(overskrifter(ark)).toEqual(['I hele 1.000 kr.', ...[2025, 2026, 2027, 2028].map((a) => `${a} (1.000 kr.)`), 'Kompetence', 'Bemærkninger']);
    const rows = raekker(ark);
    const linjer = j.bevillingsoensker.flatMap((b: Record<string, any>) => b.linjer) as { aar: number; beloeb: number }[];
    [2025, 2026, 2027, 2028].forEach((aar, k) => {
      const celler = rows.slice(0, -1).map((r) => tal(r.getCell(k + 2))).filter((x): x is number => x !== null);
      const del = (fortegn: number) => linjer.filter((l) => l.aar === aar && Math.sign(l.beloeb) === fortegn).reduce((a, l) => a + l.beloeb, 0);
      expect(celler.filter((x) => x > 0).reduce((a, x) => a + x, 0)).toBe(del(1));
      expect(celler.filter((x) => x < 0).reduce((a, x) => a + x, 0)).toBe(del(-1));
      expect(tal(rows.at(-1)!.getCell(k + 2))).toBe(0);
    });
    expect(tekst(rows.at(-1)!.getCell(1))).toBe('I alt (skal være 0)');
    expect(ark.getCell('B3').numFmt).toBe('#,##0,');
    expect(vist(tal(ark.getCell('B3'))!, ark.getCell('B3').numFmt)).toBe('-500'); // B1: 1.2 Administration, -500 t.kr.
    expect(tjekFormler(ark)).toBe(4);
  });

  it('Efter bevillinger equals the JSON before and after approval', () => {
    const rows = raekker(bog.getWorksheet('Efter bevillinger')!);
    const foer = new Map(j.afvigelser.politikomraader.map((p: Record<string, any>) => [p.nr, p]));
    const efter = j.efter_bevillinger.politikomraader as Record<string, any>[];
    for (const p of efter) {
      const r = rows.find((x) => tekst(x.getCell(1)) === `${p.nr} ${p.navn}`)!;
      const f = foer.get(p.nr) as Record<string, number> | undefined;
      expect([2, 3, 4, 5, 6, 7].map((k) => tal(r.getCell(k)))).toEqual([
        f?.korrigeret ?? 0, p.korrigeret - (f?.korrigeret ?? 0), p.korrigeret, p.forventet, f?.afvigelse ?? 0, p.afvigelse]);
    }
    const iAlt = rows.find((x) => tekst(x.getCell(1)) === 'I alt')!;
    expect([tal(iAlt.getCell(4)), tal(iAlt.getCell(7))]).toEqual([j.efter_bevillinger.total.korrigeret, j.efter_bevillinger.total.afvigelse]);
    // 18 SUMs; afvigelse før and efter as differences in the four politikområde rows and the two udgiftsart totals.
    expect(tjekFormler(bog.getWorksheet('Efter bevillinger')!)).toBe(3 * 6 + 2 * 6);
  });
});

describe('the workbook renderer', () => {
  it('format codes: kr, t.kr and mio. kr. with any decimals', () => {
    expect(talformatkode('kr', 2)).toBe('#,##0.00');
    expect(talformatkode('t.kr', 0)).toBe('#,##0,');
    expect(talformatkode('mio.kr', 1)).toBe('#,##0.0,,');
  });

  it('writes a total as a number, not a SUM, when parts with fractions of an øre would not add up to it', async () => {
    const del = (kr: string, id: string) => ({ art: 'data' as const, id, celler: { navn: id, b: talcelle(new Decimal(kr), 'beloeb') } });
    const dokument = {
      titel: 'Test', undertitel: [],
      sektioner: [{ titel: 'Test', tabel: {
        kolonner: [{ noegle: 'navn', titel: 'Navn', csv: 'navn' }, { noegle: 'b', titel: 'Beløb', csv: 'b' }],
        raekker: [
          del('0.004', 'a'), del('0.004', 'b'), { art: 'total' as const, sumAf: ['a', 'b'], celler: { navn: 'I alt', b: talcelle(new Decimal('0.008'), 'beloeb') } },
          del('1.25', 'c'), del('2.5', 'd'), { art: 'total' as const, sumAf: ['c', 'd'], celler: { navn: 'I alt', b: talcelle(new Decimal('3.75'), 'beloeb') } },
        ],
      } }],
    };
    const bog = new ExcelJS.Workbook();
    await bog.xlsx.load(Buffer.from(await renderDokument(dokument, { ...STANDARDVISNING, enhed: 'kr', decimaler: 2 })) as never);
    const ark = bog.worksheets[0]!;
    expect([ark.getCell('B2').value, ark.getCell('B3').value, ark.getCell('B4').value]).toEqual([0, 0, 0.01]);
    expect(ark.getCell('B7').value).toEqual({ formula: 'SUM(B5:B6)', result: 3.75 });
  });

  it('keeps text from the data as text: a formula-like name is never a formula', async () => {
    const dokument = {
      titel: 'Test', undertitel: [],
      sektioner: [{ titel: 'Ark/med:tegn?', tabel: { kolonner: [{ noegle: 'navn', titel: 'Navn', csv: 'navn' }], raekker: [{ art: 'data' as const, celler: { navn: '=HYPERLINK("http://x")' } }] } }],
    };
    const bog = new ExcelJS.Workbook();
    await bog.xlsx.load(Buffer.from(await renderDokument(dokument, STANDARDVISNING)) as never);
    expect(bog.worksheets[0]!.name).toBe('Ark med tegn');
    expect(bog.worksheets[0]!.getCell('A2').value).toBe('=HYPERLINK("http://x")');
  });
});
