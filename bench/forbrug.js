// `budgetopf forbrug` on a large postings file (issue 6), end to end, side by side in one run with
//   DuckDB single-threaded (npm @duckdb/node-api, in bench/sammenligning — installed there on demand,
//     never by the project's own `npm ci`): read_csv + GROUP BY konto, amounts as exact øre;
//   pandas through Debian's python (/usr/bin/python3 with python3-pandas): read_csv + groupby, once with
//     floats (decimal=',', thousands='.') and once with exact øre (beloeb read as text → int64).
// Every method is a child process timed from spawn to exit (start-up included), run alternately round
// by round after one untimed round that also checks the results: every method's sum per konto (all
// dates) must equal DuckDB's to the øre (pandas' floats are rounded to øre first; a difference there
// is reported, not an error), budgetopf's kontering must be the longest prefix in kontoplan.csv, and
// exactly the 3 accounts without a prefix must come out unmapped; til_dato is compared with DuckDB's
// sum over 2025-01-01..--pr (information only). Exit code 1 if budgetopf's sums differ from DuckDB's,
// its kontering is wrong, or the command is missing or gives no JSON.
// The data come from bench/forbrug-generer.js (bench/data/forbrug-<antal>, made if missing).
//
// Usage: node bench/forbrug.js [antal …] [--runder N]     (default 1000000, 5 runder)
//        node bench/forbrug.js --rss [antal …]            peak RSS of budgetopf (default 100000 1000000 5000000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kontering, sikrData, UDEN_KONTOPLAN } from './forbrug-generer.js';

const rod = fileURLToPath(new URL('..', import.meta.url));
const sammenligning = join(rod, 'bench/sammenligning');
const PYTHON = '/usr/bin/python3';
const PR = '2025-06-30';

