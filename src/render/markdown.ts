/** Renders a report document as Markdown (GitHub tables) for pasting into a sagsfremstilling. */
import type { Dokument, Sektion, Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, type Talvisning } from './celle.js';

const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTabel(t: Tabel, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>, niveau = 3): string {
  const tv: Talvisning = { ...v, ...t.talvisning, format: 'da', tusindtalsseparator: true };
  const dele = tabelDele(t).map((g) => {
    const { kolonner } = g;
    const linjer = [
      `| ${kolonner.map((k) => escape(k.titel)).join(' | ')} |`,
      `|${g.hoejre.map((h) => (h ? ' ---: ' : ' --- ')).join('|')}|`,
      ...g.raekker.map((r) => {
        const fed = r.art === 'sum' || r.art === 'total';
        return `| ${kolonner.map((k) => {
          const tekst = escape(formatCelle(r.celler[k.noegle] ?? null, tv).trim());
          return fed && tekst ? `**${tekst}**` : tekst;
        }).join(' | ')} |`;
      }),
    ];
    return (g.titel ? `${'#'.repeat(niveau)} ${g.titel}\n\n` : '') + linjer.join('\n');
  });
  return [...dele, ...(t.noter ?? []).map((n) => `_${escape(n)}_`)].join('\n\n');
}

/** A table printed on its own: its title (if any) as a heading, then the table. */
export function renderAlene(t: Tabel, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>): string {
  return `${t.titel ? `## ${escape(t.titel)}\n\n` : ''}${renderTabel(t, v)}\n`;
}

/** Paragraphs separated by blank lines; consecutive bullets kept as one tight list. */
function afsnit(tekst: string[]): string[] {
  const ud: string[] = [];
  for (const t of tekst) {
    if (t.startsWith('- ') && ud.at(-1)?.startsWith('- ')) ud[ud.length - 1] += `\n${t}`;
    else ud.push(t);
  }
  return ud;
}

function renderSektion(s: Sektion, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>, niveau: number): string {
  return [
    `${'#'.repeat(niveau)} ${s.titel}`,
    ...afsnit(s.tekst ?? []),
    ...(s.tabel ? [renderTabel(s.tabel, v, niveau + 1)] : []),
    ...(s.underafsnit ?? []).map((u) => renderSektion(u, v, niveau + 1)),
  ].join('\n\n');
}

export function renderDokument(d: Dokument, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>): string {
  return [`# ${d.titel}`, d.undertitel.join('  \n'), ...d.sektioner.map((s) => renderSektion(s, v, 2))].join('\n\n') + '\n';
}
