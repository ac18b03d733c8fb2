// Prognose (issue 6): forecasts of helårspersoner from maanedstal.csv. fixtures/prognose has Kontanthjælp
// with 6 months of 2025 (960, 966, …, 990) and all of 2023 and 2024, and Jobafklaring with 6 months only.
// Every expected figure below is worked out by hand from those numbers (the arithmetic is in the comments).
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beregn } from '../src/core/beregn.js';
import { Decimal } from '../src/core/money.js';
import { anvendPrognose, fremskriv, METODER, prognose, prognoseForYdelse } from '../src/core/prognose.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';
import { arbejdsbog, koerCli } from './helpers.js';

const MAPPE = 'fixtures/prognose';
const ds = async () => (await indlaesDatasaet(MAPPE)).datasaet!;
const d = (v: Decimal | null) => v?.toString();
const kontanthjaelp = async (metode?: 'niveau' | 'gennemsnit' | 'trend' | 'saeson') =>
  prognoseForYdelse('Kontanthjælp', (await ds()).maanedstal.filter((m) => m.ydelse === 'Kontanthjælp'), 2025, { metode })!;

describe('the four methods on Kontanthjælp (observed Σ = 960 + 966 + 972 + 978 + 984 + 990 = 5.850)', () => {
  it('niveau: the last month (990) carried forward: (5.850 + 6 × 990) / 12 = 982,5', async () => {
    expect(d((await kontanthjaelp()).metoder.niveau)).toBe('982.5');
  });
  it('gennemsnit: the mean 975 carried forward: (5.850 + 6 × 975) / 12 = 975', async () => {
    expect(d((await kontanthjaelp()).metoder.gennemsnit)).toBe('975');
  });
  it('trend: the line 954 + 6t gives 996, 1.002, …, 1.026 (Σ 6.066): (5.850 + 6.066) / 12 = 993', async () => {
    expect(d((await kontanthjaelp()).metoder.trend)).toBe('993');
  });
  it("saeson: 2024's July–December (980, 1.000, 990, 970, 960, 1.010; Σ 5.910) × 990/960: (5.850 + 6.094,6875) / 12 = 995,390625", async () => {
    expect(d((await kontanthjaelp()).metoder.saeson)).toBe('995.390625');
  });
  it('niveau over the last 3 months: (5.850 + 6 × 984) / 12 = 979,5', () => {
    const x = [960, 966, 972, 978, 984, 990].map((v) => new Decimal(v));
    expect(fremskriv('niveau', x, null, 3)!.map(String)).toEqual(Array(6).fill('984'));
  });
  it('trend never projects fewer than 0 persons', () => {
    const x = [50, 30, 10].map((v) => new Decimal(v));
    expect(fremskriv('trend', x, null)!.map(String)).toEqual(Array(9).fill('0'));
  });
});

