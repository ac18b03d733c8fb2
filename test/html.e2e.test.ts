// The HTML report in a real browser: headless Chromium driven by playwright-core. On Linux the browser comes from
// the npm package @sparticuz/chromium (a devDependency, so `npm install` brings it); it ships Linux builds only, so
// macOS uses the installed Chrome and Windows the Edge every Windows has (playwright's channels). The environment
// variable BUDGETOPF_CHROMIUM may name any Chromium instead. The page must load with no request but its own file,
// show the charts and tables with the figures of `afvigelser` and the JSON, fit A4 in print, and keep data inert.
// Screenshots go to
// test/artifacts/ (docs/rapport.png, the README's picture, is a copy of rapport-forside.png).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal, formatTal, iEnhed } from '../src/core/money.js';
import { koerOk, REFERENCE } from './helpers.js';

const ARTEFAKTER = 'test/artifacts';
const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-html-'));

const koer = koerOk;
const mio = (kr: number) => formatTal(iEnhed(new Decimal(kr).abs(), 'mio.kr'), { decimaler: 1, format: 'da', tusindtalsseparator: true });

interface Besoeg {
  page: Page;
  /** Every request the page made, and the ones refused (anything but the file itself). */
  forespoergsler: string[];
  afvist: string[];
  dialoger: string[];
  konsolfejl: string[];
}

/** The package's flags are made for AWS Lambda; a user's browser runs each page in its own process, with web
 * security on (and in one process, closing a page takes the whole browser down). */
const sparticuzArgs = () => sparticuz.args.filter((a) =>
  !['--single-process', '--disable-web-security', '--allow-running-insecure-content'].includes(a));

let browser: Browser;
beforeAll(async () => {
  const system = process.env.BUDGETOPF_CHROMIUM;
  if (system && !existsSync(system)) throw new Error(`BUDGETOPF_CHROMIUM=${system} findes ikke`);
  if (system) browser = await chromium.launch({ executablePath: system, headless: true });
  else if (process.platform === 'linux') {
    const executablePath = await sparticuz.executablePath();
    browser = await chromium.launch({ executablePath, args: sparticuzArgs(), headless: true });
  } else {
    browser = await chromium.launch({ channel: process.platform === 'win32' ? 'msedge' : 'chrome', headless: true });
  }
});
afterAll(async () => browser?.close());

