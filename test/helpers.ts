import { beregn, type Opfoelgning } from '../src/core/beregn.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';

export const REFERENCE = 'data/slagelse-ebu-2025-bo2';

/** Loads and computes a dataset folder that must be free of errors. */
export async function beregnMappe(mappe: string): Promise<Opfoelgning> {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  if (!datasaet) throw new Error(`datasættet ${mappe} har fejl:\n${fund.map((f) => `${f.fil}:${f.linje}: ${f.kode}`).join('\n')}`);
  return beregn(datasaet);
}
