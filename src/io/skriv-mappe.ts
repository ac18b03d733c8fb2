/**
 * A dataset written as a folder (FORMAT.md): Danish CSV (`;`, decimal comma, UTF-8 BOM), every amount in
 * exact kr, and the folder created whole or not at all: the files go to a temporary sibling folder that is
 * then renamed into place. An existing folder is never written into unless it is empty.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { skrivTal, type Decimal } from '../core/money.js';
import type { Datasaet } from '../core/model.js';
import { budgetCsv } from '../render/budget-csv.js';
import { neutraliserFormel } from '../render/csv.js';
import { FILER } from './load-dataset.js';
import { SkriveFejl, skrivefejlTekst } from './write.js';

/** A number as exact Danish CSV text (money's skrivTal: never an exponent); absent = empty cell. */
const tal = (d: Decimal | null | undefined) => (d === null || d === undefined ? '' : skrivTal(d, 'da'));
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

/** Every file of the dataset as text, by file name; optional files only when they have rows. */
export function datasaetFiler(ds: Datasaet): Map<string, string> {
  const filer = new Map<string, string>([
    [FILER.manifest, manifestJson(ds)],
    [
      FILER.politikomraader,
      csv([['nr', 'navn', 'udvalg'], ...ds.politikomraader.map((p) => [p.nr, p.navn, p.udvalg].map(tekst))]),
    ],
    [FILER.budget, budgetCsv(ds.poster, 'kr', 'da', ds.harForventetForrige, ds.harOverfoeres ?? false)],
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

/** Where to write: the target, whether it exists (then empty), and the source folder whose files are copied. */
interface Plan {
  til: string;
  maal: string;
  findes: boolean;
  fra?: string;
}

export interface MappeValg {
  /** A source folder: every file in it that `filer` does not name is copied. The target may not lie inside it. */
  fra?: string;
}

const fejl = (til: string, e: unknown) => new SkriveFejl(`Kunne ikke skrive ${til}: ${skrivefejlTekst(e)}`);

/** Refuses a target inside the source folder, and one that exists and is not an empty folder. */
function planlaeg(til: string, fra: string | undefined): Plan {
  const maal = resolve(til);
  if (fra !== undefined) {
    const rel = relative(resolve(fra), maal);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
      throw new SkriveFejl(`${til} ligger i ${fra}; vælg en mappe uden for datasættet`);
  }
  let findes: boolean;
  try {
    const info = statSync(maal, { throwIfNoEntry: false });
    findes = info !== undefined;
    if (info && (!info.isDirectory() || readdirSync(maal).length > 0)) {
      throw new SkriveFejl(
        `${til} findes allerede og er ikke en tom mappe; budgetopf skriver aldrig oven i den. Vælg en ny mappe`,
      );
    }
  } catch (e) {
    throw e instanceof SkriveFejl ? e : fejl(til, e);
  }
  return { til, maal, findes, fra };
}

/** A short unique folder next to the target (random: a killed run's leftover never blocks), created exclusively. */
function opretMidlertidigMappe(forael: string): string {
  for (let forsoeg = 0; ; forsoeg++) {
    const tmp = join(forael, `.budgetopf-${randomBytes(8).toString('hex')}.tmp`);
    try {
      mkdirSync(tmp);
      return tmp;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || forsoeg >= 9) throw e;
    }
  }
}

/** The finished temporary folder: the source's other files copied, then `filer` written. */
function byg(plan: Plan, filer: ReadonlyMap<string, string | Uint8Array>): string {
  let tmp: string;
  try {
    mkdirSync(dirname(plan.maal), { recursive: true });
    tmp = opretMidlertidigMappe(dirname(plan.maal));
  } catch (e) {
    throw fejl(plan.til, e);
  }
  try {
    if (plan.fra !== undefined) {
      for (const navn of readdirSync(plan.fra)) {
        if (!filer.has(navn)) cpSync(join(plan.fra, navn), join(tmp, navn), { recursive: true });
      }
    }
    for (const [navn, indhold] of filer) writeFileSync(join(tmp, navn), indhold, { flag: 'wx' });
    return tmp;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true }); // only our own temporary folder
    throw fejl(plan.til, e);
  }
}

/** The temporary folder takes the target's name (an empty target is removed first; rmdir refuses if it filled). */
function flytPaaPlads(plan: Plan, tmp: string): void {
  try {
    if (plan.findes) rmdirSync(plan.maal);
    renameSync(tmp, plan.maal);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true }); // only our own temporary folder
    throw fejl(plan.til, e);
  }
}

/**
 * Creates folder `til` with `filer` (name → content), whole or not at all: everything goes to a temporary
 * folder next to the target that is renamed into place when complete. `kontrol` sees the finished temporary
 * folder first and may throw to leave nothing behind (its own error passes through; an errno becomes a
 * Danish SkriveFejl). Refuses a `til` that exists and is not an empty folder, or lies inside `valg.fra`.
 */
export async function skrivMappeAtomisk(
  til: string,
  filer: ReadonlyMap<string, string | Uint8Array>,
  kontrol: (mappe: string) => Promise<void> = async () => {},
  valg: MappeValg = {},
): Promise<void> {
  const plan = planlaeg(til, valg.fra);
  const tmp = byg(plan, filer);
  try {
    await kontrol(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw typeof (e as NodeJS.ErrnoException).code === 'string' ? fejl(til, e) : e;
  }
  flytPaaPlads(plan, tmp);
}

/** skrivMappeAtomisk without a check, synchronously (the same rules, the same steps). */
export function skrivMappeAtomiskSync(
  til: string,
  filer: ReadonlyMap<string, string | Uint8Array>,
  valg: MappeValg = {},
): void {
  const plan = planlaeg(til, valg.fra);
  flytPaaPlads(plan, byg(plan, filer));
}
