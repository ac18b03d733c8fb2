// The Word document (--format docx) read back as its XML: a sagsfremstilling with headings, prose, the charts
// as PNG images and the tables in Danish figures; fixed column widths that fit the page, the header row
// repeated, merforbrug shaded (not only coloured), landscape only for a table that needs it, page numbers in
// the footer. Expected figures come from fixtures/reference/publiceret-tabel.md and hand arithmetic.
// `npm run test:klienter` converts the same document to PDF in LibreOffice and reads the PDF's text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import { tabelDele } from '../src/render/celle.js';
import { layout } from '../src/render/docx.js';
import { talcelle, type Tabel } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { REFERENCE, koerCli } from './helpers.js';

const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-docx-'));

/** The files of a zip archive (a .docx), from its central directory; stored or deflated entries. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const slut = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const antal = buf.readUInt16LE(slut + 10);
  let p = buf.readUInt32LE(slut + 16);
  const filer = new Map<string, Buffer>();
  for (let i = 0; i < antal; i++) {
    const [metode, stoerrelse, navnLaengde, ekstra, kommentar, lokal] = [buf.readUInt16LE(p + 10), buf.readUInt32LE(p + 20),
      buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32), buf.readUInt32LE(p + 42)];
    const navn = buf.toString('utf8', p + 46, p + 46 + navnLaengde);
    const data = lokal + 30 + buf.readUInt16LE(lokal + 26) + buf.readUInt16LE(lokal + 28);
    const raa = buf.subarray(data, data + stoerrelse);
    filer.set(navn, metode === 8 ? inflateRawSync(raa) : raa);
    p += 46 + navnLaengde + ekstra + kommentar;
  }
  return filer;
}

function docx(...args: string[]) {
  const fil = join(mappe, `${args.join('_').replace(/[^a-z0-9]/gi, '')}.docx`);
  const r = koerCli([...args, '--format', 'docx', '--output', fil]);
  expect(r.kode, r.fejl).toBe(0);
  expect(r.ud).toBe('');
  const filer = unzip(readFileSync(fil));
  const xml = filer.get('word/document.xml')!.toString('utf8');
  return { filer, xml, tekst: afsnitstekster(xml) };
}

/** The text of every paragraph, in order. */
const afsnitstekster = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
const tabeller = (xml: string) => [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
const raekker = (tbl: string) => [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
const celletekster = (tr: string) => [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => afsnitstekster(m[0]).join(' '));
/** Page width minus margins of each section (twips), in document order. */
const sektioner = (xml: string) => [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => {
  const w = Number(/<w:pgSz w:w="(\d+)"/.exec(m[0])![1]);
  const mar = /<w:pgMar[^>]*w:right="(\d+)"[^>]*w:left="(\d+)"|<w:pgMar[^>]*w:left="(\d+)"[^>]*w:right="(\d+)"/.exec(m[0])!;
  const margener = mar.slice(1).filter(Boolean).map(Number).reduce((a, b) => a + b, 0);
  return { liggende: m[0].includes('w:orient="landscape"'), plads: w - margener };
});

/** The published table with the typographic minus the document prints. */
const publiceret = readFileSync('fixtures/reference/publiceret-tabel.md', 'utf8')
  .split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Drift'))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/^-/, '−')));

describe('budgetopf afvigelser --format docx', () => {
  const d = docx('afvigelser', REFERENCE);

  it('is the published table, row for row and figure for figure (mio. kr., one decimal, − for merforbrug)', () => {
    const [tbl] = tabeller(d.xml);
    const rows = raekker(tbl!).map(celletekster);
    expect(rows[0]).toEqual(['Drift (mio. kr.)', 'Vedtaget budget', 'Korrigeret budget', 'Forventet regnskab BO2', 'Forventet BO1', 'Afvigelse BO2']);
    expect(rows.slice(1)).toEqual(publiceret);
  });

  it('repeats the header row on every page and never splits a row', () => {
    const rows = raekker(tabeller(d.xml)[0]!);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
  });

  it('fixes every column\'s width, and the table fits the upright page', () => {
    const tbl = tabeller(d.xml)[0]!;
    expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(6);
    const [side] = sektioner(d.xml);
    expect(side!.liggende).toBe(false);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(side!.plads);
    // The label column takes the rest: wider than any figure column.
    expect(grid[0]).toBeGreaterThan(Math.max(...grid.slice(1)));
  });

  it('marks merforbrug with grey shading and bold (survives black-and-white printing), and says so', () => {
    const rows = raekker(tabeller(d.xml)[0]!);
    const afvigelse = (r: string) => [...r.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].at(-1)![0];
    // 2.1 (−2,7) is a merforbrug, 2.2 (3,4) a mindreforbrug.
    expect(afvigelse(rows[1]!)).toMatch(/<w:shd [^>]*w:fill="D9D9D9"/);
    expect(afvigelse(rows[1]!)).toContain('<w:b/>');
    expect(afvigelse(rows[4]!)).not.toContain('D9D9D9');
    expect(d.tekst).toContain('Merforbrug er vist med fed skrift på grå baggrund.');
  });

  it('draws the chart as a PNG image with its title as alt text', () => {
    const png = [...d.filer.keys()].filter((n) => n.startsWith('word/media/'));
    expect(png).toHaveLength(1);
    expect(d.filer.get(png[0]!)!.subarray(1, 4).toString()).toBe('PNG');
    expect(d.xml).toContain('descr="Afvigelse pr. politikområde, BO2 (mio. kr.)"');
  });

  it('numbers the pages in the footer: side X af Y', () => {
    const fod = [...d.filer].filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, b]) => b.toString('utf8')).join('');
    expect(fod).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(fod).toContain('side ');
  });
});

