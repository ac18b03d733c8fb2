/** The year so far: the bevillinger given earlier (bevillinger_givet.csv) and the budget agreement's initiatives. */
import { grupper } from '../core/beregn.js';
import { initiativStatus, initiativTotal } from '../core/initiativer.js';
import { sum } from '../core/money.js';
import { KASSEN, type Datasaet, type GivetBevillingslinje } from '../core/model.js';
import { talcelle, type Celle, type Sektion, type Tabel, type Tabelraekke } from './shape.js';
import { BEVILLINGSLINJE_NOEGLER } from './bevillinger.js';
import { ENHEDSTEKST, type Visning } from './visning.js';

/**
 * Per request (and the follow-up that gave it) a heading row, then a row per politikområde, post and udgiftsart
 * with a column per year (kr; positive = more budget).
 */
export function givneBevillingerTabel(linjer: readonly GivetBevillingslinje[], budgetaar: number, v: Visning): Tabel {
  const aar = [0, 1, 2, 3].map((i) => budgetaar + i);
  const aarsceller = (ls: GivetBevillingslinje[]): Record<string, Celle> =>
    Object.fromEntries(
      aar.map((a) => {
        const x = ls.filter((y) => y.aar === a);
        return [`aar${a}`, x.length ? talcelle(sum(x.map((y) => y.beloeb)), 'beloeb') : null];
      }),
    );
  const raekker: Tabelraekke[] = [];
  for (const ls of grupper(linjer, (l) => `${l.opfoelgning}\u0000${l.id}`).values()) {
    const { id, tekst, opfoelgning, type } = ls[0]!;
    raekker.push({ art: 'data', celler: { navn: `${id} ${tekst}`, id, opfoelgning } });
    // An indtægts- og udgiftsbevilling shows its income and its expense apart, as the request table does.
    const dele = grupper(ls, (l) =>
      [
        l.politikomraade,
        l.post ?? '',
        l.udgiftsart ?? '',
        type === 'indtaegts_og_udgiftsbevilling' && l.beloeb.isNegative(),
      ].join('\u0000'),
    );
    for (const d of dele.values()) {
      const l = d[0]!;
      const sted = l.politikomraade === KASSEN ? 'Kassen' : `${l.politikomraade}${l.post ? ` ${l.post}` : ''}`;
      raekker.push({
        art: 'post',
        celler: {
          navn: `    ${sted}`,
          id,
          politikomraade: l.politikomraade,
          post: l.post,
          udgiftsart: l.udgiftsart,
          ...aarsceller(d),
        },
      });
    }
  }
  return {
    kolonner: [
      { noegle: 'navn', titel: `Bevilling (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'opfoelgning', titel: 'Givet ved', csv: 'opfoelgning' },
      ...aar.map((a) => ({ noegle: `aar${a}`, titel: String(a), csv: String(a) })),
    ],
    csvNoegler: BEVILLINGSLINJE_NOEGLER,
    raekker,
    talvisning: { enhed: v.enhed, decimaler: v.decimaler },
    noter: [
      'Årets givne bevillinger fra bevillinger_givet.csv; budgetårets beløb er med i det korrigerede budget. '
        + 'Positivt = mere budget.',
    ],
  };
}

/** Planned against realised saving per initiative and year, with the shortfall (kr; positive = short of the plan). */
export function initiativTabel(ds: Datasaet): Tabel {
  const status = initiativStatus(ds.initiativer ?? []);
  const aar = ds.manifest.budgetaar;
  const t = initiativTotal(status, aar);
  const raekker: Tabelraekke[] = status.map(({ initiativ: i, realiseret, manglende }) => ({
    art: 'data',
    id: `i ${i.kilde.linje}`,
    celler: {
      navn: `${i.id} ${i.tekst}`,
      id: i.id,
      udvalg: i.udvalg,
      politikomraade: i.politikomraade ?? '',
      aar: String(i.aar),
      status: i.status,
      planlagt: talcelle(i.planlagt, 'beloeb'),
      realiseret: talcelle(realiseret, 'beloeb'),
      manglende: talcelle(manglende, 'beloeb'),
    },
  }));
  raekker.push({
    art: 'total',
    sumAf: status.filter((s) => s.initiativ.aar === aar).map((s) => `i ${s.initiativ.kilde.linje}`),
    celler: {
      navn: `I alt ${aar}`,
      planlagt: talcelle(t.planlagt, 'beloeb'),
      realiseret: talcelle(t.realiseret, 'beloeb'),
      manglende: talcelle(t.manglende, 'beloeb'),
    },
  });
  return {
    kolonner: [
      { noegle: 'navn', titel: 'Initiativ', csv: 'initiativ' },
      { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
      { noegle: 'aar', titel: 'År', csv: 'aar' },
      { noegle: 'planlagt', titel: 'Planlagt besparelse', csv: 'planlagt' },
      { noegle: 'realiseret', titel: 'Realiseret', csv: 'realiseret' },
      { noegle: 'manglende', titel: 'Mangler', csv: 'manglende' },
      { noegle: 'status', titel: 'Status', csv: 'status' },
    ],
    csvNoegler: [
      { noegle: 'id', titel: 'Id', csv: 'id' },
      { noegle: 'udvalg', titel: 'Udvalg', csv: 'udvalg' },
    ],
    raekker,
    noter: ['Mangler = planlagt − realiseret besparelse: positivt = besparelsen er ikke hentet endnu.'],
  };
}

/** The sections for the year so far (empty when the folder has neither file). */
export function aaretsSektioner(ds: Datasaet, vBevilling: Visning): Sektion[] {
  return [
    ...(ds.givneBevillinger?.length
      ? [
          {
            titel: `Givne bevillinger ${ds.manifest.budgetaar}`,
            ark: 'Givne bevillinger',
            tabel: givneBevillingerTabel(ds.givneBevillinger, ds.manifest.budgetaar, vBevilling),
          },
        ]
      : []),
    ...(ds.initiativer?.length
      ? [{ titel: 'Budgetaftalens initiativer', ark: 'Initiativer', tabel: initiativTabel(ds) }]
      : []),
  ];
}
