/** Spending to date and its projection per budget post, and the accounts no kontoplan line covers. */
import { danskDato, type Forbrugsopgoerelse } from '../core/forbrug.js';
import { Decimal, formatTal, sum } from '../core/money.js';
import { afvigelsesformel, merforbrugOrd } from '../core/fortegn.js';
import { afvigelsescelle, talcelle, type Sektion, type Tabel } from './shape.js';
import { ENHEDSTEKST, type Visning } from './visning.js';

export function forbrugsTabel(opg: Forbrugsopgoerelse, v: Visning): Tabel {
  const pct = (d: typeof opg.poster[number]['forbrugsandel']) => d && talcelle(d.times(100), 'pct');
  return {
    kolonner: [
      { noegle: 'post', titel: `Post (${ENHEDSTEKST[v.enhed]})`, csv: 'post' },
      { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
      { noegle: 'tilDato', titel: 'Forbrug til dato', csv: 'forbrug_til_dato' },
      { noegle: 'pct', titel: 'Forbrug %', csv: 'forbrugsprocent' },
      { noegle: 'forventetPct', titel: 'Forventet %', csv: 'forventet_forbrugsprocent' },
      { noegle: 'profil', titel: 'Profil', csv: 'profil' },
      { noegle: 'fremskrevet', titel: 'Fremskrevet regnskab', csv: 'fremskrevet' },
      { noegle: 'afvigelse', titel: 'Afvigelse', csv: 'afvigelse' },
    ],
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }],
    raekker: opg.poster.map((p) => {
      return {
        art: 'data' as const,
        celler: {
          politikomraade: p.politikomraade,
          post: `${p.politikomraade} ${p.post}`,
          korrigeret: talcelle(p.korrigeret, 'beloeb'),
          tilDato: talcelle(p.tilDato, 'beloeb'),
          pct: pct(p.forbrugsandel),
          forventetPct: talcelle(p.forventetAndel.times(100), 'pct'),
          profil: p.profil === 'sidste_aar' ? 'sidste år' : 'lineær',
          fremskrevet: talcelle(p.fremskrevet, 'beloeb'),
          afvigelse: afvigelsescelle(p.afvigelse),
        },
      };
    }),
    noter: [
      `Forbrug til dato: bogføringer i ${opg.pr.aar} til og med ${danskDato(opg.pr)}. Forventet %: andelen af sidste års forbrug på posten, der var brugt på samme dato (lineær uden sidste år).`,
      `Fremskrevet regnskab = forbrug til dato / forventet andel; afvigelse = ${afvigelsesformel('fremskrevet', v.fortegn)} (${merforbrugOrd(v.fortegn)} = merforbrug).`,
    ],
  };
}

/** Accounts in forbrug.csv that no kontoplan line covers: reported with their totals, never dropped silently. */
export function ukendteKontiTabel(opg: Forbrugsopgoerelse): Tabel | null {
  const ukendte = opg.konti.filter((k) => k.post === null);
  if (ukendte.length === 0) return null;
  return {
    kolonner: [
      { noegle: 'konto', titel: 'Konto', csv: 'konto' },
      { noegle: 'iAlt', titel: 'I alt i filen (kr.)', csv: 'i_alt' },
      { noegle: 'tilDato', titel: 'Heraf til dato (kr.)', csv: 'til_dato' },
    ],
    raekker: [
      ...ukendte.map((k) => ({ art: 'data' as const, celler: { konto: k.konto, iAlt: talcelle(k.iAlt, 'beloeb'), tilDato: talcelle(k.tilDato, 'beloeb') } })),
      { art: 'total' as const, celler: { konto: 'I alt', iAlt: talcelle(sum(ukendte.map((k) => k.iAlt)), 'beloeb'), tilDato: talcelle(sum(ukendte.map((k) => k.tilDato)), 'beloeb') } },
    ],
    noter: ['Tilføj kontiene (eller et fælles præfiks) til kontoplan.csv for at få dem med på en post.'],
    // Small sums on accounts nobody planned for: in kr., where mio. kr. would show 0,0.
    talvisning: { enhed: 'kr', decimaler: 0 },
  };
}

export function forbrugsSektioner(opg: Forbrugsopgoerelse, v: Visning): Sektion[] {
  const ukendte = ukendteKontiTabel(opg);
  const antal = formatTal(new Decimal(opg.antal), { decimaler: 0, format: 'da', tusindtalsseparator: true });
  const laest = `${antal} ${opg.antal === 1 ? 'postering' : 'posteringer'} læst.`;
  return [
    { titel: `Forbrug pr. ${danskDato(opg.pr)}`, ark: 'Forbrug', tabel: forbrugsTabel(opg, v), tekst: [laest] },
    ...(ukendte ? [{ titel: 'Konti uden for kontoplanen', ark: 'Konti uden kontoplan', tabel: ukendte }] : []),
  ];
}
