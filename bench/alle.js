// Every comparison side by side in one run (`npm run bench`), written into BENCHMARKS.md between the markers
// below. Each figure is a ratio between measurements taken in the same round (interleaved), so the load
// of other processes on a shared machine falls on both sides; every row gives min / median / max.
//   1. cold start: afvigelser, --format json and rapport on the reference folder against `node -e ""`;
//   2. postings: `forbrug` on 1.000.000 postings (all cores and one thread) against DuckDB single-threaded
//      and with its default threads (npm @duckdb/node-api in bench/sammenligning, installed there on demand)
//      and pandas (Debian's python3-pandas; skipped when missing), each a whole process; peak RSS;
//   3. scenarios: beregnScenarier against today's engine (bench/scenarier.js);
//   4. scaling: afvigelser, valider, prognose and rapport --format html at 1×, 4× and 16× (≈1.000, 4.000 and
//      16.000 posts; bench/skala-generer.js), time and peak RSS, and the growth against 1×.
// Usage: node bench/alle.js [--runder N] [--uden skala,forbrug,…] [--skriv]
//        (default 10 rounds; --skriv writes BENCHMARKS.md)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sikrData } from './forbrug-generer.js';
import { maalScenarier, mmm } from './scenarier.js';
import { genererSkala } from './skala-generer.js';

const rod = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const tal = (navn, std) => (argv.includes(navn) ? Number(argv[argv.indexOf(navn) + 1]) : std);
const RUNDER = tal('--runder', 10);
const uden = new Set(argv.includes('--uden') ? argv[argv.indexOf('--uden') + 1].split(',') : []);
const REF = 'data/slagelse-ebu-2025-bo2';
const TIME = '/usr/bin/time';
const ud = [];
const log = (s = '') => {
  ud.push(s);
  console.log(s);
};

