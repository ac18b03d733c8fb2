/** Writes a large synthetic dataset (n politikområder, two posts each, a ydelse, a korrektion and a bevilling per tenth) for timing tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function skrivStortDatasaet(mappe: string, n: number): void {
  mkdirSync(mappe, { recursive: true });
  const po = ['nr;navn;udvalg'];
  const budget = ['politikomraade;post;udgiftsart;vedtaget;korrigeret;forventet;forventet_forrige'];
  const hp = ['ydelse;regnskab_forrige;vedtaget;korrigeret;forventet'];
  const pris = ['ydelse;regnskab_forrige;budget;forventet'];
  const korr = ['politikomraade;post;beloeb;tekst;type'];
  const bev = ['id;type;tekst;politikomraade;post;udgiftsart;aar;beloeb'];
  for (let i = 0; i < n; i++) {
    const nr = `${Math.floor(i / 100) + 1}.${i % 100}`;
    po.push(`${nr};Område ${i};Udvalg ${i % 50}`);
    budget.push(`${nr};Drift ${i};service;${1000 + i};${1100 + i};${1050 + i};${1040 + i}`);
    if (i % 10 === 0) {
      budget.push(`${nr};Ydelse ${i};overfoersel;100000;100000;;99000`);
      hp.push(`Ydelse ${i};10;10;10;11`);
      pris.push(`Ydelse ${i};9.000;10.000;10.100`);
      korr.push(`${nr};Drift ${i};-25;Rettelse ${i};korrektion`);
      bev.push(`B${i};omplacering;Flytning ${i};${nr};;service;2025;100`, `B${i};omplacering;Flytning ${i};${nr};;overfoersel;2025;-100`);
    } else {
      budget.push(`${nr};Overførsel ${i};overfoersel;${2000 + i};${2000 + i};${1990 + i};${1980 + i}`);
    }
  }
  const manifest = { kommune: 'Stor Kommune', budgetaar: 2025, opfoelgning: 'BO2', beloebsenhed: 'kr' };
  writeFileSync(join(mappe, 'opfoelgning.json'), JSON.stringify(manifest));
  const filer: [string, string[]][] = [['politikomraader.csv', po], ['budget.csv', budget], ['helaarspersoner.csv', hp],
    ['enhedspriser.csv', pris], ['korrektioner.csv', korr], ['bevillingsoensker.csv', bev]];
  for (const [navn, linjer] of filer) writeFileSync(join(mappe, navn), `${linjer.join('\n')}\n`);
}
