/** `budgetopf samle DIR… --til NY`: udvalg folders (and a financing folder) merged into one municipality folder. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { samleDatasaet, type Kildemappe } from '../core/samle.js';
import { FILER, indlaesDatasaet } from '../io/load-dataset.js';
import { datasaetFiler, skrivMappeAtomisk } from '../io/skriv-mappe.js';
import { SkriveFejl } from '../io/write.js';
import { fundLinje } from '../render/fund.js';
import { ExitError } from './exit-error.js';
import { indlaes, type Miljoe } from './shared.js';

/** The folders' forbrug.csv as one file: their postings after one header, when the headers agree. */
function samletForbrug(mapper: readonly Kildemappe[]): string | null {
  const filer = mapper.flatMap((k) =>
    k.ds.forbrugsfil ? [{ k, tekst: readFileSync(k.ds.forbrugsfil, 'utf8').replace(/^\uFEFF/, '') }] : [],
  );
  if (filer.length === 0) return null;
  const linjer = filer.map((f) => f.tekst.split(/\r?\n/));
  const hoved = linjer[0]![0]!;
  const anden = filer.findIndex((_, i) => linjer[i]![0]!.trim().toLowerCase() !== hoved.trim().toLowerCase());
  if (anden >= 0) {
    throw new ExitError(
      1,
      `forbrug.csv i ${filer[0]!.k.navn} og ${filer[anden]!.k.navn} har forskellige kolonner; ` +
        'ret dem til samme format (konto;dato;beloeb), før de samles',
    );
  }
  return [hoved, ...linjer.flatMap((l) => l.slice(1).filter((x) => x.trim() !== ''))].join('\r\n') + '\r\n';
}

export async function samle(mapper: string[], flag: { til: string; kommune?: string }, miljoe: Miljoe): Promise<void> {
  if (mapper.map((m) => resolve(m)).includes(resolve(flag.til)))
    throw new ExitError(2, `--til ${flag.til} er en af de mapper, der samles; vælg en ny mappe`);
  const kilder: Kildemappe[] = [];
  for (const navn of mapper) kilder.push({ navn, ds: (await indlaes(navn, miljoe)).ds });
  const samlet = samleDatasaet(kilder, flag.kommune);
  if (!samlet.ok) {
    for (const f of samlet.fejl) miljoe.stderr(`fejl: ${f}`);
    throw new ExitError(1, `${samlet.fejl.length} fejl; ${flag.til} er ikke skrevet`);
  }
  for (const a of samlet.advarsler) miljoe.stderr(`advarsel: ${a}`);
  const filer: Map<string, string> = datasaetFiler(samlet.ds);
  const forbrug = samletForbrug(kilder);
  if (forbrug !== null) filer.set(FILER.forbrug, forbrug);
  try {
    // The merged folder must load cleanly (a ydelse or a konto in two folders) before it takes its name.
    await skrivMappeAtomisk(flag.til, filer, async (tmp) => {
      const res = await indlaesDatasaet(tmp);
      const fejl = res.fund.filter((f) => f.alvor === 'fejl');
      for (const f of fejl) miljoe.stderr(fundLinje({ ...f, fil: f.fil.replace(tmp, flag.til) }));
      if (fejl.length) throw new ExitError(1, `Den samlede mappe har ${fejl.length} fejl; ${flag.til} er ikke skrevet`);
    });
  } catch (e) {
    if (e instanceof SkriveFejl) throw new ExitError(2, e.message);
    throw e;
  }
  const antal = samlet.ds.poster.length;
  miljoe.stderr(
    `Skrev ${flag.til}: ${mapper.length} mapper, ${samlet.ds.politikomraader.length} politikområder, ${antal} poster.`,
  );
}
