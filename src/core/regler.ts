/**
 * Rules between files (FORMAT.md), as small pure functions over the loaded data. Each returns its
 * findings; `kontroller` runs them all. Per-cell rules (numbers, required values, ranges) live in
 * the loader's schemas, since they need the raw text.
 */
import { grupper } from './beregn.js';
import { kontrollerBevillinger } from './bevillinger.js';
import { fund, postNoegle, type Datasaet, type Fund, type Kilde } from './model.js';

type Regel = (ds: Datasaet) => Fund[];

const fejl = (kilde: Kilde, kolonne: string | null, kode: string, besked: string): Fund => fund(kilde.fil, kilde.linje, kolonne, kode, besked);

function dubletter<T extends { kilde: Kilde }>(elementer: T[], noegle: (e: T) => string, fund: (e: T, foerste: T) => Fund): Fund[] {
  const set = new Map<string, T>();
  const ud: Fund[] = [];
  for (const e of elementer) {
    const foerste = set.get(noegle(e));
    if (foerste) ud.push(fund(e, foerste));
    else set.set(noegle(e), e);
  }
  return ud;
}

const unikkePolitikomraader: Regel = (ds) =>
  dubletter(ds.politikomraader, (p) => p.nr, (p, f) =>
    fejl(p.kilde, 'nr', 'dublet_politikomraade', `Politikområde ${p.nr} står allerede på linje ${f.kilde.linje}`));

const kendtePolitikomraader: Regel = (ds) => {
  const kendte = new Set(ds.politikomraader.map((p) => p.nr));
  return [...ds.poster, ...ds.korrektioner]
    .filter((r) => !kendte.has(r.politikomraade))
    .map((r) => fejl(r.kilde, 'politikomraade', 'ukendt_politikomraade',
      `Politikområde "${r.politikomraade}" findes ikke i politikomraader.csv`));
};

const unikkePoster: Regel = (ds) =>
  dubletter(ds.poster, (p) => postNoegle(p.politikomraade, p.post), (p, f) =>
    fejl(p.kilde, 'post', 'dublet_post', `Posten "${p.post}" under ${p.politikomraade} står allerede på linje ${f.kilde.linje}`));

const unikkeYdelser: Regel = (ds) => [
  ...dubletter(ds.ydelser, (y) => y.ydelse, (y, f) =>
    fejl(y.kilde, 'ydelse', 'dublet_ydelse', `Ydelsen "${y.ydelse}" står allerede på linje ${f.kilde.linje}`)),
  ...dubletter(ds.enhedspriser, (y) => y.ydelse, (y, f) =>
    fejl(y.kilde, 'ydelse', 'dublet_ydelse', `Ydelsen "${y.ydelse}" står allerede på linje ${f.kilde.linje}`)),
];

const ydelseMatcherEnPost: Regel = (ds) =>
  ds.ydelser.flatMap((y) => {
    const poster = ds.poster.filter((p) => p.post === y.ydelse);
    if (poster.length === 1) return [];
    return [poster.length === 0
      ? fejl(y.kilde, 'ydelse', 'ydelse_uden_post', `Ydelsen "${y.ydelse}" svarer ikke til nogen post i budget.csv (navnet skal være det samme)`)
      : fejl(y.kilde, 'ydelse', 'ydelse_flere_poster',
        `Ydelsen "${y.ydelse}" svarer til ${poster.length} poster i budget.csv (politikområde ${poster.map((p) => p.politikomraade).join(', ')})`)];
  });

const ydelseHarPris: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  const priser = new Set(ds.enhedspriser.map((p) => p.ydelse));
  return [
    ...ds.ydelser.filter((y) => !priser.has(y.ydelse)).map((y) =>
      fejl(y.kilde, 'ydelse', 'ydelse_uden_pris', `Ydelsen "${y.ydelse}" har ingen række i enhedspriser.csv`)),
    ...ds.enhedspriser.filter((p) => !ydelser.has(p.ydelse)).map((p) =>
      fejl(p.kilde, 'ydelse', 'pris_uden_ydelse', `Enhedsprisen for "${p.ydelse}" har ingen række i helaarspersoner.csv`)),
  ];
};

