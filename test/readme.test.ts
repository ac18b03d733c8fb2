// The README's examples work as written: the GitHub Actions workflow's commands (also the repository's
// own .github/workflows/budgetdata.yml) and the pre-commit hook.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');

describe('README examples', () => {
  // Each block that shows a command ("$ budgetopf …") shows its real output (up to a "…" line).
  const eksempler = [...readme.matchAll(/```\n\$ (budgetopf [^\n]+)\n([\s\S]*?)```/g)].map((m) => ({ kommando: m[1]!, vist: m[2]!.split('\n…')[0]!.trimEnd() }));

  it('has command examples', () => {
    expect(eksempler.map((e) => e.kommando.split(' ')[1])).toEqual(expect.arrayContaining(['afvigelser', 'aktivitet', 'bevillinger', 'valider']));
  });

  it.each(eksempler.map((e) => [e.kommando, e] as const))('%s prints what the README shows', (_k, { kommando, vist }) => {
    // "# exit 1" states the exit the example promises: a comment, not part of the command.
    const linje = kommando.replace(/^budgetopf/, 'node bin/budgetopf.js').replace(/\s+# exit \d.*$/, '');
    const r = spawnSync('bash', ['-c', `${linje} 2>&1`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout).toContain(vist);
  });

  const workflow = /\*\*GitHub Actions\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;

  it('the workflow in the README is the one the repository runs', () => {
    expect(workflow).toBe(readFileSync('.github/workflows/budgetdata.yml', 'utf8'));
  });

  it('its budgetopf step passes on the bundled data (after npm ci, which the test run has done)', () => {
    const trin = [...workflow.matchAll(/- run: (.+)/g)].map((m) => m[1]!).filter((c) => c !== 'npm ci');
    expect(trin).toEqual(['node bin/budgetopf.js valider data/* --format github --maks-merforbrug 20.000.000']);
    for (const kommando of trin) {
      const r = spawnSync('bash', ['-c', kommando], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('the pre-commit hook stops a commit with a broken file and lets a clean one through', () => {
    const repo = mkdtempSync(join(tmpdir(), 'budgetopf hook '));  // a space in the repository path
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
    git('init', '-q');
    const mappe = 'bo2 økonomi'; // a space and æøå in the folder name
    cpSync('data/slagelse-ebu-2025-bo2', join(repo, mappe), { recursive: true });
    cpSync('fixtures/cli/beskadiget', join(repo, 'fixtures', 'beskadiget'), { recursive: true }); // broken on purpose: skipped
    writeFileSync(join(repo, 'package.json'), '{}'); // not a dataset: ignored
    const hook = () => spawnSync(resolve('scripts/pre-commit'), [], { cwd: repo, encoding: 'utf8', env: { ...process.env, BUDGETOPF: `node ${resolve('bin/budgetopf.js')}` } });
    expect(hook().status).toBe(0); // nothing staged
    git('add', '.');
    const ren = hook();
    expect(ren.status, ren.stderr).toBe(0); // the clean dataset
    expect(ren.stderr).toContain('0 fejl, 0 advarsler i 1 datasæt');
    const budget = join(repo, mappe, 'budget.csv');
    writeFileSync(budget, readFileSync(budget, 'utf8').replace(';162903312;162903312;', ';1.05;162903312;'));
    git('add', '.');
    const r = hook();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${mappe}/budget.csv:3:vedtaget: fejl[ugyldigt_tal]`);
  });
});
