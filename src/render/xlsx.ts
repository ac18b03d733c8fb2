/**
 * Renders a document's tables as an Excel workbook: one sheet per table, Danish headers, figures as
 * number cells in kr (to the øre, as in the JSON) shown in the document's unit by a number format,
 * totals as SUM formulas whose cached result is budgetopf's own total, the header row frozen and
 * merforbrug red by conditional formatting. exceljs is loaded only here, and only when asked for.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { merforbrugPositiv } from '../core/fortegn.js';
import { Decimal, ENHED, sum, type Enhed } from '../core/money.js';
import { erTal, type Celle, type Dokument, type Sektion, type Tabel, type Talcelle } from '../report/shape.js';
import { ombryd } from './boks.js';
import { erAfvigelse, formatCelle, vistTal, type Talvisning } from './celle.js';
import { kr } from './json.js';

export type XlsxValg = Omit<Talvisning, 'format' | 'tusindtalsseparator'>;

const ROED = 'FFC00000';
const HOVEDFARVE = 'FFE7E6E6';
/** Excel's limit on the arguments of one function call. */
const MAKS_ARGUMENTER = 255;

/**
 * Excel's format code for an amount in kr shown in `enhed` (invariant notation: `,` groups thousands and,
 * after the digits, divides by 1.000; Danish Excel shows `1.002,1`).
 */
export function talformatkode(enhed: Enhed, decimaler: number): string {
  const skala = ','.repeat(ENHED[enhed].tusinder);
  return `#,##0${decimaler > 0 ? `.${'0'.repeat(decimaler)}` : ''}${skala}`;
}

/** A figure as the number a cell stores (and its format): amounts in kr to the øre, in the sign the table shows. */
function tal(c: Talcelle, v: XlsxValg): { vaerdi: number; format: string } {
  const vendt = vistTal(c, v);
  switch (c.art) {
    case 'beloeb':
      return { vaerdi: kr(vendt) + 0, format: talformatkode(v.enhed, v.decimaler) }; // + 0: never a -0 in a cell
    case 'pct':
      return { vaerdi: Number(vendt.div(100).toSignificantDigits(15).toString()), format: '0.0%' };
    default:
      return { vaerdi: Number(vendt.toString()), format: talformatkode('kr', Math.min(vendt.decimalPlaces(), 2)) };
  }
}

/** `B2:B4,B7` → the shortest SUM arguments for the rows (consecutive rows as one range). */
function sumArgumenter(kolonne: string, raekker: number[]): string[] {
  const dele: string[] = [];
  const sorteret = [...raekker].sort((a, b) => a - b);
  for (let i = 0; i < sorteret.length;) {
    let j = i;
    while (j + 1 < sorteret.length && sorteret[j + 1] === sorteret[j]! + 1) j++;
    dele.push(i === j ? `${kolonne}${sorteret[i]}` : `${kolonne}${sorteret[i]}:${kolonne}${sorteret[j]}`);
    i = j + 1;
  }
  return dele;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function arknavn(navn: string, brugte: Set<string>): string {
  const grund = navn.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Ark';
  let kandidat = grund;
  for (let n = 2; brugte.has(kandidat.toLowerCase()); n++) kandidat = `${grund.slice(0, 31 - String(n).length - 1)} ${n}`;
  brugte.add(kandidat.toLowerCase());
  return kandidat;
}

type Bogstav = (i: number) => string;

/** Header: the table's own Danish titles. */
function skrivHoved(ark: Worksheet, kolonner: Tabel['kolonner']): void {
  const hoved = ark.getRow(1);
  kolonner.forEach((k, i) => {
    const celle = hoved.getCell(i + 1);
    celle.value = k.titel;
    celle.font = { bold: true };
    celle.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HOVEDFARVE } };
    celle.border = { bottom: { style: 'thin' } };
  });
}

/** The rows; returns each row id's sheet row and the number stored in each figure cell. */
function skrivRaekker(ark: Worksheet, t: Tabel, v: XlsxValg): { raekkeNr: Map<string, number>; lagret: Map<string, number> } {
  const kolonner = t.kolonner;
  const raekkeNr = new Map<string, number>(); // row id → sheet row
  const lagret = new Map<string, number>(); // cell address → the number stored, before any becomes a formula
  t.raekker.forEach((r, ri) => {
    const nr = ri + 2;
    if (r.id) raekkeNr.set(r.id, nr);
    const raekke = ark.getRow(nr);
    const fed = r.art === 'sum' || r.art === 'total';
    kolonner.forEach((k, i) => {
      const c = r.celler[k.noegle] ?? null;
      const celle = raekke.getCell(i + 1);
      if (c === null) return;
      if (!erTal(c)) {
        const indryk = /^ */.exec(c)![0].length;
        celle.value = c.trim();
        if (indryk) celle.alignment = { indent: Math.ceil(indryk / 2) };
      } else {
        const { vaerdi, format } = tal(c, v);
        celle.value = vaerdi;
        celle.numFmt = format;
        lagret.set(celle.address, vaerdi);
      }
      if (fed) celle.font = { bold: true };
    });
  });
  return { raekkeNr, lagret };
}

