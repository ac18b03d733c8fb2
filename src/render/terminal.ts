/** Renders a report document as terminal tables (cli-table3); colour only when asked (a TTY without NO_COLOR). */
import Table from 'cli-table3';
import type { Dokument, Sektion, Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, visesSomMerforbrug, type Talvisning } from './celle.js';

/** The styles the terminal renderer uses; plain text when colour is off. */
export interface Stil {
  bold: (s: string) => string;
  red: (s: string) => string;
  dim: (s: string) => string;
  underline: (s: string) => string;
}

const uaendret = (s: string) => s;
export const INGEN_STIL: Stil = { bold: uaendret, red: uaendret, dim: uaendret, underline: uaendret };

/** chalk's styles, loaded only when colour is on (chalk's terminal detection costs start-up otherwise). */
export async function farvestil(): Promise<Stil> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { bold: (s) => c.bold(s), red: (s) => c.red(s), dim: (s) => c.dim(s), underline: (s) => c.underline(s) };
}

export interface TerminalValg extends Omit<Talvisning, 'format' | 'tusindtalsseparator'> {
  stil: Stil;
}

export function renderTabel(t: Tabel, valg: TerminalValg): string {
  const stil = valg.stil;
  const tv: Talvisning = { ...valg, format: 'da', tusindtalsseparator: true };
  const dele = tabelDele(t).map((g) => {
    const { kolonner } = g;
    const tekster = g.raekker.map((r) => kolonner.map((k) => formatCelle(r.celler[k.noegle] ?? null, tv)));
    // Figure columns: at least 12 wide (headers wrap onto two lines), never narrower than their widest figure.
    const bredder = kolonner.map((_, i) => (g.hoejre[i] ? Math.max(12, ...tekster.map((r) => r[i]!.length)) + 2 : null));
    const tabel = new Table({
      head: kolonner.map((k) => stil.bold(k.titel)),
      colAligns: g.hoejre.map((h) => (h ? 'right' : 'left')),
      colWidths: bredder,
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      wordWrap: true,
      wrapOnWordBoundary: true,
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    g.raekker.forEach((r, ri) => {
      tabel.push(kolonner.map((k, i) => {
        const tekst = tekster[ri]![i]!;
        const farvet = visesSomMerforbrug(r.celler[k.noegle] ?? null, tekst) ? stil.red(tekst) : tekst;
        return r.art === 'sum' || r.art === 'total' || (r.art === 'data' && t.grupper === undefined) ? stil.bold(farvet) : farvet;
      }));
    });
    return (g.titel ? `${stil.bold(g.titel)}\n` : '') + tabel.toString();
  });
  const noter = (t.noter ?? []).map((n) => stil.dim(n));
  return [...dele, ...(noter.length ? [noter.join('\n')] : [])].join('\n\n');
}

function renderSektion(s: Sektion, valg: TerminalValg, niveau: number): string {
  const stil = valg.stil;
  const titel = niveau === 0 ? stil.bold(stil.underline(s.titel)) : stil.bold(s.titel);
  return [
    titel,
    ...(s.tekst ?? []),
    ...(s.tabel ? [renderTabel(s.tabel, valg)] : []),
    ...(s.underafsnit ?? []).map((u) => renderSektion(u, valg, niveau + 1)),
  ].join('\n\n');
}

export function renderDokument(d: Dokument, valg: TerminalValg): string {
  const stil = valg.stil;
  return [stil.bold(d.titel), ...d.undertitel, ...d.sektioner.map((s) => renderSektion(s, valg, 0))].join('\n\n') + '\n';
}
