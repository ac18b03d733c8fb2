#!/usr/bin/env node
// Regenerates test/golden/ from the built CLI (run `node scripts/build.js` first). Review the diff before committing:
// a golden file is the expected output, so a change here must be one you meant.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const REFERENCE = 'data/slagelse-ebu-2025-bo2';
const GOLDEN = {
  'afvigelser.txt': ['afvigelser', REFERENCE],
  'afvigelser.csv': ['afvigelser', REFERENCE, '--format', 'csv'],
  'rapport.md': ['rapport', REFERENCE, '--format', 'markdown'],
};
for (const [fil, args] of Object.entries(GOLDEN)) {
  const ud = execFileSync(process.execPath, ['bin/budgetopf.js', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  writeFileSync(`test/golden/${fil}`, ud);
  console.log(`test/golden/${fil}`);
}
