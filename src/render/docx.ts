/**
 * Renders a report document as a Word file in the shape of a sagsfremstilling: headings, the narrative,
 * the charts as images and the tables with Danish figures. Every column is as wide as its widest figure
 * (or header word), so a number never wraps; the label column takes the rest. A table that does not fit
 * a portrait page gets a landscape section of its own. Merforbrug is shaded grey and bold as well as
 * red, so it survives black-and-white printing. docx and @resvg/resvg-js load only here, and only when asked.
 */
import type {
  FileChild, ISectionOptions, Paragraph as ParagraphT, Table as TableT, TableCell as TableCellT,
} from 'docx';
import { erTal, type Diagram, type Dokument, type Sektion, type Tabel, type Tabelraekke } from '../report/shape.js';
import { formatCelle, tabelDele, visesSomMerforbrug, type Tabeldel, type Talvisning } from './celle.js';
import { tegnDiagram, type DiagramValg } from './svg.js';

export type DocxValg = DiagramValg;
type Docx = typeof import('docx');

/** The body font: Arial in Word, Liberation Sans (same metrics) in LibreOffice. */
export const SKRIFT = 'Arial';
/** A4 in twips, with 2 cm margins: the width a table may take upright and on its side. */
const A4 = { bred: 11906, hoej: 16838, margen: 1134 };
const STAAENDE = A4.bred - 2 * A4.margen;
const LIGGENDE = A4.hoej - 2 * A4.margen;
/** An upright page's text area in pixels at 96 dpi (the unit docx sizes images in). */
const PX = { bred: Math.floor((STAAENDE / 1440) * 96), hoej: Math.floor((LIGGENDE / 1440) * 96) };
/** Cell padding left and right (twips). */
const POLSTRING = 80;
const MERFORBRUG = { fyld: 'D9D9D9', farve: 'B3261E' };

