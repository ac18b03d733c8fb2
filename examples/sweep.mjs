// Sweeps the forventet helårspersoner on Kontanthjælp from 900 to 1.100 and prints, as CSV, the
// afvigelse of its politikområde and of the whole udvalg in kr. Run: node examples/sweep.mjs
import { anvendScenarie, beregn, indlaesDatasaet, parseAendring } from 'budgetopf';

const { datasaet, fund } = await indlaesDatasaet(new URL('../data/slagelse-ebu-2025-bo2', import.meta.url).pathname);
if (!datasaet) throw new Error(fund.map((f) => `${f.fil}:${f.linje} ${f.besked}`).join('\n'));

console.log('hp;afvigelse_2.1;afvigelse_total');
for (let hp = 900; hp <= 1100; hp += 25) {
  const o = beregn(anvendScenarie(datasaet, [parseAendring('hp', 'Kontanthjælp', `=${hp}`)]));
  const po = o.politikomraader.find((p) => p.nr === '2.1');
  console.log([hp, po.sum.afvigelse.toFixed(2), o.total.afvigelse.toFixed(2)].join(';').replaceAll('.', ','));
}