/** One whole process: wall seconds and peak RSS (MB, when /usr/bin/time exists). */
function koer(cmd, args, env = {}, maalRss = true) {
  const medTime = maalRss && existsSync(TIME); // not for cold start: the wrapper's own start would dilute the ratio
  const t0 = process.hrtime.bigint();
  const r = spawnSync(medTime ? TIME : cmd, medTime ? ['-f', '%M', cmd, ...args] : args, {
    cwd: rod, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const rss = medTime ? Number(r.stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { s, rss, stdout: r.stdout };
}

const f3 = (x) => x.toFixed(3);
const hoved = (titel) => `${titel.padEnd(46)} ${'min'.padStart(8)} ${'median'.padStart(8)} ${'max'.padStart(8)}`;
const raekke = (navn, xs, enhed = '') => {
  const m = mmm(xs);
  return `${navn.padEnd(46)} ${f3(m.min).padStart(8)} ${f3(m.median).padStart(8)} ${f3(m.max).padStart(8)}${enhed}`;
};

/** Rounds of every method in turn (the order rotates); per method its seconds and its ratio to `basis` that round. */
function interleave(metoder, basis, runder) {
  const navne = Object.keys(metoder);
  const tider = Object.fromEntries(navne.map((n) => [n, []]));
  const rss = Object.fromEntries(navne.map((n) => [n, []]));
  for (const n of navne) koer(...metoder[n]); // warm the file cache
  for (let r = 0; r < runder; r++) {
    for (let i = 0; i < navne.length; i++) {
      const n = navne[(i + r) % navne.length];
      const m = koer(...metoder[n]);
      tider[n].push(m.s);
      rss[n].push(m.rss);
    }
  }
  const ratio = Object.fromEntries(navne.map((n) => [n, tider[n].map((t, i) => t / tider[basis][i])]));
  return { tider, ratio, rss };
}

function maskine() {
  const c = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  log(`Maskine: ${c.length} × ${c[0]?.model ?? '?'}, ${gib} GiB, Linux ${release()}, Node ${process.version}`);
  const last = loadavg().map((x) => x.toFixed(1)).join(' / ');
  log(`Belastning ved start (1/5/15 min): ${last} — delt maskine: kun forhold fra samme runde tæller`);
}

function koldstart() {
  const node = [process.execPath, ['-e', ''], {}, false];
  const cli = (...a) => [process.execPath, ['bin/budgetopf.js', ...a], {}, false];
  const m = interleave({
    'node -e ""': node,
    afvigelser: cli('afvigelser', REF),
    'afvigelser --format json': cli('afvigelser', REF, '--format', 'json'),
    rapport: cli('rapport', REF),
  }, 'node -e ""', Math.max(RUNDER, 10) * 2);
  log(`\n### Koldstart (${Math.max(RUNDER, 10) * 2} runder; mål ≤ 1,3× node -e "")`);
  log(hoved('forhold til node -e "" (samme runde)'));
  for (const n of ['afvigelser', 'afvigelser --format json', 'rapport']) {
    log(raekke(`budgetopf ${n}`, m.ratio[n], '×'));
  }
  log(raekke('node -e "" selv (sekunder)', m.tider['node -e ""'], ' s'));
}

function duckdbFindes() {
  const d = join(rod, 'bench/sammenligning');
  if (existsSync(join(d, 'node_modules/@duckdb/node-api/package.json'))) return true;
  log('(installerer @duckdb/node-api i bench/sammenligning med npm ci)');
  return spawnSync('npm', ['ci', '--prefix', d, '--no-audit', '--no-fund'], { cwd: rod, stdio: 'ignore' }).status === 0;
}

function forbrug() {
  const mappe = join(rod, 'bench/data/forbrug-1000000');
  sikrData(1_000_000, mappe, () => {});
  const csv = join(mappe, 'forbrug.csv');
  const bo = ['bin/budgetopf.js', 'forbrug', mappe, '--pr', '2025-06-30', '--format', 'json'];
  const metoder = {
    'budgetopf, alle kerner': [process.execPath, bo],
    'budgetopf, 1 tråd': [process.execPath, bo, { BUDGETOPF_TRAADE: '1' }],
  };
  if (!duckdbFindes()) return log('\n### Posteringer: DuckDB kunne ikke installeres; springes over');
  const duck = join(rod, 'bench/sammenligning/duckdb-forbrug.js');
  metoder['DuckDB 1 tråd'] = [process.execPath, [duck, csv]];
  metoder['DuckDB standardtråde'] = [process.execPath, [duck, csv, '--traade', 'standard']];
  const py = '/usr/bin/python3';
  const pandas = existsSync(py) && spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
  if (pandas) metoder['pandas (float64)'] = [py, [join(rod, 'bench/sammenligning/pandas-forbrug.py'), csv]];
  const m = interleave(metoder, 'DuckDB 1 tråd', RUNDER);
  const d = m.tider['DuckDB standardtråde'].map((t, i) => m.tider['budgetopf, alle kerner'][i] / t);
  log(`\n### 1.000.000 posteringer (28,7 MB), hele processer, ${RUNDER} runder`);
  log('Mål: ≤ 0,6× DuckDB 1 tråd og ≤ 0,8× DuckDB standardtråde');
  log(hoved('forhold til DuckDB 1 tråd (samme runde)'));
  for (const n of Object.keys(metoder)) log(raekke(n, m.ratio[n], '×'));
  log(raekke('budgetopf alle kerner / DuckDB standardtråde', d, '×'));
  log(raekke('DuckDB 1 tråd selv (sekunder)', m.tider['DuckDB 1 tråd'], ' s'));
  for (const n of Object.keys(metoder)) log(raekke(`peak RSS ${n}`, m.rss[n], ' MB'));
  if (!pandas) log('pandas: /usr/bin/python3 med pandas findes ikke på maskinen; springes over');
}

function skala() {
  const gange = { '1×': 59, '4×': 236, '16×': 941 };
  const kommandoer = {
    afvigelser: ['afvigelser'], valider: ['valider'], prognose: ['prognose'],
    'rapport --format html': ['rapport', '--format', 'html'],
  };
  log('\n### Skalering (fixtures/prognose × 59 / 236 / 941 = 1.003 / 4.012 / 15.997 poster); én kørsel pr. celle');
  const titler = Object.keys(gange).map((g) => `${g} s / MB`.padStart(18)).join('');
  log(`${'kommando'.padEnd(24)} ${titler}   16× / 1× (lineært = 16)`);
  const node = koer(process.execPath, ['-e', '']);
  for (const [navn, args] of Object.entries(kommandoer)) {
    const celler = [];
    for (const [g, n] of Object.entries(gange)) {
      const mappe = join(rod, `bench/data/skala-${n}`);
      if (!existsSync(join(mappe, 'budget.csv'))) genererSkala(n, mappe);
      const m = koer(process.execPath, ['bin/budgetopf.js', args[0], mappe, ...args.slice(1)]);
      celler.push({ g, ...m });
    }
    const vaekst = (celler[2].s - node.s) / (celler[0].s - node.s);
    const tal = celler.map((c) => `${c.s.toFixed(2)} / ${c.rss.toFixed(0)}`.padStart(18)).join('');
    log(`${navn.padEnd(24)} ${tal}   ${vaekst.toFixed(1)}`);
  }
  log(`(node -e "" i samme kørsel: ${node.s.toFixed(3)} s; væksten er regnet uden den)`);
}

function scenarier() {
  log(`\n### Scenarier (mål: 10.000 < 0,1 s med første kald, 100.000 < 1 s)`);
  maalScenarier(RUNDER, log);
}

maskine();
if (!uden.has('koldstart')) koldstart();
if (!uden.has('scenarier')) scenarier();
if (!uden.has('forbrug')) forbrug();
if (!uden.has('skala')) skala();
log(`\nBelastning ved slut (1/5/15 min): ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`);

if (argv.includes('--skriv')) {
  const START = '<!-- bench/alle.js: start -->';
  const SLUT = '<!-- bench/alle.js: slut -->';
  const fil = join(rod, 'BENCHMARKS.md');
  const tekst = readFileSync(fil, 'utf8');
  const kommando = `node bench/alle.js ${argv.filter((a) => a !== '--skriv').join(' ')}`.trim();
  const blok = [START, '## Alle sammenligninger i én kørsel (issue 17)', '', '```', `$ ${kommando}`, ...ud, '```', SLUT].join('\n');
  const ny = tekst.includes(START)
    ? tekst.slice(0, tekst.indexOf(START)) + blok + tekst.slice(tekst.indexOf(SLUT) + SLUT.length)
    : tekst.replace(/\n/, `\n\n${blok}\n`);
  writeFileSync(fil, ny);
}
