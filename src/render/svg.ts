/**
 * Draws a report's charts (report/shape.ts `Diagram`) as inline SVG for the HTML report: no script, no
 * external resource. Accessible: `role="img"` with a title and a description that lists every figure;
 * each bar and point has its own title; an afvigelse carries its sign (+/−) and its word (merforbrug or
 * mindreforbrug), and merforbrug is hatched as well as red, so nothing is said by colour alone.
 */
import { erMerforbrug, forbrugsord, merforbrugTegn, mindreforbrugTegn, visAfvigelse } from '../core/fortegn.js';
import { Decimal, formatTal, iEnhed, rund } from '../core/money.js';
import type { Diagram, Linjediagram, Soejlediagram, Talart, Vandfalddiagram, Brodiagram } from '../report/shape.js';
import { beloebTekst } from '../report/visning.js';
import type { Talvisning } from './celle.js';

export type DiagramValg = Omit<Talvisning, 'format' | 'tusindtalsseparator'>;

/** Escapes text for HTML and SVG (element content and attribute values). */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const BREDDE = 680;
const SKRIFT = 12;
/** Average advance of a character at SKRIFT px in a sans-serif face (to reserve room for labels). */
const TEGN = 6.6;
const FARVER = { merforbrug: '#b3261e', mindreforbrug: '#1f5f99', akse: '#333', gitter: '#d9d9d9', tekst: '#1a1a1a' };
const SERIEFARVER = ['#1f5f99', '#e08a00', '#6b6b6b', '#2e7d32'];

const tilTal = (d: Decimal) => Number(d.toString()); // geometry only: pixels, never money
const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** A figure as shown on a chart: the short label ("−2,7") and the long one for titles ("−2,7 mio. kr."). */
function visTal(d: Decimal, art: Talart, v: DiagramValg, medFortegn: boolean): { kort: string; lang: string } {
  const tal = art === 'beloeb' ? iEnhed(d, v.enhed) : d;
  const decimaler = art === 'beloeb' ? v.decimaler : art === 'pct' ? 1 : Math.min(d.decimalPlaces(), 2);
  const vist = rund(tal, decimaler);
  const tegn = vist.isZero() ? '' : vist.isNegative() ? '−' : medFortegn ? '+' : '';
  const kort = tegn + formatTal(vist.abs(), { decimaler, format: 'da', tusindtalsseparator: true });
  const lang = art === 'beloeb' ? tegn + beloebTekst(d, v) : art === 'pct' ? `${kort} %` : art === 'antal' ? `${kort} helårspersoner` : `${kort} kr.`;
  return { kort, lang };
}

/** An afvigelse in the sign the municipality prints (the figures stay canonical: negative = merforbrug). */
const visFortegn = (d: Decimal, v: DiagramValg) => visAfvigelse(d, v.fortegn);
const forbrug = (d: Decimal) => ` (${forbrugsord(d)})`;

/** The fills: merforbrug hatched red, mindreforbrug solid blue, and series told apart by pattern as well as colour. */
function moenstre(id: string, serier: number): string {
  const skravering = (navn: string, farve: string, vinkel: number) =>
    `<pattern id="${id}-${navn}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(${vinkel})">`
    + `<rect width="6" height="6" fill="${farve}"/><rect width="2" height="6" fill="#fff" fill-opacity="0.55"/></pattern>`;
  const prikker = (navn: string, farve: string) =>
    `<pattern id="${id}-${navn}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="${farve}"/>`
    + '<circle cx="2.5" cy="2.5" r="1.2" fill="#fff" fill-opacity="0.7"/></pattern>';
  const serie = Array.from({ length: serier }, (_, i) => {
    const farve = SERIEFARVER[i % SERIEFARVER.length]!;
    return i % 3 === 1 ? skravering(`s${i}`, farve, 45) : i % 3 === 2 ? prikker(`s${i}`, farve) : '';
  });
  return `<defs>${skravering('merforbrug', FARVER.merforbrug, 45)}${serie.join('')}</defs>`;
}
const seriefyld = (id: string, i: number) => (i % 3 === 0 ? SERIEFARVER[i % SERIEFARVER.length]! : `url(#${id}-s${i})`);

