// Scenarios on the reference dataset through the library API, each round in a fresh process (dataset loaded,
// scenarios built, then timed): `beregnScenarier` (integer deltas) for 10.000 and 100.000 scenarios, first
// call included (it computes the base), and today's engine (`beregn(anvendScenarie(…))` per scenario) for
// 10.000. Each scenario: a random ±1–20 % change of helårspersoner or price on a random ydelse (a fixed
// sequence). The processes alternate, so every ratio compares measurements of the same moments.
// Usage: node bench/scenarier.js [runder]   (default 10)
//        node bench/scenarier.js --barn <motor> <antal>   (one measurement, JSON on stdout)
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const rod = fileURLToPath(new URL('..', import.meta.url));

async function barn(motor, antal) {
  const { anvendScenarie, beregn, beregnScenarier, indlaesDatasaet, parseAendring } = await import('budgetopf');
  const { datasaet } = await indlaesDatasaet(`${rod}data/slagelse-ebu-2025-bo2`);
  const ydelser = datasaet.ydelser.map((y) => y.ydelse);
  let x = 42; // a fixed linear congruential sequence: the same scenarios every run
  const tilfaeldig = (n) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
  const scenarier = Array.from({ length: antal }, (_, i) => ({
    navn: `S${i}`,
    aendringer: [parseAendring(
      tilfaeldig(2) ? 'hp' : 'pris', ydelser[tilfaeldig(ydelser.length)], `${tilfaeldig(2) ? '+' : '-'}${tilfaeldig(20) + 1}%`,
    )],
  }));
  const runde = () => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    let merforbrug = 0;
    if (motor === 'heltal') {
      for (const t of beregnScenarier(datasaet, scenarier)) if (t.afvigelseOere < 0n) merforbrug++;
    } else {
      for (const s of scenarier) {
        if (beregn(anvendScenarie(datasaet, s.aendringer)).total.afvigelse.isNegative()) merforbrug++;
      }
    }
    const c = process.cpuUsage(c0);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: (c.user + c.system) / 1000, merforbrug };
  };
  const foerste = runde();
  const varm = motor === 'heltal' ? [runde(), runde(), runde()] : [];
  process.stdout.write(JSON.stringify({ foerste, varm: varm.map((r) => r.ms) }));
}

/** min / median / max of a list. */
export const mmm = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor((s.length - 1) / 2)], max: s[s.length - 1] };
};

export function maalScenarier(runder = 10, log = console.log) {
  const maal = { heltal10k: ['heltal', 10_000], heltal100k: ['heltal', 100_000], idag10k: ['idag', 10_000] };
  const data = Object.fromEntries(Object.keys(maal).map((k) => [k, []]));
  const varm = Object.fromEntries(Object.keys(maal).map((k) => [k, []]));
  let kontrol = null;
  for (let r = 0; r < runder; r++) {
    for (const [navn, [motor, antal]] of Object.entries(maal)) {
      const args = [fileURLToPath(import.meta.url), '--barn', motor, String(antal)];
      const p = spawnSync(process.execPath, args, { cwd: rod, encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${navn}: ${p.stderr}`);
      const m = JSON.parse(p.stdout);
      data[navn].push(m.foerste.ms);
      varm[navn].push(...m.varm);
      if (antal === 10_000) {
        if (kontrol !== null && kontrol !== m.foerste.merforbrug) throw new Error('motorerne er uenige om antal med merforbrug');
        kontrol = m.foerste.merforbrug;
      }
    }
  }
  const f = (v) => `${v.toFixed(1).padStart(7)}`;
  const linje = (navn, xs) => {
    const m = mmm(xs);
    return `${navn.padEnd(44)} ${f(m.min)} ${f(m.median)} ${f(m.max)} ms`;
  };
  log(`${runder} runder, hver i sin egen proces (datasættet indlæst før tiden tages); min / median / max`);
  log(linje('beregnScenarier 10.000, første kald', data.heltal10k));
  log(linje('beregnScenarier 10.000, varm', varm.heltal10k));
  log(linje('beregnScenarier 100.000, første kald', data.heltal100k));
  log(linje('beregnScenarier 100.000, varm', varm.heltal100k));
  log(linje('beregn ∘ anvendScenarie 10.000 (i dag)', data.idag10k));
  const ratio = data.heltal10k.map((t, i) => t / data.idag10k[i]);
  const rm = mmm(ratio);
  log(`heltal / i dag (10.000, parvis): min ${rm.min.toFixed(3)}×, median ${rm.median.toFixed(3)}×, max ${rm.max.toFixed(3)}×`);
  log(`${kontrol} af 10.000 scenarier med merforbrug i alt (ens i begge motorer)`);
  return { data, varm, ratio };
}

if (process.argv[2] === '--barn') {
  await barn(process.argv[3], Number(process.argv[4]));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Maskine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
  maalScenarier(Number(process.argv[2] ?? 10));
}
