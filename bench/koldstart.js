// Cold start: `budgetopf afvigelser` on the reference data against a bare `node -e ""`, measured side by
// side in one run (alternating, so both see the same machine load). Prints medians and the ratio.
// Usage: node bench/koldstart.js [runder]   (default 30)
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const rod = fileURLToPath(new URL('..', import.meta.url));
const runder = Number(process.argv[2] ?? 30);
const kommandoer = {
  'node -e ""': [process.execPath, ['-e', '']],
  'budgetopf afvigelser (reference)': [process.execPath, ['bin/budgetopf.js', 'afvigelser', 'data/slagelse-ebu-2025-bo2']],
  'budgetopf afvigelser --format json': [process.execPath, ['bin/budgetopf.js', 'afvigelser', 'data/slagelse-ebu-2025-bo2', '--format', 'json']],
};

function tid([cmd, args]) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: rod, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} gav exit ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const maalinger = Object.fromEntries(Object.keys(kommandoer).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const k of Object.keys(kommandoer)) tid(kommandoer[k]); // warm the file cache
for (let i = 0; i < runder; i++) for (const k of Object.keys(kommandoer)) maalinger[k].push(tid(kommandoer[k]));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const basis = median(maalinger['node -e ""']);
console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${runder} runder`);
for (const [k, xs] of Object.entries(maalinger)) {
  console.log(`${k.padEnd(36)} median ${median(xs).toFixed(1).padStart(6)} ms  min ${Math.min(...xs).toFixed(1).padStart(6)} ms  ${(median(xs) / basis).toFixed(2)}× node`);
}