describe('the backtest ranks the methods', () => {
  // 2024: first half 940, 945, 950, 955, 960, 960 (Σ 5.710), actual year 11.620 / 12 = 968,33…
  // 2023: first half 900, 900, 910, 920, 930, 940 (Σ 5.500), actual year 11.240 / 12 = 936,66…
  it('errors per year and the mean absolute error', async () => {
    const p = await kontanthjaelp();
    const fejl = (m: keyof typeof p.backtest) => p.backtest[m].aar.map((b) => [b.aar, b.fejl.toDecimalPlaces(10).toString()]);
    // niveau: 2023 (5.500 + 6 × 940)/12 − 936,67 = −25/3; 2024 (5.710 + 6 × 960)/12 − 968,33 = −25/2
    expect(fejl('niveau')).toEqual([[2023, '-8.3333333333'], [2024, '-12.5']]);
    // gennemsnit: 2023 916,67 − 936,67 = −20; 2024 951,67 − 968,33 = −50/3
    expect(fejl('gennemsnit')).toEqual([[2023, '-20'], [2024, '-16.6666666667']]);
    // trend: 2023 b = 150/17,5, 942,38 − 936,67 = 40/7; 2024 b = 75/17,5, 964,52 − 968,33 = −80/21
    expect(fejl('trend')).toEqual([[2023, '5.7142857143'], [2024, '-3.8095238095']]);
    // saeson needs the year before: only 2024, from 2023's profile × 960/940: 964,34 − 968,33 = −375/94
    expect(fejl('saeson')).toEqual([[2024, '-3.9893617021']]);
    // The methods are compared on the years all of them can be tested in: 2024 only (saeson needs 2023).
    expect(METODER.map((m) => p.backtest[m].faelles)).toEqual([[2024], [2024], [2024], [2024]]);
    expect(p.backtest.niveau.middelfejl!.toDecimalPlaces(6).toString()).toBe('12.5');
    expect(p.backtest.gennemsnit.middelfejl!.toDecimalPlaces(6).toString()).toBe('16.666667'); // 50/3
    expect(p.backtest.trend.middelfejl!.toDecimalPlaces(6).toString()).toBe('3.809524'); // 80/21
    expect(p.backtest.saeson.middelfejl!.toDecimalPlaces(6).toString()).toBe('3.989362'); // 375/94
    expect(p.bedst).toBe('trend');
  });

  it('the best method is used by default, with its range: lowest method 975 to 993 + 80/21 = 996,81 (its 2024 miss)', async () => {
    const p = await kontanthjaelp();
    expect([p.metode, d(p.hp), d(p.lav), d(p.hoej)]).toEqual(['trend', '993', '975', '996.81']);
  });

  it('without earlier years there is no best method; niveau is used: (2.430 + 6 × 412) / 12 = 408,5', async () => {
    const job = prognose(await ds()).find((p) => p.ydelse === 'Jobafklaring')!;
    expect([job.bedst, job.metode, d(job.hp), job.metoder.saeson]).toEqual([null, 'niveau', '408.5', null]);
  });

  it('a method asked for is used where it can be; saeson without last year falls back to niveau', async () => {
    const p = prognose(await ds(), { metode: 'saeson' });
    expect(p.map((x) => [x.ydelse, x.metode, d(x.hp)])).toEqual([['Jobafklaring', 'niveau', '408.5'], ['Kontanthjælp', 'saeson', '995.39']]);
  });
});

describe('--anvend: the forecast as forventet helårspersoner', () => {
  it('moves 2.1 by (993 − 983) × 126.433 + (408,5 − 403) × 129.028 = 1.973.984 kr.', async () => {
    const data = await ds();
    const foer = beregn(data).politikomraader.find((p) => p.nr === '2.1')!.sum;
    const efter = beregn(anvendPrognose(data, prognose(data))).politikomraader.find((p) => p.nr === '2.1')!.sum;
    expect(efter.forventet.minus(foer.forventet).toString()).toBe('1973984');
    expect(foer.afvigelse.minus(efter.afvigelse).toString()).toBe('1973984');
  });

  it('prognose --anvend and afvigelser --anvend-prognose print the same changed table', () => {
    const basis = JSON.parse(koerCli(['afvigelser', MAPPE, '--format', 'json']).ud);
    const a = koerCli(['prognose', MAPPE, '--anvend', '--format', 'json']);
    const b = koerCli(['afvigelser', MAPPE, '--anvend-prognose', '--format', 'json']);
    expect(a.kode).toBe(0);
    expect(a.ud).toBe(b.ud);
    const po = (j: { politikomraader: { nr: string; afvigelse: number }[] }) => j.politikomraader.find((p) => p.nr === '2.1')!.afvigelse;
    expect(Math.round((po(basis) - po(JSON.parse(a.ud))) * 100)).toBe(197398400);
    expect(b.fejl).toContain('Kontanthjælp 993,00 (trend)');
  });
});

