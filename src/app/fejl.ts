/**
 * The one mapping from the error classes of the layers below to an exit code and a Danish message
 * (FORMAT.md: 1 the data has errors, 2 wrong usage or could not run). cli.ts asks it in its single catch;
 * commands let these errors pass instead of translating them each.
 */
import { ExitError } from '../commands/exit-error.js';
import { ScenarieFejl } from '../core/scenarie.js';
import { MappeFejl } from '../io/load-dataset.js';
import { SkriveFejl } from '../io/write.js';

/** The exit code and message for an error a layer throws on purpose; null for anything else (a bug in budgetopf). */
export function somExitFejl(e: unknown): ExitError | null {
  if (e instanceof ExitError) return e;
  // A scenario given on the command line is usage; a scenario file's errors are findings (io/scenarier.ts).
  if (e instanceof ScenarieFejl) return new ExitError(2, e.message);
  if (e instanceof SkriveFejl) return new ExitError(2, e.message);
  if (e instanceof MappeFejl)
    return new ExitError(
      2,
      `${e.message}. Angiv mappen med datasættet, fx data/slagelse-ebu-2025-bo2 (se budgetopf --help)`,
    );
  return null;
}