function forklaring(poster: { fyld: string; tekst: string }[], y: number): string {
  let x = 0;
  return poster.map((p) => {
    const s = `<rect x="${fmt(x)}" y="${y - 10}" width="12" height="12" fill="${p.fyld}" stroke="${FARVER.akse}" stroke-width="0.5"/>`
      + `<text x="${fmt(x + 17)}" y="${y}">${esc(p.tekst)}</text>`;
    x += 30 + p.tekst.length * TEGN;
    return s;
  }).join('');
}

function svg(id: string, hoejde: number, titel: string, beskrivelse: string, indhold: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" aria-labelledby="${id}-titel ${id}-beskrivelse" `
    + `viewBox="0 0 ${BREDDE} ${fmt(hoejde)}" font-size="${SKRIFT}" fill="${FARVER.tekst}">`
    + `<title id="${id}-titel">${esc(titel)}</title><desc id="${id}-beskrivelse">${esc(beskrivelse)}</desc>${indhold}</svg>`;
}

/** Horizontal bars from a zero axis, one group per label; negative bars go left. */
function soejler(d: Soejlediagram, v: DiagramValg, id: string): string {
  const enkelt = d.serier.length === 1;
  const vaerdi = (x: Decimal) => (d.afvigelse ? visFortegn(x, v) : x);
  const alle = d.grupper.flatMap((g) => g.vaerdier.filter((x): x is Decimal => x !== null).map(vaerdi));
  const mindst = Math.min(0, ...alle.map(tilTal));
  const stoerst = Math.max(0, ...alle.map(tilTal));
  const spaend = stoerst - mindst || 1;
  const etiketbredde = Math.min(290, Math.max(0, ...d.grupper.map((g) => g.etiket.length)) * TEGN + 12);
  const tekstplads = 8 + Math.max(4, ...alle.map((x) => visTal(x, d.art, v, d.afvigelse).kort.length)) * TEGN;
  const venstre = etiketbredde + (mindst < 0 ? tekstplads : 4);
  const hoejre = BREDDE - (stoerst > 0 ? tekstplads : 4);
  const x = (n: number) => venstre + ((n - mindst) / spaend) * (hoejre - venstre);
  const soejle = enkelt ? 16 : 11;
  const gruppe = d.serier.length * soejle + (d.serier.length - 1) * 2 + 10;
  const top = 26;
  const hoejde = top + d.grupper.length * gruppe + 6;

  const legende = enkelt && d.afvigelse
    ? [
      { fyld: `url(#${id}-merforbrug)`, tekst: `Merforbrug (${merforbrugTegn(v.fortegn)})` },
      { fyld: FARVER.mindreforbrug, tekst: `Mindreforbrug (${mindreforbrugTegn(v.fortegn)})` },
    ]
    : d.serier.map((s, i) => ({ fyld: seriefyld(id, i), tekst: s }));
  const beskrivelser: string[] = [];
  const grupper = d.grupper.map((g, gi) => {
    const y0 = top + gi * gruppe;
    const etiket = `<text class="etiket" x="${fmt(etiketbredde - 8)}" y="${fmt(y0 + (gruppe - 10) / 2 + 4)}" text-anchor="end">${esc(g.etiket)}</text>`;
    const bjaelker = g.vaerdier.map((raa, si) => {
      if (raa === null) return '';
      const n = tilTal(vaerdi(raa));
      const tekst = visTal(vaerdi(raa), d.art, v, d.afvigelse);
      const nul = !/[1-9]/.test(tekst.kort); // shows as zero: no sign, no word, no label on the chart
      const ord = d.afvigelse && !nul ? forbrug(raa) : '';
      const titel = `${g.etiket}${enkelt ? '' : `, ${d.serier[si]!.toLowerCase()}`}: ${tekst.lang}${ord}`;
      beskrivelser.push(titel);
      const y = y0 + si * (soejle + 2);
      const [fra, til] = [x(Math.min(0, n)), x(Math.max(0, n))];
      const fyld = enkelt && d.afvigelse ? (erMerforbrug(raa) ? `url(#${id}-merforbrug)` : FARVER.mindreforbrug) : seriefyld(id, si);
      const tx = n < 0 ? fra - 4 : til + 4;
      return `<g class="soejle"><title>${esc(titel)}</title>`
        + `<rect x="${fmt(fra)}" y="${fmt(y)}" width="${fmt(til - fra)}" height="${soejle}" fill="${fyld}"/>`
        + (nul ? '' : `<text x="${fmt(tx)}" y="${fmt(y + soejle / 2 + 4)}" text-anchor="${n < 0 ? 'end' : 'start'}">${esc(tekst.kort)}</text>`) + '</g>';
    }).join('');
    return etiket + bjaelker;
  }).join('');
  const akse = `<line x1="${fmt(x(0))}" x2="${fmt(x(0))}" y1="${top - 4}" y2="${fmt(hoejde - 4)}" stroke="${FARVER.akse}" stroke-width="1"/>`;
  return svg(id, hoejde, d.titel, beskrivelser.join('; '), moenstre(id, d.serier.length) + forklaring(legende, 12) + grupper + akse);
}

