/**
 * Renders a document's tables as an Excel workbook: one sheet per table, Danish headers, figures as
 * number cells in kr (to the øre, as in the JSON) shown in the document's unit by a number format,
 * totals as SUM formulas whose cached result is budgetopf's own total, the header row frozen and
 * merforbrug red by conditional formatting. exceljs is loaded only here, and only when asked for.
 */
import type { stream, Style } from 'exceljs';

type WorkbookWriter = stream.xlsx.WorkbookWriter;
import { merforbrugPositiv } from '../core/fortegn.js';
import { ENHED, type Enhed } from '../core/money.js';
import { erTal, type Dokument, type Sektion, type Tabel, type Talart, type Talcelle } from '../report/shape.js';
import { ombryd } from './boks.js';
import { erAfvigelse, vistTal, type Talvisning } from './celle.js';
import { kr } from './json.js';
import { ENHEDSTEKST } from '../report/visning.js';

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

/**
 * A figure as the number a cell stores (and its format): amounts in kr to the øre, in the sign the table shows;
 * `decimaler` for helårspersoner and prices (the column's).
 */
function tal(c: Talcelle, v: XlsxValg, decimaler: number): { vaerdi: number; format: string } {
  const vendt = vistTal(c, v);
  switch (c.art) {
    case 'beloeb':
      // a cell is a double; kr() writes no -0
      return { vaerdi: Number(kr(vendt).tekst), format: talformatkode(v.enhed, v.decimaler) };
    case 'pct':
      return { vaerdi: Number(vendt.div(100).toSignificantDigits(15).toString()), format: '0.0%' };
    default:
      return { vaerdi: Number(vendt.toString()), format: talformatkode('kr', decimaler) };
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
  for (let n = 2; brugte.has(kandidat.toLowerCase()); n++) {
    kandidat = `${grund.slice(0, 31 - String(n).length - 1)} ${n}`;
  }
  brugte.add(kandidat.toLowerCase());
  return kandidat;
}

/** The workbook's one font (named in every style, so no client falls back to a serif). */
const SKRIFT = { name: 'Arial', family: 2, size: 10 } as const;

/**
 * The styles of a workbook, one object per distinct style: exceljs registers a style object once and
 * recognises it again by identity, so a cell costs a lookup instead of a serialisation.
 */
interface Stilvalg {
  fed?: boolean;
  kursiv?: boolean;
  numFmt?: string;
  hoejre?: boolean;
  indryk?: number;
  hoved?: boolean;
}

class Stilarter {
  private readonly kendte = new Map<string, Partial<Style>>();
  hent(valg: Stilvalg): Partial<Style> {
    const noegle = JSON.stringify(valg);
    let stil = this.kendte.get(noegle);
    if (!stil) {
      stil = {
        font: { ...SKRIFT, bold: valg.fed ?? false, italic: valg.kursiv ?? false },
        ...(valg.numFmt ? { numFmt: valg.numFmt } : {}),
        ...(valg.hoved
          ? { alignment: { wrapText: true, vertical: 'bottom', horizontal: valg.hoejre ? 'right' : 'left' },
            fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: HOVEDFARVE } },
            border: { bottom: { style: 'thin' } } }
          : valg.numFmt
            ? {}
            : { alignment: { horizontal: 'left', vertical: 'top', ...(valg.indryk ? { indent: valg.indryk } : {}) } }),
      };
      this.kendte.set(noegle, stil);
    }
    return stil;
  }
}

/** One cell as it will be written. */
interface Celleplan {
  value: string | number | { formula: string; result: number };
  stil: Partial<Style>;
}

/** A sheet as rows of cells, its column widths and merforbrug columns: all decided before a row is written. */
interface Arkplan {
  raekker: (Celleplan | null)[][];
  bredder: number[];
  hovedhoejde: number;
  merforbrug: { kolonne: string; sidste: number }[];
}

/** The display unit in an amount column's header, where the title does not already say it (prices are always kr.). */
function medEnhed(titel: string, t: Tabel, noegle: string, v: XlsxValg): string {
  const art = (a: Talart) => t.raekker.some((r) => {
    const c = r.celler[noegle] ?? null;
    return erTal(c) && c.art === a;
  });
  if (/kr\.|kr\b/.test(titel)) return titel;
  return art('beloeb') ? `${titel} (${ENHEDSTEKST[v.enhed]})` : art('pris') ? `${titel} (kr.)` : titel;
}

/** Per column, the decimals of helårspersoner and prices: the most any cell needs (at most 2), so a column lines up. */
function kolonnedecimaler(t: Tabel): Map<string, number> {
  return new Map(t.kolonner.map((k) => [k.noegle, Math.max(0, ...t.raekker.map((r) => {
    const c = r.celler[k.noegle] ?? null;
    return erTal(c) && (c.art === 'antal' || c.art === 'pris') ? Math.min(c.tal.decimalPlaces(), 2) : 0;
  }))]));
}

