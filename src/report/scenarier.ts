/** Scenarios beside the base, and sensitivity runs, as report values. */
import type { Opfoelgning, Summering } from '../core/beregn.js';
import type { Foelsomhed } from '../core/scenarie.js';
import { merforbrugOrd, merforbrugsnote } from '../core/fortegn.js';
import { opfoelgningTotaler, type ScenarieTotaler } from '../core/scenarie-batch.js';
import { formatTal } from '../core/money.js';
import { udvalgsskelet, type Niveau } from './skelet.js';
import { afvigelsescelle, talcelle, type Celle, type Dokument, type Kolonne, type Tabel, type Tabelraekke } from './shape.js';
import { dokumentUndertitel, ENHEDSTEKST, medGrundlag, type Visning } from './visning.js';
import type { Manifest } from '../core/model.js';

/** A skeleton row's figures in a scenario's totals (the scenario table has no udgiftsart or post rows). */
function iTotaler(t: ScenarieTotaler, niveau: Niveau): Summering | undefined {
  switch (niveau.type) {
    case 'po':
      return t.politikomraade(niveau.nr);
    case 'udvalg':
      return t.udvalg(niveau.navn);
    case 'total':
      return t.total();
    case 'art':
      return t.udgiftsart(niveau.udgiftsart);
    default:
      return undefined;
  }
}

/**
 * Forventet and afvigelse of the base and of each scenario, with each scenario's change of afvigelse, per
 * politikområde and in total. A scenario is its totals (`beregnScenarier`) or a whole follow-up.
 */
export function scenarieTabel(
  basis: Opfoelgning, scenarier: (ScenarieTotaler | { navn: string; o: Opfoelgning })[], v: Visning,
): Tabel {
  const alle = [opfoelgningTotaler('Basis', basis), ...scenarier.map((s) => ('o' in s ? opfoelgningTotaler(s.navn, s.o) : s))];
  const kolonner: Kolonne[] = [
    { noegle: 'navn', titel: `Drift (${ENHEDSTEKST[v.enhed]})`, csv: 'navn' },
    ...alle.flatMap((s, i) => [
      { noegle: `f${i}`, titel: `${s.navn}: forventet`, csv: `${s.navn}_forventet` },
      { noegle: `a${i}`, titel: `${s.navn}: afvigelse`, csv: `${s.navn}_afvigelse` },
      ...(i > 0 ? [{ noegle: `d${i}`, titel: `${s.navn}: ændring`, csv: `${s.navn}_aendring` }] : []),
    ]),
  ];
  const afv = (d: Summering['afvigelse']) => afvigelsescelle(d);
  const raekke = (art: Tabelraekke['art'], navn: string, niveau: Niveau): Tabelraekke => {
    const b = iTotaler(alle[0]!, niveau);
    const celler: Record<string, Celle> = { navn };
    alle.forEach((s, i) => {
      const x = iTotaler(s, niveau);
      celler[`f${i}`] = x ? talcelle(x.forventet, 'beloeb') : null;
      celler[`a${i}`] = x ? afv(x.afvigelse) : null;
      if (i > 0) celler[`d${i}`] = x && b ? afv(x.afvigelse.minus(b.afvigelse)) : null;
    });
    return { art, celler };
  };
  const raekker = udvalgsskelet(basis, { dele: false, poster: false }).map((r) => raekke(r.art, r.navn, r.niveau));
  const navne = alle.slice(1).map((s) => s.navn).join(', ');
  const titel = medGrundlag(`Hvad nu hvis: ${navne} ved siden af basis (scenarieberegning, ikke opfølgningens tal)`, v);
  return { titel, kolonner, raekker, noter: [`Ændring = scenariets afvigelse − basisafvigelsen: ${merforbrugOrd(v.fortegn)} = mere merforbrug.`] };
}

/** The sensitivity run: afvigelse of the politikområde and in total per value, and the exact break-even. */
export function foelsomhedsTabel(f: Foelsomhed, v: Visning): Tabel {
  const afv = (d: Summering['afvigelse']) => afvigelsescelle(d);
  const nul = f.nulpunkt === null
    ? 'Prisen er 0: afvigelsen afhænger ikke af helårspersonerne.'
    : `Afvigelsen på ${f.politikomraade} er 0 ved ${formatTal(f.nulpunkt, { decimaler: 10, format: 'da', tusindtalsseparator: true })} helårspersoner på ${f.ydelse}; flere giver merforbrug, færre mindreforbrug.`;
  return {
    titel: medGrundlag(`Hvad nu hvis: afvigelsen ved forskellige helårspersoner på ${f.ydelse} (følsomhed, ikke opfølgningens tal)`, v),
    kolonner: [
      { noegle: 'hp', titel: `HP ${f.ydelse}`, csv: 'hp' },
      { noegle: 'po', titel: `Afvigelse ${f.politikomraade}`, csv: 'afvigelse_politikomraade' },
      { noegle: 'total', titel: 'Afvigelse i alt', csv: 'afvigelse_total' },
    ],
    raekker: f.punkter.map((p) => ({ art: 'data', celler: { hp: talcelle(p.hp, 'antal'), po: afv(p.politikomraade), total: afv(p.total) } })),
    noter: [nul, `Beløb i ${ENHEDSTEKST[v.enhed]}; ${merforbrugsnote(v.fortegn).toLowerCase()}.`],
  };
}

/** The scenarios as a document (HTML, workbook, Word): each scenario's changes in prose, then the table. */
export function scenarieDokument(
  basis: Opfoelgning, scenarier: { navn: string; aendringer: string[]; o: Opfoelgning }[], v: Visning,
): Dokument {
  const m = basis.manifest;
  const tekst = scenarier.map((s) => `- ${s.navn}: ${s.aendringer.join('; ')}`);
  return {
    titel: `Scenarier: ${m.opfoelgning} ${m.budgetaar}`,
    undertitel: dokumentUndertitel(m),
    sektioner: [{
      titel: 'Scenarier ved siden af basis', ark: 'Scenarier', tekst, tabel: scenarieTabel(basis, scenarier, v),
    }],
  };
}

/** A sensitivity run as a document. */
export function foelsomhedsDokument(f: Foelsomhed, m: Manifest, v: Visning): Dokument {
  return {
    titel: `Følsomhed: ${f.ydelse}, ${m.opfoelgning} ${m.budgetaar}`,
    undertitel: dokumentUndertitel(m),
    sektioner: [{
      titel: `Afvigelsen ved forskellige helårspersoner på ${f.ydelse}`, ark: 'Følsomhed',
      tabel: foelsomhedsTabel(f, v),
    }],
  };
}
