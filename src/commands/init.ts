/**
 * `budgetopf init [mappe]`: a new dataset folder with every file's header, an example row where one helps, and a
 * manifest from the options or with placeholders that `valider` points at. `--eksempel` copies the bundled example.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILER } from '../io/load-dataset.js';
import { bundletMappe, EKSEMPEL } from '../io/pakke.js';
import { PLADSHOLDER } from '../io/schemas.js';
import { ExitError } from './exit-error.js';
import type { Miljoe } from './shared.js';

export interface InitFlag {
  kommune?: string;
  udvalg?: string;
  aar?: string;
  opfoelgning?: string;
  eksempel?: boolean;
  csvFormat: 'da' | 'en';
}

/** The rows of each file, cells as text; numbers written `da` (1.000,5) and turned into `en` on the way out. */
function filer(udvalg: string): Record<string, string[][]> {
  return {
    [FILER.politikomraader]: [['nr', 'navn', 'udvalg'], ['1.1', 'Forsørgelse og beskæftigelse', udvalg]],
    [FILER.budget]: [
      ['politikomraade', 'post', 'udgiftsart', 'vedtaget', 'korrigeret', 'forventet', 'forventet_forrige'],
      // An activity post (its forventet comes from helårspersoner × pris) and a post with the controller's estimate.
      ['1.1', 'Kontanthjælp', 'overfoersel', '100.000.000', '100.000.000', '', '101.000.000'],
      ['1.1', 'Administration', 'service', '2.500.000', '2.600.000', '2.450.000', '2.600.000'],
    ],
    [FILER.helaarspersoner]: [
      ['ydelse', 'regnskab_forrige', 'vedtaget', 'korrigeret', 'forventet'],
      ['Kontanthjælp', '790', '800', '800', '812,5'],
    ],
    [FILER.enhedspriser]: [
      ['ydelse', 'regnskab_forrige', 'budget', 'forventet'],
      ['Kontanthjælp', '122.000', '125.000', '125.000'],
    ],
    [FILER.korrektioner]: [['politikomraade', 'post', 'beloeb', 'tekst', 'type']],
    [FILER.bevillingsoensker]: [['id', 'type', 'tekst', 'politikomraade', 'post', 'udgiftsart', 'aar', 'beloeb']],
  };
}

/** The number columns: written `1.000,5` and, for `--csv-format en`, turned into `1000.5`. */
const TALKOLONNER = new Set([
  'vedtaget', 'korrigeret', 'forventet', 'forventet_forrige', 'regnskab_forrige', 'budget', 'beloeb',
]);
const tilEngelsk = (celle: string) => celle.replace(/\./g, '').replace(',', '.');

/** A CSV file: `;` and a BOM (Excel on a Danish PC), or `,` without; RFC 4180 quoting where a cell needs it. */
function csv(raekker: string[][], format: 'da' | 'en'): string {
  const tal = raekker[0]!.map((k) => TALKOLONNER.has(k));
  const skille = format === 'da' ? ';' : ',';
  const citer = (c: string) => (c.includes(skille) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const celler = (r: string[], i: number) =>
    (format === 'da' || i === 0 ? r : r.map((c, j) => (tal[j] ? tilEngelsk(c) : c)));
  const linjer = raekker.map((r, i) => celler(r, i).map(citer).join(skille));
  return `${format === 'da' ? '\uFEFF' : ''}${linjer.join('\r\n')}\r\n`;
}

function manifest(flag: InitFlag): string {
  const aar = flag.aar === undefined ? null : Number(flag.aar);
  if (flag.aar !== undefined && !/^\d{4}$/.test(flag.aar)) {
    throw new ExitError(2, `--aar "${flag.aar}" er ikke et årstal (fx 2025)`);
  }
  return `${JSON.stringify({
    kommune: flag.kommune ?? `${PLADSHOLDER} kommunens navn, fx Slagelse Kommune`,
    udvalg: flag.udvalg ?? `${PLADSHOLDER} udvalgets navn`,
    budgetaar: aar ?? `${PLADSHOLDER} budgetåret som tal uden anførselstegn, fx 2025`,
    opfoelgning: flag.opfoelgning ?? `${PLADSHOLDER} BO1, BO2 eller BO3`,
    beloebsenhed: 'kr',
  }, null, 2)}\n`;
}

/** A folder that does not exist, or an empty one; anything else is refused (nothing is overwritten). */
function tomMappe(mappe: string): void {
  if (!existsSync(mappe)) return void mkdirSync(mappe, { recursive: true });
  if (!statSync(mappe).isDirectory()) throw new ExitError(2, `"${mappe}" findes og er ikke en mappe`);
  if (readdirSync(mappe).length > 0) {
    throw new ExitError(2, `Mappen "${mappe}" er ikke tom; init skriver kun i en ny eller tom mappe (intet er ændret)`);
  }
}

export async function init(mappe: string, flag: InitFlag, miljoe: Miljoe): Promise<void> {
  const eksempel = flag.eksempel ? bundletMappe(EKSEMPEL) : null;
  if (flag.eksempel && !eksempel) {
    throw new ExitError(2, `Det medfølgende eksempel data/${EKSEMPEL} findes ikke i denne installation`);
  }
  const manifestTekst = manifest(flag); // checks --aar before anything is written
  tomMappe(mappe);
  if (eksempel) {
    cpSync(eksempel, mappe, { recursive: true });
    miljoe.stderr(`Kopierede eksemplet (Slagelse Kommune, EBU, BO2 2025) til ${mappe}.`
      + ` Prøv: budgetopf rapport ${mappe}`);
    return;
  }
  const udvalg = flag.udvalg ?? `${PLADSHOLDER} udvalgets navn`;
  const pladsholdere = [flag.kommune, flag.udvalg, flag.aar, flag.opfoelgning].includes(undefined);
  for (const [navn, raekker] of Object.entries(filer(udvalg))) {
    writeFileSync(join(mappe, navn), csv(raekker, flag.csvFormat), { flag: 'wx' });
  }
  writeFileSync(join(mappe, FILER.manifest), manifestTekst, { flag: 'wx' });
  miljoe.stderr([
    `Oprettede ${mappe} med opfoelgning.json og CSV-filernes overskrifter`
      + ' og en eksempelrække (Kontanthjælp, Administration).',
    `${pladsholdere ? 'Udfyld felterne mærket UDFYLD, ' : ''}erstat eksemplerne med jeres tal, og kør derefter:`,
    `  budgetopf valider ${mappe}`,
    'Valgfri filer, når I har tallene (se docs/FORMAT.md):',
    '  maanedstal.csv: ydelse;maaned;fuldtidspersoner (til budgetopf prognose)',
    '  forbrug.csv: konto;dato;beloeb og kontoplan.csv: konto;politikomraade;post (til budgetopf forbrug)',
    '  initiativer.csv: id;tekst;udvalg;politikomraade;aar;planlagt;realiseret;status',
  ].join('\n'));
}
