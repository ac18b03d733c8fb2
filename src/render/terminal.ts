/** Renders a report document as terminal tables; colour only when asked (a TTY without NO_COLOR). */
import { kanTegnesDirekte, tegnBoks, type BoksCelle, type BoksKolonne } from './boks.js';
import { merforbrugTegn } from '../core/fortegn.js';
import type { Decimal } from '../core/money.js';
import { erTal, type Dokument, type Sektion, type Tabel } from '../report/shape.js';
import { formatCelle, tabelDele, visesSomMerforbrug, vistTal, type Tabeldel, type Talvisning } from './celle.js';
import { afkort, synligOveralt } from './synlig.js';

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
  /** Draw the table's `soejle` column as bars too (on a terminal, unless --ingen-grafik). */
  soejler?: boolean;
}

/** Full block and the left eighths: a bar's length is exact to an eighth of a character. */
const OTTENDEDELE = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/** Characters of the longest bar. */
export const SOEJLEBREDDE = 12;
const SOEJLE = '\u0000soejle';

/**
 * A figure as a bar relative to the largest: its sign (as displayed), then `bredde` characters for
 * `stoerst` in eighths; a figure that is not zero gets at least an eighth. Zero gets no bar.
 */
export function soejletekst(vist: Decimal, stoerst: Decimal, bredde = SOEJLEBREDDE): string {
  if (vist.isZero() || stoerst.isZero()) return '';
  const ottendedele = Math.max(1, vist.abs().div(stoerst.abs()).times(bredde * 8).round().toNumber());
  return (vist.isNegative() ? '−' : '+') + '█'.repeat(Math.floor(ottendedele / 8)) + OTTENDEDELE[ottendedele % 8];
}

/** The part with a bar column after `noegle`'s column (when the part has it): each row's figure against the part's largest. */
function medSoejler(g: Tabeldel, noegle: string, v: Talvisning): Tabeldel {
  const i = g.kolonner.findIndex((k) => k.noegle === noegle);
  if (i < 0) return g;
  const vist = (r: Tabeldel['raekker'][number]) => {
    const c = r.celler[noegle] ?? null;
    return erTal(c) ? vistTal(c, v) : null;
  };
  const stoerst = g.raekker.map(vist).reduce<Decimal | null>((m, d) => (d && (!m || d.abs().greaterThan(m)) ? d.abs() : m), null);
  const titel = `Merforbrug ${merforbrugTegn(v.fortegn)}`;
  return {
    titel: g.titel,
    kolonner: [...g.kolonner.slice(0, i + 1), { noegle: SOEJLE, titel, csv: '' }, ...g.kolonner.slice(i + 1)],
    raekker: g.raekker.map((r) => {
      const d = vist(r);
      return d && stoerst ? { ...r, celler: { ...r.celler, [SOEJLE]: soejletekst(d, stoerst) } } : r;
    }),
    hoejre: [...g.hoejre.slice(0, i + 1), false, ...g.hoejre.slice(i + 1)],
  };
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
export async function renderTabel(tabel: Tabel, valg: TerminalValg, tegn: Tegner = tegnTabel): Promise<string> {
  const t = synligOveralt(tabel);
  const stil = valg.stil;
  const tv: Talvisning = { ...valg, ...t.talvisning, format: 'da', tusindtalsseparator: true };
  const soejle = valg.soejler ? t.soejle : undefined;
  const dele = await Promise.all(tabelDele(t).map(async (del) => {
    const g = soejle ? medSoejler(del, soejle, tv) : del;
    // A cell is cut at a sane width: a 10 MB post name would otherwise pad every row of the table to 10 MB.
    const tekster = g.raekker.map((r) => g.kolonner.map((k) => afkort(formatCelle(r.celler[k.noegle] ?? null, tv))));
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
      // A bar is red when the figure it draws is a merforbrug.
      const kilde = k.noegle === SOEJLE ? r.celler[soejle!] ?? null : r.celler[k.noegle] ?? null;
      const roed = visesSomMerforbrug(kilde, formatCelle(kilde, tv));
      return { tekst, stil: (x) => (fed ? stil.bold(roed ? stil.red(x) : x) : roed ? stil.red(x) : x) };
    }));
    return (g.titel ? `${stil.bold(g.titel)}\n` : '') + await tegn(kolonner, hoved, raekker);
  }));
  const noter = (t.noter ?? []).map((n) => stil.dim(n));
  return [...dele, ...(noter.length ? [noter.join('\n')] : [])].join('\n\n');
}

/** A table printed on its own: its title (if any) above it, then the table. */
export async function renderAlene(t: Tabel, valg: TerminalValg): Promise<string> {
  return `${t.titel ? `${valg.stil.bold(t.titel)}\n\n` : ''}${await renderTabel(t, valg)}\n`;
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

export async function renderDokument(dokument: Dokument, valg: TerminalValg): Promise<string> {
  const d = synligOveralt(dokument);
  const stil = valg.stil;
  return [stil.bold(d.titel), ...d.undertitel, ...await Promise.all(d.sektioner.map((s) => renderSektion(s, valg, 0)))].join('\n\n') + '\n';
}
