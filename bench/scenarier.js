// 10.000 scenarios on the reference dataset through the library API (load once, apply many): each a
// random change of helårspersoner or price on a random ydelse, computed by the same engine as the CLI.
// Five rounds in one process (the VM's timing is noisy): prints each round, the minimum and the median.
// Usage: node bench/scenarier.js [antal] [runder]   (default 10000 5)
import { cpus } from 'node:os';
import { anvendScenarie, beregn, indlaesDatasaet, parseAendring } from 'budgetopf';

const antal = Number(process.argv[2] ?? 10_000);
const runder = Number(process.argv[3] ?? 5);
const { datasaet } = await indlaesDatasaet(new URL('../data/slagelse-ebu-2025-bo2', import.meta.url).pathname);
const ydelser = datasaet.ydelser.map((y) => y.ydelse);
let x = 42; // a fixed linear congruential sequence: the same scenarios every run
const tilfaeldig = (n) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
const scenarier = Array.from({ length: antal }, () => [
  parseAendring(tilfaeldig(2) ? 'hp' : 'pris', ydelser[tilfaeldig(ydelser.length)], `${tilfaeldig(2) ? '+' : '-'}${tilfaeldig(20) + 1}%`),
]);

for (let i = 0; i < 200; i++) beregn(anvendScenarie(datasaet, scenarier[i])); // warm-up
const tider = [];
let kontrol = 0;
for (let r = 0; r < runder; r++) {
  const t0 = process.hrtime.bigint();
  kontrol = 0;
  for (const s of scenarier) kontrol += beregn(anvendScenarie(datasaet, s)).total.afvigelse.isNegative() ? 1 : 0;
  tider.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const sorteret = [...tider].sort((a, b) => a - b);
const median = sorteret[Math.floor(sorteret.length / 2)];
console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
console.log(`${antal} scenarier, ${runder} runder: ${tider.map((t) => t.toFixed(0)).join(', ')} ms`);
console.log(`min ${sorteret[0].toFixed(0)} ms, median ${median.toFixed(0)} ms (${(median * 1000 / antal).toFixed(1)} µs pr. scenarie; ${kontrol} med merforbrug i alt)`);