describe('budgetopf rapport --format docx', () => {
  const d = docx('rapport', REFERENCE);

  it('has the sagsfremstilling\'s headings and its narrative', () => {
    const overskrifter = [...d.xml.matchAll(/<w:pStyle w:val="(Heading\d|Title)"\/>[\s\S]*?<\/w:p>/g)].map((m) => `${m[1]} ${afsnitstekster(`<w:p>${m[0]}`)[0]}`);
    expect(overskrifter.slice(0, 6)).toEqual([
      'Title Budgetopfølgning BO2 2025', 'Heading1 Forventet resultat', 'Heading1 Aktivitet: helårspersoner og priser',
      'Heading1 Korrektioner og handleplaner', 'Heading1 Bevillingsønsker', 'Heading1 Afvigelse efter bevillinger',
    ]);
    expect(d.tekst).toContain('Det forventede regnskab er 1.005,6 mio. kr. mod et korrigeret budget på 998,3 mio. kr.: et merforbrug på 7,3 mio. kr. Ved forrige opfølgning var det forventede regnskab 1.007,8 mio. kr.');
  });

  it('turns only the pages of a table that needs it: the activity table (13 figure columns) on its side, the rest upright', () => {
    const s = sektioner(d.xml);
    expect(s.some((x) => x.liggende)).toBe(true);
    expect(s[0]!.liggende).toBe(false);
    expect(s.at(-1)!.liggende).toBe(false);
    for (const tbl of tabeller(d.xml)) {
      const bredde = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].reduce((a, m) => a + Number(m[1]), 0);
      expect(bredde).toBeLessThanOrEqual(Math.max(...s.map((x) => x.plads)));
    }
  });

  it('has every chart as an image: afvigelse, helårspersoner and effects', () => {
    expect([...d.filer.keys()].filter((n) => n.startsWith('word/media/'))).toHaveLength(3);
  });

  it('names its font (Arial, no serif) in the styles', () => {
    const stilarter = d.filer.get('word/styles.xml')!.toString('utf8');
    const skrifter = new Set([...(stilarter + d.xml).matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...skrifter]).toEqual(['Arial']);
  });
});

