/**
 * The box a terminal table is drawn in, as cli-table3 draws it with budgetopf's options (default
 * characters, no rules between rows, padding 1, text top-aligned, headers wrapped at spaces), drawn
 * directly when every character is one column wide. The reason is start-up: cli-table3's width logic
 * costs about 8 ms of cold JavaScript per table, a fifth of the command's own time (BENCHMARKS.md).
 * test/boks.test.ts checks that both draw the same table; any other text goes to cli-table3.
 */

export interface BoksKolonne {
  titel: string;
  hoejre: boolean;
  /** Content width (without padding) of a figure column; null: as wide as its widest text. */
  bredde: number | null;
}

export interface BoksCelle {
  tekst: string;
  stil: (s: string) => string;
}

/** Characters that are exactly one column wide in a terminal (and for cli-table3's string-width); U+2580–259F: the bars' block elements. */
const EN_KOLONNE = /^[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\u2212\u2580-\u259f]*$/;

export const kanTegnesDirekte = (tekster: readonly string[]) => tekster.every((t) => EN_KOLONNE.test(t));

/** Greedy word wrap at spaces, as cli-table3's `wordWrap` (a word longer than the width keeps its own line). */
export function ombryd(tekst: string, bredde: number): string[] {
  const linjer: string[] = [];
  let linje = '';
  for (const ord of tekst.split(/\s+/)) {
    if (linje === '') linje = ord;
    else if (linje.length + 1 + ord.length <= bredde) linje += ` ${ord}`;
    else {
      linjer.push(linje);
      linje = ord;
    }
  }
  return [...linjer, linje];
}

export function tegnBoks(kolonner: BoksKolonne[], hoved: BoksCelle[], raekker: BoksCelle[][]): string {
  const bredder = kolonner.map((k, i) => k.bredde ?? Math.max(hoved[i]!.tekst.length, ...raekker.map((r) => r[i]!.tekst.length)));
  const linjerAf = (celler: BoksCelle[]) => celler.map((c, i) => (kolonner[i]!.bredde === null ? [c.tekst] : ombryd(c.tekst, bredder[i]!)));
  const tegnRaekke = (celler: BoksCelle[]): string[] => {
    const linjer = linjerAf(celler);
    const hoejde = Math.max(...linjer.map((l) => l.length));
    return Array.from({ length: hoejde }, (_, n) => `│${celler.map((c, i) => {
      const tekst = linjer[i]![n] ?? '';
      const fyld = ' '.repeat(bredder[i]! - tekst.length);
      const vist = tekst ? c.stil(tekst) : '';
      return ` ${kolonner[i]!.hoejre ? fyld + vist : vist + fyld} `;
    }).join('│')}│`);
  };
  const streg = (v: string, m: string, h: string) => `${v}${bredder.map((b) => '─'.repeat(b + 2)).join(m)}${h}`;
  return [streg('┌', '┬', '┐'), ...tegnRaekke(hoved), ...raekker.flatMap(tegnRaekke), streg('└', '┴', '┘')].join('\n');
}
