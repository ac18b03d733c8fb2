import { spawnSync } from 'node:child_process';
import { beregn, type Opfoelgning } from '../src/core/beregn.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';

export const REFERENCE = 'data/slagelse-ebu-2025-bo2';

/** Loads and computes a dataset folder that must be free of errors. */
export async function beregnMappe(mappe: string): Promise<Opfoelgning> {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  if (!datasaet) throw new Error(`datasættet ${mappe} har fejl:\n${fund.map((f) => `${f.fil}:${f.linje}: ${f.kode}`).join('\n')}`);
  return beregn(datasaet);
}

/** Runs the built CLI (bin/budgetopf.js) without colour; returns exit code, stdout and stderr. */
export function koerCli(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/budgetopf.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { kode: r.status, ud: r.stdout, fejl: r.stderr };
}
