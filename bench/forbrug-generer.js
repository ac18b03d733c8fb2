// Generates a postings dataset for `budgetopf forbrug` and its benchmark (bench/forbrug.js): a copy of
// the reference dataset (data/slagelse-ebu-2025-bo2) plus
//   kontoplan.csv  konto;politikomraade;post — account prefixes of different lengths (1 to 4 segments)
//                  mapped to the reference budget's posts, so that the longest prefix decides
//                  (5.68.90 → Driftsudgifter…, 5.68.90.12 → Løntilskud, 5.68 → Driftsudgifter…);
//   forbrug.csv    konto;dato;beloeb — `antal` postings, deterministic (a fixed-seed 32-bit LCG):
//                  ~2.000 accounts of four segments (d.dd.dd.dd) under those prefixes plus 3 accounts
//                  that no prefix covers (they must come out as unmapped); dates spread over 2024 and
//                  2025-01-01..2025-06-30; amounts in Danish format, ALWAYS with exactly two decimals
//                  (`87,50`, `-1.234,56`, rarely `12.345.678,00`), about 10 % negative; ≈ 28 bytes a row.
// Written streaming (64k rows at a time) to a temporary name and renamed when complete, so a folder
// that has forbrug.csv is a finished one.
// Usage: node bench/forbrug-generer.js [antal] [mappe]   (default 1000000 bench/data/forbrug-<antal>)
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const rod = fileURLToPath(new URL('..', import.meta.url));
export const REFERENCE = join(rod, 'data/slagelse-ebu-2025-bo2');
export const standardmappe = (antal) => join(rod, 'bench/data', `forbrug-${antal}`);

// Prefix → post of the reference budget. The account numbers have the shape of the municipal chart of
// accounts (hovedkonto.hovedfunktion.funktion.gruppering); the assignment is made up for the benchmark.
export const KONTOPLAN = [
  ['5.57', '2.1', 'Øvrige overførselsudgifter'],
  ['5.57.71', '2.1', 'Integrationsydelse'],
  ['5.57.72', '2.1', 'Sygedagpenge'],
  ['5.57.73', '2.1', 'Kontanthjælp'],
  ['5.57.76', '2.3', 'Uddannelseshjælp og øvrige ydelser til unge'],
  ['5.57.78', '2.1', 'Forsikrede ledige'],
  ['5.57.79', '2.1', 'Jobafklaring'],
  ['5.58', '2.1', 'Øvrige overførselsudgifter'],
  ['5.58.80', '2.1', 'Ledighedsydelse'],
  ['5.58.81', '2.1', 'Fleksjob'],
  ['5.58.82', '2.1', 'Ressourceforløb'],
  ['5.68', '2.1', 'Driftsudgifter til den kommunale beskæftigelsesindsats'],
  ['5.68.90', '2.1', 'Driftsudgifter til den kommunale beskæftigelsesindsats'],
  ['5.68.90.12', '2.1', 'Løntilskud'],
  ['5.68.90.13', '2.1', 'Løntilskud'],
  ['6', '2.2', 'Erhvervsservice'],
  ['3.35', '2.2', 'Tilskud til kulturinstitutioner'],
  ['3.35.64', '2.2', 'Tilskud til kulturinstitutioner'],
  ['3.30', '2.3', 'Øvrige serviceudgifter i Ungeenheden'],
  ['3.30.46', '2.3', 'Særligt tilrettelagt ungdomsuddannelse (STU)'],
  ['3.30.46.51', '2.3', 'Pulje til styrkelse af ungeindsatsen'],
];
// Functions (three segments) whose accounts get postings: some have a prefix of their own, the others
// fall to a shorter one (5.57.75 → 5.57, 5.68.95 → 5.68, 6.48.67 → 6, 3.30.44 → 3.30, 3.35.63 → 3.35).
const FUNKTIONER = [
  '5.57.71', '5.57.72', '5.57.73', '5.57.75', '5.57.76', '5.57.78', '5.57.79', '5.58.80', '5.58.81', '5.58.82',
  '5.58.85', '5.68.90', '5.68.91', '5.68.95', '5.68.98', '6.48.67', '6.48.68', '3.35.64', '3.30.44', '3.30.45',
  '3.30.46', '3.30.47', '3.35.63', '5.57.77',
];
/** Accounts no prefix covers: budgetopf must report them as unmapped. */
export const UDEN_KONTOPLAN = ['0.25.18.01', '4.62.82.10', '7.32.11.05'];

/** The post of an account: the longest prefix that is a whole number of its segments (null if none). */
export function kontering(konto, kontoplan = KONTOPLAN) {
  let bedst = null;
  for (const linje of kontoplan) {
    const p = linje[0];
    if ((konto === p || konto.startsWith(p + '.')) && (!bedst || p.length > bedst[0].length)) bedst = linje;
  }
  return bedst ? { politikomraade: bedst[1], post: bedst[2] } : null;
}

/** Kroner with thousands dots and exactly two decimals, from whole øre. */
export function danskBeloeb(oere) {
  const negativ = oere < 0;
  const a = Math.abs(oere);
  const kr = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+$)/g, '.');
  return `${negativ ? '-' : ''}${kr},${String(a % 100).padStart(2, '0')}`;
}