/** A "nice" step for about `antal` ticks over `spaend` (1, 2 or 5 × 10^k). */
function trin(spaend: number, antal: number): number {
  const raa = spaend / antal;
  const potens = 10 ** Math.floor(Math.log10(raa));
  return [1, 2, 5, 10].map((m) => m * potens).find((t) => t >= raa)!;
}

/** Lines over labelled points, with a shaded range and dashed reference levels. */
function linjer(d: Linjediagram, v: DiagramValg, id: string): string {
  const iVisning = (x: Decimal) => (d.art === 'beloeb' ? iEnhed(x, v.enhed) : x);
  const alle = [
    ...d.serier.flatMap((s) => s.vaerdier), ...(d.interval ? [...d.interval.lav, ...d.interval.hoej] : []), ...(d.niveauer ?? []).map((n) => n.vaerdi),
  ].filter((x): x is Decimal => x !== null).map((x) => tilTal(iVisning(x)));
  const t = trin((Math.max(...alle) - Math.min(...alle)) || 1, 4);
  const [bund, loft] = [Math.floor(Math.min(...alle) / t) * t, Math.ceil(Math.max(...alle) / t) * t || t];
  const etiketTekst = (n: number) => formatTal(new Decimal(n), { decimaler: t < 1 ? Math.min(2, -Math.floor(Math.log10(t))) : 0, format: 'da', tusindtalsseparator: true });
  const venstre = 12 + Math.max(...[bund, loft].map((n) => etiketTekst(n).length)) * TEGN;
  const [top, hoejde, hoejre] = [30, 250, BREDDE - 150];
  const nederst = hoejde - 26;
  const x = (i: number) => venstre + (d.etiketter.length > 1 ? (i / (d.etiketter.length - 1)) * (hoejre - venstre) : (hoejre - venstre) / 2);
  const y = (x: Decimal) => nederst - ((tilTal(iVisning(x)) - bund) / (loft - bund)) * (nederst - top);
  const gitter = Array.from({ length: Math.round((loft - bund) / t) + 1 }, (_, i) => {
    const n = bund + i * t;
    const yy = nederst - (i * t / (loft - bund)) * (nederst - top);
    return `<line x1="${fmt(venstre)}" x2="${fmt(hoejre)}" y1="${fmt(yy)}" y2="${fmt(yy)}" stroke="${FARVER.gitter}"/>`
      + `<text x="${fmt(venstre - 6)}" y="${fmt(yy + 4)}" text-anchor="end">${esc(etiketTekst(n))}</text>`;
  }).join('');
  const xEtiketter = d.etiketter.map((e, i) => `<text x="${fmt(x(i))}" y="${fmt(nederst + 16)}" text-anchor="middle">${esc(e)}</text>`).join('');
  const beskrivelser: string[] = [];
  // The range: a polygon over each stretch where both lav and høj are known.
  let interval = '';
  if (d.interval) {
    const { lav, hoej } = d.interval;
    const stykker: number[][] = [];
    d.etiketter.forEach((_, i) => {
      if (!lav[i] || !hoej[i]) return;
      const sidste = stykker.at(-1);
      if (sidste?.at(-1) === i - 1) sidste.push(i);
      else stykker.push([i]);
    });
    interval = stykker.map((s) => `<polygon fill="${SERIEFARVER[0]}" fill-opacity="0.18" points="${[
      ...s.map((i) => `${fmt(x(i))},${fmt(y(hoej[i]!))}`), ...[...s].reverse().map((i) => `${fmt(x(i))},${fmt(y(lav[i]!))}`)].join(' ')}"/>`).join('');
    d.etiketter.forEach((e, i) => {
      if (lav[i] && hoej[i]) beskrivelser.push(`${e}: ${d.interval!.navn.toLowerCase()} ${visTal(lav[i]!, d.art, v, false).kort}–${visTal(hoej[i]!, d.art, v, false).lang}`);
    });
  }
  const niveauer = (d.niveauer ?? []).map((n) => {
    const tekst = `${n.navn}: ${visTal(n.vaerdi, d.art, v, false).lang}`;
    beskrivelser.push(tekst);
    return `<g><title>${esc(tekst)}</title><line x1="${fmt(venstre)}" x2="${fmt(hoejre)}" y1="${fmt(y(n.vaerdi))}" y2="${fmt(y(n.vaerdi))}" stroke="${FARVER.akse}" stroke-dasharray="2 3"/>`
      + `<text x="${fmt(hoejre + 6)}" y="${fmt(y(n.vaerdi) + 4)}">${esc(n.navn)}</text></g>`;
  }).join('');
  const serier = d.serier.map((s, si) => {
    const farve = SERIEFARVER[si % SERIEFARVER.length]!;
    const punkter = s.vaerdier.map((p, i) => (p ? { i, p } : null)).filter((p) => p !== null);
    const sti = punkter.map(({ i, p }, n) => `${n === 0 || punkter[n - 1]!.i !== i - 1 ? 'M' : 'L'}${fmt(x(i))},${fmt(y(p))}`).join(' ');
    const prikker = punkter.map(({ i, p }) => {
      const tekst = `${d.etiketter[i]}, ${s.navn.toLowerCase()}: ${visTal(p, d.art, v, false).lang}`;
      beskrivelser.push(tekst);
      return `<circle class="punkt" cx="${fmt(x(i))}" cy="${fmt(y(p))}" r="3" fill="${farve}"><title>${esc(tekst)}</title></circle>`;
    }).join('');
    return `<path d="${sti}" fill="none" stroke="${farve}" stroke-width="2"${s.stiplet ? ' stroke-dasharray="6 4"' : ''}/>${prikker}`;
  }).join('');
  const legende = [
    ...d.serier.map((s, i) => ({ fyld: SERIEFARVER[i % SERIEFARVER.length]!, tekst: s.navn })),
    ...(d.interval ? [{ fyld: `${SERIEFARVER[0]}2e`, tekst: d.interval.navn }] : []),
  ];
  return svg(id, hoejde, d.titel, beskrivelser.join('; '), forklaring(legende, 12) + gitter + interval + niveauer + serier + xEtiketter);
}

