/** Forecasts of helårspersoner (prognose) as report values: the forecast per ydelse and the backtest. */
import type { Datasaet } from '../core/model.js';
import { METODER, METODEBESKRIVELSE, prognoseEffekter, type Metode, type YdelsesPrognose } from '../core/prognose.js';
import { Decimal } from '../core/money.js';
import { prognoseDiagram } from './diagrammer.js';
import { talcelle, type Sektion, type Tabel } from './shape.js';
import { ENHEDSTEKST, metodenavn, type Visning } from './visning.js';

/** The forecasts with the kr each one moves: the value `prognose --format json` shows. */
export interface PrognoseRapport {
  budgetaar: number;
  ydelser: (YdelsesPrognose & { effekter: ReturnType<typeof prognoseEffekter> })[];
}

export function prognoseRapport(prognoser: YdelsesPrognose[], ds: Datasaet): PrognoseRapport {
  return { budgetaar: ds.manifest.budgetaar, ydelser: prognoser.map((p) => ({ ...p, effekter: prognoseEffekter(p, ds) })) };
}

export function prognoseTabel(prognoser: YdelsesPrognose[], ds: Datasaet, v: Visning): Tabel {
  const antal = (d: Decimal) => talcelle(d, 'antal');
  // Not an afvigelse (positive = more spending whatever the fortegn), so never flipped or flagged.
  const merudgift = (d: Decimal) => talcelle(d, 'beloeb');
  return {
    kolonner: [
      { noegle: 'ydelse', titel: 'Ydelse', csv: 'ydelse' },
      { noegle: 'maaneder', titel: 'Måneder', csv: 'observerede_maaneder' },
      { noegle: 'budget', titel: 'Budget HP', csv: 'budget_hp' },
      { noegle: 'fil', titel: 'Forventet HP', csv: 'forventet_hp' },
      { noegle: 'prognose', titel: 'Prognose HP', csv: 'prognose_hp' },
      { noegle: 'lav', titel: 'Lav', csv: 'lav' },
      { noegle: 'hoej', titel: 'Høj', csv: 'hoej' },
      { noegle: 'metode', titel: 'Metode', csv: 'metode' },
      { noegle: 'modBudget', titel: `Merudgift ift. budget (${ENHEDSTEKST[v.enhed]})`, csv: 'merudgift_ift_budget' },
      { noegle: 'modFil', titel: `Ændring af forventet (${ENHEDSTEKST[v.enhed]})`, csv: 'aendring_af_forventet' },
    ],
    raekker: prognoser.map((p) => {
      const e = prognoseEffekter(p, ds);
      return {
        art: 'data' as const,
        celler: {
          ydelse: p.ydelse,
          maaneder: talcelle(new Decimal(p.observerede), 'antal'),
          budget: antal(e.budgetHp),
          fil: antal(e.filHp),
          prognose: antal(p.hp),
          lav: antal(p.lav),
          hoej: antal(p.hoej),
          metode: p.metode,
          modBudget: merudgift(e.mod.budget),
          modFil: merudgift(e.mod.fil),
        },
      };
    }),
    grupper: [
      { titel: 'Helårspersoner', kolonner: ['ydelse', 'maaneder', 'budget', 'fil', 'prognose', 'lav', 'hoej', 'metode'] },
      { titel: 'Effekt ved forventet pris', kolonner: ['ydelse', 'modBudget', 'modFil'] },
    ],
    noter: [
      'Prognose HP = (sum af årets observerede måneder + sum af de fremskrevne) / 12, afrundet til 2 decimaler.',
      'Lav–høj: fra metodernes laveste til højeste prognose og den valgte prognose rettet med backtestens fejl i tidligere år.',
      'Merudgift og ændring er (prognose − budget HP eller forventet HP) × forventet pris; positiv = flere udgifter.',
    ],
  };
}

/** Each method's mean absolute error when it is run at the same month in earlier complete years. */
export function backtestTabel(prognoser: YdelsesPrognose[]): Tabel {
  return {
    kolonner: [
      { noegle: 'ydelse', titel: 'Ydelse', csv: 'ydelse' },
      ...METODER.map((m) => ({ noegle: m, titel: metodenavn(m), csv: `middelfejl_${m}` })),
      { noegle: 'aar', titel: 'År', csv: 'backtest_aar' },
      { noegle: 'bedst', titel: 'Bedst', csv: 'bedst' },
    ],
    raekker: prognoser.map((p) => ({
      art: 'data' as const,
      celler: {
        ydelse: p.ydelse,
        ...Object.fromEntries(METODER.map((m) => [m, p.backtest[m].middelfejl && talcelle(p.backtest[m].middelfejl!, 'antal')])),
        aar: [...new Set(METODER.flatMap((m) => p.backtest[m].faelles))].sort().join(', ') || '–',
        bedst: p.bedst ?? '–',
      },
    })),
    noter: ['Gennemsnitlig absolut fejl i helårspersoner, hvis metoden var brugt på samme måned i tidligere hele år, '
      + 'over de år alle metoder kan prøves i (sæson kræver året før).'],
  };
}

export function prognoseSektioner(prognoser: YdelsesPrognose[], ds: Datasaet, v: Visning, metode: Metode | 'bedst'): Sektion[] {
  return [
    {
      titel: `Prognose for helårspersoner ${ds.manifest.budgetaar}`,
      ark: 'Prognose',
      tabel: prognoseTabel(prognoser, ds, v),
      diagrammer: prognoser.map((p) => prognoseDiagram(p, prognoseEffekter(p, ds).budgetHp, ds.manifest.budgetaar)),
      tekst: [metode === 'bedst'
        ? 'Metode: den med mindst fejl i backtesten for hver ydelse (niveau, hvor der ikke er tidligere år).'
        : `Metode: ${metodenavn(metode)} (${METODEBESKRIVELSE[metode]})`
          + (prognoser.some((p) => p.metode !== metode) ? '; niveau for de ydelser, hvor den ikke kan bruges.' : '.')],
    },
    {
      titel: 'Backtest', ark: 'Backtest', tabel: backtestTabel(prognoser),
      tekst: METODER.map((m) => `- ${metodenavn(m)}: ${METODEBESKRIVELSE[m]}`),
    },
  ];
}
