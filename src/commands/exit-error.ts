/** Thrown by commands; the one top-level catch in cli.ts turns it into a message and an exit code. */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(
    /** 1 = the data has errors; 2 = wrong usage or could not run. */
    readonly kode: 1 | 2,
    besked: string,
  ) {
    super(besked);
  }
}