describe('budgetopf prognose', () => {
  it('prints the forecast and the backtest, and the JSON has every method', () => {
    const r = koerCli(['prognose', MAPPE]);
    expect(r.kode).toBe(0);
    expect(r.ud).toMatch(/Kontanthjælp\s*│\s*6\s*│\s*919\s*│\s*983\s*│\s*993\s*│\s*975\s*│\s*996,81\s*│\s*trend/);
    const j = JSON.parse(koerCli(['prognose', MAPPE, '--format', 'json']).ud);
    const k = j.ydelser.find((y: { ydelse: string }) => y.ydelse === 'Kontanthjælp');
    // Helårspersoner to 2 decimals: sæson's 995,390625 is 995,39.
    expect(k.metoder).toEqual({ niveau: 982.5, gennemsnit: 975, trend: 993, saeson: 995.39 });
    expect(k.bedst).toBe('trend');
    expect(k.aendring_af_forventet).toBe(1264330); // 10 × 126.433
    const decimaler = (x: number) => (String(x).split('.')[1] ?? '').length;
    for (const y of j.ydelser) {
      for (const b of Object.values(y.backtest) as { middelfejl: number | null; aar: { fejl: number }[] }[]) {
        expect([b.middelfejl ?? 0, ...b.aar.map((a) => a.fejl)].every((x) => decimaler(x) <= 2)).toBe(true);
      }
    }
  });

  it('rapport --format json carries the prognose when the folder has maanedstal.csv', () => {
    const r = JSON.parse(koerCli(['rapport', MAPPE, '--format', 'json']).ud);
    const p = JSON.parse(koerCli(['prognose', MAPPE, '--format', 'json']).ud);
    expect(r.prognose).toEqual(p);
    expect(JSON.parse(koerCli(['rapport', 'data/slagelse-ebu-2025-bo2', '--format', 'json']).ud).prognose).toBeUndefined();
  });

  it('--skriv writes helaarspersoner.csv with the forecast, never over the input unless it is named', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'prognose-'));
    cpSync(MAPPE, mappe, { recursive: true });
    const input = join(mappe, 'helaarspersoner.csv');
    const foer = readFileSync(input, 'utf8');
    expect(koerCli(['prognose', mappe, '--skriv']).kode).toBe(0);
    expect(readFileSync(input, 'utf8')).toBe(foer);
    const ny = readFileSync(join(mappe, 'helaarspersoner.prognose.csv'), 'utf8');
    expect(ny).toContain('Kontanthjælp;985;919;919;993');
    expect(ny).toContain('Sygedagpenge;955;926;926;997');
    expect(koerCli(['prognose', mappe, '--skriv', join(mappe, 'budget.csv')]).kode).toBe(2);
    expect(koerCli(['prognose', mappe, '--skriv', input]).kode).toBe(0);
    expect(readFileSync(input, 'utf8')).toContain('Jobafklaring;397;385;385;408,5');
    expect(existsSync(join(mappe, 'budget.csv'))).toBe(true);
  });

  it('maanedstal.csv is checked with file and line', async () => {
    const mappe = mkdtempSync(join(tmpdir(), 'prognose-'));
    cpSync(MAPPE, mappe, { recursive: true });
    writeFileSync(join(mappe, 'maanedstal.csv'), 'ydelse;maaned;fuldtidspersoner\nKontanthjælp;2025-01;960\nKontanthjælp;2025-03;970\nUkendt;2025-01;5\nKontanthjælp;2025-13;1\nKontanthjælp;2025-01;961\n');
    const r = koerCli(['valider', mappe]);
    expect(r.kode).toBe(1);
    // Line 5's month could not be read, so whether a month is missing cannot be told: that check is skipped (issue 11)
    expect(r.ud).toContain('advarsel[tjek_sprunget_over]: Tjek mellem filer sprunget over, fordi ikke alle rækker i maanedstal.csv');
    expect(r.ud).toContain('månedstal uden huller');
    expect(r.ud).not.toContain('manglende_maaned');
    expect(r.ud).toContain('maanedstal.csv:4:ydelse: fejl[ukendt_ydelse]');
    expect(r.ud).toContain('maanedstal.csv:5:maaned: fejl[ugyldig_maaned]');
    expect(r.ud).toContain('maanedstal.csv:6:maaned: fejl[dublet_maaned]');
  });
});

