/** Renders a report document as terminal tables (cli-table3); colour only when asked (a TTY without NO_COLOR). */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Dokument, Sektion, Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, visesSomMerforbrug, type Talvisning } from './celle.js';

export interface TerminalValg extends Omit<Talvisning, 'format' | 'tusindtalsseparator'> {
  farve: boolean;
}

export function renderTabel(t: Tabel, valg: TerminalValg): string {
  const chalk = new Chalk({ level: valg.farve ? 1 : 0 });
  const tv: Talvisning = { ...valg, format: 'da', tusindtalsseparator: true };
  const dele = tabelDele(t).map((g) => {
    const { kolonner } = g;
    const tabel = new Table({
      head: kolonner.map((k) => chalk.bold(k.titel)),
      colAligns: g.hoejre.map((h) => (h ? 'right' : 'left')),
      colWidths: g.hoejre.map((h) => (h ? 14 : null)),
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      wordWrap: true,
      wrapOnWordBoundary: true,
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    for (const r of g.raekker) {
      tabel.push(kolonner.map((k) => {
        const c = r.celler[k.noegle] ?? null;
        const tekst = formatCelle(c, tv);
        const farvet = visesSomMerforbrug(c, tekst) ? chalk.red(tekst) : tekst;
        return r.art === 'sum' || r.art === 'total' || r.art === 'data' && t.grupper === undefined ? chalk.bold(farvet) : farvet;
      }));
    }
    return (g.titel ? `${chalk.bold(g.titel)}\n` : '') + tabel.toString();
  });
  const noter = (t.noter ?? []).map((n) => chalk.dim(n));
  return [...dele, ...(noter.length ? [noter.join('\n')] : [])].join('\n\n');
}

function renderSektion(s: Sektion, valg: TerminalValg, niveau: number): string {
  const chalk = new Chalk({ level: valg.farve ? 1 : 0 });
  const titel = niveau === 0 ? chalk.bold.underline(s.titel) : chalk.bold(s.titel);
  return [
    titel,
    ...(s.tekst ?? []),
    ...(s.tabel ? [renderTabel(s.tabel, valg)] : []),
    ...(s.underafsnit ?? []).map((u) => renderSektion(u, valg, niveau + 1)),
  ].join('\n\n');
}

export function renderDokument(d: Dokument, valg: TerminalValg): string {
  const chalk = new Chalk({ level: valg.farve ? 1 : 0 });
  return [chalk.bold(d.titel), ...d.undertitel, ...d.sektioner.map((s) => renderSektion(s, valg, 0))].join('\n\n') + '\n';
}
