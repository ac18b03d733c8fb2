// The HTML report as text: one self-contained Danish file, tables with headers, charts as accessible
// inline SVG with the right figures, every text from the data escaped. (test/html.e2e.test.ts opens it in Chromium.)
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal, formatTal, iEnhed } from '../src/core/money.js';
import { renderDokument } from '../src/render/html.js';
import { tegnDiagram } from '../src/render/svg.js';
import { rapportDokument } from '../src/report/rapport.js';
import type { Linjediagram } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { datasaet, korrektion, po, post } from './builders.core.js';
import { koerCli, REFERENCE } from './helpers.js';

const koer = (...args: string[]) => koerCli(args);
const html = (...args: string[]) => {
  const r = koer('rapport', REFERENCE, '--format', 'html', ...args);
  expect(r.kode, r.fejl).toBe(0);
  return r.ud;
};
const json = JSON.parse(koer('rapport', REFERENCE, '--format', 'json').ud);

/** The published way of writing an amount: mio. kr., one decimal, Danish; a chart adds + or − (U+2212). */
const mio = (kr: number) => formatTal(iEnhed(new Decimal(kr).abs(), 'mio.kr'), { decimaler: 1, format: 'da', tusindtalsseparator: true });
const medFortegn = (kr: number) => `${kr < 0 ? '−' : '+'}${mio(kr)}`;

const svgs = (h: string) => [...h.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
const titler = (svg: string) => [...svg.matchAll(/<g class="soejle"><title>([^<]*)<\/title>/g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))));

describe('budgetopf rapport --format html', () => {
  const h = html();

  it('is one Danish file with no script and no external resource at all', () => {
    expect(h.startsWith('<!DOCTYPE html>\n<html lang="da">')).toBe(true);
    expect(h).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">');
    expect(h).not.toMatch(/<script|<link|<img|<iframe|@import|\b(src|href)=/i);
    expect([...h.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]!.startsWith('#'))).toBe(true); // only the SVG's own patterns
    expect([...h.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0])).toEqual(Array(3).fill('http://www.w3.org/2000/svg')); // namespaces, not fetched
  });

  it('prints on A4', () => {
    expect(h).toContain('@page { size: A4;');
    expect(h).toContain('@media print');
  });

  it('has every section, and tables with column and row headers', () => {
    const overskrifter = [...h.matchAll(/<h2 id="s\d+">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(overskrifter).toEqual(['Forventet resultat', 'Aktivitet: helårspersoner og priser', 'Korrektioner og handleplaner', 'Bevillingsønsker', 'Afvigelse efter bevillinger', 'Forklaringer']);
    expect(h).toContain('<th scope="col">Drift (mio. kr.)</th><th scope="col" class="tal">Vedtaget budget</th>');
    expect(h).toContain('<tr class="sum"><th scope="row">I alt for udvalget</th><td class="tal">1.002,1</td><td class="tal">998,3</td><td class="tal">1.005,6</td><td class="tal">1.007,8</td><td class="tal merforbrug">−7,3</td></tr>');
  });

  it('draws three charts: afvigelse per politikområde, helårspersoner budget and forventet, and the effects per ydelse', () => {
    const [afv, hp, effekt] = svgs(h);
    expect(svgs(h)).toHaveLength(3);
    for (const s of svgs(h)) expect(s).toMatch(/^<svg [^>]*role="img" aria-labelledby="(d\d)-titel \1-beskrivelse"/);
    // One bar per politikområde, titled with its afvigelse as published, signed and named.
    expect(titler(afv!)).toEqual(json.afvigelser.politikomraader.map((p: { nr: string; navn: string; afvigelse: number }) =>
      `${p.nr} ${p.navn}: ${medFortegn(p.afvigelse)} mio. kr. (${p.afvigelse < 0 ? 'merforbrug' : 'mindreforbrug'})`));
    expect(titler(afv!)).toEqual([
      '2.1 Forsørgelse, revalidering og aktivering: −2,7 mio. kr. (merforbrug)',
      '2.2 Erhverv og Kultur: +3,4 mio. kr. (mindreforbrug)',
      '2.3 Ungeenheden: −8,0 mio. kr. (merforbrug)',
    ]);
    const ydelser = json.aktivitet.ydelser as { ydelse: string; hp: Record<string, number>; maengdeeffekt: number; priseffekt: number; korrektionseffekt: number }[];
    expect(titler(hp!)).toEqual(ydelser.flatMap((y) => [
      `${y.ydelse}, korrigeret budget: ${formatTal(new Decimal(y.hp.korrigeret!), { decimaler: 0, format: 'da', tusindtalsseparator: true })} helårspersoner`,
      `${y.ydelse}, forventet: ${formatTal(new Decimal(y.hp.forventet!), { decimaler: 0, format: 'da', tusindtalsseparator: true })} helårspersoner`,
    ]));
    const effektTekst = (kr: number) => (mio(kr) === '0,0' ? '0,0 mio. kr.' : `${medFortegn(kr)} mio. kr. (${kr < 0 ? 'merforbrug' : 'mindreforbrug'})`);
    expect(titler(effekt!)).toEqual(ydelser.flatMap((y) => [
      `${y.ydelse}, mængdeeffekt: ${effektTekst(y.maengdeeffekt)}`, `${y.ydelse}, priseffekt: ${effektTekst(y.priseffekt)}`, `${y.ydelse}, korrektioner: ${effektTekst(y.korrektionseffekt)}`,
    ]));
    expect(titler(effekt!)[0]).toBe('Sygedagpenge, mængdeeffekt: −11,0 mio. kr. (merforbrug)');
  });

  it('says merforbrug by more than colour: hatched, signed and in the legend', () => {
    const [afv] = svgs(h);
    expect(afv).toContain('Merforbrug (−)');
    expect(afv).toContain('Mindreforbrug (+)');
    expect([...afv!.matchAll(/<rect [^>]*fill="url\(#d1-merforbrug\)"/g)]).toHaveLength(3); // 2.1 and 2.3, and the legend's swatch
    expect(afv).toContain('>−2,7</text>');
    expect(afv).toContain('>+3,4</text>');
  });

  it('with --merforbrug-positiv the charts speak the municipality\'s sign too', () => {
    const [afv] = svgs(html('--merforbrug-positiv'));
    expect(afv).toContain('Merforbrug (+)');
    expect(titler(afv!)[0]).toBe('2.1 Forsørgelse, revalidering og aktivering: +2,7 mio. kr. (merforbrug)');
  });
});

