/** `budgetopf scenarie [mappe]`: what-if scenarios beside the base, or a sensitivity run (`--foelsomhed`). */
import { existsSync } from 'node:fs';
import { beregn } from '../core/beregn.js';
import { beregnScenarier } from '../core/scenarie-batch.js';
import { anvendScenarie, delMaal, foelsomhed, parseAendring, parseInterval, ScenarieFejl } from '../core/scenarie.js';
import { fundLinje } from '../render/fund.js';
import { foelsomhedJson, json, scenarierJsonDele } from '../render/json.js';
import { kontrollerScenarier, laesScenarier, type KildeAendring, type NavngivetScenarie } from '../io/scenarier.js';
import { foelsomhedsDokument, foelsomhedsTabel, scenarieDokument, scenarieTabel } from '../report/scenarier.js';
import type { Fund } from '../core/model.js';
import { ExitError } from './exit-error.js';
import {
  erDokumentformat, indlaesOgBeregn, medEksempel, renderUdskrift, udskriv, visning, type Miljoe, type RapportFlag,
} from './shared.js';

export interface ScenarieFlag extends RapportFlag {
  hp?: string[];
  hpKorrigeret?: string[];
  pris?: string[];
  forventet?: string[];
  korrektion?: string[];
  handleplanFra?: string[];
  navn?: string;
  fil?: string;
  foelsomhed?: string;
}

/** The command line's changes, in a fixed order: helårspersoner, korrigeret HP, prices, forventet, korrektioner, handleplaner. */
function kommandolinjensAendringer(flag: ScenarieFlag): KildeAendring[] {
  const med = (art: string, vaerdier: string[] | undefined, del: (t: string) => [string, string, string?]) =>
    (vaerdier ?? []).map((t) => {
      const [maal, vaerdi, tekst] = del(t);
      return { aendring: parseAendring(art, maal, vaerdi, tekst), tekst: `--${art.replace('_', '-')} ${t}`, kilde: null };
    });
  return [
    ...med('hp', flag.hp, delMaal),
    ...med('hp_korrigeret', flag.hpKorrigeret, delMaal),
    ...med('pris', flag.pris, delMaal),
    ...med('forventet', flag.forventet, delMaal),
    ...med('korrektion', flag.korrektion, (t) => {
      const [po, post, beloeb, ...tekst] = t.split(';');
      if (!po || !post || !beloeb) throw new ScenarieFejl(`"${t}" skal have formen politikområde;post;beløb;tekst`);
      return [`${po}:${post}`, beloeb, tekst.join(';')];
    }),
    ...med('handleplan_fra', flag.handleplanFra, (t) => [t, '']),
  ];
}

export async function scenarie(mappe: string, flag: ScenarieFlag, miljoe: Miljoe): Promise<void> {
  const k = await indlaesOgBeregn(mappe, miljoe);
  const v = visning(k.o, flag);
  if (flag.fil) flag = { ...flag, fil: medEksempel(flag.fil, miljoe) };
  const inputfiler = flag.fil ? [...k.filer, flag.fil] : k.filer;
  let scenarier: NavngivetScenarie[] = [];
  const fund: Fund[] = [];
  // A ScenarieFejl is usage (exit 2; app/fejl.ts): a command line has no file to point at.
  const linje = kommandolinjensAendringer(flag);
  if (linje.length) {
    const [fejl] = kontrollerScenarier(k.ds, [{ navn: flag.navn ?? 'Scenarie', aendringer: linje }], '');
    if (fejl) throw new ScenarieFejl(fejl.besked);
    scenarier.push({ navn: flag.navn ?? 'Scenarie', aendringer: linje });
  }
  if (flag.fil) {
    if (!existsSync(flag.fil)) throw new ScenarieFejl(`Scenariefilen "${flag.fil}" findes ikke`);
    const fraFil = await laesScenarier(flag.fil, fund);
    fund.push(...kontrollerScenarier(k.ds, [...scenarier, ...fraFil], flag.fil));
    scenarier = [...scenarier, ...fraFil];
  }
  for (const f of fund) miljoe.stderr(fundLinje(f));
  if (fund.some((f) => f.alvor === 'fejl')) throw new ExitError(1, `${fund.filter((f) => f.alvor === 'fejl').length} fejl i scenarierne; intet er beregnet`);

  if (flag.foelsomhed) {
    const [ydelse, interval] = delMaal(flag.foelsomhed);
    if (scenarier.length > 1) throw new ScenarieFejl('--foelsomhed regner oven på ét scenarie; filen har flere (vælg ét, eller kør uden --fil)');
    // The sensitivity runs on top of the scenario's changes, when there is one.
    const ds = scenarier.length === 1 ? anvendScenarie(k.ds, scenarier[0]!.aendringer.map((a) => a.aendring)) : k.ds;
    const f = foelsomhed(ds, ydelse, parseInterval(interval));
    const vf = scenarier.length === 1 ? { ...v, grundlag: `oven på scenariet ${scenarier[0]!.navn}` } : v;
    const vis = erDokumentformat(flag.format) ? foelsomhedsDokument(f, k.ds.manifest, vf) : foelsomhedsTabel(f, vf);
    const tekst = flag.format === 'json' ? json(foelsomhedJson(f)) : await renderUdskrift(vis, flag, vf, miljoe);
    return udskriv(tekst, flag, inputfiler, miljoe);
  }
  if (scenarier.length === 0) throw new ExitError(2, 'Ingen ændringer: angiv fx --hp "Kontanthjælp=+64", --fil scenarier.csv eller --foelsomhed "Jobafklaring=380..440:10"');
  const aendringer = (s: NavngivetScenarie) => s.aendringer.map((a) => a.aendring);
  // JSON and documents carry every post: the full engine, one scenario at a time (JSON writes each and lets it
  // go, so 100.000 scenarios fit in memory). The tables need each scenario's totals only: the batch engine.
  const fulde = function* () {
    for (const s of scenarier) {
      yield { navn: s.navn, aendringer: s.aendringer.map((a) => a.tekst), o: beregn(anvendScenarie(k.ds, aendringer(s))) };
    }
  };
  const totaler = () => beregnScenarier(k.ds, scenarier.map((s) => ({ navn: s.navn, aendringer: aendringer(s) })));
  const vis = () => (erDokumentformat(flag.format)
    ? scenarieDokument(k.o, [...fulde()], v)
    : scenarieTabel(k.o, totaler(), v));
  const tekst = flag.format === 'json'
    ? scenarierJsonDele(k.o, fulde())
    : await renderUdskrift(vis(), flag, v, miljoe);
  await udskriv(tekst, flag, inputfiler, miljoe);
}