/** The y axis of a bridge: nice ticks over the running totals (not from zero: the steps are small beside them). */
function broAkse(niveauer: number[]): { bund: number; loft: number; t: number } {
  const [lav, hoej] = [Math.min(...niveauer), Math.max(...niveauer)];
  const t = trin((hoej - lav) || Math.abs(hoej) / 100 || 1, 4);
  return { bund: Math.floor(lav / t) * t - t, loft: Math.ceil(hoej / t) * t + t, t };
}

/** A bar of a bridge: from `fra` to `til` (display units), its figure above it and its label below. */
interface Brosoejle {
  x0: number;
  bredde: number;
  top: number;
  bund: number;
  fyld: string;
  tal: string;
  etiket: string;
  titel: string;
}

function brosoejle(b: Brosoejle, nederst: number): string {
  const midt = fmt(b.x0 + b.bredde / 2);
  return `<g class="soejle"><title>${esc(b.titel)}</title>`
    + `<rect x="${fmt(b.x0)}" y="${fmt(b.top)}" width="${fmt(b.bredde)}" `
    + `height="${fmt(Math.max(1, b.bund - b.top))}" fill="${b.fyld}"/>`
    + `<text x="${midt}" y="${fmt(b.top - 4)}" text-anchor="middle">${esc(b.tal)}</text>`
    + `<text x="${midt}" y="${fmt(nederst + 16)}" text-anchor="middle">${esc(b.etiket)}</text></g>`;
}

