/** Bevillingsønsker as report values: the request table (as the source prints it) and the deviation after approval. */
import type { Bevillingsoenske, Flag } from '../core/bevillinger.js';
import { grupper, type Opfoelgning, type Summering } from '../core/beregn.js';
import { merforbrugsnote } from '../core/fortegn.js';
import { NUL, sum, type Decimal } from '../core/money.js';
import type { Art } from '../core/model.js';
import { KASSEN, type Bevillingslinje, type Manifest, type Politikomraade } from '../core/model.js';
import { summeringI, udvalgsskelet } from './skelet.js';
import { afvigelsescelle, talcelle, type Celle, type Kolonne, type Sektion, type Tabel, type Tabelraekke } from './shape.js';
import { ENHEDSTEKST, medGrundlag, type Visning } from './visning.js';

const UDGIFTSART_ENTAL: Record<Art, string> = {
  service: 'serviceudgift', overfoersel: 'overførselsudgift', renter: 'renter', skatter: 'skatter',
  tilskud_udligning: 'tilskud og udligning', anlaeg: 'anlæg', forsyning: 'forsyning', laan: 'lån',
  afdrag: 'afdrag på lån', finansforskydninger: 'finansforskydning',
};

const FLAG_TEKST: Record<Flag, string> = {
  kassefinansieret: 'kassefinansieret tillægsbevilling, en undtagelse efter kasse- og regnskabsregulativet, der beder udvalget finde kompenserende besparelser inden for egen ramme først',
  tilfoerer_kassen: 'tilfører kassen et mindreforbrug',
  service_overfoersel: 'flytter budget mellem serviceudgifter og overførselsudgifter og ændrer dermed serviceramen',
  paa_tvaers_af_udvalg: 'går på tværs af udvalg',
};

const FLAGKORT: Record<Flag, string> = {
  kassefinansieret: 'Kassefinansieret',
  tilfoerer_kassen: 'Til kassen',
  service_overfoersel: 'Service/overførsel',
  paa_tvaers_af_udvalg: 'På tværs af udvalg',
};
export const KOMPETENCE_TEKST = { udvalget: 'Udvalget', byraadet: 'Byrådet' } as const;