describe('docx for the other commands', () => {
  it('bevillinger, aktivitet and scenarie write documents with their tables', () => {
    expect(docx('bevillinger', REFERENCE).tekst).toContain('Indstilles til Byrådets godkendelse: B1, B2, B3, B8, B9.');
    expect(tabeller(docx('aktivitet', REFERENCE).xml).length).toBeGreaterThanOrEqual(2);
    const s = docx('scenarie', REFERENCE, '--hp', 'Kontanthjælp=+64');
    const iAlt = raekker(tabeller(s.xml)[0]!).map(celletekster).find((r) => r[0] === 'I alt for udvalget')!; // one udvalg: its total is the table's
    // Basis −7,3 mio. kr.; +64 helårspersoner à 126.433 kr. = 8,1 mio. kr. more merforbrug: −15,4.
    expect([iAlt[2], iAlt[4], iAlt[5]]).toEqual(['−7,3', '−15,4', '−8,1']);
  });

  it('needs --output: a Word document never goes to the terminal (exit 2, in Danish)', () => {
    const r = koerCli(['afvigelser', REFERENCE, '--format', 'docx']);
    expect(r.kode).toBe(2);
    expect(r.fejl).toBe('budgetopf: --format docx skriver et Word-dokument og kræver --output FIL, fx --output opfoelgning.docx\n');
    expect(existsSync('opfoelgning.docx')).toBe(false);
  });
});

describe('docx column layout', () => {
  const tabel = (antal: number, tekst: string): Tabel => ({
    kolonner: [{ noegle: 'navn', titel: 'Navn', csv: 'navn' }, ...Array.from({ length: antal }, (_, i) => ({ noegle: `k${i}`, titel: `Kolonne ${i}`, csv: `k${i}` }))],
    raekker: [{ art: 'data', celler: { navn: tekst, ...Object.fromEntries(Array.from({ length: antal }, (_, i) => [`k${i}`, talcelle(new Decimal('-1234567890.12'), 'beloeb')])) } }],
  });
  const tv = { ...STANDARDVISNING, enhed: 'kr' as const, decimaler: 2, format: 'da' as const, tusindtalsseparator: true, minustegn: true };

  it('keeps a narrow table upright, turns a wide one, and at any width gives every figure column room for its widest figure', () => {
    for (const [antal, liggende] of [[2, false], [4, false], [6, true], [10, true], [14, true]] as const) {
      const l = layout(tabelDele(tabel(antal, 'En lang forklaring der gerne må ombrydes'))[0]!, tv);
      expect(l.liggende, `${antal} kolonner`).toBe(liggende);
      if (antal <= 10) expect(l.bredder.reduce((a, b) => a + b, 0), `${antal} kolonner`).toBeLessThanOrEqual(liggende ? 16838 - 2268 : 11906 - 2268);
      // "−1.234.567.890,12": 17 characters, at 0,556 em per digit ≥ 15 × 0,556 em × pkt × 20 twips.
      for (const b of l.bredder.slice(1)) expect(b).toBeGreaterThanOrEqual(Math.ceil(15 * 0.556 * l.pkt * 20));
    }
  });
});

describe('loading on demand', () => {
  // A preload that records every module the process requires, printed to stderr at exit.
  const spor = join(mappe, 'spor.cjs');
  writeFileSync(spor, `const M = require('node:module'); const load = M._load; const set = new Set();
M._load = function (req, ...rest) { set.add(req); return load.call(this, req, ...rest); };
process.on('exit', () => process.stderr.write('\\nMODULER ' + JSON.stringify([...set]) + '\\n'));`);
  const moduler = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--require', spor, 'bin/budgetopf.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(/MODULER (.*)/.exec(r.stderr)![1]!) as string[]).filter((m) => /exceljs|docx|resvg/.test(m));
  };

  it('keeps exceljs, docx and resvg out of every other format\'s start-up', () => {
    for (const args of [['afvigelser'], ['afvigelser', '--format', 'json'], ['rapport', '--format', 'html'], ['rapport', '--format', 'markdown'], ['aktivitet', '--format', 'csv']]) {
      expect(moduler(args[0]!, REFERENCE, ...args.slice(1)), args.join(' ')).toEqual([]);
    }
  });

  it('loads exceljs only for xlsx, and docx and resvg only for docx', () => {
    expect(moduler('afvigelser', REFERENCE, '--format', 'xlsx', '--output', join(mappe, 'l.xlsx'))).toEqual(['./exceljs.cjs']);
    // resvg brings its platform's binary package along (@resvg/resvg-js-linux-x64-gnu here).
    expect(moduler('afvigelser', REFERENCE, '--format', 'docx', '--output', join(mappe, 'l.docx')).filter((m) => !m.startsWith('@resvg/resvg-js-')).sort()).toEqual(['@resvg/resvg-js', 'docx']);
  });
});
