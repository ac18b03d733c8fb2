/**
 * Renders a report document as one self-contained HTML file: inline CSS (A4, print rules), charts as
 * inline SVG, no script and no external resource (a Content-Security-Policy forbids both), so it can be
 * mailed and opened anywhere. Every text from the data is escaped.
 */
import { erTal, type Dokument, type Sektion, type Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, visesSomMerforbrug, type Talvisning } from './celle.js';
import { esc, tegnDiagram, type DiagramValg } from './svg.js';

export type HtmlValg = DiagramValg;

const CSS = `
@page { size: A4; margin: 14mm 12mm 16mm; }
html { color-scheme: light; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; background: #fff; max-width: 186mm; margin: 0 auto; padding: 8mm 6mm; }
header { border-bottom: 2px solid #1f5f99; margin-bottom: 10pt; padding-bottom: 6pt; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
header p { margin: 0; color: #444; }
h2 { font-size: 13.5pt; margin: 20pt 0 6pt; padding-bottom: 2pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 14pt 0 4pt; }
p, ul { margin: 4pt 0; }
figure { margin: 10pt 0; break-inside: avoid; }
figcaption { font-weight: 600; font-size: 9.5pt; margin-bottom: 4pt; }
svg.diagram { display: block; width: 100%; min-width: 560px; height: auto; }
div.rulle { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0 4pt; font-size: 8.5pt; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; font-size: 9.5pt; padding: 2pt 0 4pt; }
th, td { padding: 2pt 5pt; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
thead th { text-align: left; vertical-align: bottom; font-weight: 600; border-bottom: 1.5px solid #333; background: #f2f2f2; }
tbody th { text-align: left; font-weight: normal; }
.tal { text-align: right; }
td.tal { white-space: nowrap; }
tr.sum > *, tr.total > * { font-weight: 700; }
tr.sum > *, tr.total:not(.total + .total) > * { border-top: 1.5px solid #333; }
tr.fed > * { font-weight: 600; }
tr.del > th { padding-left: 1.4em; }
tr.post > th { padding-left: 2.8em; color: #444; }
td.merforbrug { color: #b3261e; }
p.note { font-size: 8.5pt; color: #444; font-style: italic; margin: 2pt 0; }
@media (max-width: 600px) {
  body { padding: 4mm 3mm; font-size: 11pt; }
  table { font-size: 9.5pt; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  div.rulle { overflow: visible; }
  svg.diagram { min-width: 0; }
  h2, h3, caption { break-after: avoid; }
  div.tabel { break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`.trim();

interface Taeller {
  diagram: number;
  sektion: number;
}

function renderTabel(t: Tabel, v: HtmlValg): string {
  const tv: Talvisning = { ...v, ...t.talvisning, format: 'da', tusindtalsseparator: true, minustegn: true };
  const overordnet = t.raekker.some((r) => r.art === 'del' || r.art === 'post');
  const dele = tabelDele(t).map((g) => {
    const hoved = g.kolonner.map((k, i) => `<th scope="col"${g.hoejre[i] ? ' class="tal"' : ''}>${esc(k.titel)}</th>`).join('');
    const raekker = g.raekker.map((r) => {
      // Sum and total rows bold, and data rows that head a hierarchy (a politikområde over its parts, a request over its lines).
      const klasse = [r.art, ...(r.art === 'data' && overordnet ? ['fed'] : [])].join(' ');
      const celler = g.kolonner.map((k, i) => {
        const c = r.celler[k.noegle] ?? null;
        const tekst = formatCelle(c, tv).trim();
        if (i === 0) return `<th scope="row">${esc(tekst)}</th>`;
        const klasser = [...(erTal(c) ? ['tal'] : []), ...(visesSomMerforbrug(c, tekst) ? ['merforbrug'] : [])];
        return `<td${klasser.length ? ` class="${klasser.join(' ')}"` : ''}>${esc(tekst)}</td>`;
      }).join('');
      return `<tr class="${klasse}">${celler}</tr>`;
    }).join('\n');
    // The table scrolls sideways in its own box on a narrow screen; the page itself never does.
    const titel = g.titel ? `<caption>${esc(g.titel)}</caption>` : '';
    const krop = `<thead><tr>${hoved}</tr></thead>\n<tbody>\n${raekker}\n</tbody>`;
    return `<div class="tabel rulle"><table>${titel}\n${krop}</table></div>`;
  });
  return [...dele, ...(t.noter ?? []).map((n) => `<p class="note">${esc(n)}</p>`)].join('\n');
}

/** Paragraphs, with consecutive "- " lines as one list. */
function afsnit(tekst: string[]): string[] {
  const ud: string[] = [];
  for (const t of tekst) {
    const punkt = t.startsWith('- ') ? `<li>${esc(t.slice(2))}</li>` : null;
    if (punkt && ud.at(-1)?.startsWith('<ul>')) ud[ud.length - 1] = ud.at(-1)!.replace(/<\/ul>$/, `${punkt}</ul>`);
    else ud.push(punkt ? `<ul>${punkt}</ul>` : `<p>${esc(t)}</p>`);
  }
  return ud;
}

function renderSektion(s: Sektion, v: HtmlValg, niveau: number, n: Taeller): string {
  const id = `s${++n.sektion}`;
  const diagrammer = (s.diagrammer ?? []).map((d) => {
    const dId = `d${++n.diagram}`;
    // At least 560 px wide (labels stay legible on a phone): the chart scrolls in its box rather than shrink.
    const svg = tegnDiagram(d, v, dId);
    return `<figure><figcaption>${esc(d.titel)}</figcaption><div class="rulle">${svg}</div></figure>`;
  });
  return [
    `<section aria-labelledby="${id}">`,
    `<h${niveau} id="${id}">${esc(s.titel)}</h${niveau}>`,
    ...afsnit(s.tekst ?? []),
    ...diagrammer,
    ...(s.tabel ? [renderTabel(s.tabel, v)] : []),
    ...(s.underafsnit ?? []).map((u) => renderSektion(u, v, Math.min(niveau + 1, 6), n)),
    '</section>',
  ].join('\n');
}

/** A string as a CSS string literal (inside <style>: no quote, backslash, line break or `<` left raw). */
const cssStreng = (s: string) => `"${s.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

/** The printed page's footer: the report and its date (the opgørelse) on the left, "Side x af y" on the right. */
function sidefod(d: Dokument): string {
  const tekst = [d.titel, d.undertitel[0]].filter(Boolean).join(' · ');
  return `@page { @bottom-left { content: ${cssStreng(tekst)}; font: 8pt sans-serif; color: #444; }`
    + ' @bottom-right { content: "Side " counter(page) " af " counter(pages); font: 8pt sans-serif; color: #444; } }';
}

export function renderDokument(d: Dokument, v: HtmlValg): string {
  const n: Taeller = { diagram: 0, sektion: 0 };
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="budgetopf">
<title>${esc(d.titel)}</title>
<style>
${CSS}
${sidefod(d)}
</style>
</head>
<body>
<header>
<h1>${esc(d.titel)}</h1>
${d.undertitel.map((u) => `<p>${esc(u)}</p>`).join('\n')}
</header>
<main>
${d.sektioner.map((s) => renderSektion(s, v, 2, n)).join('\n')}
</main>
</body>
</html>
`;
}
