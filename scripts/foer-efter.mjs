// Before/after check for a restructuring: runs every command in every format (and the main option
// variants) on the example data with the built CLI (dist/), and stores each run's exit code, stdout,
// stderr and written files as text in a folder. A workbook is stored as its unzipped XML parts (without
// the creation timestamps). Then compare two such folders.
//
//   node scripts/build.js && node scripts/foer-efter.mjs gem /tmp/foer     # on the untouched build
//   node scripts/build.js && node scripts/foer-efter.mjs gem /tmp/efter    # after the change
//   node scripts/foer-efter.mjs diff /tmp/foer /tmp/efter                   # exit 1 on any difference
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rod = fileURLToPath(new URL('..', import.meta.url));
const kraev = createRequire(import.meta.url);
const D = 'data/slagelse-ebu-2025-bo2';
const P = 'fixtures/prognose';
const F = 'fixtures/forbrug';
const TEKST = ['tabel', 'csv', 'json', 'markdown'];
const ALLE = [...TEKST, 'html', 'xlsx'];
const VARIANTER = [
  [],
  ['--merforbrug-positiv'],
  ['--enhed', 'kr', '--afstem'],
  ['--csv-format', 'en', '--decimaler', '3'],
];

/** Every case: [name, args, formats]. */
function tilfaelde() {
  const t = [];
  const kommando = (navn, args, formater = ALLE, varianter = VARIANTER) => {
    for (const format of formater) {
      varianter.forEach((v, i) => t.push([`${navn}.${format}.v${i}`, [...args, '--format', format, ...v]]));
    }
  };
  kommando('afvigelser-D', ['afvigelser', D]);
  kommando('afvigelser-D-poster-pct', ['afvigelser', D, '--poster', '--pct']);
  kommando('afvigelser-P-anvend', ['afvigelser', P, '--anvend-prognose']);
  kommando('afvigelser-F', ['afvigelser', F]);
  kommando('aktivitet-D', ['aktivitet', D]);
  kommando('rapport-D', ['rapport', D]);
  kommando('rapport-D-poster', ['rapport', D, '--poster']);
  kommando('rapport-P-anvend', ['rapport', P, '--anvend-prognose', 'trend']);
  kommando('bevillinger-D', ['bevillinger', D]);
  kommando('bevillinger-D-foreslaa', ['bevillinger', D, '--foreslaa', '--returner-mindreforbrug']);
  kommando('bevillinger-P-foreslaa', ['bevillinger', P, '--foreslaa']);
  kommando('scenarie-D-hp', ['scenarie', D, '--hp', 'Kontanthjælp=+64', '--pris', 'Sygedagpenge=+5%']);
  kommando('scenarie-D-fil', ['scenarie', D, '--fil', 'fixtures/scenarier/to-scenarier.csv']);
  kommando('scenarie-D-korr', [
    'scenarie',
    D,
    '--korrektion',
    '2.1;Løntilskud;-100.000;Færre pladser',
    '--handleplan-fra',
    'alle',
  ]);
  kommando('scenarie-D-foelsomhed', ['scenarie', D, '--foelsomhed', 'Jobafklaring=380..440:10']);
  kommando('scenarie-D-fejlfil', ['scenarie', D, '--fil', 'fixtures/scenarier/fejl.csv'], ['tabel']);
  kommando('prognose-P', ['prognose', P]);
  kommando('prognose-P-trend', ['prognose', P, '--metode', 'trend', '--niveau-maaneder', '3']);
  kommando('prognose-P-anvend', ['prognose', P, '--anvend']);
  kommando('forbrug-F', ['forbrug', F]);
  kommando('forbrug-F-pr', ['forbrug', F, '--pr', '2025-03-31']);
  for (const format of ['tekst', 'json', 'github']) {
    t.push([`valider-alle.${format}`, ['valider', D, P, F, 'fixtures/cli/beskadiget', '--format', format]]);
    t.push([
      `valider-lint.${format}`,
      ['valider', D, '--lint', '--strict', '--maks-merforbrug', '5.000.000', '--format', format],
    ]);
  }
  t.push(['prognose-skriv', ['prognose', P, '--skriv', '@UD@/hp.csv']]);
  t.push(['hjaelp', ['--help']]);
  for (const k of ['afvigelser', 'aktivitet', 'rapport', 'bevillinger', 'scenarie', 'prognose', 'forbrug', 'valider']) {
    t.push([`hjaelp-${k}`, ['help', k]]);
  }
  return t;
}

