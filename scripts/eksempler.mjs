// Every example command of README.md and of `budgetopf --help` / `budgetopf help KOMMANDO`, and a runner that runs
// one in a fresh working folder holding a copy of the package's example data. Used by test/eksempler.test.ts (the
// built CLI of this checkout) and scripts/pakke-test.mjs (a packed tarball installed into an empty folder).
// An example line may end in `# exit N`: the exit code the text promises (default 0).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The folders the examples read, relative to the package root (all shipped in the package). */
export const EKSEMPELDATA = ['data', 'fixtures/cli/beskadiget', 'fixtures/valider/beskadiget'];

const forventetExit = (linje) => Number(/#\s*exit (\d)/.exec(linje)?.[1] ?? 0);

/**
 * README.md's examples: each block that starts with `$ budgetopf …` (its output, up to a `…` line, must show), and
 * each `sh` block with budgetopf lines (run as one script, so that a sequence of steps runs as written).
 */
export function readmeEksempler(readme) {
  const vist = [...readme.matchAll(/```\n\$ (budgetopf [^\n]+)\n([\s\S]*?)```/g)].map((m) => ({
    kilde: 'README.md', kommando: m[1], vist: m[2].split('\n…')[0].trimEnd(), exit: forventetExit(m[1]),
  }));
  const skripter = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).filter((s) => /^budgetopf /m.test(s))
    .map((s) => ({ kilde: 'README.md (sh)', kommando: s.trim(), vist: '', exit: 0 }));
  return [...vist, ...skripter];
}

/** The `$ budgetopf …` lines of a help text. */
export function hjaelpEksempler(tekst, kilde) {
  return [...tekst.matchAll(/^\s*\$ (budgetopf [^\n]+)$/gm)]
    .map((m) => ({ kilde, kommando: m[1].trim(), vist: '', exit: forventetExit(m[1]) }));
}

/** The help of the program and of every command, from `budgetopf --help`'s command list. */
export function alleHjaelpEksempler(budgetopf) {
  const hjaelp = budgetopf(['--help']).stdout;
  const kommandoer = [...hjaelp.matchAll(/^ {2}([a-z]+) \[/gm)].map((m) => m[1]).filter((k) => k !== 'help');
  return [
    ...hjaelpEksempler(hjaelp, 'budgetopf --help'),
    ...kommandoer.flatMap((k) => hjaelpEksempler(budgetopf(['help', k]).stdout, `budgetopf help ${k}`)),
  ];
}

/**
 * Runs one example with bash in a new folder holding a copy of `rod`'s example data; `budgetopf` on the PATH runs
 * `bin` (the checkout's bin/budgetopf.js or the installed package's). Returns exit code, stdout and stderr.
 */
export function koerEksempel(eksempel, { rod, bin }) {
  const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-eksempel-'));
  for (const d of EKSEMPELDATA) if (existsSync(join(rod, d))) cpSync(join(rod, d), join(mappe, d), { recursive: true });
  const shim = join(mappe, '.bin');
  mkdirSync(shim);
  writeFileSync(join(shim, 'budgetopf'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
  chmodSync(join(shim, 'budgetopf'), 0o755);
  const r = spawnSync('bash', ['-e', '-c', eksempel.kommando], {
    cwd: mappe, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', PATH: `${shim}${delimiter}${process.env.PATH}` },
  });
  return { kode: r.status, ud: r.stdout, fejl: r.stderr, mappe };
}
