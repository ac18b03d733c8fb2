/** Renders a report document as terminal tables; colour only when asked (a TTY without NO_COLOR). */
import { kanTegnesDirekte, tegnBoks, type BoksCelle, type BoksKolonne } from './boks.js';
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

type Tegner = (kolonner: BoksKolonne[], hoved: BoksCelle[], raekker: BoksCelle[][]) => Promise<string>;

/** One table in cli-table3's layout: drawn directly for one-column-wide text (boks.ts), else by cli-table3. */
export async function tegnTabel(kolonner: BoksKolonne[], hoved: BoksCelle[], raekker: BoksCelle[][]): Promise<string> {
  return kanTegnesDirekte([...hoved, ...raekker.flat()].map((c) => c.tekst)) ? tegnBoks(kolonner, hoved, raekker) : tegnMedCliTable3(kolonner, hoved, raekker);
}

/** The same table drawn by cli-table3 (the general case, and the reference the direct drawing is tested against). */
export async function tegnMedCliTable3(kolonner: BoksKolonne[], hoved: BoksCelle[], raekker: BoksCelle[][]): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const tabel = new Table({
    head: hoved.map((c) => c.stil(c.tekst)),
    colAligns: kolonner.map((k) => (k.hoejre ? 'right' : 'left')),
    colWidths: kolonner.map((k) => (k.bredde === null ? null : k.bredde + 2)),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  tabel.push(...raekker.map((r) => r.map((c) => (c.tekst ? c.stil(c.tekst) : ''))));
  return tabel.toString();
}

/** A table as terminal text; `tegn` draws each part (tests pass cli-table3's drawing to compare). */
export async function renderTabel(t: Tabel, valg: TerminalValg, tegn: Tegner = tegnTabel): Promise<string> {
  const stil = valg.stil;
  const tv: Talvisning = { ...valg, ...t.talvisning, format: 'da', tusindtalsseparator: true };
  const dele = await Promise.all(tabelDele(t).map(async (g) => {
    const tekster = g.raekker.map((r) => g.kolonner.map((k) => formatCelle(r.celler[k.noegle] ?? null, tv)));
    // Figure columns: at least 12 wide (headers wrap), never narrower than a figure or a header word.
    const kolonner = g.kolonner.map((k, i): BoksKolonne => ({
      titel: k.titel,
      hoejre: g.hoejre[i]!,
      bredde: g.hoejre[i] ? Math.max(12, ...tekster.map((r) => r[i]!.length), ...k.titel.split(' ').map((o) => o.length)) : null,
    }));
    const hoved = g.kolonner.map((k) => ({ tekst: k.titel, stil: stil.bold }));
    const raekker = g.raekker.map((r, ri) => g.kolonner.map((k, i): BoksCelle => {
      const tekst = tekster[ri]![i]!;
      const fed = r.art === 'sum' || r.art === 'total' || (r.art === 'data' && t.grupper === undefined);
      const roed = visesSomMerforbrug(r.celler[k.noegle] ?? null, tekst);
      return { tekst, stil: (x) => (fed ? stil.bold(roed ? stil.red(x) : x) : roed ? stil.red(x) : x) };
    }));
    return (g.titel ? `${stil.bold(g.titel)}\n` : '') + await tegn(kolonner, hoved, raekker);
  }));
  const noter = (t.noter ?? []).map((n) => stil.dim(n));
  return [...dele, ...(noter.length ? [noter.join('\n')] : [])].join('\n\n');
}

async function renderSektion(s: Sektion, valg: TerminalValg, niveau: number): Promise<string> {
  const stil = valg.stil;
  const titel = niveau === 0 ? stil.bold(stil.underline(s.titel)) : stil.bold(s.titel);
  return [
    titel,
    ...(s.tekst ?? []),
    ...(s.tabel ? [await renderTabel(s.tabel, valg)] : []),
    ...await Promise.all((s.underafsnit ?? []).map((u) => renderSektion(u, valg, niveau + 1))),
  ].join('\n\n');
}

export async function renderDokument(d: Dokument, valg: TerminalValg): Promise<string> {
  const stil = valg.stil;
  return [stil.bold(d.titel), ...d.undertitel, ...await Promise.all(d.sektioner.map((s) => renderSektion(s, valg, 0)))].join('\n\n') + '\n';
}