/** The workbook's XML parts as text, timestamps removed. */
async function xlsxSomTekst(fil) {
  const JSZip = kraev('jszip');
  const zip = await JSZip.loadAsync(readFileSync(fil));
  const dele = [];
  for (const navn of Object.keys(zip.files).sort()) {
    if (zip.files[navn].dir) continue;
    const xml = (await zip.files[navn].async('string')).replace(
      /<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g,
      '',
    );
    dele.push(`--- ${navn}\n${xml}`);
  }
  return dele.join('\n');
}

async function koer(cli, args, ud, terminal) {
  const stdout = [];
  const stderr = [];
  const miljoe = { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s), farve: terminal, terminal };
  const endelige = args.map((a) => a.replace('@UD@', ud));
  let output;
  const i = endelige.indexOf('--format');
  if (i >= 0 && ['html', 'xlsx'].includes(endelige[i + 1])) {
    output = join(ud, `ud.${endelige[i + 1]}`);
    endelige.push('--output', output);
  }
  const kode = await cli.main(endelige, miljoe);
  let filer = '';
  for (const f of readdirSync(ud).sort()) {
    const sti = join(ud, f);
    filer += `=== fil ${f}\n${f.endsWith('.xlsx') ? await xlsxSomTekst(sti) : readFileSync(sti, 'utf8')}\n`;
    rmSync(sti);
  }
  const tekst = (s) => s.join('\n').replaceAll(ud, '@UD@');
  return `exit ${kode}\n=== stdout\n${tekst(stdout)}\n=== stderr\n${tekst(stderr)}\n${filer.replaceAll(ud, '@UD@')}`;
}

async function gem(mappe) {
  const { laesCli } = kraev(join(rod, 'bin/load-cli.cjs'));
  const { cli } = laesCli(join(rod, 'dist/cli.cjs'), null);
  rmSync(mappe, { recursive: true, force: true });
  mkdirSync(mappe, { recursive: true });
  const ud = join(mappe, '.ud');
  mkdirSync(ud);
  process.chdir(rod);
  const alle = tilfaelde();
  for (const [navn, args] of alle) {
    writeFileSync(join(mappe, `${navn}.txt`), await koer(cli, args, ud, false));
    if (navn.includes('.tabel.')) writeFileSync(join(mappe, `${navn}.terminal.txt`), await koer(cli, args, ud, true));
  }
  rmSync(ud, { recursive: true });
  console.log(`${alle.length} kørsler gemt i ${mappe}`);
}

function diff(a, b) {
  const navne = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let forskelle = 0;
  for (const n of navne) {
    const fa = join(a, n);
    const fb = join(b, n);
    if (!existsSync(fa) || !existsSync(fb)) {
      console.log(`kun i ${existsSync(fa) ? a : b}: ${n}`);
      forskelle++;
    } else if (!readFileSync(fa).equals(readFileSync(fb))) {
      forskelle++;
      try {
        execFileSync('diff', ['-u', fa, fb], { stdio: 'inherit' });
      } catch {
        // diff exits 1 on differences; its output is the report
      }
    }
  }
  console.log(`${navne.length} filer, ${forskelle} forskellige`);
  process.exitCode = forskelle ? 1 : 0;
}

const [handling, x, y] = process.argv.slice(2);
if (handling === 'gem' && x) await gem(x);
else if (handling === 'diff' && x && y) diff(x, y);
else {
  console.error('brug: node scripts/foer-efter.mjs gem MAPPE | diff FOER EFTER');
  process.exitCode = 2;
}