/** A character's advance in Arial, in em (digits are tabular; bold adds a little). */
function bredde(tekst: string, fed: boolean): number {
  let em = 0;
  for (const c of tekst) {
    if (/[0-9]/.test(c)) em += 0.556;
    else if (/[.,:;' ]/.test(c)) em += 0.278;
    else if (c === '−' || c === '-') em += 0.584;
    else em += /[A-ZÆØÅMW]/.test(c) ? 0.72 : 0.56;
  }
  return em * (fed ? 1.07 : 1);
}

/** The twips a text needs at `pkt` points, padding included. */
const twips = (tekst: string, pkt: number, fed: boolean) =>
  Math.ceil(bredde(tekst, fed) * pkt * 20) + 2 * POLSTRING + 40;

export interface Layout {
  liggende: boolean;
  pkt: number;
  /** Per column of the part, twips. */
  bredder: number[];
}

/** The widest text of a column and its longest word (twips), each at least its header's longest word. */
function tekstmaal(tekster: { t: string; indryk: number }[], titel: string, pkt: number) {
  const ord = (t: string) => Math.max(0, ...t.split(/\s+/).map((o) => twips(o, pkt, true)));
  const mindst = Math.max(ord(titel), ...tekster.map((x) => ord(x.t) + x.indryk));
  return { naturlig: Math.max(mindst, ...tekster.map((x) => twips(x.t, pkt, true) + x.indryk)), mindst };
}

/** A label's indentation (twips): its leading spaces, and a step for parts and posts. */
const indrykning = (raa: string, art: Tabelraekke['art']) =>
  (raa.length - raa.trimStart().length) * 85 + (art === 'del' ? 240 : art === 'post' ? 480 : 0);

/**
 * Column widths for one table part at a font size, or null when a figure would wrap or a word break:
 * figure columns as their widest figure or longest header word; text columns as their widest text when
 * there is room (the label column takes what is left), else their longest word and a share of the rest.
 */
function bredderFor(del: Tabeldel, tv: Talvisning, pkt: number, plads: number, tving = false): number[] | null {
  const tekster = del.kolonner.map((k, i) => del.raekker.map((r) => {
    const raa = formatCelle(r.celler[k.noegle] ?? null, tv);
    return { t: raa.trim(), indryk: i === 0 ? indrykning(raa, r.art) : 0 };
  }));
  const tal = del.kolonner.map((_, i) => del.hoejre[i]! && i > 0);
  const maal = del.kolonner.map((k, i) => tekstmaal(tekster[i]!, k.titel, pkt));
  const bredder = maal.map((m) => m.naturlig);
  const rest = plads - bredder.filter((_, i) => tal[i]).reduce((a, b) => a + b, 0);
  const tekst = bredder.map((_, i) => i).filter((i) => !tal[i]);
  const sum = (f: (i: number) => number) => tekst.reduce((a, i) => a + f(i), 0);
  const naturlig = sum((i) => maal[i]!.naturlig);
  if (naturlig <= rest) {
    const etiket = tekst[0] ?? -1;
    if (etiket >= 0) bredder[etiket]! += rest - naturlig;
    return bredder;
  }
  const mindst = sum((i) => maal[i]!.mindst);
  if (mindst > rest && !tving) return null;
  const over = Math.max(0, rest - mindst);
  for (const i of tekst) {
    const m = maal[i]!;
    const andel = (over * (m.naturlig - m.mindst)) / (naturlig - mindst);
    bredder[i] = Math.floor(m.mindst * Math.min(1, rest / mindst) + andel);
  }
  return bredder;
}

/** Upright at 9 pt if the part fits; else on its side at 9 pt, then down to 6 pt; else at 6 pt whatever happens. */
export function layout(del: Tabeldel, tv: Talvisning): Layout {
  for (const [liggende, pkt] of [[false, 9], [true, 9], [true, 7.5], [true, 6.5], [true, 6]] as const) {
    const bredder = bredderFor(del, tv, pkt, liggende ? LIGGENDE : STAAENDE);
    if (bredder) return { liggende, pkt, bredder };
  }
  return { liggende: true, pkt: 6, bredder: bredderFor(del, tv, 6, LIGGENDE, true)! };
}

/** The parts a table is drawn as: whole when it fits a page at full size, else its column groups (if it has any). */
function tabelLayout(t: Tabel, tv: Talvisning): { del: Tabeldel; l: Layout }[] {
  const hel = tabelDele({ ...t, grupper: undefined })[0]!;
  const l = layout(hel, tv);
  if (l.pkt >= 9 || !t.grupper) return [{ del: hel, l }];
  return tabelDele(t).map((del) => ({ del, l: layout(del, tv) }));
}

export interface Blok {
  liggende: boolean;
  indhold: FileChild[];
}

interface Cellevalg {
  hoejre: boolean;
  fed: boolean;
  pkt: number;
  indryk?: number;
  merforbrug?: boolean;
  hoved?: boolean;
  top?: boolean;
}

class Tegner {
  private diagramNr = 0;
  constructor(
    private readonly d: Docx,
    private readonly v: DocxValg,
    private readonly resvg: typeof import('@resvg/resvg-js'),
  ) {}

  tekst(t: string, valg: { fed?: boolean; pkt?: number; kursiv?: boolean; farve?: string } = {}) {
    return new this.d.TextRun({
      text: t, bold: valg.fed, italics: valg.kursiv, color: valg.farve, font: SKRIFT,
      size: valg.pkt ? valg.pkt * 2 : undefined,
    });
  }

  /** Paragraphs; "- " lines as bullets. */
  afsnit(tekst: string[]): ParagraphT[] {
    return tekst.map((t) => (t.startsWith('- ')
      ? new this.d.Paragraph({ children: [this.tekst(t.slice(2))], bullet: { level: 0 } })
      : new this.d.Paragraph({ children: [this.tekst(t)], spacing: { after: 120 } })));
  }

  overskrift(titel: string, niveau: number): ParagraphT {
    const { HeadingLevel } = this.d;
    const niveauer = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
    const h = niveauer[Math.min(niveau - 1, 3)]!;
    return new this.d.Paragraph({ heading: h, keepNext: true, children: [this.tekst(titel)] });
  }

  /** A chart as a PNG drawn from the HTML report's own SVG, at twice the printed resolution. */
  diagram(dg: Diagram, liggende: boolean): ParagraphT[] {
    const svg = tegnDiagram(dg, this.v, `d${++this.diagramNr}`)
      .replace('<svg ', `<svg font-family="${SKRIFT}, Liberation Sans, DejaVu Sans, sans-serif" `);
    const billede = new this.resvg.Resvg(svg, {
      fitTo: { mode: 'width', value: 2 * PX.bred },
      font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
    }).render();
    // As wide as an upright page, and at most 45 % of its height (40 % of a landscape page, so two fit on one).
    const maksHoejde = liggende ? 0.4 * PX.bred : 0.45 * PX.hoej;
    const px = Math.min(PX.bred, Math.floor((maksHoejde * billede.width) / billede.height));
    const hoejde = Math.round((px * billede.height) / billede.width);
    return [
      new this.d.Paragraph({ keepNext: true, children: [this.tekst(dg.titel, { fed: true, pkt: 9.5 })] }),
      new this.d.Paragraph({
        spacing: { after: 160 },
        children: [new this.d.ImageRun({
          type: 'png', data: billede.asPng(), transformation: { width: px, height: hoejde },
          altText: { name: dg.titel, description: dg.titel, title: dg.titel },
        })],
      }),
    ];
  }

  celle(tekst: string, bredde: number, valg: Cellevalg): TableCellT {
    const { d } = this;
    const kant = { style: d.BorderStyle.SINGLE, size: 8, color: '333333' };
    const ingen = { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    return new d.TableCell({
      width: { size: bredde, type: d.WidthType.DXA },
      margins: { left: POLSTRING, right: POLSTRING, top: 20, bottom: 20 },
      verticalAlign: valg.hoved ? d.VerticalAlign.BOTTOM : d.VerticalAlign.TOP,
      shading: valg.hoved || valg.merforbrug
        ? { type: d.ShadingType.CLEAR, fill: valg.hoved ? 'F2F2F2' : MERFORBRUG.fyld, color: 'auto' }
        : undefined,
      borders: {
        top: valg.top ? kant : ingen, left: ingen, right: ingen,
        bottom: valg.hoved ? kant : { style: d.BorderStyle.SINGLE, size: 2, color: 'D0D0D0' },
      },
      children: [new d.Paragraph({
        alignment: valg.hoejre ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: valg.indryk ? { left: valg.indryk } : undefined,
        children: [this.tekst(tekst, {
          fed: valg.fed || valg.merforbrug, pkt: valg.pkt, farve: valg.merforbrug ? MERFORBRUG.farve : undefined,
        })],
      })],
    });
  }

  /** One table part: the header row repeats on every page, no row splits across pages. */
  tabel(del: Tabeldel, l: Layout, tv: Talvisning): TableT {
    const { d } = this;
    const overordnet = del.raekker.some((r) => r.art === 'del' || r.art === 'post');
    const hoved = new d.TableRow({
      tableHeader: true, cantSplit: true,
      children: del.kolonner.map((k, i) =>
        this.celle(k.titel, l.bredder[i]!, { hoejre: del.hoejre[i]!, fed: true, pkt: l.pkt, hoved: true })),
    });
    const raekker = del.raekker.map((r, ri) => {
      const sum = r.art === 'sum' || r.art === 'total';
      const foerste = sum && !(r.art === 'total' && del.raekker[ri - 1]?.art === 'total');
      return new d.TableRow({
        cantSplit: true,
        children: del.kolonner.map((k, i) => {
          const c = r.celler[k.noegle] ?? null;
          const raa = formatCelle(c, tv);
          const tekst = raa.trim();
          return this.celle(tekst, l.bredder[i]!, {
            hoejre: del.hoejre[i]! && erTal(c), fed: sum || (r.art === 'data' && overordnet), pkt: l.pkt,
            indryk: i === 0 ? indrykning(raa, r.art) : 0, merforbrug: visesSomMerforbrug(c, tekst), top: foerste,
          });
        }),
      });
    });
    return new d.Table({
      rows: [hoved, ...raekker], columnWidths: l.bredder, layout: d.TableLayoutType.FIXED,
      width: { size: l.bredder.reduce((a, b) => a + b, 0), type: d.WidthType.DXA },
    });
  }

  /** A table's parts, each captioned with its group's title, and the notes under them. */
  tabelBlokke(t: Tabel): Blok[] {
    const tv: Talvisning = { ...this.v, ...t.talvisning, format: 'da', tusindtalsseparator: true, minustegn: true };
    const merforbrug = t.raekker.some((r) =>
      Object.values(r.celler).some((c) => visesSomMerforbrug(c, formatCelle(c, tv))));
    const noter = [...(t.noter ?? []), ...(merforbrug ? ['Merforbrug er vist med fed skrift på grå baggrund.'] : [])];
    const dele = tabelLayout(t, tv);
    return dele.map(({ del, l }, i) => ({
      liggende: l.liggende,
      indhold: [
        ...(del.titel
          ? [new this.d.Paragraph({
            keepNext: true, spacing: { before: 120 }, children: [this.tekst(del.titel, { fed: true, pkt: 9.5 })],
          })]
          : []),
        this.tabel(del, l, tv),
        ...(i === dele.length - 1
          ? noter.map((n) => new this.d.Paragraph({
            spacing: { before: 60 }, children: [this.tekst(n, { kursiv: true, pkt: 8.5 })],
          }))
          : []),
        new this.d.Paragraph({ children: [] }),
      ],
    }));
  }

  /** A section as blocks; a table on its side takes its heading along so that they stay together. */
  sektion(s: Sektion, niveau: number): Blok[] {
    const tabel = s.tabel ? this.tabelBlokke(s.tabel) : [];
    const liggende = tabel[0]?.liggende ?? false;
    const foerst: Blok = {
      liggende,
      indhold: [
        this.overskrift(s.titel, niveau), ...this.afsnit(s.tekst ?? []),
        ...(s.diagrammer ?? []).flatMap((dg) => this.diagram(dg, liggende)),
      ],
    };
    if (tabel[0]) tabel[0] = { liggende, indhold: [...foerst.indhold, ...tabel[0].indhold] };
    const under = (s.underafsnit ?? []).flatMap((u) => this.sektion(u, Math.min(niveau + 1, 4)));
    return [...(tabel.length ? tabel : [foerst]), ...under];
  }
}

/** Consecutive blocks of the same orientation become one section of the document. */
function samlet(blokke: Blok[]): Blok[] {
  const ud: Blok[] = [];
  for (const b of blokke) {
    const sidste = ud.at(-1);
    if (sidste && sidste.liggende === b.liggende) sidste.indhold.push(...b.indhold);
    else ud.push({ liggende: b.liggende, indhold: [...b.indhold] });
  }
  return ud;
}

function sidefod(d: Docx, dok: Dokument) {
  const tekst = [dok.titel, dok.undertitel[0]].filter(Boolean).join(' · ');
  return new d.Footer({
    children: [new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      children: [new d.TextRun({
        font: SKRIFT, size: 16, color: '444444',
        children: [`${tekst} · side `, d.PageNumber.CURRENT, ' af ', d.PageNumber.TOTAL_PAGES],
      })],
    })],
  });
}

export async function renderDokument(dok: Dokument, v: DocxValg): Promise<Uint8Array> {
  const [d, resvg] = await Promise.all([import('docx'), import('@resvg/resvg-js')]);
  const t = new Tegner(d, v, resvg);
  const titel: FileChild[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [t.tekst(dok.titel)] }),
    ...dok.undertitel.map((u) => new d.Paragraph({ children: [t.tekst(u, { farve: '444444' })] })),
  ];
  const blokke = samlet([{ liggende: false, indhold: titel }, ...dok.sektioner.flatMap((s) => t.sektion(s, 1))]);
  const fod = sidefod(d, dok);
  const sektioner: ISectionOptions[] = blokke.map((b) => ({
    properties: {
      page: {
        size: {
          width: A4.bred, height: A4.hoej,
          orientation: b.liggende ? d.PageOrientation.LANDSCAPE : d.PageOrientation.PORTRAIT,
        },
        margin: { top: A4.margen, bottom: A4.margen, left: A4.margen, right: A4.margen },
      },
    },
    footers: { default: fod },
    children: b.indhold,
  }));
  const overskrift = (pkt: number) => ({
    run: { font: SKRIFT, size: pkt * 2, bold: true, color: '1A1A1A' },
    paragraph: { spacing: { before: 240, after: 120 } },
  });
  const doc = new d.Document({
    creator: 'budgetopf', title: dok.titel, subject: dok.undertitel.join(', '),
    description: 'Budgetopfølgning (budgetopf)',
    styles: {
      default: {
        document: { run: { font: SKRIFT, size: 22 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { font: SKRIFT, size: 36, bold: true, color: '1A1A1A' } },
        heading1: overskrift(14), heading2: overskrift(12), heading3: overskrift(11), heading4: overskrift(10.5),
      },
    },
    sections: sektioner,
  });
  return new Uint8Array(await d.Packer.toBuffer(doc));
}
