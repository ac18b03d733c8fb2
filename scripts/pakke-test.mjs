#!/usr/bin/env node
// The package as a user gets it: `npm pack`, installed into an empty folder with nothing else, must run every example
// of README.md and of `budgetopf help KOMMANDO` (scripts/eksempler.mjs), find the bundled example from any folder, and
// work as a library: import and require, its types compiling with skipLibCheck false, errors with their own name and
// a stack that names src/ through the shipped source map. `node scripts/pakke-test.mjs` (add --uden-bygning when dist/
// is fresh). Prints one line per check; exit 1 if any fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alleHjaelpEksempler, koerEksempel, readmeEksempler } from './eksempler.mjs';

const rod = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const fejl = [];
const tjek = (navn, ok, detalje = '') => {
  console.log(`${ok ? 'ok  ' : 'FEJL'} ${navn}${ok || !detalje ? '' : `\n${detalje}`}`);
  if (!ok) fejl.push(navn);
};

if (!process.argv.includes('--uden-bygning')) {
  execFileSync(process.execPath, [join(rod, 'scripts/build.js')], { stdio: 'inherit' });
}
const arbejde = mkdtempSync(join(tmpdir(), 'budgetopf-pakke-'));
const pak = ['pack', '--ignore-scripts', '--silent', '--pack-destination', arbejde];
const pakket = execFileSync(npm, pak, { cwd: rod, encoding: 'utf8' });
const tgz = join(arbejde, pakket.trim());
const projekt = join(arbejde, 'projekt');
execFileSync('mkdir', [projekt]);
writeFileSync(join(projekt, 'package.json'), '{ "name": "proeve", "private": true, "type": "module" }\n');
const ts = JSON.parse(readFileSync(join(rod, 'node_modules/typescript/package.json'), 'utf8')).version;
const installer = ['install', tgz, `typescript@${ts}`, '--no-audit', '--no-fund', '--prefer-offline',
  '--loglevel=error'];
execFileSync(npm, installer, { cwd: projekt, stdio: 'inherit' });
const pakke = join(projekt, 'node_modules/budgetopf');
const bin = join(pakke, 'bin/budgetopf.js');

// Every example, run in a fresh folder with the installed package's data.
const budgetopf = (args, cwd = projekt) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const eksempler = [...readmeEksempler(readFileSync(join(rod, 'README.md'), 'utf8')), ...alleHjaelpEksempler(budgetopf)];
for (const e of eksempler) {
  const r = koerEksempel(e, { rod: pakke, bin });
  const ud = `${r.ud}\n${r.fejl}`.replace(/\n+/g, '\n');
  const ok = r.kode === e.exit && (!e.vist || ud.includes(e.vist.replace(/\n+/g, '\n')));
  tjek(`${e.kilde}: ${e.kommando.split('\n')[0]}`, ok, `exit ${r.kode}\n${ud}`);
  rmSync(r.mappe, { recursive: true, force: true });
}

// The bundled example from an empty folder, as the README's first example is written.
const tom = mkdtempSync(join(tmpdir(), 'budgetopf-tom-'));
const fra = budgetopf(['afvigelser', 'data/slagelse-ebu-2025-bo2'], tom);
const iAlt = '│ I alt for udvalget                          │      1.002,1 │';
tjek('budgetopf afvigelser data/slagelse-ebu-2025-bo2 i en tom mappe', fra.status === 0 && fra.stdout.includes(iAlt),
  fra.stderr);

// The library: ES module and require, the types with skipLibCheck false, error names and source-mapped stacks.
const skriv = (fil, tekst) => writeFileSync(join(projekt, fil), tekst);
skriv('esm.mjs', `import { indlaesDatasaet, beregn, MappeFejl } from 'budgetopf';
const { datasaet } = await indlaesDatasaet('node_modules/budgetopf/data/slagelse-ebu-2025-bo2');
console.log(beregn(datasaet).total.afvigelse.toString());
try { await indlaesDatasaet('findes-ikke'); } catch (e) {
  console.log(e instanceof MappeFejl, e.name);
  console.log(e.stack);
}
`);
skriv('cjs.cjs', "const b = require('budgetopf'); console.log(typeof b.beregn, new b.ScenarieFejl('x').name);\n");
skriv('index.ts', `import { indlaesDatasaet, beregn, afvigelserJson, type Opfoelgning } from 'budgetopf';
const { datasaet } = await indlaesDatasaet('node_modules/budgetopf/data/slagelse-ebu-2025-bo2');
const o: Opfoelgning | null = datasaet ? beregn(datasaet) : null;
if (o) console.log(afvigelserJson(o).total.afvigelse);
`);
skriv('tsconfig.json', JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true,
  },
  include: ['index.ts'],
}));
const esm = spawnSync(process.execPath, ['--enable-source-maps', 'esm.mjs'], { cwd: projekt, encoding: 'utf8' });
const esmOk = esm.status === 0 && esm.stdout.startsWith('-7300000\n');
tjek('import fra budgetopf: beregner referencen (-7300000 kr.)', esmOk, esm.stdout + esm.stderr);
tjek('MappeFejl har sit eget navn', esm.stdout.includes('true MappeFejl'), esm.stdout);
const kildelinje = /MappeFejl: Mappen "findes-ikke" findes ikke\n\s+at .*src\/io\/load-dataset\.ts:\d+/;
tjek('stakken peger på src/ gennem source map', kildelinje.test(esm.stdout), esm.stdout);
const cjs = spawnSync(process.execPath, ['cjs.cjs'], { cwd: projekt, encoding: 'utf8' });
tjek("require('budgetopf')", cjs.status === 0 && cjs.stdout === 'function ScenarieFejl\n', cjs.stdout + cjs.stderr);
const tscBin = join(projekt, 'node_modules/typescript/bin/tsc');
const tsc = spawnSync(process.execPath, [tscBin], { cwd: projekt, encoding: 'utf8' });
tjek('typerne kompilerer med skipLibCheck: false', tsc.status === 0, tsc.stdout + tsc.stderr);

rmSync(arbejde, { recursive: true, force: true });
rmSync(tom, { recursive: true, force: true });
console.log(`${eksempler.length} eksempler og 6 tjek af pakken: ${fejl.length ? `${fejl.length} fejl` : 'alle ok'}`);
process.exitCode = fejl.length ? 1 : 0;