/** Opens a file in a fresh page that may fetch nothing but the file itself. */
async function aabn(fil: string, viewport = { width: 820, height: 1100 }): Promise<Besoeg> {
  const url = pathToFileURL(resolve(fil)).href;
  const page = await browser.newPage({ viewport });
  const b: Besoeg = { page, forespoergsler: [], afvist: [], dialoger: [], konsolfejl: [] };
  page.on('request', (r) => b.forespoergsler.push(r.url()));
  page.on('dialog', async (d) => {
    b.dialoger.push(d.message());
    await d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && b.konsolfejl.push(m.text()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : (b.afvist.push(route.request().url()), route.abort())));
  await page.goto(url, { waitUntil: 'load' });
  return b;
}

describe('the HTML report in headless Chromium', () => {
  let b: Besoeg;
  const fil = join(mappe, 'rapport.html');
  const json = JSON.parse(koer('rapport', REFERENCE, '--format', 'json'));
  beforeAll(async () => {
    koer('rapport', REFERENCE, '--format', 'html', '--output', fil);
    b = await aabn(fil);
  });
  afterAll(async () => b?.page.close());

  it('loads without any request but its own file, and without errors', () => {
    expect(b.afvist).toEqual([]);
    expect(b.forespoergsler).toEqual([pathToFileURL(resolve(fil)).href]);
    expect(b.konsolfejl).toEqual([]);
  });

  it('is Danish and titled', async () => {
    expect(await b.page.getAttribute('html', 'lang')).toBe('da');
    expect(await b.page.title()).toBe('Budgetopfølgning BO2 2025');
  });

  it('shows three charts, each an image with a title, with the right bars', async () => {
    const diagrammer = b.page.locator('svg.diagram');
    expect(await diagrammer.count()).toBe(3);
    const navne = await diagrammer.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)!.textContent).join(' | ')));
    expect(navne.map((n) => n.split(' | ')[0])).toEqual([
      'Afvigelse pr. politikområde, BO2 (mio. kr.)',
      'Helårspersoner 2025: budget og forventet',
      'Afvigelse pr. ydelse forklaret: mængde, pris og korrektioner (mio. kr.)',
    ]);
    expect(await diagrammer.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('role')))).toEqual(['img', 'img', 'img']);
    expect(await diagrammer.evaluateAll((svgs) => svgs.map((s) => s.querySelectorAll('g.soejle').length))).toEqual([3, 8 * 2, 8 * 3]);
    // The afvigelse chart: each bar's title has the JSON's figure as published, with its sign and word.
    const titler = await diagrammer.first().locator('g.soejle > title').allTextContents();
    expect(titler).toEqual(json.afvigelser.politikomraader.map((p: { nr: string; navn: string; afvigelse: number }) =>
      `${p.nr} ${p.navn}: ${p.afvigelse < 0 ? '−' : '+'}${mio(p.afvigelse)} mio. kr. (${p.afvigelse < 0 ? 'merforbrug' : 'mindreforbrug'})`));
  });

  it('draws the afvigelse bars to scale: merforbrug left of the axis, mindreforbrug right', async () => {
    const svg = b.page.locator('svg.diagram').first();
    const akse = (await svg.locator('line').last().boundingBox())!;
    const bjaelker = await Promise.all((await svg.locator('g.soejle > rect').all()).map((r) => r.boundingBox()));
    const afvigelser = json.afvigelser.politikomraader.map((p: { afvigelse: number }) => p.afvigelse) as number[];
    bjaelker.forEach((r, i) => {
      if (afvigelser[i]! < 0) expect(r!.x + r!.width).toBeCloseTo(akse.x + akse.width / 2, 0);
      else expect(r!.x).toBeCloseTo(akse.x + akse.width / 2, 0);
    });
    // Widths in proportion to the afvigelser (2.1: 2.740.000 kr., 2.2: 3.410.000 kr., 2.3: 7.970.000 kr.).
    const skala = bjaelker[2]!.width / Math.abs(afvigelser[2]!);
    bjaelker.forEach((r, i) => expect(r!.width / skala).toBeCloseTo(Math.abs(afvigelser[i]!), -4));
  });

  it('shows the deviation table with the same figures as `budgetopf afvigelser`', async () => {
    const terminal = koer('afvigelser', REFERENCE).split('\n').filter((l) => /^│ \S/.test(l) && /\d,\d/.test(l))
      .map((l) => l.split('│').slice(1, -1).map((c) => c.trim().replace(/^-/, '−'))); // the page prints the minus sign
    const tabel = await b.page.locator('table').first().evaluate((t) =>
      [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())));
    expect(tabel).toEqual(terminal);
    expect(tabel.find((r) => r[0] === 'I alt for udvalget')).toEqual(['I alt for udvalget', '1.002,1', '998,3', '1.005,6', '1.007,8', '−7,3']);
    const hoved = await b.page.locator('table').first().locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope')));
    expect(hoved).toEqual(Array(6).fill('col'));
    expect(await b.page.locator('table').first().locator('td.merforbrug').allTextContents()).toEqual(['−2,7', '−3,5', '−8,0', '−3,6', '−4,4', '−7,3', '−7,9']);
  });

  it('shows the activity tables, the korrektioner, the bevillingsønsker and the explanations', async () => {
    const overskrifter = await b.page.locator('h2').allTextContents();
    expect(overskrifter).toEqual(['Forventet resultat', 'Aktivitet: helårspersoner og priser', 'Korrektioner og handleplaner', 'Bevillingsønsker', 'Afvigelse efter bevillinger', 'Forklaringer']);
    const iAlt = await b.page.locator('table', { has: b.page.locator('caption', { hasText: 'Afvigelse forklaret' }) }).locator('tr.total').first().evaluate((tr) => [...tr.children].map((c) => c.textContent));
    const sum = (f: string) => json.aktivitet.ydelser.reduce((s: number, y: Record<string, number>) => s + y[f]!, 0);
    expect(iAlt).toEqual(['I alt', ...['budget', 'forventet', 'afvigelse', 'maengdeeffekt', 'priseffekt', 'korrektionseffekt'].map((f) => (sum(f) < 0 ? '−' : '') + mio(sum(f)))]);
    expect(await b.page.getByText('Indstilles til Byrådets godkendelse: B1, B2, B3, B8, B9.').count()).toBe(1);
    expect(await b.page.locator('h3').count()).toBe(3);
  });

  it('fits A4 in print: nothing wider than the printable width, and Chromium prints it on A4 pages', async () => {
    const page = await browser.newPage({ viewport: { width: 703, height: 1000 } }); // 210 mm − 2 × 12 mm at 96 dpi
    await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
    await page.goto(pathToFileURL(resolve(fil)).href);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(703);
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    const sider = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(sider.length).toBeGreaterThan(1);
    for (const [, w, h] of sider) expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]); // A4 in points
    await page.close();
  });

  it('saves screenshots (full page, and the first screen for the README)', async () => {
    mkdirSync(ARTEFAKTER, { recursive: true });
    await b.page.screenshot({ path: join(ARTEFAKTER, 'rapport.png'), fullPage: true });
    // The first part: the deviation table and the charts, down to the end of the last chart.
    const bund = await b.page.locator('svg.diagram').last().evaluate((s) => s.getBoundingClientRect().bottom + window.scrollY);
    await b.page.screenshot({ path: join(ARTEFAKTER, 'rapport-forside.png'), fullPage: true, clip: { x: 0, y: 0, width: 820, height: Math.ceil(bund) + 12 } });
    for (const png of ['rapport.png', 'rapport-forside.png']) expect(statSync(join(ARTEFAKTER, png)).size).toBeGreaterThan(50_000);
    expect(statSync('docs/rapport.png').size).toBeGreaterThan(50_000); // the README's copy
  });
});

