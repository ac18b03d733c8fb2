/**
 * A dataset written as a folder (FORMAT.md): Danish CSV (`;`, decimal comma, UTF-8 BOM), every amount in
 * exact kr, and the folder created whole or not at all: the files go to a temporary sibling folder that is
 * then renamed into place. An existing folder is never written into unless it is empty.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Decimal } from '../core/money.js';
import type { Datasaet } from '../core/model.js';
import { neutraliserFormel } from '../render/csv.js';
import { FILER } from './load-dataset.js';
import { SkriveFejl } from './write.js';

const tal = (d: Decimal | null | undefined) => (d === null || d === undefined ? '' : d.toString().replace('.', ','));
const tekst = (s: string | null) => neutraliserFormel(s ?? '');
const csv = (raekker: string[][]) => `\uFEFF${stringify(raekker, { delimiter: ';', record_delimiter: 'windows' })}`;

/** The manifest as opfoelgning.json (amounts as JSON numbers in kr: at most 15 digits, so exact). */
function manifestJson(ds: Datasaet): string {
  const m = ds.manifest;
  const beloeb = (d: Decimal | undefined) => (d === undefined ? undefined : Number(d.toString()));
  const ud = {
    kommune: m.kommune,
    udvalg: m.udvalg,
    budgetaar: m.budgetaar,
    opfoelgning: m.opfoelgning,
    opgoerelse: m.opgoerelse,
    pr: m.pr,
    beloebsenhed: 'kr',
    ...(m.fortegn === 'merforbrug_negativ' ? {} : { fortegn: m.fortegn }),
    serviceramme: beloeb(m.serviceramme),
    anlaegsramme: beloeb(m.anlaegsramme),
    kasse_primo: beloeb(m.kassePrimo),
  };
  return `${JSON.stringify(ud, null, 2)}\n`;
}

function budgetCsv(ds: Datasaet): string {
  const ff = ds.harForventetForrige;
  const ov = ds.harOverfoeres ?? false;
  return csv([
    [
      'politikomraade',
      'post',
      'udgiftsart',
      'vedtaget',
      'korrigeret',
      'forventet',
      ...(ff ? ['forventet_forrige'] : []),
      ...(ov ? ['overfoeres'] : []),
    ],
    ...ds.poster.map((p) => [
      tekst(p.politikomraade),
      tekst(p.post),
      p.udgiftsart,
      tal(p.vedtaget),
      tal(p.korrigeret),
      tal(p.forventet),
      ...(ff ? [tal(p.forventetForrige)] : []),
      ...(ov ? [tal(p.overfoeres)] : []),
    ]),
  ]);
}

/** Every file of the dataset as text, by file name; optional files only when they have rows. */
export function datasaetFiler(ds: Datasaet): Map<string, string> {
  const filer = new Map<string, string>([
    [FILER.manifest, manifestJson(ds)],
    [
      FILER.politikomraader,
      csv([['nr', 'navn', 'udvalg'], ...ds.politikomraader.map((p) => [p.nr, p.navn, p.udvalg].map(tekst))]),
    ],
    [FILER.budget, budgetCsv(ds)],
  ]);
  const valgfri = (navn: string, raekker: string[][]) => void (raekker.length > 1 && filer.set(navn, csv(raekker)));
  valgfri(FILER.helaarspersoner, [
    ['ydelse', 'regnskab_forrige', 'vedtaget', 'korrigeret', 'forventet'],
    ...ds.ydelser.map((y) => [
      tekst(y.ydelse),
      tal(y.hp.regnskabForrige),
      tal(y.hp.vedtaget),
      tal(y.hp.korrigeret),
      tal(y.hp.forventet),
    ]),
  ]);
  valgfri(FILER.enhedspriser, [
    ['ydelse', 'regnskab_forrige', 'budget', 'forventet'],
    ...ds.enhedspriser.map((p) => [tekst(p.ydelse), tal(p.regnskabForrige), tal(p.budget), tal(p.forventet)]),
  ]);
  valgfri(FILER.korrektioner, [
    ['politikomraade', 'post', 'beloeb', 'tekst', 'type'],
    ...ds.korrektioner.map((k) => [tekst(k.politikomraade), tekst(k.post), tal(k.beloeb), tekst(k.tekst), k.type]),
  ]);
  valgfri(FILER.bevillingsoensker, [
    ['id', 'type', 'tekst', 'politikomraade', 'post', 'udgiftsart', 'aar', 'beloeb'],
    ...ds.bevillingslinjer.map((l) => [
      tekst(l.id),
      l.type,
      tekst(l.tekst),
      tekst(l.politikomraade),
      tekst(l.post),
      l.udgiftsart ?? '',
      String(l.aar),
      tal(l.beloeb),
    ]),
  ]);
  valgfri(FILER.kontoplan, [
    ['konto', 'politikomraade', 'post'],
    ...ds.kontoplan.map((k) => [k.konto, k.politikomraade, k.post].map(tekst)),
  ]);
  valgfri(FILER.maanedstal, [
    ['ydelse', 'maaned', 'fuldtidspersoner'],
    ...ds.maanedstal.map((m) => [
      tekst(m.ydelse),
      `${m.aar}-${String(m.maaned).padStart(2, '0')}`,
      tal(m.fuldtidspersoner),
    ]),
  ]);
  return filer;
}

/**
 * Creates folder `til` with `filer` (name → content), whole or not at all: `kontrol` sees the finished
 * temporary folder first and may throw to leave nothing behind. Refuses a `til` that exists and is not an
 * empty folder.
 */
export async function skrivMappeAtomisk(
  til: string,
  filer: ReadonlyMap<string, string | Uint8Array>,
  kontrol: (mappe: string) => Promise<void> = async () => {},
): Promise<void> {
  const maal = resolve(til);
  if (existsSync(maal) && (!statSync(maal).isDirectory() || readdirSync(maal).length > 0)) {
    throw new SkriveFejl(
      `${til} findes allerede og er ikke en tom mappe; budgetopf skriver aldrig oven i den. Vælg en ny mappe`,
    );
  }
  const tmp = join(dirname(maal), `.${basename(maal)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(maal), { recursive: true });
    mkdirSync(tmp);
  } catch (e) {
    throw new SkriveFejl(`Kunne ikke oprette ${til}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    for (const [navn, indhold] of filer) writeFileSync(join(tmp, navn), indhold, { flag: 'wx' });
    await kontrol(tmp);
    if (existsSync(maal)) rmdirSync(maal); // empty (checked above); rmdir refuses if that has changed
    renameSync(tmp, maal);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true }); // only our own temporary folder
    if (!(e as NodeJS.ErrnoException).code) throw e; // the check's own verdict
    throw new SkriveFejl(`Kunne ikke skrive ${til}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