const forventetPaaRettePoster: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  const daekkes = new Set(ds.kontoplan.map((k) => postNoegle(k.politikomraade, k.post)));
  return ds.poster.flatMap((p) => {
    if (ydelser.has(p.post) && p.forventet !== null) {
      return [fejl(p.kilde, 'forventet', 'forventet_paa_aktivitetspost',
        `"${p.post}" er en aktivitetspost: forventet beregnes af helårspersoner × enhedspris og skal stå tom`)];
    }
    if (!ydelser.has(p.post) && p.forventet === null && !(ds.forbrugsfil && daekkes.has(postNoegle(p.politikomraade, p.post)))) {
      return [fejl(p.kilde, 'forventet', 'forventet_mangler',
        `Posten "${p.post}" mangler forventet regnskab (udfyld den, eller læg forbrug.csv og kontoplan.csv med postens konti i mappen, så fremskrives den af forbruget)`)];
    }
    return [];
  });
};

const forventetForrigeUdfyldt: Regel = (ds) =>
  ds.harForventetForrige
    ? ds.poster.filter((p) => p.forventetForrige === null).map((p) =>
      fejl(p.kilde, 'forventet_forrige', 'forventet_forrige_mangler',
        `Kolonnen forventet_forrige findes, så hver post skal have en værdi ("${p.post}" har ingen)`))
    : [];

const korrektionPaaKendtPost: Regel = (ds) => {
  const kendtePo = new Set(ds.politikomraader.map((p) => p.nr));
  const poster = new Set(ds.poster.map((p) => postNoegle(p.politikomraade, p.post)));
  return ds.korrektioner
    .filter((k) => kendtePo.has(k.politikomraade) && !poster.has(postNoegle(k.politikomraade, k.post)))
    .map((k) => fejl(k.kilde, 'post', 'ukendt_post', `Posten "${k.post}" findes ikke under politikområde ${k.politikomraade} i budget.csv`));
};

const kontoplanPaaKendtePoster: Regel = (ds) => {
  const poster = new Set(ds.poster.map((p) => postNoegle(p.politikomraade, p.post)));
  return [
    ...dubletter(ds.kontoplan, (k) => k.konto, (k, f) => fejl(k.kilde, 'konto', 'dublet_konto', `Kontoen ${k.konto} står allerede på linje ${f.kilde.linje}`)),
    ...ds.kontoplan.filter((k) => !poster.has(postNoegle(k.politikomraade, k.post))).map((k) =>
      fejl(k.kilde, 'post', 'ukendt_post', `Posten "${k.post}" findes ikke under politikområde ${k.politikomraade} i budget.csv`)),
  ];
};

/** maanedstal.csv: known benefits, one figure per month, and the budget year's months from January without a gap. */
const maanedstalISammenhaeng: Regel = (ds) => {
  const ydelser = new Set(ds.ydelser.map((y) => y.ydelse));
  const ud = [
    ...ds.maanedstal.filter((m) => !ydelser.has(m.ydelse)).map((m) =>
      fejl(m.kilde, 'ydelse', 'ukendt_ydelse', `Ydelsen "${m.ydelse}" findes ikke i helaarspersoner.csv`)),
    ...dubletter(ds.maanedstal, (m) => `${m.ydelse}\u0000${m.aar}-${m.maaned}`, (m, f) =>
      fejl(m.kilde, 'maaned', 'dublet_maaned', `${m.ydelse} ${m.aar}-${String(m.maaned).padStart(2, '0')} står allerede på linje ${f.kilde.linje}`)),
  ];
  const aar = ds.manifest.budgetaar;
  for (const [ydelse, tal] of grupper(ds.maanedstal.filter((m) => m.aar === aar), (m) => m.ydelse)) {
    const maaneder = new Set(tal.map((m) => m.maaned));
    const foersteHul = [...Array(Math.max(...maaneder)).keys()].map((i) => i + 1).find((m) => !maaneder.has(m));
    if (foersteHul !== undefined) {
      const senere = tal.find((m) => m.maaned > foersteHul)!;
      ud.push(fejl(senere.kilde, 'maaned', 'manglende_maaned', `${ydelse}: ${aar}-${String(foersteHul).padStart(2, '0')} mangler; årets måneder skal stå fra januar uden huller`));
    }
  }
  return ud;
};

/** Every rule between files, in the order findings are usually read. */
export const REGLER: readonly Regel[] = [
  unikkePolitikomraader,
  kendtePolitikomraader,
  unikkePoster,
  unikkeYdelser,
  ydelseMatcherEnPost,
  ydelseHarPris,
  forventetPaaRettePoster,
  forventetForrigeUdfyldt,
  korrektionPaaKendtPost,
  kontrollerBevillinger,
  kontoplanPaaKendtePoster,
  maanedstalISammenhaeng,
];

/** Runs every rule; returns all findings (empty = the dataset can be computed). */
export function kontroller(ds: Datasaet): Fund[] {
  return REGLER.flatMap((r) => r(ds));
}
