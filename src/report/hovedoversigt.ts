/** The hovedoversigt as report values: the resultatopgørelse, the kasse and the rammer, the anlæg, their charts. */
import {
  anlaegTotal,
  rammePct,
  type Anlaegspost,
  type Hovedoversigt,
  type Hovedsum,
  type Ramme,
} from '../core/hovedoversigt.js';
import type { Summering } from '../core/beregn.js';
import { formatTal, type Decimal } from '../core/money.js';
import {
  talcelle,
  type Celle,
  type Dokument,
  type Kolonne,
  type Raekkeart,
  type Sektion,
  type Soejlediagram,
  type Tabel,
  type Tabelraekke,
  type Vandfalddiagram,
} from './shape.js';
import { beloebTekst, dokumentUndertitel, ENHEDSTEKST, forrigeNavn, punktum, type Visning } from './visning.js';

const afv = (d: Decimal) => talcelle(d, 'beloeb', d.isNegative());

function kolonner(h: Hovedoversigt, v: Visning): Kolonne[] {
  const opf = h.manifest.opfoelgning;
  return [
    { noegle: 'navn', titel: `Hovedoversigt (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
    { noegle: 'vedtaget', titel: 'Vedtaget budget', csv: 'vedtaget' },
    { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
    { noegle: 'forventet', titel: `Forventet regnskab ${opf}`, csv: 'forventet' },
    ...(h.harForventetForrige
      ? [{ noegle: 'forventetForrige', titel: `Forventet ${forrigeNavn(opf)}`, csv: 'forventet_forrige' }]
      : []),
    { noegle: 'afvigelse', titel: `Afvigelse ${opf}`, csv: 'afvigelse' },
    ...(h.harOverfoeres
      ? [
          { noegle: 'overfoeres', titel: 'Overføres til næste år', csv: 'overfoeres' },
          { noegle: 'efter', titel: 'Afvigelse efter overførsler', csv: 'afvigelse_efter_overfoersler' },
        ]
      : []),
  ];
}

function celler(s: Summering, overfoeres: Decimal): Record<string, Celle> {
  return {
    vedtaget: talcelle(s.vedtaget, 'beloeb'),
    korrigeret: talcelle(s.korrigeret, 'beloeb'),
    forventet: talcelle(s.forventet, 'beloeb'),
    forventetForrige: s.forventetForrige ? talcelle(s.forventetForrige, 'beloeb') : null,
    afvigelse: afv(s.afvigelse),
    overfoeres: talcelle(overfoeres, 'beloeb'),
    efter: afv(s.afvigelse.minus(overfoeres)),
  };
}

type Ekstra = Partial<Tabelraekke>;
type Noegler = Record<string, Celle>;
const raekke = (art: Raekkeart, navn: string, x: Hovedsum, ekstra: Ekstra, noegler: Noegler): Tabelraekke =>
  ({ art, celler: { ...noegler, navn, ...celler(x.sum, x.overfoeres) }, ...ekstra });

/** A line with its udvalg sub-rows (the line is their sum), and the result that follows it, if one does. */
function linjeRaekker(h: Hovedoversigt, l: Hovedoversigt['linjer'][number]): Tabelraekke[] {
  const { ordinaerDrift, skattefinansieret } = h.resultater;
  const under = l.udvalg.map((u, i) =>
    raekke('del', `– ${u.navn}`, u, { id: `${l.art} ${i}` }, { art: l.art, udvalg: u.navn }));
  const sumAf = under.length ? { sumAf: under.map((u) => u.id!) } : {};
  const ud = [raekke('data', l.tekst, l, { id: l.art, ...sumAf }, { art: l.art }), ...under];
  if (l.art === 'renter') {
    const dele = { id: 'ordinaer', sumAf: ['skatter', 'tilskud_udligning', 'service', 'overfoersel', 'renter'] };
    ud.push(raekke('sum', 'Resultat af ordinær drift', ordinaerDrift, dele, { art: 'ordinaer_drift' }));
  }
  if (l.art === 'anlaeg') {
    const dele = { id: 'skattefin', sumAf: ['ordinaer', 'anlaeg'] };
    const navn = 'Resultat af det skattefinansierede område';
    ud.push(raekke('sum', navn, skattefinansieret, dele, { art: 'skattefinansieret' }));
  }
  return ud;
}

/**
 * The resultatopgørelse: lines (drift lines with a sub-row per udvalg) and the three results, which are sums of
 * rows (formulas in a workbook; the ændring af likvide aktiver a negated sum, except its afvigelse).
 */
export function hovedoversigtTabel(h: Hovedoversigt, v: Visning): Tabel {
  const likvide = {
    sumAf: ['skattefin', 'forsyning', 'laan', 'afdrag', 'finansforskydninger'],
    negeret: ['vedtaget', 'korrigeret', 'forventet', 'forventetForrige'],
  };
  const raekker = [
    ...h.linjer.flatMap((l) => linjeRaekker(h, l)),
    raekke('total', 'Ændring af likvide aktiver', h.resultater.likvideAktiver, likvide, { art: 'likvide_aktiver' }),
  ];
  return {
    kolonner: kolonner(h, v),
    csvNoegler: [
      { noegle: 'art', titel: 'Art', csv: 'art' },
      { noegle: 'udvalg', titel: 'Udvalg', csv: 'udvalg' },
    ],
    raekker,
    noter: [
      'Positivt = udgift, negativt = indtægt. Afvigelse = korrigeret budget − forventet regnskab: ' +
        'positiv er bedre for kassen, også på indtægter.',
      'Ændringen af likvide aktiver er −(summen af alle linjer): negativ = kassen falder; ' +
        'dens afvigelse er forventet − korrigeret.',
      ...(h.harOverfoeres
        ? ['Afvigelse efter overførsler = afvigelse − det, der forventes overført til næste år.']
        : []),
    ],
    soejle: 'afvigelse',
  };
}

function rammeRaekker(navn: string, tekst: string, r: Ramme): Tabelraekke[] {
  const pct = (d: Decimal) => {
    const p = rammePct(d, r.ramme);
    return p && talcelle(p, 'pct');
  };
  return [
    { art: 'data', celler: { navn, korrigeret: talcelle(r.ramme, 'beloeb'), forventet: talcelle(r.ramme, 'beloeb') } },
    {
      art: 'data',
      celler: { navn: tekst, korrigeret: talcelle(r.korrigeret, 'beloeb'), forventet: talcelle(r.forventet, 'beloeb') },
    },
    {
      art: 'sum',
      celler: {
        navn: `Over (+) / under (−) ${navn.toLowerCase()}`,
        korrigeret: talcelle(r.overKorrigeret, 'beloeb'),
        forventet: talcelle(r.overForventet, 'beloeb'),
        flag: r.overForventet.gt(0) ? 'Over rammen' : r.overKorrigeret.gt(0) ? 'Korrigeret over rammen' : '',
      },
    },
    {
      art: 'del',
      celler: { navn: '– i % af rammen', korrigeret: pct(r.overKorrigeret), forventet: pct(r.overForventet) },
    },
  ];
}

/** Kassebeholdning primo → ultimo and the rammer, for the korrigeret budget and the forventet regnskab. */
export function kasseTabel(h: Hovedoversigt, v: Visning): Tabel | null {
  const raekker: Tabelraekke[] = [];
  const L = h.resultater.likvideAktiver.sum;
  if (h.kasse) {
    const k = h.kasse;
    raekker.push(
      {
        art: 'data',
        id: 'primo',
        celler: {
          navn: 'Kassebeholdning primo',
          korrigeret: talcelle(k.primo, 'beloeb'),
          forventet: talcelle(k.primo, 'beloeb'),
        },
      },
      {
        art: 'data',
        id: 'aendring',
        celler: {
          navn: 'Ændring af likvide aktiver',
          korrigeret: talcelle(L.korrigeret, 'beloeb'),
          forventet: talcelle(L.forventet, 'beloeb'),
        },
      },
      {
        art: 'total',
        sumAf: ['primo', 'aendring'],
        celler: {
          navn: 'Kassebeholdning ultimo',
          korrigeret: talcelle(k.korrigeretUltimo, 'beloeb'),
          forventet: talcelle(k.forventetUltimo, 'beloeb'),
        },
      },
    );
  }
  if (h.serviceramme) raekker.push(...rammeRaekker('Servicerammen', 'Serviceudgifter', h.serviceramme));
  if (h.anlaegsramme) raekker.push(...rammeRaekker('Anlægsrammen', 'Skattefinansierede anlæg', h.anlaegsramme));
  if (!raekker.length) return null;
  return {
    kolonner: [
      { noegle: 'navn', titel: `Kasse og rammer (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
      { noegle: 'forventet', titel: `Forventet regnskab ${h.manifest.opfoelgning}`, csv: 'forventet' },
      { noegle: 'flag', titel: 'Bemærkning', csv: 'flag' },
    ],
    raekker,
    noter: ['Ultimo = primo + ændring af likvide aktiver. Over rammen = udgifterne − rammen (positiv = over).'],
  };
}

const FORBRUGSKOLONNE = { noegle: 'forbrug', titel: 'Forbrug til dato', csv: 'forbrug_til_dato' };

/** The anlæg posts, largest afvigelse first, with their total. */
export function anlaegTabel(poster: Anlaegspost[], v: Visning): Tabel {
  const celler = (p: Omit<Anlaegspost, 'politikomraade' | 'post' | 'udvalg'>): Record<string, Celle> => ({
    korrigeret: talcelle(p.korrigeret, 'beloeb'),
    forbrug: p.forbrugTilDato && talcelle(p.forbrugTilDato, 'beloeb'),
    forventet: talcelle(p.forventet, 'beloeb'),
    afvigelse: afv(p.afvigelse),
    overfoeres: talcelle(p.overfoeres, 'beloeb'),
    efter: afv(p.efterOverfoersler),
  });
  const raekker: Tabelraekke[] = poster.map((p, i) => ({
    art: 'data',
    id: `a${i}`,
    celler: { navn: `${p.politikomraade} ${p.post}`, politikomraade: p.politikomraade, post: p.post, ...celler(p) },
  }));
  raekker.push({
    art: 'total',
    sumAf: raekker.map((r) => r.id!),
    celler: { navn: 'I alt', ...celler(anlaegTotal(poster)) },
  });
  return {
    kolonner: [
      { noegle: 'navn', titel: `Anlæg (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'korrigeret', titel: 'Korrigeret budget', csv: 'korrigeret' },
      // Without forbrug.csv (or in `rapport`, which does not read the postings) there is no spending to date to show.
      ...(poster.some((p) => p.forbrugTilDato) ? [FORBRUGSKOLONNE] : []),
      { noegle: 'forventet', titel: 'Forventet regnskab', csv: 'forventet' },
      { noegle: 'afvigelse', titel: 'Afvigelse', csv: 'afvigelse' },
      { noegle: 'overfoeres', titel: 'Overføres til næste år', csv: 'overfoeres' },
      { noegle: 'efter', titel: 'Afvigelse efter overførsler', csv: 'afvigelse_efter_overfoersler' },
    ],
    csvNoegler: [
      { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
      { noegle: 'post', titel: 'Post', csv: 'post' },
    ],
    raekker,
    noter: [
      'Sorteret efter afvigelsens størrelse. Afvigelse = korrigeret − forventet: ' +
        'positiv = mindreforbrug (fx anlæg, der glider til næste år).',
    ],
    soejle: 'afvigelse',
  };
}

/** From skatter to the kasse: each line's effect (−forventet: income up, spending down); results as subtotals. */
export function vandfaldDiagram(h: Hovedoversigt, v: Visning): Vandfalddiagram {
  const trin: Vandfalddiagram['trin'] = [];
  const { ordinaerDrift, skattefinansieret, likvideAktiver } = h.resultater;
  for (const l of h.linjer) {
    trin.push({ etiket: l.tekst, vaerdi: l.sum.forventet.neg() });
    if (l.art === 'renter')
      trin.push({ etiket: 'Resultat af ordinær drift', vaerdi: ordinaerDrift.sum.forventet.neg(), total: true });
    if (l.art === 'anlaeg')
      trin.push({ etiket: 'Resultat, skattefinansieret', vaerdi: skattefinansieret.sum.forventet.neg(), total: true });
  }
  trin.push({ etiket: 'Ændring af likvide aktiver', vaerdi: likvideAktiver.sum.forventet, total: true });
  if (h.kasse) {
    trin.push(
      { etiket: 'Kassebeholdning primo', vaerdi: h.kasse.primo },
      { etiket: 'Kassebeholdning ultimo', vaerdi: h.kasse.forventetUltimo, total: true },
    );
  }
  return {
    type: 'vandfald',
    titel: `Fra skatter til kassen, forventet regnskab ${h.manifest.opfoelgning} (${ENHEDSTEKST[v.enhed]})`,
    art: 'beloeb',
    trin,
  };
}

/** Serviceudgifterne (korrigeret and forventet) against the serviceramme. */
export function rammeDiagram(r: Ramme, v: Visning): Soejlediagram {
  return {
    type: 'soejler',
    titel: `Serviceudgifter og servicerammen (${ENHEDSTEKST[v.enhed]})`,
    art: 'beloeb',
    afvigelse: false,
    serier: ['Serviceudgifter', 'Servicerammen'],
    grupper: [
      { etiket: 'Korrigeret budget', vaerdier: [r.korrigeret, r.ramme] },
      { etiket: 'Forventet regnskab', vaerdier: [r.forventet, r.ramme] },
    ],
  };
}

/** The summary in Danish: the kasse and the serviceramme. */
export function hovedoversigtTekst(h: Hovedoversigt, v: Visning): string[] {
  const L = h.resultater.likvideAktiver.sum;
  const retning = (d: Decimal) => (d.isNegative() ? 'falde' : 'stige');
  const ultimo = h.kasse?.forventetUltimo;
  const fortegn = ultimo?.isNegative() ? '−' : '';
  const kasse = ultimo ? `, til en kassebeholdning ultimo på ${fortegn}${beloebTekst(ultimo, v)}` : '';
  const aendring = `Kassen forventes at ${retning(L.forventet)} med ${beloebTekst(L.forventet, v)}`;
  const tekst = [punktum(`${aendring} mod ${beloebTekst(L.korrigeret, v)} i det korrigerede budget${kasse}`)];
  const r = h.serviceramme;
  if (r) {
    const p = rammePct(r.overForventet, r.ramme);
    const pctTekst = p ? ` (${formatTal(p.abs(), { decimaler: 2, format: 'da', tusindtalsseparator: true })} %)` : '';
    tekst.push(
      r.overForventet.gt(0)
        ? `Serviceudgifterne forventes at ligge ${beloebTekst(r.overForventet, v)}${pctTekst} OVER servicerammen.`
        : `Serviceudgifterne forventes at ligge ${beloebTekst(r.overForventet, v)}${pctTekst} under servicerammen.`,
    );
  }
  return tekst;
}

/** The hovedoversigt as sections (also the start of `rapport` for a whole-municipality folder). */
export function hovedoversigtSektioner(h: Hovedoversigt, anlaeg: Anlaegspost[], v: Visning): Sektion[] {
  const kasse = kasseTabel(h, v);
  return [
    {
      titel: 'Hovedoversigt',
      ark: 'Hovedoversigt',
      tekst: hovedoversigtTekst(h, v),
      diagrammer: [vandfaldDiagram(h, v)],
      tabel: hovedoversigtTabel(h, v),
    },
    ...(kasse
      ? [
          {
            titel: 'Kasse og rammer',
            ark: 'Kasse og rammer',
            ...(h.serviceramme ? { diagrammer: [rammeDiagram(h.serviceramme, v)] } : {}),
            tabel: kasse,
          },
        ]
      : []),
    ...(anlaeg.length ? [{ titel: 'Anlæg', ark: 'Anlæg', tabel: anlaegTabel(anlaeg, v) }] : []),
  ];
}

export function hovedoversigtDokument(h: Hovedoversigt, anlaeg: Anlaegspost[], v: Visning): Dokument {
  const m = h.manifest;
  return {
    titel: `Hovedoversigt ${m.opfoelgning} ${m.budgetaar}`,
    undertitel: dokumentUndertitel(m),
    sektioner: hovedoversigtSektioner(h, anlaeg, v),
  };
}

/** What the bevillinger do to the kasse and the serviceramme: korrigeret budget before and after (kr). */
export function efterBevillingerHovedTabel(foer: Hovedoversigt, efter: Hovedoversigt, v: Visning): Tabel {
  const raekke = (navn: string, f: Decimal, e: Decimal, art: Raekkeart = 'data'): Tabelraekke => ({
    art,
    celler: {
      navn,
      foer: talcelle(f, 'beloeb'),
      bevillinger: talcelle(e.minus(f), 'beloeb'),
      efter: talcelle(e, 'beloeb'),
    },
  });
  const L = (h: Hovedoversigt) => h.resultater.likvideAktiver.sum.korrigeret;
  const raekker = [raekke('Ændring af likvide aktiver', L(foer), L(efter))];
  if (foer.kasse && efter.kasse)
    raekker.push(raekke('Kassebeholdning ultimo', foer.kasse.korrigeretUltimo, efter.kasse.korrigeretUltimo, 'total'));
  const service = (h: Hovedoversigt) => h.linjer.find((l) => l.art === 'service')!.sum.korrigeret;
  raekker.push(raekke('Serviceudgifter', service(foer), service(efter)));
  if (foer.serviceramme && efter.serviceramme) {
    raekker.push(
      raekke(
        'Over (+) / under (−) servicerammen',
        foer.serviceramme.overKorrigeret,
        efter.serviceramme.overKorrigeret,
        'sum',
      ),
    );
  }
  return {
    kolonner: [
      { noegle: 'navn', titel: `Korrigeret budget (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
      { noegle: 'foer', titel: 'Før bevillinger', csv: 'foer' },
      { noegle: 'bevillinger', titel: `Bevillinger ${efter.manifest.budgetaar}`, csv: 'bevillinger' },
      { noegle: 'efter', titel: 'Efter bevillinger', csv: 'efter_bevillinger' },
    ],
    raekker,
    noter: [
      'Bevillingerne for budgetåret lægges til det korrigerede budget: en kassefinansieret bevilling sænker kassen, ' +
        'en flytning mellem service og overførsel ændrer serviceudgifterne over for rammen.',
    ],
  };
}
