// budgetopf as a library for analysts: errors with their own name (also from the minified bundle), a stack trace that
// names src/ through the shipped source map, and require('budgetopf') as well as import. scripts/pakke-test.mjs checks
// the same from an installed tarball, and that the types compile with skipLibCheck: false.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitError } from '../src/commands/exit-error.js';
import { UgyldigtDatasaet } from '../src/core/beregn.js';
import { ScenarieFejl } from '../src/core/scenarie.js';
import { MappeFejl } from '../src/io/load-dataset.js';
import { SkriveFejl } from '../src/io/write.js';

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8' });

describe('the library', () => {
  it('every error class has its own name', () => {
    const fejl = [
      new MappeFejl('x'), new ScenarieFejl('x'), new UgyldigtDatasaet('x'), new SkriveFejl('x'), new ExitError(2, 'x'),
    ];
    expect(fejl.map((e) => e.name))
      .toEqual(['MappeFejl', 'ScenarieFejl', 'UgyldigtDatasaet', 'SkriveFejl', 'ExitError']);
  });

  it('the bundle keeps the names, and its source map turns a stack into src/ lines', () => {
    const kode = "import('budgetopf').then(async (b) => { try { await b.indlaesDatasaet('findes-ikke'); } catch (e) {"
      + ' console.log(e.name, e instanceof b.MappeFejl); console.log(e.stack); } });';
    const r = node(['--enable-source-maps', '-e', kode]);
    expect(r.stdout.split('\n')[0]).toBe('MappeFejl true');
    expect(r.stdout).toMatch(/MappeFejl: Mappen "findes-ikke" findes ikke\n\s+at .*src\/io\/load-dataset\.ts:\d+:\d+/);
    const kort = JSON.parse(readFileSync('dist/index.js.map', 'utf8'));
    expect(kort.sources).toContain('../src/core/beregn.ts');
    expect(kort.sourcesContent.every((s: string | null) => typeof s === 'string' && s.length > 0)).toBe(true);
  });

  it("require('budgetopf') works (Node ≥ 20.19 requires the ES module), with the same exports as import", () => {
    const kode = "const b = require('budgetopf'); import('budgetopf').then((m) =>"
      + ' console.log(Object.keys(b).sort().join() === Object.keys(m).sort().join(), typeof b.beregn))';
    const r = node(['-e', kode]);
    expect(r.stdout, r.stderr).toBe('true function\n');
  });
});
