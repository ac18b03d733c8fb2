/** `budgetopf videre DIR --til NY`: the next round's folder, with the approved bevillinger in the korrigeret budget. */
import { videre, VidereFejl } from '../core/videre.js';
import { skrivNaesteRunde } from '../io/skriv-runde.js';
import { SkriveFejl } from '../io/write.js';
import { ExitError } from './exit-error.js';
import { indlaesOgBeregn, type Miljoe } from './shared.js';

export interface VidereFlag {
  til: string;
  /** `alle` or ids separated by commas (`B1,B3`). */
  godkendte?: string;
  opfoelgning?: string;
}

/** `--godkendte`: `alle`, or ids separated by commas; none without the option. */
export function godkendteFlag(v: string | undefined): 'alle' | string[] {
  if (v === undefined) return [];
  if (v.trim().toLowerCase() === 'alle') return 'alle';
  const ids = v.split(',').map((s) => s.trim());
  if (ids.some((s) => s === ''))
    throw new ExitError(2, `--godkendte skal være "alle" eller id'er adskilt af komma, fx B1,B3 (fik "${v}")`);
  return ids;
}

export async function videreKommando(mappe: string, flag: VidereFlag, miljoe: Miljoe): Promise<void> {
  const godkendte = godkendteFlag(flag.godkendte);
  if (flag.opfoelgning !== undefined && flag.opfoelgning.trim() === '')
    throw new ExitError(2, '--opfoelgning kræver et navn, fx BO3');
  const k = await indlaesOgBeregn(mappe, miljoe);
  let v;
  try {
    v = videre(k.ds, k.o, { godkendte, opfoelgning: flag.opfoelgning?.trim() });
  } catch (e) {
    if (e instanceof VidereFejl) throw new ExitError(e.art === 'data' ? 1 : 2, e.message);
    throw e;
  }
  try {
    skrivNaesteRunde(mappe, flag.til, v);
  } catch (e) {
    if (e instanceof SkriveFejl) throw new ExitError(2, e.message);
    throw e;
  }
  const fra = k.ds.manifest.opfoelgning;
  miljoe.stderr(
    `Skrev ${flag.til}: ${v.ds.manifest.opfoelgning} efter ${fra}. `
      + `Godkendt og lagt i korrigeret budget: ${v.godkendte.join(', ') || 'ingen'}.`,
  );
  if (v.ikkeGodkendte.length)
    miljoe.stderr(`Ikke godkendt og ikke ført videre: ${v.ikkeGodkendte.join(', ')} (de står stadig i ${mappe}).`);
  if (v.nyePoster.length) miljoe.stderr(`Nye poster for bevillinger uden post: ${v.nyePoster.join('; ')}.`);
  if (k.ds.manifest.opgoerelse)
    miljoe.stderr(
      `Husk at rette "opgoerelse" i opfoelgning.json ("${k.ds.manifest.opgoerelse}") `
        + `og de forventede tal til ${v.ds.manifest.opfoelgning}.`,
    );
}
