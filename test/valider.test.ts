// `budgetopf valider` (issue 4): a damaged copy of the reference dataset with one error of each kind
// (fixtures/valider/generate.mjs says which line carries which) must yield every finding, with file,
// line, column and code, in all three formats; the clean dataset exits 0.
import { describe, expect, it } from 'vitest';
import { REFERENCE, koerCli } from './helpers.js';

const MAPPE = 'fixtures/valider/beskadiget';
const koer = (args: string[]) => koerCli(['valider', ...args]);

// [file, line, column, code, severity], worked out from the edits in generate.mjs (header = line 1)
const FORVENTET: [string, number, string, string, 'fejl' | 'advarsel'][] = [
  ['bevillingsoensker.csv', 2, 'beloeb', 'ubalanceret_bevilling', 'fejl'],
  ['bevillingsoensker.csv', 26, 'aar', 'aar_uden_for_perioden', 'fejl'],
  ['bevillingsoensker.csv', 27, 'aar', 'aar_uden_for_perioden', 'fejl'],
  ['bevillingsoensker.csv', 28, 'politikomraade', 'omplacering_med_kassen', 'fejl'],
  ['budget.csv', 2, 'forventet', 'forventet_paa_aktivitetspost', 'fejl'],
  ['budget.csv', 3, 'vedtaget', 'ugyldigt_tal', 'fejl'],
  ['budget.csv', 10, 'forventet', 'forventet_mangler', 'fejl'],
  ['budget.csv', 11, 'forventet_forrige', 'forventet_forrige_mangler', 'fejl'],
  ['budget.csv', 17, 'politikomraade', 'ukendt_politikomraade', 'fejl'],
  ['budget.csv', 18, 'udgiftsart', 'ugyldig_udgiftsart', 'fejl'],
  ['budget.csv', 19, 'post', 'dublet_post', 'fejl'],
  ['enhedspriser.csv', 5, 'budget', 'ikke_positivt_tal', 'fejl'],
  ['enhedspriser.csv', 10, 'ydelse', 'pris_uden_ydelse', 'fejl'],
  ['helaarspersoner.csv', 4, 'forventet', 'negativt_tal', 'fejl'],
  ['helaarspersoner.csv', 10, 'ydelse', 'ydelse_uden_post', 'fejl'],
  ['helaarspersoner.csv', 10, 'ydelse', 'ydelse_uden_pris', 'fejl'],
  ['korrektioner.csv', 1, 'noter', 'ukendt_kolonne', 'advarsel'],
  ['korrektioner.csv', 3, 'tekst', 'mangler_vaerdi', 'fejl'],
  ['korrektioner.csv', 4, 'post', 'ukendt_post', 'fejl'],
  ['opfoelgning.json', 8, 'forfatter', 'ukendt_felt', 'advarsel'],
  ['politikomraader.csv', 6, 'nr', 'dublet_politikomraade', 'fejl'],
];
const sorter = <T>(xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('budgetopf valider', () => {
  it('the clean reference dataset exits 0', () => {
    const r = koer([REFERENCE]);
    expect(r.kode).toBe(0);
    expect(r.ud).toBe('');
    expect(r.fejl).toContain('0 fejl, 0 advarsler i 1 datasæt');
  });

  it('text: every finding as fil:linje:kolonne: alvor[kode]: besked, exit 1', () => {
    const r = koer([MAPPE]);
    expect(r.kode).toBe(1);
    const linjer = r.ud.trim().split('\n');
    expect(sorter(linjer.map((l) => /^fixtures\/valider\/beskadiget\/([^:]+):(\d+):([^:]+): (fejl|advarsel)\[([a-z_0-9]+)\]: ./.exec(l)!.slice(1)))).toEqual(
      sorter(FORVENTET.map(([fil, linje, kolonne, kode, alvor]) => [fil, String(linje), kolonne, alvor, kode])));
    expect(r.fejl).toContain('19 fejl, 2 advarsler');
  });

  it('json: FORMAT.md shape with every finding', () => {
    const r = koer([MAPPE, '--format', 'json']);
    expect(r.kode).toBe(1);
    const j = JSON.parse(r.ud);
    expect(Object.keys(j)).toEqual(['ok', 'fejl', 'advarsler']);
    expect(j.ok).toBe(false);
    expect(Object.keys(j.fejl[0])).toEqual(['fil', 'linje', 'kolonne', 'kode', 'besked']);
    const alle = [...j.fejl.map((f: Record<string, unknown>) => ({ ...f, alvor: 'fejl' })), ...j.advarsler.map((f: Record<string, unknown>) => ({ ...f, alvor: 'advarsel' }))];
    expect(sorter(alle.map((f) => [String(f.fil).replace(`${MAPPE}/`, ''), f.linje, f.kolonne, f.kode, f.alvor]))).toEqual(sorter(FORVENTET));
  });

  it('github: a workflow command per finding, with file, line, the column\'s character position and the code', () => {
    const r = koer([MAPPE, '--format', 'github']);
    expect(r.kode).toBe(1);
    const linjer = r.ud.trim().split('\n');
    expect(linjer).toHaveLength(FORVENTET.length);
    for (const [fil, linje, kolonne, kode, alvor] of FORVENTET) {
      const l = linjer.find((x) => x.includes(`file=${MAPPE}/${fil},line=${linje},`) && x.includes(`title=budgetopf ${kode} (${kolonne})::`));
      expect(l, `${fil}:${linje} ${kode}`).toBeDefined();
      expect(l!.startsWith(alvor === 'fejl' ? '::error ' : '::warning ')).toBe(true);
    }
    // columns counted by hand: "2.1;Fleksjob;overfoersel;" is 25 characters; B9's aar after 134
    expect(linjer).toContain(`::error file=${MAPPE}/budget.csv,line=3,col=26,title=budgetopf ugyldigt_tal (vedtaget)::"1.05" er ikke et gyldigt tal (forventet dansk talformat som 1.234.567,89)`);
    expect(linjer.some((l) => l.startsWith(`::error file=${MAPPE}/bevillingsoensker.csv,line=26,col=135,title=budgetopf aar_uden_for_perioden (aar)::`))).toBe(true);
    expect(linjer.some((l) => l.startsWith(`::error file=${MAPPE}/helaarspersoner.csv,line=4,col=29,`))).toBe(true);
  });

  it('--maks-fund caps the list with an explicit marker', () => {
    const tekst = koer([MAPPE, '--maks-fund', '5']);
    expect(tekst.ud.trim().split('\n')).toHaveLength(6);
    expect(tekst.ud).toContain('afkortet: 16 fund mere er udeladt');
    const j = JSON.parse(koer([MAPPE, '--maks-fund', '5', '--format', 'json']).ud);
    expect(j.afkortet).toBe(true);
    expect(j.udeladte).toBe(16);
  });

  it('thresholds fail the run, naming the politikområde and the figure', () => {
    const r = koer([REFERENCE, '--maks-merforbrug', '5.000.000', '--maks-afvigelse-pct', '5']);
    expect(r.kode).toBe(1);
    expect(r.ud).toContain('graense_merforbrug]: Politikområde 2.3 Ungeenheden: merforbrug 7.970.000 kr. er over grænsen 5.000.000 kr.');
    // 2.3: 7.970.000 / 142.640.000 = 5,6 %; 2.2: 3.410.000 / 18.800.000 = 18,1 %
    expect(r.ud).toContain('graense_afvigelse_pct]: Politikområde 2.3 Ungeenheden: afvigelse -5,6 % af korrigeret budget er over grænsen 5,0 %');
    expect(r.ud).toContain('graense_afvigelse_pct]: Politikområde 2.2 Erhverv og Kultur: afvigelse 18,1 %');
    expect(koer([REFERENCE, '--maks-merforbrug', '8.000.000']).kode).toBe(0);
  });

  it('--lint warns; --strict makes warnings fail', () => {
    const lint = koer([REFERENCE, '--lint']);
    expect(lint.kode).toBe(0);
    // Integrationsydelse: 64.105 → 77.761 kr. is +21,3 % (over the default 15 %)
    expect(lint.ud).toContain('enhedspriser.csv:9:budget: advarsel[pris_flyttet]: "Integrationsydelse": budgetprisen er 21,3 %');
    expect(koer([REFERENCE, '--lint', '--strict']).kode).toBe(1);
    expect(koer([REFERENCE, '--lint', '--lint-pris-pct', '25']).ud).toBe('');
  });

  it('several datasets at once; a missing one exits 2', () => {
    const r = koer([REFERENCE, MAPPE, '--format', 'json']);
    expect(r.kode).toBe(1);
    expect(JSON.parse(r.ud).fejl).toHaveLength(19);
    const mangler = koer([REFERENCE, 'findes/ikke']);
    expect(mangler.kode).toBe(2);
    expect(mangler.fejl).toContain('Mappen "findes/ikke" findes ikke');
  });
});

describe('budgetopf valider over the whole loader corpus (every finding kind, file-level ones included)', () => {
  it('reports every finding of every fixtures/loader case, in all three formats', async () => {
    const { readdirSync } = await import('node:fs');
    const { indlaesDatasaet } = await import('../src/io/load-dataset.js');
    const mapper = readdirSync('fixtures/loader', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `fixtures/loader/${d.name}`).sort();
    expect(mapper.length).toBeGreaterThan(50);
    const forventet = (await Promise.all(mapper.map(async (m) => (await indlaesDatasaet(m)).fund))).flat();
    const noegle = (f: { fil: string; linje: number | null; kolonne: string | null; kode: string }) => `${f.fil}|${f.linje}|${f.kolonne}|${f.kode}`;
    expect(new Set(forventet.map((f) => f.kode)).size).toBeGreaterThanOrEqual(30);

    const tekst = koer([...mapper, '--maks-fund', '100000']);
    expect(tekst.kode).toBe(1);
    expect(tekst.ud.trim().split('\n')).toHaveLength(forventet.length);
    for (const f of forventet) expect(tekst.ud).toContain(`${[f.fil, f.linje, f.kolonne].filter((x) => x !== null).join(':')}: ${f.alvor}[${f.kode}]: ${f.besked}`);

    const j = JSON.parse(koer([...mapper, '--maks-fund', '100000', '--format', 'json']).ud);
    expect(sorter([...j.fejl, ...j.advarsler].map(noegle))).toEqual(sorter(forventet.map(noegle)));

    const github = koer([...mapper, '--maks-fund', '100000', '--format', 'github']).ud.trim().split('\n');
    expect(github).toHaveLength(forventet.length);
    for (const f of forventet) {
      const fil = f.fil.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C'); // GitHub's escaping of property values
      expect(github.some((l) => l.includes(`file=${fil}${f.linje !== null ? `,line=${f.linje}` : ''}`) && l.includes(`title=budgetopf ${f.kode}`)), noegle(f)).toBe(true);
    }
  });
});

describe('valider: review cases', () => {
  it('--strict reports warnings as errors in every format', () => {
    const j = JSON.parse(koer([REFERENCE, '--lint', '--strict', '--format', 'json']).ud);
    expect(j.ok).toBe(false);
    expect(j.fejl.map((f: { kode: string }) => f.kode)).toEqual(['pris_flyttet']);
    expect(j.advarsler).toEqual([]);
    expect(koer([REFERENCE, '--lint', '--strict', '--format', 'github']).ud).toMatch(/^::error file=data\/slagelse-ebu-2025-bo2\/enhedspriser\.csv,line=9,/);
  });

  it('a missing folder does not hide the other folders\' findings (exit 2)', () => {
    const r = koer([MAPPE, 'findes/ikke', '--format', 'json']);
    expect(r.kode).toBe(2);
    expect(JSON.parse(r.ud).fejl).toHaveLength(19);
    expect(r.fejl).toContain('Mappen "findes/ikke" findes ikke; de øvrige: 19 fejl, 2 advarsler i 1 datasæt');
  });

  it('threshold messages never read as equal to the threshold', () => {
    // 2.3's merforbrug is 7.970.000 kr.; 7.969.999,5 is crossed by half a krone
    expect(koer([REFERENCE, '--maks-merforbrug', '7.969.999,5']).ud).toContain('merforbrug 7.970.000,0 kr. er over grænsen 7.969.999,5 kr.');
    // 2.3: 7.970.000 / 142.640.000 = 5,5875… %; 2.2: 3.410.000 / 18.800.000 = 18,138… %; the limit keeps its two decimals
    const pct = koer([REFERENCE, '--maks-afvigelse-pct', '5,58']).ud;
    expect(pct).toContain('Ungeenheden: afvigelse -5,59 % af korrigeret budget er over grænsen 5,58 %');
    expect(pct).toContain('Erhverv og Kultur: afvigelse 18,14 % af korrigeret budget er over grænsen 5,58 %');
  });
});