/** A bridge: the start and end totals as grey bars from the axis, each step floating from the running total. */
function bro(d: Brodiagram, v: DiagramValg, id: string): string {
  const vis = (x: Decimal) => tilTal(iEnhed(x, v.enhed));
  const loeb = d.trin.reduce<Decimal[]>((acc, s) => [...acc, acc.at(-1)!.plus(s.vaerdi)], [d.start.vaerdi]);
  const { bund, loft, t } = broAkse([...loeb, d.slut.vaerdi].map(vis));
  const decimaler = t < 1 ? Math.min(3, -Math.floor(Math.log10(t))) : 0;
  const etiketTekst = (n: number) =>
    formatTal(new Decimal(n), { decimaler, format: 'da', tusindtalsseparator: true });
  const [top, hoejde] = [30, 270];
  const nederst = hoejde - 40;
  const venstre = 12 + Math.max(...[bund, loft].map((n) => etiketTekst(n).length)) * TEGN;
  const kolonner = [d.start, ...d.trin, d.slut];
  const bredde = (BREDDE - venstre - 10) / kolonner.length;
  const y = (n: number) => nederst - ((n - bund) / (loft - bund)) * (nederst - top);
  const linje = (x1: number, x2: number, yy: number, stil: string) =>
    `<line x1="${fmt(x1)}" x2="${fmt(x2)}" y1="${fmt(yy)}" y2="${fmt(yy)}" ${stil}/>`;
  const gitter = Array.from({ length: Math.round((loft - bund) / t) + 1 }, (_, i) => {
    const yy = y(bund + i * t);
    return linje(venstre, BREDDE - 10, yy, `stroke="${FARVER.gitter}"`)
      + `<text x="${fmt(venstre - 6)}" y="${fmt(yy + 4)}" text-anchor="end">`
      + `${esc(etiketTekst(bund + i * t))}</text>`;
  }).join('');
  const beskrivelser: string[] = [];
  const soejler = kolonner.map((k, i) => {
    const total = i === 0 || i === kolonner.length - 1;
    const [fra, til] = total ? [bund, vis(k.vaerdi)] : [vis(loeb[i - 1]!), vis(loeb[i]!)];
    const tekst = visTal(k.vaerdi, 'beloeb', v, !total);
    const nul = !/[1-9]/.test(tekst.kort);
    const ord = total || nul ? '' : k.vaerdi.isNegative() ? ' (mindre forventet forbrug)' : ' (mere forventet forbrug)';
    beskrivelser.push(`${k.etiket}: ${tekst.lang}${ord}`);
    const fyld = total ? SERIEFARVER[2]! : k.vaerdi.isNegative() ? FARVER.mindreforbrug : `url(#${id}-merforbrug)`;
    const x0 = venstre + i * bredde + bredde * 0.18;
    const soejle = brosoejle({
      x0, bredde: bredde * 0.64, top: y(Math.max(fra, til)), bund: y(Math.min(fra, til)), fyld,
      tal: tekst.kort, etiket: k.etiket, titel: `${k.etiket}: ${tekst.lang}${ord}`,
    }, nederst);
    const niveau = y(vis(loeb[Math.min(i, loeb.length - 1)]!));
    const stiplet = `stroke="${FARVER.akse}" stroke-dasharray="2 2"`;
    const forbind = i < kolonner.length - 1 ? linje(x0 + bredde * 0.64, x0 + bredde, niveau, stiplet) : '';
    return soejle + forbind;
  }).join('');
  const legende = forklaring([
    { fyld: `url(#${id}-merforbrug)`, tekst: 'Mere forventet forbrug' },
    { fyld: FARVER.mindreforbrug, tekst: 'Mindre forventet forbrug' },
  ], 12);
  const beskrivelse = `${beskrivelser.join('; ')}; aksen starter ikke ved 0`;
  return svg(id, hoejde, d.titel, beskrivelse, moenstre(id, 1) + legende + gitter + soejler);
}