const argv = process.argv.slice(2);
const rss = argv.includes('--rss');
const ri = argv.indexOf('--runder');
const runder = ri >= 0 ? Number(argv[ri + 1]) : 5;
const antalListe = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runder').map(Number);
if (antalListe.some((n) => !Number.isInteger(n) || n < 1) || !(runder >= 1)) {
  console.error('Brug: node bench/forbrug.js [antal …] [--runder N]  eller  node bench/forbrug.js --rss [antal …]');
  process.exit(2);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const mb = (bytes) => (bytes / 1e6).toFixed(1);
const ja = (b) => (b ? 'ja' : 'nej');

function koer(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: rod, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28, encoding: 'utf8' });
  const sekunder = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  return { sekunder, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const budgetopfArgs = (mappe) => ['bin/budgetopf.js', 'forbrug', mappe, '--pr', PR, '--format', 'json'];

/** Whether bin/budgetopf.js knows `forbrug` (after `npm run build`). */
function budgetopfHarForbrug() {
  if (!existsSync(join(rod, 'dist'))) return false;
  const r = spawnSync(process.execPath, ['bin/budgetopf.js', 'forbrug', '--help'], { cwd: rod, encoding: 'utf8' });
  return r.status === 0 && /forbrug/.test(r.stdout);
}

/** @duckdb/node-api in bench/sammenligning/node_modules, installed from its own lock file if missing. */
function sikrDuckDB() {
  if (existsSync(join(sammenligning, 'node_modules/@duckdb/node-api/package.json'))) return true;
  console.log('Installerer @duckdb/node-api i bench/sammenligning (npm ci, kun til benchmarken) …');
  const r = spawnSync('npm', ['ci', '--prefix', sammenligning, '--no-audit', '--no-fund'], { cwd: rod, stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status === 0;
}

function pandasFindes() {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
}

// Each method: the command, and how its stdout becomes { konto → øre as a BigInt }.
function metoder(mappe) {
  const csv = join(mappe, 'forbrug.csv');
  const fraOere = (konti) => new Map(Object.entries(konti).map(([k, v]) => [k, BigInt(v)]));
  const ud = [];
  if (budgetopfHarForbrug()) {
    ud.push({
      navn: 'budgetopf forbrug --format json', noegle: 'budgetopf', cmd: process.execPath, args: budgetopfArgs(mappe),
      // i_alt is kr with 2 decimals as a JSON number; below 2^53 øre, ×100 and rounding is exact.
      summer: (j) => new Map(j.konti.map((k) => [k.konto, BigInt(Math.round(k.i_alt * 100))])),
    });
  } else {
    console.log('budgetopf forbrug findes ikke (endnu) i bin/budgetopf.js: kør `npm run build`; springes over.');
    process.exitCode = 1;
  }
  if (sikrDuckDB()) {
    ud.push({ navn: 'DuckDB 1 tråd (node-api)', noegle: 'duckdb', cmd: process.execPath, args: [join(sammenligning, 'duckdb-forbrug.js'), csv], summer: (j) => fraOere(j.konti) });
  } else console.log('DuckDB kunne ikke installeres (npm ci --prefix bench/sammenligning); springes over.');
  if (pandasFindes()) {
    const py = join(sammenligning, 'pandas-forbrug.py');
    ud.push({ navn: 'pandas, float64', noegle: 'pandas-float', cmd: PYTHON, args: [py, csv, 'float'], float: true,
      summer: (j) => new Map(Object.entries(j.konti).map(([k, v]) => [k, BigInt(Math.round(v * 100))])) });
    ud.push({ navn: 'pandas, eksakte øre (int64)', noegle: 'pandas-oere', cmd: PYTHON, args: [py, csv, 'oere'], summer: (j) => fraOere(j.konti) });
  } else console.log(`pandas mangler i ${PYTHON} (apt-get install -y python3-pandas); springes over.`);
  return ud;
}

/** Differences between two øre maps: accounts missing on either side or with another sum. */
function forskelle(a, b) {
  const ud = [];
  for (const [k, v] of a) if (b.get(k) !== v) ud.push(`${k}: ${v} ≠ ${b.get(k) ?? 'mangler'}`);
  for (const k of b.keys()) if (!a.has(k)) ud.push(`${k}: mangler ≠ ${b.get(k)}`);
  return ud;
}

const kr = (oere) => (Number(oere) / 100).toFixed(2);

function sammenlign(antal) {
  const mappe = sikrData(antal);
  const bytes = statSync(join(mappe, 'forbrug.csv')).size;
  const ms = metoder(mappe);
  console.log(`\n${antal.toLocaleString('da-DK')} posteringer, ${mb(bytes)} MB (${(bytes / antal).toFixed(1)} byte pr. række), ${runder} runder + 1 kontrolrunde`);

  // The untimed round: warms the file cache and gives the results to check.
  const resultater = {};
  for (const m of ms) {
    const r = koer(m.cmd, m.args);
    let json = null;
    try { json = JSON.parse(r.stdout); } catch { /* handled below */ }
    if (!json || (m.noegle === 'budgetopf' && !Array.isArray(json.konti))) {
      console.log(`${m.navn}: exit ${r.status}, intet brugbart JSON på stdout\n${r.stderr.trim().split('\n').slice(0, 10).join('\n')}`);
      if (m.noegle === 'budgetopf') process.exitCode = 1;
      m.fejl = true;
      continue;
    }
    if (r.status !== 0) console.log(`${m.navn}: exit ${r.status} (resultatet bruges alligevel)`);
    if (m.noegle === 'budgetopf' && r.stderr.trim()) console.log(`budgetopf på stderr: ${r.stderr.trim().split('\n')[0]}`);
    resultater[m.noegle] = { json, summer: m.summer(json) };
  }
  const aktive = ms.filter((m) => !m.fejl);

  // Timed rounds, alternating between the methods.
  const tider = Object.fromEntries(aktive.map((m) => [m.noegle, []]));
  const forespoergsel = [];
  for (let i = 0; i < runder; i++) {
    for (const m of aktive) {
      const r = koer(m.cmd, m.args);
      if (r.status !== 0 && m.noegle !== 'budgetopf') throw new Error(`${m.navn} gav exit ${r.status}: ${r.stderr}`);
      tider[m.noegle].push(r.sekunder);
      if (m.noegle === 'duckdb') forespoergsel.push(JSON.parse(r.stdout).forespoergsel_s);
    }
  }

  // Checks against DuckDB (exact øre), plus one untimed DuckDB run for the row count, the amount
  // format and til_dato.
  const reference = resultater.duckdb?.summer;
  const ens = {};
  const noter = [];
  const kontrol = reference ? JSON.parse(koer(process.execPath, [join(sammenligning, 'duckdb-forbrug.js'), join(mappe, 'forbrug.csv'), '--kontrol']).stdout) : null;
  if (kontrol) {
    if (kontrol.antal !== antal) noter.push(`DuckDB læste ${kontrol.antal} rækker, ikke ${antal}`);
    if (kontrol.uden_to_decimaler !== 0) noter.push(`${kontrol.uden_to_decimaler} beløb er ikke på formen 1.234,56: DuckDB's og pandas' øre-omregning er forkert for dem`);
    for (const m of aktive) {
      if (m.noegle === 'duckdb') { ens[m.noegle] = true; continue; }
      const f = forskelle(reference, resultater[m.noegle].summer);
      ens[m.noegle] = f.length === 0;
      if (f.length) {
        noter.push(`${m.navn}: ${f.length} konti afviger fra DuckDB${m.float ? ' efter afrunding til øre (float-summer)' : ''}, fx ${f.slice(0, 3).join('; ')}`);
        if (m.noegle === 'budgetopf') process.exitCode = 1;
      }
    }
  }
  const bo = resultater.budgetopf?.json;
  if (bo) {
    if (bo.posteringer !== undefined && bo.posteringer !== antal) noter.push(`budgetopf talte ${bo.posteringer} posteringer, ikke ${antal}`);
    const plan = readFileSync(join(mappe, 'kontoplan.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(';'));
    const forkert = bo.konti.filter((k) => {
      const f = kontering(k.konto, plan);
      return (f?.politikomraade ?? null) !== k.politikomraade || (f?.post ?? null) !== k.post;
    });
    const uden = bo.konti.filter((k) => k.post === null).map((k) => k.konto).sort();
    const ventet = UDEN_KONTOPLAN.filter((k) => !reference || reference.has(k)).sort(); // small files lack some
    const udenOk = uden.join() === ventet.join();
    console.log(`Kontering (længste præfiks i kontoplan.csv): ${forkert.length === 0 ? 'alle' : `${forkert.length} forkerte af`} ${bo.konti.length} konti; uden post: ${uden.join(', ')} (${udenOk ? 'som ventet' : `ventede ${ventet.join(', ')}`})`);
    if (forkert.length) noter.push(`forkert kontering, fx ${forkert.slice(0, 3).map((k) => `${k.konto} → ${k.post}`).join('; ')}`);
    if (forkert.length || !udenOk) process.exitCode = 1;
    if (kontrol) {
      // til_dato: information only (its definition is budgetopf's; here: dato from 2025-01-01 to --pr).
      const tilDato = new Map(Object.entries(kontrol.til_dato).map(([k, v]) => [k, BigInt(v)]));
      const boTil = new Map(bo.konti.filter((x) => x.til_dato !== 0 || tilDato.has(x.konto)).map((x) => [x.konto, BigInt(Math.round(x.til_dato * 100))]));
      const f = forskelle(tilDato, boTil);
      console.log(`til_dato mod DuckDB's sum for 2025-01-01..${PR}: ${f.length ? `${f.length} konti afviger, fx ${f.slice(0, 2).join('; ')}` : 'ens for alle konti'}`);
    }
    const total = [...resultater.budgetopf.summer.values()].reduce((a, b) => a + b, 0n);
    console.log(`Sum af alle posteringer: ${kr(total)} kr.`);
  }

  // The table.
  const basis = tider.duckdb ? median(tider.duckdb) : null;
  console.log(`${'metode'.padEnd(34)} ${'min'.padStart(7)} ${'median'.padStart(7)}  ${'× DuckDB'.padStart(8)}  summer ens`);
  const min = (xs) => Math.min(...xs);
  const linje = (navn, xs, ensTekst) => console.log(
    `${navn.padEnd(34)} ${min(xs).toFixed(3).padStart(7)} ${median(xs).toFixed(3).padStart(7)}  ${basis ? `${(median(xs) / basis).toFixed(2)}×`.padStart(8) : '       –'}  ${ensTekst}`);
  for (const m of aktive) linje(m.navn, tider[m.noegle], reference ? ja(ens[m.noegle]) : '–');
  if (forespoergsel.length) linje('  DuckDB, kun forespørgslen', forespoergsel, '');
  console.log('(sekunder, hele processen fra start til slut; × DuckDB = median / DuckDB\'s median)');

  if (tider.budgetopf) {
    const b = median(tider.budgetopf);
    const maal = [`under 1 s: ${ja(b < 1)}`];
    if (tider['pandas-float'] && tider['pandas-oere']) maal.push(`hurtigere end pandas (begge): ${ja(b < median(tider['pandas-float']) && b < median(tider['pandas-oere']))}`);
    if (basis) maal.push(`inden for 1,5× DuckDB: ${ja(b <= 1.5 * basis)}`);
    if (forespoergsel.length) maal.push(`(${(b / median(forespoergsel)).toFixed(2)}× DuckDB's forespørgsel alene)`);
    console.log(`Mål (median): ${maal.join('; ')}`);
  }
  for (const n of noter) console.log(`Bemærk: ${n}`);
}

/** Peak RSS of the budgetopf run: GNU time's %M (the child's ru_maxrss), else a preload in the child. */
function rssMaaling(antalListe) {
  if (!budgetopfHarForbrug()) {
    console.log('budgetopf forbrug findes ikke (endnu) i bin/budgetopf.js: kør `npm run build`.');
    process.exitCode = 1;
    return;
  }
  const gnuTime = existsSync('/usr/bin/time');
  const tmp = mkdtempSync(join(tmpdir(), 'forbrug-rss-'));
  const ud = join(tmp, 'rss');
  const preload = join(tmp, 'rss.mjs'); // the fallback: the child writes its own ru_maxrss (KB) on exit
  writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(ud)}, String(process.resourceUsage().maxRSS)));\n`);
  const maal = (args) => {
    const r = gnuTime
      ? koer('/usr/bin/time', ['-f', '%M', '-o', ud, process.execPath, ...args])
      : koer(process.execPath, ['--import', pathToFileURL(preload).href, ...args]);
    if (r.status !== 0) throw new Error(`${args.join(' ')} gav exit ${r.status}: ${r.stderr}`);
    return { sekunder: r.sekunder, kb: Number(readFileSync(ud, 'utf8').trim().split('\n').pop()) };
  };
  console.log(`Maksimal RSS (${gnuTime ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS i barneprocessen'}), 3 kørsler pr. størrelse, median`);
  const tom = [0, 1, 2].map(() => maal(['-e', '']));
  console.log(`${'node -e ""'.padEnd(38)} RSS ${(median(tom.map((t) => t.kb)) / 1024).toFixed(1).padStart(6)} MB`);
  for (const antal of antalListe) {
    const mappe = sikrData(antal);
    const bytes = statSync(join(mappe, 'forbrug.csv')).size;
    const xs = [0, 1, 2].map(() => maal(budgetopfArgs(mappe)));
    console.log(`budgetopf forbrug ${antal.toLocaleString('da-DK').padStart(9)} ${`${mb(bytes)} MB`.padStart(9)}  RSS ${(median(xs.map((t) => t.kb)) / 1024).toFixed(1).padStart(6)} MB  (${xs.map((t) => (t.kb / 1024).toFixed(0)).join(', ')})  tid median ${median(xs.map((t) => t.sekunder)).toFixed(2)} s`);
  }
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
if (rss) rssMaaling(antalListe.length ? antalListe : [100_000, 1_000_000, 5_000_000]);
else for (const antal of antalListe.length ? antalListe : [1_000_000]) sammenlign(antal);
