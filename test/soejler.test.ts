// The bar column in terminal tables: only on a terminal, never with --ingen-grafik, never in a file or
// another format; each bar is the row's afvigelse relative to the largest, exact to an eighth of a
// character, with its displayed sign. Expected lengths are computed here from the JSON figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/money.js';
import { INGEN_STIL, renderTabel, SOEJLEBREDDE, soejletekst } from '../src/render/terminal.js';
import { afvigelsesTabel } from '../src/report/afvigelser.js';
import { STANDARDVISNING } from '../src/report/visning.js';
import { beregnMappe, koerCli, koerOk, REFERENCE } from './helpers.js';

const { laesCli } = createRequire(import.meta.url)('../bin/load-cli.cjs');

/** Runs the built CLI in this process as if stdout were a terminal (colour off, so the text is plain). */
async function paaTerminal(args: string[]): Promise<{ kode: number; ud: string }> {
  let ud = '';
  const { cli } = laesCli(join(process.cwd(), 'dist/cli.cjs'), null);
  const kode = await cli.main(args, { stdout: (s: string) => (ud += s.endsWith('\n') ? s : `${s}\n`), stderr: () => {}, farve: false, terminal: true });
  return { kode, ud };
}

/** A bar's sign and its length in eighths of a character. */
function maal(bar: string): { fortegn: string; ottendedele: number } {
  const dele = ' ▏▎▍▌▋▊▉';
  const fortegn = bar[0]!;
  const blokke = [...bar.slice(1)];
  return { fortegn, ottendedele: blokke.reduce((n, b) => n + (b === '█' ? 8 : dele.indexOf(b)), 0) };
}

/** The cells of each row of figures of a terminal table (header lines left out). */
function linjer(tekst: string) {
  return tekst.split('\n').filter((l) => l.startsWith('│ ')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim())).filter((c) => /\d,\d/.test(c[1]!));
}

describe('soejletekst', () => {
  it.each([
    ['-8', '8', `−${'█'.repeat(12)}`],
    ['4', '8', '+██████'],
    ['1', '96', '+▏'],
    ['3', '96', '+▍'],
    ['-0.0001', '96', '−▏'], // not zero: at least an eighth
    ['0', '96', ''],
    ['-5', '8', `−${'█'.repeat(7)}▌`], // 5 / 8 × 96 = 60 eighths: 7 blocks and a half
    ['-7.3', '7.97', `−${'█'.repeat(11)}`], // 7,3 / 7,97 × 96 = 87,9 → 88 eighths: 11 blocks
  ])('%s against a largest of %s is %j', (tal, stoerst, bar) => {
    expect(soejletekst(new Decimal(tal), new Decimal(stoerst))).toBe(bar);
  });
});

describe('the bar column', () => {
  const json = JSON.parse(koerOk('afvigelser', REFERENCE, '--format', 'json'));
  const afvigelser: number[] = [
    ...json.politikomraader.flatMap((p: any) => [p.afvigelse, p.udgiftsarter.service.afvigelse, p.udgiftsarter.overfoersel.afvigelse]),
    json.udvalg[0].afvigelse, json.udgiftsarter.service.afvigelse, json.udgiftsarter.overfoersel.afvigelse,
  ];
  const stoerst = Math.max(...afvigelser.map(Math.abs)); // 2.3 Ungeenheden: 7.970.000 kr.

  it('afvigelser on a terminal: each bar is its row\'s afvigelse against the largest, merforbrug −', async () => {
    const r = await paaTerminal(['afvigelser', REFERENCE]);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('│ Merforbrug −  │');
    const raekker = linjer(r.ud);
    expect(raekker).toHaveLength(12);
    raekker.forEach((celler, i) => {
      const afv = afvigelser[i]!;
      const bar = celler[6]!;
      if (afv === 0) return expect(bar).toBe('');
      const { fortegn, ottendedele } = maal(bar);
      expect(fortegn, celler[0]).toBe(afv < 0 ? '−' : '+');
      expect(ottendedele, celler[0]).toBe(Math.max(1, Math.round((Math.abs(afv) / stoerst) * SOEJLEBREDDE * 8)));
    });
    expect(raekker[6]![6]).toBe(`−${'█'.repeat(SOEJLEBREDDE)}`); // 2.3 Ungeenheden, the largest
    expect(raekker[3]![6]).toBe('+█████▏'); // 2.2: 3,41 / 7,97 × 96 = 41 eighths
  });

  it('follows --merforbrug-positiv: merforbrug gets +', async () => {
    const r = await paaTerminal(['afvigelser', REFERENCE, '--merforbrug-positiv']);
    expect(r.ud).toContain('│ Merforbrug +  │');
    expect(linjer(r.ud)[6]![6]).toBe(`+${'█'.repeat(SOEJLEBREDDE)}`);
  });

  it('aktivitet on a terminal: bars beside the afvigelse of each ydelse, the total the largest', async () => {
    const r = await paaTerminal(['aktivitet', REFERENCE]);
    const ydelser = JSON.parse(koerOk('aktivitet', REFERENCE, '--format', 'json')).ydelser as { afvigelse: number }[];
    const total = ydelser.reduce((s, y) => s + y.afvigelse, 0);
    const forklaret = linjer(r.ud.slice(r.ud.indexOf('Afvigelse forklaret')));
    expect(forklaret.map((c) => c[0])).toEqual([...ydelser.map((y: any) => y.ydelse), 'I alt']);
    forklaret.forEach((c, i) => {
      const afv = i < ydelser.length ? ydelser[i]!.afvigelse : total;
      expect(maal(c[4]!)).toEqual({ fortegn: afv < 0 ? '−' : '+', ottendedele: Math.round((Math.abs(afv) / Math.abs(total)) * SOEJLEBREDDE * 8) });
    });
  });

  it('is left out with --ingen-grafik, in a file, in other formats, and when stdout is not a terminal', async () => {
    const golden = readFileSync('test/golden/afvigelser.txt', 'utf8');
    expect((await paaTerminal(['afvigelser', REFERENCE, '--ingen-grafik'])).ud).toBe(golden);
    expect((await paaTerminal(['afvigelser', REFERENCE, '--format', 'markdown'])).ud).not.toMatch(/[█▏▎▍▌▋▊▉]/);
    const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-')), 'a.txt');
    await paaTerminal(['afvigelser', REFERENCE, '--output', fil]);
    expect(readFileSync(fil, 'utf8')).toBe(golden);
    const pipe = koerCli(['afvigelser', REFERENCE]);
    expect(pipe.ud).toBe(golden);
  });

  it('a real terminal (a pseudo-terminal from `script`) gets the bars', () => {
    const r = spawnSync('script', ['-qec', `${process.execPath} bin/budgetopf.js afvigelser ${REFERENCE}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\r\n/g, '\n')).toContain(`│         -8,0 │ −${'█'.repeat(SOEJLEBREDDE)} │`);
  });

  it('drawn directly, the table with bars is what cli-table3 draws', async () => {
    const { tegnMedCliTable3 } = await import('../src/render/terminal.js');
    const tabel = afvigelsesTabel(await beregnMappe(REFERENCE), STANDARDVISNING);
    const valg = { ...STANDARDVISNING, stil: INGEN_STIL, soejler: true };
    expect(await renderTabel(tabel, valg)).toBe(await renderTabel(tabel, valg, tegnMedCliTable3));
  });
});