/** A chart as an SVG element; `id` makes its ids unique in the page. */
export function tegnDiagram(d: Diagram, v: DiagramValg, id: string): string {
  if (d.type === 'vandfald') return vandfald(d, v, id);
  if (d.type === 'bro') return bro(d, v, id);
  return d.type === 'soejler' ? soejler(d, v, id) : linjer(d, v, id);
}

/** A horizontal waterfall: one row per step, a step's bar from the running total before it to the one after. */
function vandfald(d: Vandfalddiagram, v: DiagramValg, id: string): string {
  let loebende = new Decimal(0);
  const spaend = d.trin.map((t) => {
    const fra = t.total ? new Decimal(0) : loebende;
    const til = t.total ? t.vaerdi : loebende.plus(t.vaerdi);
    loebende = til;
    return { t, fra: tilTal(fra), til: tilTal(til) };
  });
  const tal = spaend.flatMap((s) => [s.fra, s.til]);
  const [mindst, stoerst] = [Math.min(0, ...tal), Math.max(0, ...tal)];
  const etiketbredde = Math.min(290, Math.max(0, ...d.trin.map((t) => t.etiket.length)) * TEGN + 12);
  const tekstplads = 8 + Math.max(4, ...d.trin.map((t) => visTal(t.vaerdi, d.art, v, !t.total).kort.length)) * TEGN;
  const [venstre, hoejre] = [etiketbredde + tekstplads, BREDDE - tekstplads];
  const x = (n: number) => venstre + ((n - mindst) / (stoerst - mindst || 1)) * (hoejre - venstre);
  const [top, raekke] = [26, 22];
  const hoejde = top + d.trin.length * raekke + 6;
  const beskrivelser: string[] = [];
  const trinSvg = spaend.map(({ t, fra, til }, i) => {
    const y = top + i * raekke;
    const tekst = visTal(t.vaerdi, d.art, v, !t.total);
    const titel = `${t.etiket}: ${tekst.lang}`;
    beskrivelser.push(titel);
    const [a, b] = [x(Math.min(fra, til)), x(Math.max(fra, til))];
    const fyld = t.total ? SERIEFARVER[2]! : t.vaerdi.isNegative() ? `url(#${id}-merforbrug)` : FARVER.mindreforbrug;
    const [tx, anker] = til < fra ? [a - 4, 'end'] : [b + 4, 'start'];
    const etiket = `<text class="etiket" x="${fmt(etiketbredde - 8)}" y="${fmt(y + 12)}" text-anchor="end">`
      + `${esc(t.etiket)}</text>`;
    const bredde = fmt(Math.max(b - a, 1));
    const bjaelke = `<rect x="${fmt(a)}" y="${fmt(y + 2)}" width="${bredde}" height="16" fill="${fyld}"/>`;
    const vaerdi = `<text x="${fmt(tx)}" y="${fmt(y + 14)}" text-anchor="${anker}">${esc(tekst.kort)}</text>`;
    return `${etiket}<g class="soejle"><title>${esc(titel)}</title>${bjaelke}${vaerdi}</g>`;
  }).join('');
  const legende = [
    { fyld: FARVER.mindreforbrug, tekst: 'Tilfører kassen (+)' },
    { fyld: `url(#${id}-merforbrug)`, tekst: 'Tlinjer på kassen (−)' },
    { fyld: SERIEFARVER[2]!, tekst: 'Resultat' },
  ];
  const akse = `<line x1="${fmt(x(0))}" x2="${fmt(x(0))}" y1="${top - 4}" y2="${fmt(hoejde - 4)}"`
    + ` stroke="${FARVER.akse}" stroke-width="1"/>`;
  return svg(id, hoejde, d.titel, beskrivelser.join('; '), moenstre(id, 1) + forklaring(legende, 12) + trinSvg + akse);
}