describe('the prognose in the report and the workbook', () => {
  it('rapport --format html draws each ydelse\'s months, the projection and the methods\' range', () => {
    const r = koerCli(['rapport', MAPPE, '--format', 'html']);
    expect(r.kode).toBe(0);
    expect(r.ud).toContain('<h2 id="s6">Prognose for helårspersoner 2025');
    // July for Kontanthjælp: trend 954 + 6 × 7 = 996; the methods range from gennemsnit 975 to saeson 980 × 990/960 = 1.010,625.
    expect(r.ud).toContain('<title>jul, prognose (trend): 996 helårspersoner</title>');
    expect(r.ud).toContain('jul: metodernes spænd 975–1.010,63 helårspersoner');
    // October: trend 954 + 6 × 10 = 1.014 is the highest.
    expect(r.ud).toContain('okt: metodernes spænd 975–1.014 helårspersoner');
    expect(r.ud).toContain('<title>jun, observeret: 990 helårspersoner</title>');
    expect(r.ud).toContain('<title>Budget HP: 919 helårspersoner</title>');
  });

  it('prognose --format xlsx has the Prognose and Backtest sheets with the figures', async () => {
    const wb = await arbejdsbog(['prognose', MAPPE]);
    expect(wb.ark).toEqual(expect.arrayContaining(['Prognose', 'Backtest']));
    expect(wb.raekke('Prognose', 'Kontanthjælp')).toEqual(expect.arrayContaining([919, 983, 993, 975, 996.81, 'trend']));
  });
});

describe('prognose: review cases', () => {
  it('the kr columns are not afvigelser: --merforbrug-positiv leaves them as they are ((993 − 919) × 126.433 = 9.356.042)', () => {
    const r = koerCli(['prognose', MAPPE, '--merforbrug-positiv', '--format', 'csv']);
    expect(r.ud).toMatch(/^Kontanthjælp;6;919;983;993;975;996,81;trend;9356042,00;1264330,00/m);
  });

  it('rapport --anvend-prognose trend shows the trend forecast against helaarspersoner.csv\'s own forventet', () => {
    const r = koerCli(['rapport', MAPPE, '--anvend-prognose', 'trend']);
    expect(r.kode).toBe(0);
    expect(r.ud).toMatch(/Jobafklaring\s*│\s*6\s*│\s*385\s*│\s*403\s*│\s*411,69\s*│.*│\s*trend/);
    expect(r.ud).toMatch(/Kontanthjælp\s*│\s*6\s*│\s*919\s*│\s*983\s*│\s*993\s*│/);
  });

  it('--anvend-prognose with no month of the budget year is an error; prognose --anvend --format html works', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'prognose-'));
    cpSync(MAPPE, mappe, { recursive: true });
    writeFileSync(join(mappe, 'maanedstal.csv'), 'ydelse;maaned;fuldtidspersoner\nKontanthjælp;2024-01;900\n');
    expect(koerCli(['afvigelser', mappe, '--anvend-prognose']).kode).toBe(1);
    const h = koerCli(['prognose', MAPPE, '--anvend', '--format', 'html']);
    expect(h.kode).toBe(0);
    expect(h.ud).toContain('<html lang="da">');
  });

  it('--skriv and --output on the same file is refused', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'prognose-'));
    const r = koerCli(['prognose', MAPPE, '--skriv', join(mappe, 'x.csv'), '--output', join(mappe, 'x.csv')]);
    expect(r.kode).toBe(2);
  });
});
