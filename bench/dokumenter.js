// The documents on a large folder: `rapport --poster --format xlsx` and `--format docx` on N posts (default
// 2.000: 100 politikområder of 20 posts), each as a whole process (`bin/budgetopf.js`, built), interleaved,
// R rounds (default 10). Prints min/median/max wall time and the peak RSS. Target (issue 17): xlsx < 1,5 s.
// Usage: node bench/dokumenter.js [poster] [runder]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const poster = Number(process.argv[2] ?? 2000);
const runder = Number(process.argv[3] ?? 10);
const omraader = Math.max(1, Math.round(poster / 20));
const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-dokumenter-'));
const data = join(mappe, 'data');
mkdirSync(data);
writeFileSync(join(data, 'opfoelgning.json'), JSON.stringify({ kommune: 'Testkommune', udvalg: 'Testudvalget', budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: 'kr' }));
writeFileSync(join(data, 'politikomraader.csv'), `nr;navn;udvalg\n${Array.from({ length: omraader }, (_, i) => `${i + 1}.1;Område ${i + 1};Testudvalget`).join('\n')}\n`);
let x = 7; // a fixed sequence: the same folder every run
const tal = () => (x = (x * 1103515245 + 12345) % 2 ** 31) % 10_000_000;
const linjer = Array.from({ length: poster }, (_, i) => {
  const k = 1_000_000 + tal();
  return `${(i % omraader) + 1}.1;Post ${i + 1};${i % 3 ? 'service' : 'overfoersel'};${k};${k};${k + tal() - 5_000_000};${k}`;
});
writeFileSync(join(data, 'budget.csv'), `politikomraade;post;udgiftsart;vedtaget;korrigeret;forventet;forventet_forrige\n${linjer.join('\n')}\n`);

function koer(format) {
  const fil = join(mappe, `ud.${format}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/budgetopf.js', 'rapport', data, '--poster', '--format', format, '--output', fil], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms, rssMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
}

const maal = { xlsx: [], docx: [] };
koer('xlsx');
koer('docx'); // warm the file cache
for (let i = 0; i < runder; i++) for (const f of i % 2 ? ['docx', 'xlsx'] : ['xlsx', 'docx']) maal[f].push(koer(f));
console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
for (const [f, m] of Object.entries(maal)) {
  const t = m.map((x) => x.ms).sort((a, b) => a - b);
  const rss = Math.max(...m.map((x) => x.rssMb));
  console.log(`rapport --poster --format ${f}, ${poster} poster, ${runder} runder: min ${(t[0] / 1000).toFixed(2)} s, median ${(t[Math.floor(t.length / 2)] / 1000).toFixed(2)} s, max ${(t.at(-1) / 1000).toFixed(2)} s; RSS højst ${rss.toFixed(0)} MB`);
}