export function generer(antal, mappe = standardmappe(antal)) {
  mkdirSync(mappe, { recursive: true });
  for (const f of readdirSync(REFERENCE)) copyFileSync(join(REFERENCE, f), join(mappe, f));
  writeFileSync(join(mappe, 'kontoplan.csv'), ['konto;politikomraade;post', ...KONTOPLAN.map((l) => l.join(';'))].join('\n') + '\n');

  let x = 20250630; // a fixed 32-bit linear congruential sequence: the same file every run
  const r = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;

  // ~2.000 accounts: about 85 % of the groupings 01..99 of each function, plus the 4-segment prefixes.
  const konti = [];
  for (const f of FUNKTIONER) {
    for (let g = 1; g <= 99; g++) if (r() < 0.85) konti.push(`${f}.${String(g).padStart(2, '0')}`);
  }
  for (const [p] of KONTOPLAN) if (p.split('.').length === 4 && !konti.includes(p)) konti.push(p);
  const udenPost = konti.filter((k) => !kontering(k));
  if (udenPost.length) throw new Error(`Konti uden kontoplan ud over UDEN_KONTOPLAN: ${udenPost.slice(0, 5).join(', ')}`);
  for (let i = konti.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [konti[i], konti[j]] = [konti[j], konti[i]]; }

  const datoer = [];
  for (let d = Date.UTC(2024, 0, 1); d <= Date.UTC(2025, 5, 30); d += 86_400_000) datoer.push(new Date(d).toISOString().slice(0, 10));
  const kontoFelter = konti.map((k) => k + ';');
  const datoFelter = datoer.map((d) => d + ';');
  const uden = UDEN_KONTOPLAN.map((k) => k + ';');

  const beloeb = () => {
    const u = r();
    const oere = u < 0.20 ? 1 + Math.floor(r() * 999)              //        0,01 –         9,99
      : u < 0.58 ? 1_000 + Math.floor(r() * 9_000)                 //       10,00 –        99,99
      : u < 0.83 ? 10_000 + Math.floor(r() * 90_000)               //      100,00 –       999,99
      : u < 0.95 ? 100_000 + Math.floor(r() * 900_000)             //    1.000,00 –     9.999,99
      : u < 0.99 ? 1_000_000 + Math.floor(r() * 9_000_000)         //   10.000,00 –    99.999,99
      : u < 0.9995 ? 10_000_000 + Math.floor(r() * 990_000_000)    //  100.000,00 – 9.999.999,99
      : 100 * (10_000_000 + Math.floor(r() * 90_000_000));         // 10 – 100 mio., hele kroner
    return danskBeloeb(r() < 0.1 ? -oere : oere);
  };

  const fil = join(mappe, 'forbrug.csv');
  const tmp = fil + '.tmp';
  const fd = openSync(tmp, 'w');
  writeSync(fd, 'konto;dato;beloeb\n');
  const BLOK = 65_536;
  for (let start = 0; start < antal; start += BLOK) {
    const dele = [];
    for (let i = start; i < Math.min(antal, start + BLOK); i++) {
      // Every 997th posting goes to an unmapped account; the others lean mildly to the first accounts.
      const konto = i % 997 === 500 ? uden[(i / 997 | 0) % uden.length] : kontoFelter[Math.floor(r() ** 1.5 * kontoFelter.length)];
      dele.push(konto + datoFelter[Math.floor(r() * datoFelter.length)] + beloeb());
    }
    writeSync(fd, dele.join('\n') + '\n');
  }
  closeSync(fd);
  renameSync(tmp, fil);
  return { mappe, fil, bytes: statSync(fil).size, konti: konti.length + UDEN_KONTOPLAN.length };
}

/** The dataset folder for `antal` postings, generated first if it is not there yet. */
export function sikrData(antal, mappe = standardmappe(antal), log = console.log) {
  if (existsSync(join(mappe, 'forbrug.csv')) && existsSync(join(mappe, 'kontoplan.csv'))) return mappe;
  log(`Genererer ${antal.toLocaleString('da-DK')} posteringer i ${mappe} …`);
  const t0 = performance.now();
  const g = generer(antal, mappe);
  log(`  ${(g.bytes / 1e6).toFixed(1)} MB (${(g.bytes / antal).toFixed(1)} byte pr. række), ${g.konti} konti at vælge imellem, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return mappe;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const antal = Number(process.argv[2] ?? 1_000_000);
  if (!Number.isInteger(antal) || antal < 1) { console.error(`Antal skal være et helt tal over 0, ikke "${process.argv[2]}"`); process.exit(2); }
  const mappe = process.argv[3] ? resolve(process.argv[3]) : standardmappe(antal);
  const t0 = performance.now();
  const g = generer(antal, mappe);
  console.log(`${antal.toLocaleString('da-DK')} posteringer, ${g.konti} konti at vælge imellem (${UDEN_KONTOPLAN.length} uden kontoplan) → ${g.fil}`);
  console.log(`${(g.bytes / 1e6).toFixed(1)} MB, ${(g.bytes / antal).toFixed(1)} byte pr. række, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
