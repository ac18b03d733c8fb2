// Markdown that survives conversion (pandoc, Word): data text is literal (no emphasis, HTML or extra cell
// edges), and the separator's dashes are in proportion to each column's content (pandoc sizes columns by them).
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import { renderDokument, renderTabel } from '../src/render/markdown.js';
import { talcelle, type Tabel } from '../src/report/shape.js';
import { STANDARDVISNING } from '../src/report/visning.js';

const v = { ...STANDARDVISNING, enhed: 'kr' as const, decimaler: 0 };
const tabel = (navn: string): Tabel => ({
  kolonner: [{ noegle: 'navn', titel: 'Post', csv: 'navn' }, { noegle: 'b', titel: 'Beløb', csv: 'b' }],
  raekker: [
    { art: 'data', celler: { navn, b: talcelle(new Decimal('-1234567'), 'beloeb') } },
    { art: 'total', celler: { navn: 'I alt', b: talcelle(new Decimal('-1234567'), 'beloeb') } },
  ],
});

describe('Markdown tables', () => {
  it('escapes * _ < > | ` [ ] and backslashes in data, so a name stays a name in one cell', () => {
    for (const [navn, ud] of [
      ['Pulje *A*', 'Pulje \\*A\\*'], ['STU_2025', 'STU\\_2025'], ['<b>Løn</b>', '\\<b\\>Løn\\</b\\>'],
      ['Drift | anlæg', 'Drift \\| anlæg'], ['a\\b', 'a\\\\b'], ['[link](x)', '\\[link\\](x)'], ['to\nlinjer', 'to linjer'],
    ]) {
      const linje = renderTabel(tabel(navn!), v).split('\n')[2]!;
      expect(linje).toBe(`| ${ud} | -1.234.567 |`);
      // Three cell edges: the escaped | is not one of them.
      expect(linje.replace(/\\\|/g, '').split('|')).toHaveLength(4);
    }
  });

  it('keeps its own bold on totals, and escapes titles and prose from the data', () => {
    expect(renderTabel(tabel('x'), v).split('\n')[3]).toBe('| **I alt** | **-1.234.567** |');
    const md = renderDokument({ titel: 'BO2 *foreløbig*', undertitel: [], sektioner: [{ titel: '2.1 <Område>', tekst: ['- Post_a: merforbrug', 'Tekst med *stjerne*'] }] }, v);
    expect(md).toContain('# BO2 \\*foreløbig\\*');
    expect(md).toContain('## 2.1 \\<Område\\>');
    expect(md).toContain('- Post\\_a: merforbrug\n\nTekst med \\*stjerne\\*');
  });

  it('draws separator dashes as long as each column\'s widest content, right-aligned figures with a colon', () => {
    const linjer = renderTabel(tabel('En meget lang postbetegnelse'), v).split('\n');
    // "En meget lang postbetegnelse": 28 characters; "**-1.234.567**": 14.
    expect(linjer[1]).toBe(`| ${'-'.repeat(28)} | ${'-'.repeat(13)}: |`);
    expect(renderTabel(tabel('A'), v).split('\n')[1]).toBe(`| ${'-'.repeat(9)} | ${'-'.repeat(13)}: |`); // "**I alt**"
  });
});