/** The committee's decision in the form of the indstilling: who approves what. */
/** The CSV keys of a bevilling line (bevillingsønsker and the year's given bevillinger). */
export const BEVILLINGSLINJE_NOEGLER: Kolonne[] = [
  { noegle: 'id', titel: 'Id', csv: 'id' },
  { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
  { noegle: 'post', titel: 'Post', csv: 'post' },
  { noegle: 'udgiftsart', titel: 'Udgiftsart', csv: 'udgiftsart' },
];

export function indstilling(oensker: Bevillingsoenske[]): string[] {
  const ids = (k: Bevillingsoenske['kompetence']) => oensker.filter((b) => b.kompetence === k).map((b) => b.id);
  return [
    ...(ids('udvalget').length ? [`Udvalget godkender: ${ids('udvalget').join(', ')}.`] : []),
    ...(ids('byraadet').length ? [`Indstilles til Byrådets godkendelse: ${ids('byraadet').join(', ')}.`] : []),
  ];
}

/** One block per request (its lines grouped per politikområde, udgiftsart and post), kassen under "Finansiering", columns per year. */
export function bevillingsTabel(oensker: Bevillingsoenske[], manifest: Manifest, politikomraadeNavn: Map<string, string>, v: Visning): Tabel {
  const aar = [0, 1, 2, 3].map((i) => manifest.budgetaar + i);
  const aarsceller = (linjer: Bevillingslinje[]): Record<string, Celle> =>
    Object.fromEntries(aar.map((a) => {
      const dele = linjer.filter((l) => l.aar === a);
      return [`aar${a}`, dele.length ? talcelle(sum(dele.map((l) => l.beloeb)), 'beloeb') : null];
    }));
  const raekker: Tabelraekke[] = [];
  const linjeId = () => `linje ${raekker.length}`; // the rows the total adds up
  for (const b of oensker) {
    raekker.push({ art: 'data', celler: { navn: `${b.id} ${b.tekst}`, id: b.id, kompetence: KOMPETENCE_TEKST[b.kompetence], flag: b.flag.map((f) => FLAGKORT[f]).join(', ') } });
    // An indtægts- og udgiftsbevilling shows its income and its expense apart, as the source does.
    const skelnIndtaegt = b.type === 'indtaegts_og_udgiftsbevilling';
    const dele = grupper(b.linjer.filter((x) => x.politikomraade !== KASSEN),
      (l) => [l.politikomraade, l.post ?? '', l.udgiftsart ?? '', skelnIndtaegt ? l.beloeb.isNegative() : ''].join('\u0000'));
    for (const linjer of dele.values()) {
      const l = linjer[0]!;
      const art = l.udgiftsart ? ` (${UDGIFTSART_ENTAL[l.udgiftsart]}${skelnIndtaegt ? (l.beloeb.isNegative() ? ', indtægt' : ', udgift') : ''})` : '';
      raekker.push({
        art: 'post',
        id: linjeId(),
        celler: {
          navn: `    ${l.post ? `${l.politikomraade} ${l.post}` : politikomraadeNavn.get(l.politikomraade) ?? l.politikomraade}${art}`,
          id: b.id, politikomraade: l.politikomraade, post: l.post, udgiftsart: l.udgiftsart,
          ...aarsceller(linjer),
        },
      });
    }
  }
  const kasse = oensker.filter((b) => b.linjer.some((l) => l.politikomraade === KASSEN));
  if (kasse.length) {
    raekker.push({ art: 'data', celler: { navn: 'Finansiering' } });
    for (const b of kasse) {
      raekker.push({ art: 'post', id: linjeId(), celler: { navn: `    Kassen (${b.id})`, id: b.id, politikomraade: KASSEN, ...aarsceller(b.linjer.filter((l) => l.politikomraade === KASSEN)) } });
    }
  }
  raekker.push({ art: 'total', sumAf: raekker.flatMap((r) => r.id ?? []), celler: { navn: 'I alt (skal være 0)', ...aarsceller(oensker.flatMap((b) => b.linjer)) } });

  const flagNoter = oensker.flatMap((b) => b.flag.filter((f) => f !== 'paa_tvaers_af_udvalg').map((f) => `${b.id}: ${FLAG_TEKST[f]}.`));
  return {
    kolonner: [
      { noegle: 'navn', titel: v.enhed === 't.kr' && v.decimaler === 0 ? 'I hele 1.000 kr.' : ENHEDSTEKST[v.enhed], csv: 'navn' },
      ...aar.map((a) => ({ noegle: `aar${a}`, titel: String(a), csv: String(a) })),
      { noegle: 'kompetence', titel: 'Kompetence', csv: 'kompetence' },
      { noegle: 'flag', titel: 'Bemærkninger', csv: 'flag' },
    ],
    csvNoegler: BEVILLINGSLINJE_NOEGLER,
    raekker,
    talvisning: { enhed: v.enhed, decimaler: v.decimaler },
    noter: [
      ...indstilling(oensker),
      ...flagNoter,
      'Beløb: positivt = mere budget (udgift); negativt = mindre budget, en indtægt eller finansiering. Hvert ønske summerer til 0 pr. år, kassen medregnet.',
    ],
  };
}

/** Korrigeret budget + the budget year's bevillinger, and the afvigelse that remains, per politikområde and in total. */
export function efterBevillingerTabel(foer: Opfoelgning, efter: Opfoelgning, v: Visning): Tabel {
  const afv = (d: Decimal) => afvigelsescelle(d);
  const raekke = (art: Tabelraekke['art'], navn: string, f: Summering | undefined, e: Summering, ekstra: Record<string, Celle> = {}, sum: Pick<Tabelraekke, 'id' | 'sumAf'> = {}): Tabelraekke => {
    // A politikområde that only bevillinger bring into the table (no posts before) starts from 0.
    const fk = f?.korrigeret ?? NUL;
    return {
      art,
      ...sum,
      celler: {
        ...ekstra,
        navn,
        korrigeret: talcelle(fk, 'beloeb'),
        bevillinger: talcelle(e.korrigeret.minus(fk), 'beloeb'),
        korrigeretEfter: talcelle(e.korrigeret, 'beloeb'),
        forventet: talcelle(e.forventet, 'beloeb'),
        afvigelseFoer: afv(f?.afvigelse ?? NUL),
        afvigelseEfter: afv(e.afvigelse),
      },
    };
  };
  const raekker = udvalgsskelet(efter, { dele: false, poster: false })
    .map(({ art, navn, niveau, noegler, ...sum }) => raekke(art, navn, summeringI(foer, niveau), summeringI(efter, niveau)!, noegler, sum));
  return {
    kolonner: [
      { noegle: 'navn', titel: `Drift (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
      { noegle: 'bevillinger', titel: `Bevillinger ${efter.manifest.budgetaar}`, csv: 'bevillinger' },
      { noegle: 'korrigeretEfter', titel: 'Korrigeret efter bevillinger', csv: 'korrigeret_efter_bevillinger' },
      { noegle: 'forventet', titel: 'Forventet regnskab', csv: 'forventet' },
      { noegle: 'afvigelseFoer', titel: 'Afvigelse før', csv: 'afvigelse' },
      { noegle: 'afvigelseEfter', titel: 'Afvigelse efter bevillinger', csv: 'afvigelse_efter_bevillinger' },
    ],
    csvNoegler: [{ noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' }, { noegle: 'udgiftsart', titel: 'Udgiftsart', csv: 'udgiftsart' }],
    raekker,
    noter: [`Bevillingerne for budgetåret lægges til det korrigerede budget; det forventede regnskab er uændret. ${merforbrugsnote(v.fortegn)}.`],
    differenser: { afvigelseFoer: ['korrigeret', 'forventet'], afvigelseEfter: ['korrigeretEfter', 'forventet'] },
  };
}

/** The sections a document gets for bevillingsønsker (used by `bevillinger` and `rapport`). */
export function bevillingsSektioner(oensker: Bevillingsoenske[], politikomraader: Politikomraade[], foer: Opfoelgning, efter: Opfoelgning, v: Visning, vBevilling: Visning): Sektion[] {
  const navne = new Map(politikomraader.map((p) => [p.nr, `${p.nr} ${p.navn}`]));
  return [
    { titel: 'Bevillingsønsker', ark: 'Bevillingsønsker', tabel: bevillingsTabel(oensker, efter.manifest, navne, vBevilling) },
    { titel: medGrundlag('Afvigelse efter bevillinger', v), ark: 'Efter bevillinger', tabel: efterBevillingerTabel(foer, efter, v) },
  ];
}
