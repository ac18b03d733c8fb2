/**
 * Data text made safe for a terminal, a CI log or Markdown: the one place every text output passes data
 * text through. Control characters (C0, DEL, C1) and Unicode's invisible line and direction controls are
 * written as escapes (`\n`, `\u001b`), so a value can never colour or move a terminal (ESC sequences even
 * with NO_COLOR), start a new log line, or run a GitHub Actions workflow command (`::error`). CSV and JSON
 * carry the text unchanged: they quote and escape it themselves.
 */
const STYRETEGN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAVNE = new Map([['\n', '\\n'], ['\r', '\\r'], ['\t', '\\t']]);

/** `s` with every control character written as an escape. */
export function synlig(s: string): string {
  STYRETEGN.lastIndex = 0;
  if (!STYRETEGN.test(s)) return s;
  return s.replace(STYRETEGN, (t) => NAVNE.get(t) ?? `\\u${t.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Every string in a report value (document, table: titles, cells, notes, prose) made `synlig`; figures untouched. */
export function synligOveralt<T>(v: T): T {
  if (typeof v === 'string') return synlig(v) as T;
  if (Array.isArray(v)) return v.map(synligOveralt) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, synligOveralt(x)])) as T;
  }
  return v;
}

/** Characters a terminal cell shows before it is cut with "…" (the full text stays in CSV and JSON). */
export const MAKS_CELLEBREDDE = 120;

/** `s` cut to `bredde` characters with "…" when longer (never inside a surrogate pair). */
export function afkort(s: string, bredde = MAKS_CELLEBREDDE): string {
  if (s.length <= bredde) return s;
  const slut = /[\ud800-\udbff]/.test(s[bredde - 2]!) ? bredde - 2 : bredde - 1;
  return `${s.slice(0, slut)}…`;
}
