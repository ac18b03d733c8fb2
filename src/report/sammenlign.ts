/** `budgetopf sammenlign`: what changed between two rounds, as report values (tables, a bridge chart). */
import type { Aendring, KorrektionAendring, Sammenligning } from '../core/sammenlign.js';
import { talcelle, type Celle, type Dokument, type Kolonne, type Tabel, type Tabelraekke } from './shape.js';
import { ENHEDSTEKST, type Visning } from './visning.js';
import type { Brodiagram } from './shape.js';

const DELKOLONNER: [keyof Aendring, string, string][] = [
  ['hpEffekt', 'Helårspersoner', 'hp_effekt'],
  ['prisEffekt', 'Pris', 'pris_effekt'],
  ['korrektionEffekt', 'Korrektioner', 'korrektion_effekt'],
  ['budgetEffekt', 'Budget', 'budget_effekt'],
  ['oevrig', 'Øvrige', 'oevrig'],
];

function kolonner(s: Sammenligning, v: Visning, foerste: string): Kolonne[] {
  return [
    { noegle: 'navn', titel: `${foerste} (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
    { noegle: 'forventetA', titel: `Forventet ${s.a.opfoelgning}`, csv: 'forventet_a' },
    { noegle: 'forventetB', titel: `Forventet ${s.b.opfoelgning}`, csv: 'forventet_b' },
    { noegle: 'aendring', titel: 'Ændring', csv: 'aendring' },
    ...DELKOLONNER.map(([noegle, titel, csv]) => ({ noegle, titel, csv })),
  ];
}

const GRUPPER = [
  { titel: 'Forventet regnskab', kolonner: ['navn', 'forventetA', 'forventetB', 'aendring'] },
  { titel: 'Ændringen forklaret', kolonner: ['navn', 'aendring', ...DELKOLONNER.map(([n]) => n)] },
];

function celler(a: Aendring): Record<string, Celle> {
  const felter = ['forventetA', 'forventetB', 'aendring', ...DELKOLONNER.map(([n]) => n)] as const;
  return Object.fromEntries(felter.map((f) => [f, talcelle(a[f], 'beloeb')]));
}

const NOTE = [
  'Ændring = forventet B − forventet A (positiv = mere forventet forbrug).',
  "Helårspersoner = ændrede forventede helårspersoner × A's forventede pris;",
  "pris = ændret forventet pris × B's forventede helårspersoner; korrektioner = ændrede korrektioner;",
  'budget = resten på en aktivitetspost (korrigeret budget og budgetterede helårspersoner × pris);',
  'øvrige = hele ændringen på poster uden aktivitetsmodel. Delene summerer til ændringen.',
].join(' ');

export function omraadeTabel(s: Sammenligning, v: Visning): Tabel {
  const raekker: Tabelraekke[] = s.politikomraader.map((p) => ({
    art: 'data',
    id: `po ${p.nr}`,
    celler: { navn: `${p.nr} ${p.navn}`, politikomraade: p.nr, ...celler(p) },
  }));
  raekker.push({
    art: 'total',
    sumAf: s.politikomraader.map((p) => `po ${p.nr}`),
    celler: { navn: 'I alt', ...celler(s.total) },
  });
  return {
    kolonner: kolonner(s, v, 'Politikområde'),
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }],
    raekker,
    grupper: GRUPPER,
    noter: [NOTE],
  };
}

export function postTabel(s: Sammenligning, v: Visning): Tabel {
  const aendrede = s.poster.filter((p) => !p.aendring.isZero());
  const udeladt = s.poster.length - aendrede.length;
  return {
    kolonner: kolonner(s, v, 'Post'),
    csvNoegler: [
      { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
      { noegle: 'post', titel: 'Post', csv: 'post' },
    ],
    raekker: aendrede.map((p) => ({
      art: 'data',
      celler: { navn: `${p.politikomraade} ${p.post}`, politikomraade: p.politikomraade, post: p.post, ...celler(p) },
    })),
    grupper: GRUPPER,
    noter: udeladt ? [`${udeladt} ${udeladt === 1 ? 'post' : 'poster'} uden ændring er udeladt.`] : [],
  };
}

const STATUS: Record<KorrektionAendring['status'], string> = {
  ny: 'Ny',
  bortfaldet: 'Bortfaldet',
  aendret: 'Ændret beløb',
};

export function korrektionsAendringTabel(s: Sammenligning): Tabel {
  const beloeb = (d: KorrektionAendring['beloebA']) => (d === null ? null : talcelle(d, 'beloeb'));
  return {
    kolonner: [
      { noegle: 'status', titel: 'Status', csv: 'status' },
      { noegle: 'post', titel: 'Post', csv: 'post' },
      { noegle: 'beloebA', titel: `Beløb ${s.a.opfoelgning}`, csv: 'beloeb_a' },
      { noegle: 'beloebB', titel: `Beløb ${s.b.opfoelgning}`, csv: 'beloeb_b' },
      { noegle: 'tekst', titel: 'Forklaring', csv: 'tekst' },
    ],
    csvNoegler: [
      { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
      { noegle: 'type', titel: 'Type', csv: 'type' },
    ],
    raekker: s.korrektioner.map((k) => ({
      art: 'data',
      celler: {
        status: STATUS[k.status],
        post: `${k.politikomraade} ${k.post}`,
        politikomraade: k.politikomraade,
        type: k.type,
        beloebA: beloeb(k.beloebA),
        beloebB: beloeb(k.beloebB),
        tekst: k.tekst,
      },
    })),
  };
}

/** From A's total forventet through the parts of the change to B's. */
export function broDiagram(s: Sammenligning, v: Visning): Brodiagram {
  return {
    type: 'bro',
    titel: `Forventet regnskab fra ${s.a.opfoelgning} til ${s.b.opfoelgning} (${ENHEDSTEKST[v.enhed]})`,
    start: { etiket: s.a.opfoelgning, vaerdi: s.total.forventetA },
    trin: DELKOLONNER.map(([n, titel]) => ({ etiket: titel, vaerdi: s.total[n] })),
    slut: { etiket: s.b.opfoelgning, vaerdi: s.total.forventetB },
  };
}

export function sammenlignDokument(s: Sammenligning, v: Visning, undertitel: string[]): Dokument {
  return {
    titel: `Fra ${s.a.opfoelgning} til ${s.b.opfoelgning} ${s.b.budgetaar}: hvad er ændret`,
    undertitel,
    sektioner: [
      {
        titel: 'Ændring pr. politikområde',
        ark: 'Politikområder',
        diagrammer: [broDiagram(s, v)],
        tabel: omraadeTabel(s, v),
      },
      s.poster.some((p) => !p.aendring.isZero())
        ? { titel: 'Ændring pr. post', ark: 'Poster', tabel: postTabel(s, v) }
        : { titel: 'Ændring pr. post', tekst: ['Ingen post har ændret forventet regnskab.'] },
      ...(s.korrektioner.length
        ? [
            {
              titel: 'Korrektioner, der er kommet til, faldet bort eller ændret',
              ark: 'Korrektioner',
              tabel: korrektionsAendringTabel(s),
            },
          ]
        : []),
    ],
  };
}