describe('data in the HTML report stays inert in the browser', () => {
  it('a post, a politikområde and a korrektion named like HTML show as text, and run nothing', async () => {
    const ds = join(mappe, 'ondt');
    cpSync(REFERENCE, ds, { recursive: true });
    const erstat = (f: string, fra: string, til: string) => writeFileSync(join(ds, f), readFileSync(join(ds, f), 'utf8').replace(fra, til));
    erstat('politikomraader.csv', 'Erhverv og Kultur', '<img src=x onerror=alert(1)>');
    erstat('budget.csv', '2.1;Driftsudgifter til den kommunale beskæftigelsesindsats;', '2.1;<script>alert(2)</script>;');
    erstat('korrektioner.csv', 'Højere udgifter til jobformidlere end forventet', '<svg onload=alert(3)>');
    const fil = join(mappe, 'ondt.html');
    koer('rapport', ds, '--format', 'html', '--output', fil);
    const b = await aabn(fil);
    expect(b.dialoger).toEqual([]);
    expect(b.afvist).toEqual([]);
    expect(await b.page.locator('body script, body img, svg[onload]').count()).toBe(0);
    expect(await b.page.getByText('2.2 <img src=x onerror=alert(1)>', { exact: true }).count()).toBeGreaterThan(0);
    expect(await b.page.locator('svg.diagram').first().locator('g.soejle > title').nth(1).textContent()).toBe('2.2 <img src=x onerror=alert(1)>: +3,4 mio. kr. (mindreforbrug)');
    expect(await b.page.getByText('<svg onload=alert(3)>', { exact: true }).count()).toBe(1);
    expect(await b.page.locator('li', { hasText: '<script>alert(2)</script>: mindreforbrug på 7,6 mio. kr.' }).count()).toBe(1);
    await b.page.close();
  });
});

describe('the HTML report on a phone (390 px), a desktop (1280 px) and A4', () => {
  const fil = join(mappe, 'rapport-skaerme.html');
  beforeAll(() => {
    koer('rapport', REFERENCE, '--format', 'html', '--output', fil);
    mkdirSync(ARTEFAKTER, { recursive: true });
  });

  it('never scrolls the page sideways at 390 px: wide tables scroll in their own box, charts keep legible labels', async () => {
    const b = await aabn(fil, { width: 390, height: 844 });
    const maal = await b.page.evaluate(() => ({
      side: document.documentElement.scrollWidth,
      bokse: [...document.querySelectorAll('div.rulle')].map((d) => d.clientWidth),
      diagrammer: [...document.querySelectorAll('svg.diagram')].map((s) => s.getBoundingClientRect().width),
      // A chart label's rendered font size (12 px in a 680-wide viewBox, scaled with the chart).
      etiket: Math.min(...[...document.querySelectorAll('svg.diagram')].map((s) => (12 * s.getBoundingClientRect().width) / 680)),
    }));
    expect(maal.side).toBeLessThanOrEqual(390);
    expect(Math.max(...maal.bokse)).toBeLessThanOrEqual(390);
    expect(Math.min(...maal.diagrammer)).toBeGreaterThanOrEqual(560);
    expect(maal.etiket).toBeGreaterThanOrEqual(9.5);
    await b.page.screenshot({ path: join(ARTEFAKTER, 'rapport-390.png'), fullPage: true });
  });

  it('fits a 1280 px desktop without any scroll box needing to scroll', async () => {
    const b = await aabn(fil, { width: 1280, height: 900 });
    const rulle = await b.page.evaluate(() => [...document.querySelectorAll('div.rulle')].filter((d) => d.scrollWidth > d.clientWidth + 1).length);
    expect(rulle).toBe(0);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await b.page.screenshot({ path: join(ARTEFAKTER, 'rapport-1280.png') });
  });

  it('prints on A4 with every table whole in width (nothing cut at the scroll box)', async () => {
    const b = await aabn(fil);
    await b.page.emulateMedia({ media: 'print' });
    const afskaaret = await b.page.evaluate(() => [...document.querySelectorAll('div.rulle')].filter((d) => d.scrollWidth > d.clientWidth + 1).length);
    expect(afskaaret).toBe(0);
    const pdf = await b.page.pdf({ format: 'A4', path: join(ARTEFAKTER, 'rapport-a4.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
