// `npm run test:klienter`: the documents in a real client (LibreOffice, headless), not in our own reader.
// Needs soffice (libreoffice-writer-nogui, libreoffice-calc-nogui), pdftotext/pdfinfo/pdftoppm/pdffonts
// (poppler-utils) and a sans font with Arial's metrics (fonts-liberation2); .ci/run installs them from Debian.
// Not part of `npm test`, which stays Node-only. Run after `node scripts/build.js`.
//
// 1. rapport and afvigelser as Word → PDF: every figure of the published afvigelser table (fixtures/reference,
//    copied from DOMAIN.md, not from our output) appears unbroken, a row's five figures on one line, and the
//    documents keep to at most SIDER pages.
// 2. rapport as xlsx, recalculated by LibreOffice on load: every formula's recomputed result equals the JSON
//    figure it stands for, and no style of the workbook (as LibreOffice writes it back and prints it) is a serif.
// Screenshots (PNG pages) go to test/artifacts/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const REFERENCE = 'data/slagelse-ebu-2025-bo2';
/** At most this many pages: the afvigelser table on one page, the whole report on ten. */
export const SIDER = { afvigelser: 1, rapport: 10 };
const SERIF = /serif|times|cambria|georgia|garamond|roman/i;

const tmp = mkdtempSync(join(tmpdir(), 'budgetopf-klienter-'));
const artefakter = 'test/artifacts';
mkdirSync(artefakter, { recursive: true });
const fejl = [];
const tjek = (ok, besked) => {
  console.log(`${ok ? 'ok  ' : 'FEJL'} ${besked}`);
  if (!ok) fejl.push(besked);
};

function budgetopf(...args) {
  const r = spawnSync(process.execPath, ['bin/budgetopf.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`budgetopf ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// A profile of our own, so the test never touches the user's, and LibreOffice recalculates xlsx files on load.
const profil = join(tmp, 'profil');
mkdirSync(join(profil, 'user'), { recursive: true });
writeFileSync(join(profil, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);

function konverter(fil, til, ud) {
  execFileSync('soffice', [`-env:UserInstallation=file://${profil}`, '--headless', '--convert-to', til, '--outdir', ud, fil], { stdio: 'pipe', timeout: 180_000 });
}

function skaermbilleder(pdf, navn, sider) {
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', String(sider), pdf, join(artefakter, navn)]);
}

const sidetal = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);

/** The published table's rows: label and five figures, with the typographic minus the documents print. */
function publiceretTabel() {
  const linjer = readFileSync('fixtures/reference/publiceret-tabel.md', 'utf8').split('\n').filter((l) => /^\| [^-D|]/.test(l) || /^\| –/.test(l));
  return linjer.map((l) => {
    const [etiket, ...tal] = l.split('|').slice(1, -1).map((c) => c.trim());
    return { etiket, tal: tal.map((t) => t.replace(/^-/, '−')) };
  });
}

const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function docx(kommando) {
  const fil = join(tmp, `${kommando}.docx`);
  budgetopf(kommando, REFERENCE, '--format', 'docx', '--output', fil);
  konverter(fil, 'pdf', tmp);
  const pdf = join(tmp, `${kommando}.pdf`);
  const tekst = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const sider = sidetal(pdf);
  tjek(sider <= SIDER[kommando], `${kommando}.docx → PDF: ${sider} sider (højst ${SIDER[kommando]})`);
  const raekker = publiceretTabel();
  const mangler = raekker.filter((r) => !new RegExp(`(^|\\s)${r.tal.map(escRe).join('\\s+')}\\s*$`, 'm').test(tekst));
  tjek(raekker.length === 12 && mangler.length === 0,
    `${kommando}.docx → PDF: alle ${raekker.length * 5} tal i afvigelsestabellen hele, fem på en linje${mangler.length ? `; mangler: ${mangler.map((r) => r.etiket).join(', ')}` : ''}`);
  skaermbilleder(pdf, `docx-${kommando}`, Math.min(sider, 3));
}

/** Every number and formula result of a workbook, by sheet and address. */
async function celler(fil) {
  const bog = new ExcelJS.Workbook();
  await bog.xlsx.readFile(fil);
  const ud = new Map();
  for (const ark of bog.worksheets) {
    ark.eachRow((r) => r.eachCell((c) => {
      const formel = c.type === ExcelJS.ValueType.Formula;
      const tal = formel ? c.result : c.value;
      if (typeof tal === 'number' || formel) ud.set(`${ark.name}!${c.address}`, { tal, formel, etiket: String(r.getCell(1).value) });
    }));
  }
  return ud;
}

async function xlsx() {
  const fil = join(tmp, 'rapport.xlsx');
  budgetopf('rapport', REFERENCE, '--format', 'xlsx', '--output', fil);
  const ud = join(tmp, 'libreoffice');
  konverter(fil, 'xlsx', ud);
  konverter(fil, 'pdf', ud);
  const [foer, efter] = [await celler(fil), await celler(join(ud, 'rapport.xlsx'))];
  const formler = [...foer].filter(([, c]) => c.formel);
  const afviger = formler.filter(([adr, c]) => Math.abs((efter.get(adr)?.tal ?? NaN) - c.tal) > 0.005);
  tjek(formler.length > 0 && afviger.length === 0,
    `rapport.xlsx genberegnet i LibreOffice: ${formler.length} formler giver de samme tal${afviger.length ? `; afviger: ${afviger.slice(0, 5).map(([a, c]) => `${a} ${c.tal} → ${efter.get(a)?.tal}`).join(', ')}` : ''}`);
  // The totals the JSON states, found in the recalculated sheet by their row's label.
  const j = JSON.parse(budgetopf('afvigelser', REFERENCE, '--format', 'json'));
  const total = [...efter].filter(([adr, c]) => adr.startsWith('Afvigelser!') && c.etiket === 'I alt for udvalget').map(([, c]) => c.tal);
  const forventet = ['vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'afvigelse'].map((k) => j.total[k]);
  tjek(JSON.stringify(total) === JSON.stringify(forventet), `Afvigelser "I alt for udvalget" genberegnet = JSON-totalerne (${forventet.join('; ')})`);
  const stilarter = execFileSync('unzip', ['-p', join(ud, 'rapport.xlsx'), 'xl/styles.xml'], { encoding: 'utf8' });
  const navne = [...new Set([...stilarter.matchAll(/<name val="([^"]+)"/g)].map((m) => m[1]))];
  tjek(navne.length > 0 && !navne.some((n) => SERIF.test(n)), `rapport.xlsx fra LibreOffice: skrifttyper i stilarterne ${navne.join(', ')} (ingen serif)`);
  const pdfSkrifter = execFileSync('pdffonts', [join(ud, 'rapport.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]);
  tjek(pdfSkrifter.length > 0 && !pdfSkrifter.some((n) => SERIF.test(n)), `rapport.xlsx udskrevet af LibreOffice: ${[...new Set(pdfSkrifter)].join(', ')} (ingen serif)`);
  skaermbilleder(join(ud, 'rapport.pdf'), 'xlsx-rapport', 2);
}

docx('afvigelser');
docx('rapport');
await xlsx();
console.log(fejl.length ? `\n${fejl.length} fejl` : '\nAlle klienttjek bestået; skærmbilleder i test/artifacts/');
process.exitCode = fejl.length ? 1 : 0;
