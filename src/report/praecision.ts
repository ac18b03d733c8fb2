/** `budgetopf praecision`: each round's error against the regnskab, as report values (a table per round, a chart). */
import type { Praecision, RundeFejl } from '../core/praecision.js';
import { formatTal, NUL, type Decimal } from '../core/money.js';
import { talcelle, type Celle, type Dokument, type Linjediagram, type Tabel, type Tabelraekke } from './shape.js';
import { ENHEDSTEKST, type Visning } from './visning.js';

const rundeCeller = (i: number, r: RundeFejl): Record<string, Celle> => ({
  [`forventet${i}`]: talcelle(r.forventet, 'beloeb'),
  [`fejl${i}`]: talcelle(r.fejl, 'beloeb'),
  [`pct${i}`]: r.fejlPct && talcelle(r.fejlPct, 'pct'),
});

/** What a round or the regnskab missed (counted as 0), one note each. */
function manglerNoter(p: Praecision): string[] {
  return [
    ...p.politikomraader
      .filter((o) => o.manglerIRegnskab)
      .map((o) => `${p.regnskabNavn} har ingen poster på ${o.nr} ${o.navn}; regnskabet er regnet som 0.`),
    ...p.politikomraader.flatMap((o) =>
      o.runder
        .filter((r) => r.mangler)
        .map((r) => `${r.opfoelgning} har ingen poster på ${o.nr} ${o.navn}; forventet er regnet som 0.`),
    ),
  ];
}

export function praecisionTabel(p: Praecision, v: Visning): Tabel {
  const raekker: Tabelraekke[] = p.politikomraader.map((o) => ({
    art: 'data',
    id: `po ${o.nr}`,
    celler: {
      navn: `${o.nr} ${o.navn}`,
      politikomraade: o.nr,
      regnskab: talcelle(o.regnskab, 'beloeb'),
      ...Object.assign({}, ...o.runder.map((r, i) => rundeCeller(i, r))),
    },
  }));
  raekker.push({
    art: 'total',
    sumAf: p.politikomraader.map((o) => `po ${o.nr}`),
    celler: {
      navn: 'I alt',
      regnskab: talcelle(p.total.regnskab, 'beloeb'),
      ...Object.assign({}, ...p.total.runder.map((r, i) => rundeCeller(i, r))),
    },
  });
  raekker.push({
    art: 'total',
    celler: {
      navn: 'Gennemsnitlig absolut fejl i %',
      ...Object.fromEntries(p.middelAbsFejlPct.map((x, i) => [`pct${i}`, x && talcelle(x, 'pct')])),
    },
  });
  const mangler = manglerNoter(p);
  return {
    kolonner: [
      { noegle: 'navn', titel: `Drift (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'regnskab', titel: `Regnskab`, csv: 'regnskab' },
      ...p.runder.flatMap((r, i) => [
        { noegle: `forventet${i}`, titel: `Forventet ${r}`, csv: `forventet_${r}` },
        { noegle: `fejl${i}`, titel: `Fejl ${r}`, csv: `fejl_${r}` },
        { noegle: `pct${i}`, titel: `Fejl ${r} i %`, csv: `fejl_pct_${r}` },
      ]),
    ],
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }],
    raekker,
    grupper: p.runder.map((r, i) => ({
      titel: r,
      kolonner: ['navn', 'regnskab', `forventet${i}`, `fejl${i}`, `pct${i}`],
    })),
    noter: [
      'Fejl = forventet − regnskab (positiv = runden ventede mere forbrug end der blev); '
        + 'fejl i % = fejl / |regnskab| × 100 (tom, når regnskabet er 0).',
      'Gennemsnitlig absolut fejl: gennemsnittet af politikområdernes fejl i % uden fortegn.',
      ...mangler,
    ],
  };
}

/** Each politikområde's and the total's error (kr) by round: does it shrink? Labelled by nr for a short legend. */
export function praecisionDiagram(p: Praecision, v: Visning): Linjediagram {
  return {
    type: 'linje',
    titel: `Fejl pr. opfølgning: forventet − regnskab (${ENHEDSTEKST[v.enhed]})`,
    art: 'beloeb',
    etiketter: p.runder,
    serier: [
      ...p.politikomraader.map((o) => ({ navn: o.nr, vaerdier: o.runder.map((r) => r.fejl) })),
      { navn: 'I alt', vaerdier: p.total.runder.map((r) => r.fejl), stiplet: true },
    ],
    niveauer: [{ navn: 'Ingen fejl', vaerdi: NUL }],
  };
}

const pctTekst = (d: Decimal) => `${formatTal(d, { decimaler: 1, format: 'da' })} %`;

export function praecisionDokument(p: Praecision, v: Visning, undertitel: string[], aar: number): Dokument {
  const sidste = p.middelAbsFejlPct.at(-1);
  const foerste = p.middelAbsFejlPct[0];
  const tekst =
    p.runder.length > 1 && sidste && foerste
      ? [
          `Den gennemsnitlige absolutte fejl gik fra ${pctTekst(foerste)} ved ${p.runder[0]} `
            + `til ${pctTekst(sidste)} ved ${p.runder.at(-1)}.`,
        ]
      : [];
  return {
    titel: `Præcision af de forventede regnskaber ${aar}`,
    undertitel,
    sektioner: [
      {
        titel: `Fejl mod ${p.regnskabNavn}`,
        ark: 'Præcision',
        tekst,
        diagrammer: [praecisionDiagram(p, v)],
        tabel: praecisionTabel(p, v),
      },
    ],
  };
}
