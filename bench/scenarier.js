// 10.000 scenarios on the reference dataset through the library API (load once, apply many): each a
// random change of helårspersoner or price on a random ydelse, computed by the same engine as the CLI.
// Usage: node bench/scenarier.js [antal]   (default 10000)
import { cpus } from 'node:os';
import { anvendScenarie, beregn, indlaesDatasaet, parseAendring } from 'budgetopf';

const antal = Number(process.argv[2] ?? 10_000);
const { datasaet } = await indlaesDatasaet(new URL('../data/slagelse-ebu-2025-bo2', import.meta.url).pathname);
const ydelser = datasaet.ydelser.map((y) => y.ydelse);
let x = 42; // a fixed linear congruential sequence: the same scenarios every run
const tilfaeldig = (n) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
const scenarier = Array.from({ length: antal }, () => [
  parseAendring(tilfaeldig(2) ? 'hp' : 'pris', ydelser[tilfaeldig(ydelser.length)], `${tilfaeldig(2) ? '+' : '-'}${tilfaeldig(20) + 1}%`),
]);

for (let i = 0; i < 200; i++) beregn(anvendScenarie(datasaet, scenarier[i])); // warm-up
const t0 = process.hrtime.bigint();
let kontrol = 0;
for (const s of scenarier) kontrol += beregn(anvendScenarie(datasaet, s)).total.afvigelse.isNegative() ? 1 : 0;
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
console.log(`${antal} scenarier: ${ms.toFixed(0)} ms (${(ms * 1000 / antal).toFixed(1)} µs pr. scenarie; ${kontrol} med merforbrug i alt)`);
