// initiativer.csv: checked by valider (codes with file:line), carried by videre, shown in rapport with the
// shortfall; bevillinger_givet.csv listed by rapport.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { koerCli } from './helpers.js';

const BO3 = 'data/slagelse-ebu-2025-aar-bo3';
const U = 'Erhvervs-, Beskæftigelses- og Uddannelsesudvalget';

function medInitiativer(indhold: string): string {
  const mappe = join(mkdtempSync(join(tmpdir(), 'budgetopf-ini-')), 'bo3');
  cpSync(BO3, mappe, { recursive: true });
  writeFileSync(join(mappe, 'initiativer.csv'), indhold);
  return mappe;
}

describe('initiativer.csv', () => {
  it('rapport shows planned against realised per initiative with the shortfall (kr), and the JSON carries it', () => {
    const r = koerCli(['rapport', BO3, '--format', 'json']);
    const ini = JSON.parse(r.ud).initiativer;
    // I1 2025: planned 2.000.000, realised 1.500.000 → 500.000 short; I2: 500.000 − 200.000 = 300.000.
    expect(ini[0]).toEqual({
      id: 'I1',
      tekst: 'Flere i job gennem virksomhedsrettet indsats',
      udvalg: U,
      politikomraade: '2.1',
      aar: 2025,
      status: 'igangsat',
      planlagt: 2_000_000,
      realiseret: 1_500_000,
      manglende: 500_000,
    });
    expect(ini[1]).toMatchObject({ id: 'I1', aar: 2026, realiseret: 0, manglende: 3_000_000 }); // blank realiseret = 0
    expect(ini[2]).toMatchObject({ id: 'I2', manglende: 300_000 });
    const tabel = koerCli(['rapport', BO3, '--enhed', 'kr']).ud;
    // 2025: planned 2.000.000 + 500.000 + 900.000 + 1.300.000 = 4.700.000;
    // realised 1.500.000 + 200.000 + 900.000 + 900.000 = 3.500.000.
    expect(tabel).toMatch(/I alt 2025 +│ +│ +│ +4\.700\.000 │ +3\.500\.000 │ +1\.200\.000 │/);
    expect(tabel).toMatch(
      /I2 Digital sagsbehandling i Jobcentret +│ 2\.1 +│ 2025 │ +500\.000 │ +200\.000 │ +300\.000 │ forsinket/,
    );
  });

  it('valider reports a wrong initiative with file, line and code', () => {
    const mappe = medInitiativer(`id;tekst;udvalg;politikomraade;aar;planlagt;realiseret;status
I1;Et;${U};2.1;2025;100.000;;igangsat
I1;Et;${U};2.1;2025;100.000;;igangsat
I2;To;Økonomiudvalget;2.1;2025;1.000;;planlagt
I3;Tre;${U};9.9;2025;1.000;;planlagt
I4;Fire;${U};2.2;2031;1.000;;planlagt
I5;Fem;${U};2.2;2025;1.05;;planlagt
`);
    const r = koerCli(['valider', mappe]);
    expect(r.kode).toBe(1);
    const fil = join(mappe, 'initiativer.csv');
    expect(r.ud).toContain(`${fil}:3:id: fejl[dublet_initiativ]: I1 2025 står allerede på linje 2`);
    expect(r.ud).toContain(
      `${fil}:4:udvalg: fejl[udvalg_afviger]: I2: politikområde 2.1 hører til "${U}", ikke "Økonomiudvalget"`,
    );
    expect(r.ud).toContain(`${fil}:5:politikomraade: fejl[ukendt_politikomraade]`);
    expect(r.ud).toContain(`${fil}:6:aar: fejl[aar_uden_for_perioden]`);
    expect(r.ud).toContain(`${fil}:7:planlagt: fejl[ugyldigt_tal]`);
  });

  it('a missing required column is an error; the file is optional', () => {
    const r = koerCli(['valider', medInitiativer('id;tekst;aar;planlagt\nI1;Et;2025;1000\n')]);
    expect(r.ud).toMatch(/initiativer\.csv:1:udvalg: fejl\[mangler_kolonne\]/);
    expect(koerCli(['valider', 'data/slagelse-ebu-2025-bo2']).kode).toBe(0);
  });

  it('videre carries it unchanged', () => {
    const ny = join(mkdtempSync(join(tmpdir(), 'budgetopf-ini-')), 'regnskab');
    expect(koerCli(['videre', BO3, '--til', ny]).kode).toBe(0);
    expect(readFileSync(join(ny, 'initiativer.csv'))).toEqual(readFileSync(join(BO3, 'initiativer.csv')));
  });
});

describe("the year's given bevillinger", () => {
  it('rapport and bevillinger list them with the follow-up that gave them', () => {
    const json = JSON.parse(koerCli(['rapport', BO3, '--format', 'json']).ud);
    // A1–A3 given at BO1 (9 lines), B1–B9 at BO2 (26 lines).
    expect(json.bevillinger_givet).toHaveLength(35);
    expect(json.bevillinger_givet[0]).toEqual({
      id: 'A1',
      type: 'tillaegsbevilling',
      tekst: 'Færre borgere i ressourceforløb og lavere overførselsudgifter tilføres kassen',
      politikomraade: '2.1',
      post: 'Ressourceforløb',
      udgiftsart: 'overfoersel',
      aar: 2025,
      beloeb: -1_937_796,
      opfoelgning: 'BO1',
    });
    const tabel = koerCli(['bevillinger', BO3]).ud;
    expect(tabel).toContain('Givne bevillinger 2025');
    expect(tabel).toMatch(/ +2\.1 Ressourceforløb +│ +│ +-1\.938 │/);
    expect(koerCli(['rapport', 'data/slagelse-ebu-2025-bo2']).ud).not.toContain('Givne bevillinger');
    expect(koerCli(['afvigelser', BO3, '--format', 'html']).ud).toContain('Givne bevillinger 2025');
  });
});
