/** Which output formats each command offers, written once: cli.ts builds its `--format` choices from this. */
export const TEKSTFORMATER = ['tabel', 'csv', 'json', 'markdown'] as const;
/** The HTML report, the workbook and the Word document draw whole documents. */
export const DOKUMENTFORMATER = ['html', 'xlsx', 'docx'] as const;
export type Format = (typeof TEKSTFORMATER)[number] | (typeof DOKUMENTFORMATER)[number];

/** Commands that build whole documents (sections, charts), so they also offer the document formats. */
const DOKUMENTKOMMANDOER: ReadonlySet<string> = new Set([
  'prognose',
  'forbrug',
  'afvigelser',
  'aktivitet',
  'rapport',
  'bevillinger',
  'scenarie',
  'hovedoversigt',
  'anlaeg',
  'sammenlign',
  'praecision',
]);

/** The formats that draw whole documents (charts and all) and write binary files or one self-contained page. */
export const erDokumentformat = (f: Format): boolean => (DOKUMENTFORMATER as readonly string[]).includes(f);
/** The formats that write a binary file (never to a terminal). */
export const erBinaer = (f: Format): boolean => f === 'xlsx' || f === 'docx';

/** The formats a report command offers. */
export const formaterFor = (kommando: string): readonly Format[] =>
  DOKUMENTKOMMANDOER.has(kommando) ? [...TEKSTFORMATER, ...DOKUMENTFORMATER] : TEKSTFORMATER;

/** `valider`'s formats (findings, not reports). */
export const VALIDERFORMATER = ['tabel', 'tekst', 'json', 'github'] as const;