describe('the HTML renderer', () => {
  it('escapes every text from the data: a name like <script> comes out inert', () => {
    const ondt = '<script>alert("x")</script>';
    const o = beregn(datasaet({
      politikomraader: [po('1', ondt, `<img src=x onerror=alert(1)>`)],
      poster: [post('1', `"><svg onload=alert(1)>`, 'service', '100', '100', '150')],
      korrektioner: [{ ...korrektion('1', `"><svg onload=alert(1)>`, '10'), tekst: ondt }],
    }));
    const h = renderDokument(rapportDokument(o, STANDARDVISNING), STANDARDVISNING);
    expect(h).not.toMatch(/<script|<img|<svg onload/i);
    expect(h).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(h).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('draws a monthly series with a forecast range and a budget level (the prognose chart\'s shape)', () => {
    const d = (s: string) => new Decimal(s);
    const diagram: Linjediagram = {
      type: 'linje',
      titel: 'Helårspersoner pr. måned: Kontanthjælp',
      art: 'antal',
      etiketter: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun'],
      serier: [
        { navn: 'Faktisk', vaerdier: [d('950'), d('960.5'), d('975'), null, null, null] },
        { navn: 'Prognose', vaerdier: [null, null, d('975'), d('980'), d('990'), d('1000')], stiplet: true },
      ],
      interval: { navn: 'Prognoseinterval', lav: [null, null, d('975'), d('960'), d('955'), d('950')], hoej: [null, null, d('975'), d('1000'), d('1025'), d('1050')] },
      niveauer: [{ navn: 'Budget', vaerdi: d('919') }],
    };
    const svg = tegnDiagram(diagram, STANDARDVISNING, 'd9');
    expect(svg).not.toContain('NaN');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="d9-titel d9-beskrivelse"/);
    expect([...svg.matchAll(/<circle class="punkt"/g)]).toHaveLength(7);
    expect([...svg.matchAll(/<polygon /g)]).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('<title>feb, faktisk: 960,5 helårspersoner</title>');
    expect(svg).toContain('maj: prognoseinterval 955–1.025 helårspersoner');
    expect(svg).toContain('<title>Budget: 919 helårspersoner</title>');
  });
});

describe('the HTML report on a phone and in print', () => {
  const h = html();

  it('puts every table and chart in its own sideways-scrolling box, so the page never scrolls sideways', () => {
    expect(h).toContain('div.rulle { overflow-x: auto;');
    expect((h.match(/<table>/g) ?? []).length).toBe((h.match(/<div class="tabel rulle"><table>/g) ?? []).length);
    expect((h.match(/<svg /g) ?? []).length).toBe((h.match(/<div class="rulle"><svg /g) ?? []).length);
    // Charts keep a legible minimum width (12 px labels at ≥ 560/680 of their size) instead of shrinking to 390 px.
    expect(h).toContain('min-width: 560px');
  });

  it('prints the report, its date and "Side x af y" in every page\'s footer', () => {
    expect(h).toContain('@bottom-left { content: "Budgetopfølgning BO2 2025 · Budgetopfølgning 2 - forventet regnskab 2025, pr. ultimo juni 2025";');
    expect(h).toContain('@bottom-right { content: "Side " counter(page) " af " counter(pages);');
  });

  it('writes one minus sign, −, in every table cell (never a hyphen before a figure)', () => {
    const celler = [...h.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(celler.some((c) => c.startsWith('−'))).toBe(true);
    expect(celler.filter((c) => /^-\d/.test(c))).toEqual([]);
  });

  it('says sæson, not saeson, in its prose', () => {
    const prognose = koer('prognose', 'fixtures/prognose', '--format', 'html').ud;
    expect(prognose.replace(/<[^>]*>/g, ' ')).not.toMatch(/saeson(?! )/);
  });
});
