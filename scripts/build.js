// Builds dist/:
// - cli.cjs: the CLI as one esbuild bundle, and cli.cjs.cache: V8's code cache for it, made after a
//   warm-up run on the reference data so that it holds the functions a report needs. Node 20 has no
//   module compile cache; loading through this cache (bin/budgetopf.js) roughly halves start-up.
// - index.js + types/: the library (ESM, dependencies external) and its declarations (tsc).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { laesCli } from '../bin/load-cli.cjs';

const rod = fileURLToPath(new URL('..', import.meta.url));
const { version, dependencies } = JSON.parse(readFileSync(`${rod}package.json`, 'utf8'));
rmSync(`${rod}dist`, { recursive: true, force: true });

const faelles = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: process.env.BUDGETOPF_MINIFY !== '0',
  legalComments: 'none',
  define: { VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  absWorkingDir: rod,
};
// commander requires node:child_process at load (2–3 ms) for executable subcommands, which budgetopf
// has none of: hand it a proxy that loads the real module on first use, so nothing changes but the cost.
const senChildProcess = {
  name: 'sen-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'sen' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'sen' });
    b.onLoad({ filter: /.*/, namespace: 'sen' }, () => ({
      contents: "let m; const hent = () => (m ??= require('node:child_process'));\n"
        + 'module.exports = new Proxy({}, { get: (_, k) => hent()[k], has: (_, k) => k in hent() });',
      loader: 'js',
    }));
  },
};
// iconv-lite is needed only for Windows-1252 files, exceljs only for --format xlsx and docx/resvg only for --format docx: they stay outside the
// bundle and load on demand. The bundle runs as a vm.Script (no import() there): esbuild turns the external
// dynamic imports into lazy requires.
// exceljs as one file of its own (dist/exceljs.cjs), loaded by the CLI only for --format xlsx: resolving and
// compiling its ~300 modules one by one costs about twice as long as the single bundle.
// Its zip writer still calls `new Buffer()`, which Node warns about outside node_modules: within the bundle,
// `Buffer` is Node's own with the constructor routed to Buffer.alloc/Buffer.from.
const bufferUdenAdvarsel = 'var Buffer = (function (B) { function Buf(a, b, c) { return typeof a === "number" ? B.alloc(a) : B.from(a, b, c); }'
  + ' Object.setPrototypeOf(Buf, B); Buf.prototype = B.prototype; return Buf; })(require("node:buffer").Buffer);';
await build({
  ...faelles, entryPoints: ['node_modules/exceljs/lib/exceljs.nodejs.js'], outfile: 'dist/exceljs.cjs', format: 'cjs',
  banner: { js: bufferUdenAdvarsel },
});
const exceljsBundt = {
  name: 'exceljs-bundt',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.cjs', external: true }));
  },
};
await build({
  ...faelles, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.cjs', format: 'cjs',
  external: ['iconv-lite', 'docx', '@resvg/resvg-js'], plugins: [senChildProcess, exceljsBundt],
  supported: { 'dynamic-import': false }, sourcemap: true,
});
// The library ships its source map (sources included), so an analyst's stack trace (node --enable-source-maps) names
// src/ files and lines; the CLI's map serves BUDGETOPF_DEBUG.
await build({
  ...faelles, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', format: 'esm',
  external: Object.keys(dependencies), sourcemap: true,
});
// The parallel postings reader's worker thread (src/io/posteringer-parallel.ts), beside both bundles.
await build({
  ...faelles, entryPoints: ['src/io/posteringer-arbejder.ts'], outfile: 'dist/posteringer-arbejder.cjs', format: 'cjs',
  external: ['iconv-lite'], supported: { 'dynamic-import': false },
});
execFileSync(process.execPath, [`${rod}node_modules/typescript/bin/tsc`, '-p', `${rod}tsconfig.build.json`], { stdio: 'inherit' });

// Warm-up: every report in every text format on the reference data, as on a terminal (colour, bars), output
// discarded, then the code cache.
const { cli, script } = laesCli(`${rod}dist/cli.cjs`, null);
const stille = { stdout: () => {}, stderr: () => {}, farve: true, terminal: true };
for (const kommando of ['afvigelser', 'aktivitet', 'rapport']) {
  for (const format of ['tabel', 'json', 'csv', 'markdown']) {
    const kode = await cli.main([kommando, `${rod}data/slagelse-ebu-2025-bo2`, '--format', format], stille);
    if (kode !== 0) throw new Error(`opvarmning: ${kommando} --format ${format} gav exit ${kode}`);
  }
}
writeFileSync(`${rod}dist/cli.cjs.cache`, script.createCachedData());