function skrivSummer(ark: Worksheet, t: Tabel, bogstav: Bogstav, { raekkeNr, lagret }: ReturnType<typeof skrivRaekker>): void {
  const kolonner = t.kolonner;
  // Totals: a SUM of the rows they add up, when the stored parts add up to the stored total to the øre
  // (parts with fractions of an øre could miss by one; then the total is written as a number).
  t.raekker.forEach((r, ri) => {
    if (!r.sumAf?.length) return;
    const dele = r.sumAf.map((id) => raekkeNr.get(id)).filter((n): n is number => n !== undefined);
    kolonner.forEach((k, i) => {
      const c = r.celler[k.noegle] ?? null;
      if (!erTal(c) || c.art !== 'beloeb') return;
      const celle: Cell = ark.getRow(ri + 2).getCell(i + 1);
      const total = lagret.get(celle.address)!;
      const medTal = dele.filter((n) => lagret.has(`${bogstav(i)}${n}`));
      const delsum = sum(medTal.map((n) => new Decimal(lagret.get(`${bogstav(i)}${n}`)!)));
      const args = sumArgumenter(bogstav(i), medTal);
      if (medTal.length === 0 || args.length > MAKS_ARGUMENTER || !delsum.equals(total)) return;
      celle.value = { formula: `SUM(${args.join(',')})`, result: total };
    });
  });
}

function skrivRoedt(ark: Worksheet, t: Tabel, v: XlsxValg, bogstav: Bogstav): void {
  const kolonner = t.kolonner;
  const sidste = t.raekker.length + 1;
  // Merforbrug in red: afvigelse < 0 in the canonical sign, > 0 when merforbrug is shown positive.
  kolonner.forEach((k, i) => {
    if (!t.raekker.some((r) => erAfvigelse(r.celler[k.noegle] ?? null)) || sidste < 2) return;
    ark.addConditionalFormatting({
      ref: `${bogstav(i)}2:${bogstav(i)}${sidste}`,
      rules: [{
        type: 'cellIs', operator: merforbrugPositiv(v.fortegn) ? 'greaterThan' : 'lessThan', formulae: [0], priority: 1,
        style: { font: { color: { argb: ROED } } },
      }],
    });
  });
}

function skrivBredder(ark: Worksheet, t: Tabel, tekstbredde: (c: Celle) => number): void {
  const kolonner = t.kolonner;
  const hoved = ark.getRow(1);
  // Widths that fit: the label column as its longest text, figure columns as their widest figure or header word.
  const bredder = kolonner.map((k, i) => {
    const tekster = t.raekker.map((r) => r.celler[k.noegle] ?? null);
    if (i === 0 || !tekster.some(erTal)) return Math.min(60, Math.max(k.titel.length, ...tekster.map(tekstbredde))) + 2;
    return Math.max(12, ...tekster.map(tekstbredde), ...k.titel.split(' ').map((o) => o.length)) + 2;
  });
  bredder.forEach((b, i) => (ark.getColumn(i + 1).width = b));
  const hovedlinjer = Math.max(...kolonner.map((k, i) => ombryd(k.titel, bredder[i]! - 2).length));
  hoved.height = 15 * hovedlinjer + 2;
  kolonner.forEach((_, i) => {
    const hoejre = t.raekker.some((r) => erTal(r.celler[kolonner[i]!.noegle] ?? null));
    hoved.getCell(i + 1).alignment = { wrapText: true, vertical: 'bottom', horizontal: hoejre ? 'right' : 'left' };
  });
}

function skrivTabel(ark: Worksheet, t: Tabel, valg: XlsxValg): void {
  const v: XlsxValg = { ...valg, ...t.talvisning };
  const visning: Talvisning = { ...v, format: 'da', tusindtalsseparator: true };
  const kolonner = t.kolonner;
  const bogstav = (i: number) => ark.getColumn(i + 1).letter;
  const tekstbredde = (c: Celle) => formatCelle(c, visning).length;
  skrivHoved(ark, kolonner);
  const lagt = skrivRaekker(ark, t, v);
  skrivSummer(ark, t, bogstav, lagt);
  skrivRoedt(ark, t, v, bogstav);
  const sidste = t.raekker.length + 1;
  // The notes under the table, as the other formats print them.
  (t.noter ?? []).forEach((n, i) => {
    const celle = ark.getRow(sidste + 2 + i).getCell(1);
    celle.value = n;
    celle.font = { italic: true };
  });

  skrivBredder(ark, t, tekstbredde);
  ark.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }];
  ark.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
}

/** Every table of the document, depth first, with the sheet name it asks for. */
function tabeller(s: Sektion): { navn: string; tabel: Tabel }[] {
  return [...(s.tabel ? [{ navn: s.ark ?? s.titel, tabel: s.tabel }] : []), ...(s.underafsnit ?? []).flatMap(tabeller)];
}

export async function renderDokument(d: Dokument, v: XlsxValg): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const bog: Workbook = new ExcelJS.Workbook();
  bog.creator = 'budgetopf';
  bog.title = d.titel;
  bog.subject = d.undertitel.join(', ');
  const brugte = new Set<string>();
  for (const { navn, tabel } of d.sektioner.flatMap(tabeller)) skrivTabel(bog.addWorksheet(arknavn(navn, brugte)), tabel, v);
  return new Uint8Array(await bog.xlsx.writeBuffer());
}
