// Friendly usage: "mente du …?" for near misses, the Danish decimal comma suggested, `help ukendt`, -v, --format tabel
// on valider, singular nouns for one of a thing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menteDu, naermeste } from '../src/core/naermeste.js';
import { parseOperation, ScenarieFejl } from '../src/core/scenarie.js';
import { koerCli, REFERENCE } from './helpers.js';

const YDELSER = ['Sygedagpenge', 'Fleksjob', 'Kontanthjælp', 'Jobafklaring', 'Forsikrede ledige', 'Ledighedsydelse'];

describe('naermeste: the known name nearest to a typed one', () => {
  it.each([
    ['kontanthjaelp', 'Kontanthjælp'], // æ as ae, lower case
    ['KONTANTHJÆLP', 'Kontanthjælp'],
    ['Kontanthjlp', 'Kontanthjælp'], // a letter missing
    ['Sygedagpenne', 'Sygedagpenge'], // a typo
    ['forsikrede-ledige', 'Forsikrede ledige'], // punctuation for a space
    ['Fleksjop', 'Fleksjob'],
  ])('%s → %s', (skrevet, kendt) => expect(naermeste(skrevet, YDELSER)).toBe(kendt));

  it.each([['Boligstøtte'], ['Job'], ['x'], ['Kontanthjælp']])('no suggestion for %s (far off, or known)', (skrevet) =>
    expect(naermeste(skrevet, YDELSER)).toBeNull());

  it('a politikområde nr is matched only as written differently (2,1 for 2.1), never by a digit typo', () => {
    expect(naermeste('2,1', ['2.1', '2.2'])).toBe('2.1');
    expect(naermeste('2.4', ['2.1', '2.2'])).toBeNull();
    expect(menteDu('2,2', ['2.1', '2.2'])).toBe(' (mente du "2.2"?)');
    expect(menteDu('9.9', ['2.1'])).toBe('');
  });
});

describe('friendly answers on the command line', () => {
  it('an unknown ydelse or post names the near one', () => {
    const y = koerCli(['scenarie', REFERENCE, '--hp', 'kontanthjaelp=+64']);
    expect(y.kode).toBe(2);
    expect(y.fejl).toContain('Ydelsen "kontanthjaelp" findes ikke i helaarspersoner.csv (mente du "Kontanthjælp"?)');
    const p = koerCli(['scenarie', REFERENCE, '--forventet', '2.2:Erhvervservice=+500.000']);
    expect(p.fejl).toContain('(mente du "Erhvervsservice"?)');
    const f = koerCli(['scenarie', REFERENCE, '--foelsomhed', 'Jobafklarin=380..440:10']);
    expect(f.fejl).toContain('(mente du "Jobafklaring"?)');
  });

  it('a near-miss post in korrektioner.csv gets the suggestion in its finding', () => {
    const ds = join(mkdtempSync(join(tmpdir(), 'budgetopf-venlig-')), 'ds');
    cpSync(REFERENCE, ds, { recursive: true });
    const fil = join(ds, 'korrektioner.csv');
    writeFileSync(fil, readFileSync(fil, 'utf8').replace('2.1;Fleksjob;', '2.1;Fleksjop;'));
    const r = koerCli(['valider', ds]);
    expect(r.kode).toBe(1);
    expect(r.ud).toContain('korrektioner.csv:2:post: fejl[ukendt_post]: '
      + 'Posten "Fleksjop" findes ikke under politikområde 2.1 i budget.csv (mente du "Fleksjob"?)');
  });

  it('+5.5% is answered with +5,5%; +1.000 stays a thousands separator', () => {
    const svar = '"+5.5%" er ikke en ændring; decimaltal skrives med komma: mente du "+5,5%"?';
    expect(() => parseOperation('+5.5%')).toThrow(new ScenarieFejl(svar));
    expect(() => parseOperation('=12.25')).toThrow('mente du "=12,25"?');
    expect(parseOperation('+1.000').vaerdi.toString()).toBe('1000');
    expect(parseOperation('+5,5%')).toEqual({ op: '%', vaerdi: expect.anything() });
    expect(parseOperation('+5,5%').vaerdi.toString()).toBe('5.5');
    expect(koerCli(['scenarie', REFERENCE, '--hp', 'Kontanthjælp=+5.5%']).fejl).toContain('mente du "+5,5%"?');
  });

  it('help for an unknown command says so, with the near command, and exits 2', () => {
    const r = koerCli(['help', 'ukendt']);
    expect(r.kode).toBe(2);
    expect(r.ud).toBe('');
    expect(r.fejl).toContain("ukendt kommando 'ukendt'");
    expect(koerCli(['help', 'afvigelsr']).fejl).toContain("ukendt kommando 'afvigelsr' (mente du afvigelser?)");
    expect(koerCli(['afvigelse', REFERENCE]).fejl).toContain("ukendt kommando 'afvigelse' (mente du afvigelser?)");
    expect(koerCli(['help', 'valider']).kode).toBe(0);
  });

  it('-v, -V and --version print the version', () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
    for (const flag of ['-v', '-V', '--version']) {
      expect(koerCli([flag])).toMatchObject({ kode: 0, ud: `${version}\n` });
    }
  });

  it('valider takes --format tabel like every command (tekst is the same)', () => {
    const tabel = koerCli(['valider', 'fixtures/cli/beskadiget', '--format', 'tabel']);
    expect(tabel.kode).toBe(1);
    expect(tabel.ud).toContain('budget.csv:3:vedtaget: fejl[ugyldigt_tal]');
    expect(koerCli(['valider', 'fixtures/cli/beskadiget', '--format', 'tekst']).ud).toBe(tabel.ud);
  });

  it('one of a thing is singular: 1 konto, 1 advarsel', () => {
    const forbrug = koerCli(['forbrug', 'fixtures/forbrug']);
    expect(forbrug.fejl).toContain('Advarsel: 1 konto i fixtures/forbrug/forbrug.csv hører ikke til');
    const ds = join(mkdtempSync(join(tmpdir(), 'budgetopf-venlig-')), 'ds');
    cpSync(REFERENCE, ds, { recursive: true });
    const manifest = join(ds, 'opfoelgning.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('{', '{ "note": "x",')); // ukendt_felt: a warning
    expect(koerCli(['valider', ds]).fejl).toContain('0 fejl, 1 advarsel i 1 datasæt');
  });
});