/** The figures a sheet stores, by row and column, in øre (integers: sums and differences compare exactly). */
type Oere = (number | undefined)[][];
const tilOere = (kr: number) => Math.round(kr * 100);

/** The body: numbers as numbers in kr, text as text, labels indented (leading spaces, parts and posts), totals bold. */
function kroppen(t: Tabel, v: XlsxValg, stil: Stilarter, oere: Oere): (Celleplan | null)[][] {
  const decimaler = kolonnedecimaler(t);
  const overordnet = t.raekker.some((r) => r.art === 'del' || r.art === 'post');
  return t.raekker.map((r, ri) => {
    const fed = r.art === 'sum' || r.art === 'total' || (r.art === 'data' && overordnet);
    oere[ri] = [];
    return t.kolonner.map((k, i): Celleplan | null => {
      const c = r.celler[k.noegle] ?? null;
      if (c === null) return null;
      if (!erTal(c)) {
        const indryk = Math.ceil(/^ */.exec(c)![0].length / 2) + (i === 0 && r.art === 'del' ? 1 : 0);
        return { value: c.trim(), stil: stil.hent({ fed, indryk }) };
      }
      const { vaerdi, format } = tal(c, v, decimaler.get(k.noegle)!);
      if (c.art === 'beloeb') oere[ri]![i] = tilOere(vaerdi);
      return { value: vaerdi, stil: stil.hent({ fed, numFmt: format }) };
    });
  });
}

/**
 * Totals as SUMs of the rows they add up, and declared differences (afvigelse = korrigeret − forventet) as
 * formulas, wherever the stored figures give the stored result to the øre (else the number stays).
 */
function formler(t: Tabel, plan: (Celleplan | null)[][], oere: Oere): void {
  const raekkeNr = new Map(t.raekker.flatMap((r, ri) => (r.id ? [[r.id, ri + 2] as const] : [])));
  const kolonne = new Map(t.kolonner.map((k, i) => [k.noegle, i]));
  const differenser = t.kolonner.map((k) => (t.differenser?.[k.noegle] ?? []).map((n) => kolonne.get(n)));
  t.raekker.forEach((r, ri) => {
    const nr = ri + 2;
    oere[ri]!.forEach((total, i) => {
      const celle = plan[ri]![i];
      if (total === undefined || !celle) return;
      const b = kolonnebogstav(i + 1);
      const dele = (r.sumAf ?? []).map((id) => raekkeNr.get(id))
        .filter((n): n is number => n !== undefined && oere[n - 2]![i] !== undefined);
      const args = sumArgumenter(b, dele);
      // ændring af likvide aktiver is the negated sum of its lines: −SUM.
      const minus = r.negeret?.includes(t.kolonner[i]!.noegle) ?? false;
      const delsum = dele.reduce((s, n) => s + oere[n - 2]![i]!, 0);
      if (dele.length && args.length <= MAKS_ARGUMENTER && (minus ? -delsum : delsum) === total) {
        celle.value = { formula: `${minus ? '-' : ''}SUM(${args.join(',')})`, result: celle.value as number };
        return;
      }
      const [a, c] = differenser[i]!;
      const [x, y] = [oere[ri]![a ?? -1], oere[ri]![c ?? -1]];
      if (x === undefined || y === undefined) return;
      // The afvigelse as shown: korrigeret − forventet, or the reverse when merforbrug is shown positive.
      const [ba, bc] = [kolonnebogstav(a! + 1), kolonnebogstav(c! + 1)];
      if (x - y === total) celle.value = { formula: `${ba}${nr}-${bc}${nr}`, result: celle.value as number };
      else if (y - x === total) celle.value = { formula: `${bc}${nr}-${ba}${nr}`, result: celle.value as number };
    });
  });
}

/** The characters a cell shows (for the column width): text as it is, a number as its format shows it. */
function visteTegn(c: Celleplan | null): number {
  if (!c) return 0;
  const v = typeof c.value === 'object' ? c.value.result : c.value;
  if (typeof v === 'string') return v.length;
  const m = /^#,##0(?:\.(0+))?(,*)$/.exec(c.stil.numFmt ?? '');
  if (!m) return String(v).length + 1;
  const heltal = Math.floor(Math.abs(v) / 1000 ** m[2]!.length);
  const cifre = String(heltal).length;
  return cifre + Math.floor((cifre - 1) / 3) + (m[1] ? m[1].length + 1 : 0) + (v < 0 ? 1 : 0);
}

