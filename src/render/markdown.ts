/** Renders a report document as Markdown (GitHub tables) for pasting into a sagsfremstilling. */
import type { Dokument, Sektion, Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, type Talvisning } from './celle.js';
import { synlig } from './synlig.js';

/**
 * Text from the data as literal Markdown: its metacharacters escaped (and a line break a space), so nothing
 * becomes emphasis, HTML or a cell edge; any other control character written visibly (synlig).
 */
export const escape = (s: string) => synlig(s.replace(/[\\*_<>|`[\]]/g, '\\$&').replace(/\r?\n/g, ' '));

export function renderTabel(t: Tabel, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>, niveau = 3): string {
  const tv: Talvisning = { ...v, ...t.talvisning, format: 'da', tusindtalsseparator: true };
  const dele = tabelDele(t).map((g) => {
    const { kolonner } = g;
    const celler = g.raekker.map((r) => {
      const fed = r.art === 'sum' || r.art === 'total';
      return kolonner.map((k) => {
        const tekst = escape(formatCelle(r.celler[k.noegle] ?? null, tv).trim());
        return fed && tekst ? `**${tekst}**` : tekst;
      });
    });
    // Dashes as long as the column's widest content: converters (pandoc) size the columns in proportion to them.
    const bredde = kolonner.map((k, i) => Math.max(3, escape(k.titel).length, ...celler.map((c) => c[i]!.length)));
    const linjer = [
      `| ${kolonner.map((k) => escape(k.titel)).join(' | ')} |`,
      `|${g.hoejre.map((h, i) => ` ${'-'.repeat(bredde[i]! - (h ? 1 : 0))}${h ? ':' : ''} `).join('|')}|`,
      ...celler.map((c) => `| ${c.join(' | ')} |`),
    ];
    return (g.titel ? `${'#'.repeat(niveau)} ${escape(g.titel)}\n\n` : '') + linjer.join('\n');
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
    const linje = t.startsWith('- ') ? `- ${escape(t.slice(2))}` : escape(t);
    if (t.startsWith('- ') && ud.at(-1)?.startsWith('- ')) ud[ud.length - 1] += `\n${linje}`;
    else ud.push(linje);
  }
  return ud;
}

function renderSektion(s: Sektion, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>, niveau: number): string {
  return [
    `${'#'.repeat(niveau)} ${escape(s.titel)}`,
    ...afsnit(s.tekst ?? []),
    ...(s.tabel ? [renderTabel(s.tabel, v, niveau + 1)] : []),
    ...(s.underafsnit ?? []).map((u) => renderSektion(u, v, niveau + 1)),
  ].join('\n\n');
}

export function renderDokument(d: Dokument, v: Omit<Talvisning, 'format' | 'tusindtalsseparator'>): string {
  const sektioner = d.sektioner.map((s) => renderSektion(s, v, 2));
  const dele = [`# ${escape(d.titel)}`, d.undertitel.map(escape).join('  \n'), ...sektioner];
  return `${dele.join('\n\n')}\n`;
}
