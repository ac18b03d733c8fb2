/**
 * Renders report tables as CSV. Danish Excel (`da`): `;`, decimal comma, UTF-8 BOM; `en`: `,` and
 * decimal point. Text cells that Excel would run as a formula are neutralised; numbers are left alone.
 */
import { stringify } from 'csv-stringify/sync';
import { merforbrugPositiv } from '../core/fortegn.js';
import type { Talformat } from '../core/money.js';
import { erTal, type Dokument, type Sektion, type Tabel } from '../report/shape.js';
import { erAfvigelse, formatCelle, type Talvisning } from './celle.js';

/** Prefixes `'` to a text cell that starts like a formula (=, +, -, @, tab, CR). */
export function neutraliserFormel(tekst: string): string {
  return /^[=+\-@\t\r]/.test(tekst) ? `'${tekst}` : tekst;
}

function raekker(t: Tabel, v: Talvisning): string[][] {
  v = { ...v, ...t.talvisning };
  const kolonner = [...(t.csvNoegler ?? []), ...t.kolonner];
  // A column shown with merforbrug positive says so in its name, so that no script misreads the sign.
  const vendt = (noegle: string) => merforbrugPositiv(v.fortegn) && t.raekker.some((r) => erAfvigelse(r.celler[noegle] ?? null));
  return [
    kolonner.map((k) => (vendt(k.noegle) ? `${k.csv}_merforbrug_positiv` : k.csv)),
    ...t.raekker.map((r) => kolonner.map((k) => {
      const c = r.celler[k.noegle] ?? null;
      const tekst = formatCelle(c, v);
      return erTal(c) ? tekst : neutraliserFormel(tekst.trim());
    })),
  ];
}

export interface CsvValg extends Omit<Talvisning, 'format' | 'tusindtalsseparator'> {
  csvFormat: Talformat;
}

const stringifyValg = (f: Talformat) => ({ delimiter: f === 'da' ? ';' : ',', record_delimiter: 'windows' as const });
const bom = (f: Talformat) => (f === 'da' ? '\uFEFF' : '');

export function renderTabel(t: Tabel, valg: CsvValg): string {
  const v: Talvisning = { ...valg, format: valg.csvFormat, tusindtalsseparator: false };
  return bom(valg.csvFormat) + stringify(raekker(t, v), stringifyValg(valg.csvFormat));
}

const tabeller = (s: Sektion): { titel: string; ark?: string; tabel: Tabel }[] => [
  ...(s.tabel ? [{ titel: s.titel, ark: s.ark, tabel: s.tabel }] : []),
  ...(s.underafsnit ?? []).flatMap(tabeller),
];

/** An ASCII file name for a table: `Efter bevillinger` → `efter-bevillinger.csv`, unique among `brugte`. */
function filnavn(navn: string, brugte: Set<string>): string {
  const grund = navn.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')
    .normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'tabel';
  let kandidat = grund;
  for (let n = 2; brugte.has(kandidat); n++) kandidat = `${grund}-${n}`;
  brugte.add(kandidat);
  return `${kandidat}.csv`;
}

/** A whole document as one CSV file per table (what pandas and Excel read): the file name from the sheet name. */
export function renderTabeller(d: Dokument, valg: CsvValg): { navn: string; csv: string }[] {
  const brugte = new Set<string>();
  return d.sektioner.flatMap(tabeller)
    .map(({ titel, ark, tabel }) => ({ navn: filnavn(ark ?? titel, brugte), csv: renderTabel(tabel, valg) }));
}

/** A whole document on one stream: each table under a `# titel` line, separated by blank lines (not for pandas). */
export function renderDokument(d: Dokument, valg: CsvValg): string {
  const v: Talvisning = { ...valg, format: valg.csvFormat, tusindtalsseparator: false };
  const dele = d.sektioner.flatMap(tabeller).map(({ titel, tabel }) =>
    stringify([[`# ${titel}`], ...raekker(tabel, v)], stringifyValg(valg.csvFormat)));
  return bom(valg.csvFormat) + dele.join('\r\n');
}