function planlaeg(t: Tabel, valg: XlsxValg, stil: Stilarter): Arkplan {
  const v: XlsxValg = { ...valg, ...t.talvisning };
  const titler = t.kolonner.map((k) => medEnhed(k.titel, t, k.noegle, v));
  const hoejre = t.kolonner.map((k) => t.raekker.some((r) => erTal(r.celler[k.noegle] ?? null)));
  const hoved = titler.map((titel, i): Celleplan => ({
    value: titel, stil: stil.hent({ fed: true, hoved: true, hoejre: hoejre[i] }),
  }));
  const oere: Oere = [];
  const krop = kroppen(t, v, stil, oere);
  formler(t, krop, oere);
  const noter = (t.noter ?? []).map((n): (Celleplan | null)[] => [{ value: n, stil: stil.hent({ kursiv: true }) }]);
  // Widths that fit: the label column as its longest text (and indentation), figure columns as their widest
  // figure or header word.
  const bredder = t.kolonner.map((_, i) => {
    const tegn = Math.max(0, ...krop.map((r) => visteTegn(r[i] ?? null) + ((r[i]?.stil.alignment?.indent ?? 0) * 2)));
    if (i === 0 || !hoejre[i]) return Math.min(60, Math.max(titler[i]!.length, tegn)) + 3;
    return Math.max(12, tegn, ...titler[i]!.split(' ').map((o) => o.length)) + 2;
  });
  const sidste = t.raekker.length + 1;
  const harMerforbrug = (noegle: string) => sidste >= 2 && t.raekker.some((r) => erAfvigelse(r.celler[noegle] ?? null));
  const merforbrug = t.kolonner.flatMap((k, i) =>
    (harMerforbrug(k.noegle) ? [{ kolonne: kolonnebogstav(i + 1), sidste }] : []));
  return {
    raekker: [hoved, ...krop, ...(noter.length ? [[], ...noter] : [])],
    bredder,
    hovedhoejde: 15 * Math.max(...titler.map((titel, i) => ombryd(titel, bredder[i]! - 2).length)) + 2,
    merforbrug,
  };
}

/** `1` → `A`, `27` → `AA`. */
function kolonnebogstav(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Writes a planned sheet row by row (each row is committed, so memory stays flat in the table's size). */
function skrivArk(bog: WorkbookWriter, navn: string, plan: Arkplan, v: XlsxValg): void {
  // A streamed sheet takes its views and page setup when it is made.
  const ark = bog.addWorksheet(navn, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
    },
  });
  ark.columns = plan.bredder.map((width) => ({ width }));
  // Merforbrug in red: afvigelse < 0 in the canonical sign, > 0 when merforbrug is shown positive.
  for (const m of plan.merforbrug) {
    ark.addConditionalFormatting({
      ref: `${m.kolonne}2:${m.kolonne}${m.sidste}`,
      rules: [{
        type: 'cellIs', operator: merforbrugPositiv(v.fortegn) ? 'greaterThan' : 'lessThan',
        formulae: [0], priority: 1,
        style: { font: { ...SKRIFT, color: { argb: ROED } } },
      }],
    });
  }
  plan.raekker.forEach((celler, ri) => {
    const raekke = ark.getRow(ri + 1);
    if (ri === 0) raekke.height = plan.hovedhoejde;
    celler.forEach((c, i) => {
      if (!c) return;
      const celle = raekke.getCell(i + 1);
      celle.value = c.value;
      celle.style = c.stil;
    });
    raekke.commit();
  });
  ark.commit();
}

/** Every table of the document, depth first, with the sheet name it asks for. */
function tabeller(s: Sektion): { navn: string; tabel: Tabel }[] {
  return [...(s.tabel ? [{ navn: s.ark ?? s.titel, tabel: s.tabel }] : []), ...(s.underafsnit ?? []).flatMap(tabeller)];
}

/** The workbook, streamed (exceljs' WorkbookWriter): rows are written as they are made, never held as a model. */
export async function renderDokument(d: Dokument, v: XlsxValg): Promise<Uint8Array> {
  const [{ default: ExcelJS }, { PassThrough }] = await Promise.all([import('exceljs'), import('node:stream')]);
  const ud = new PassThrough();
  const bidder: Buffer[] = [];
  ud.on('data', (b: Buffer) => bidder.push(b));
  const bog = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: ud, useStyles: true, useSharedStrings: false });
  bog.creator = 'budgetopf';
  const brugte = new Set<string>();
  const stil = new Stilarter();
  for (const { navn, tabel } of d.sektioner.flatMap(tabeller)) {
    skrivArk(bog, arknavn(navn, brugte), planlaeg(tabel, v, stil), v);
  }
  await bog.commit();
  return new Uint8Array(Buffer.concat(bidder));
}
