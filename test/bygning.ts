// vitest globalSetup: the CLI tests spawn bin/budgetopf.js, which runs dist/. Build it first when any source is newer
// than the build, so `npx vitest run` never tests a stale dist/ (`npm test` has just built it: nothing to do).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time among the files under `mappe` (source trees are small; depth-bounded). */
function nyeste(mappe: string, dybde = 0): number {
  if (dybde > 6) return 0;
  return readdirSync(mappe, { withFileTypes: true }).reduce((maks, d) => {
    const sti = join(mappe, d.name);
    return Math.max(maks, d.isDirectory() ? nyeste(sti, dybde + 1) : statSync(sti).mtimeMs);
  }, 0);
}

export default function setup(): void {
  const bygget = 'dist/cli.cjs.cache'; // the build's last file
  const filer = ['scripts/build.js', 'package.json', 'tsconfig.build.json', 'bin/load-cli.cjs'];
  const kilder = Math.max(nyeste('src'), ...filer.map((f) => statSync(f).mtimeMs));
  if (existsSync(bygget) && statSync(bygget).mtimeMs >= kilder) return;
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
}
