/** Which output formats each command offers, written once: cli.ts builds its `--format` choices from this. */
export const TEKSTFORMATER = ['tabel', 'csv', 'json', 'markdown'] as const;
/** The HTML report and the workbook draw whole documents. */
export const DOKUMENTFORMATER = ['html', 'xlsx'] as const;
export type Format = (typeof TEKSTFORMATER)[number] | (typeof DOKUMENTFORMATER)[number];

/** Commands that build whole documents (sections, charts), so they also offer the HTML report and the workbook. */
const DOKUMENTKOMMANDOER: ReadonlySet<string> = new Set([
  'prognose',
  'forbrug',
  'afvigelser',
  'aktivitet',
  'rapport',
  'bevillinger',
]);

/** The formats a report command offers. */
export const formaterFor = (kommando: string): readonly Format[] =>
  DOKUMENTKOMMANDOER.has(kommando) ? [...TEKSTFORMATER, ...DOKUMENTFORMATER] : TEKSTFORMATER;

/** `valider`'s formats (findings, not reports). */
export const VALIDERFORMATER = ['tabel', 'tekst', 'json', 'github'] as const;
