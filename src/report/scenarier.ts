/** Scenarios beside the base, and sensitivity runs, as report values. */
import type { Opfoelgning, Summering } from '../core/beregn.js';
import type { Foelsomhed } from '../core/scenarie.js';
import { opfoelgningTotaler, type ScenarieTotaler } from '../core/scenarie-batch.js';
import { UDGIFTSARTER } from '../core/model.js';
import { formatTal } from '../core/money.js';
import { UDGIFTSART_LABEL } from './afvigelser.js';
import { talcelle, type Celle, type Dokument, type Kolonne, type Tabel, type Tabelraekke } from './shape.js';
import { dokumentUndertitel, ENHEDSTEKST, type Visning } from './visning.js';
import type { Manifest } from '../core/model.js';

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
  const afv = (d: Summering['afvigelse']) => talcelle(d, 'beloeb', d.isNegative());
  type Hent = (t: ScenarieTotaler) => Summering | undefined;
  const raekke = (art: Tabelraekke['art'], navn: string, hent: Hent): Tabelraekke => {
    const b = hent(alle[0]!);
    const celler: Record<string, Celle> = { navn };
    alle.forEach((s, i) => {
      const x = hent(s);
      celler[`f${i}`] = x ? talcelle(x.forventet, 'beloeb') : null;
      celler[`a${i}`] = x ? afv(x.afvigelse) : null;
      if (i > 0) celler[`d${i}`] = x && b ? afv(x.afvigelse.minus(b.afvigelse)) : null;
    });
    return { art, celler };
  };
  const raekker: Tabelraekke[] = [
    ...basis.politikomraader.map((p) => raekke('data', `${p.nr} ${p.navn}`, (t) => t.politikomraade(p.nr))),
    raekke('total', 'I alt', (t) => t.total()),
    ...UDGIFTSARTER.map((u) => raekke('total', `Samlet ${UDGIFTSART_LABEL[u]}`, (t) => t.udgiftsart(u))),
  ];
  return { kolonner, raekker, noter: ['Ændring = scenariets afvigelse − basisafvigelsen: negativ = mere merforbrug.'] };
}

/** The sensitivity run: afvigelse of the politikområde and in total per value, and the exact break-even. */
export function foelsomhedsTabel(f: Foelsomhed, v: Visning): Tabel {
  const afv = (d: Summering['afvigelse']) => talcelle(d, 'beloeb', d.isNegative());
  const nul = f.nulpunkt === null
    ? 'Prisen er 0: afvigelsen afhænger ikke af helårspersonerne.'
    : `Afvigelsen på ${f.politikomraade} er 0 ved ${formatTal(f.nulpunkt, { decimaler: 10, format: 'da', tusindtalsseparator: true })} helårspersoner på ${f.ydelse}; flere giver merforbrug, færre mindreforbrug.`;
  return {
    kolonner: [
      { noegle: 'hp', titel: `HP ${f.ydelse}`, csv: 'hp' },
      { noegle: 'po', titel: `Afvigelse ${f.politikomraade}`, csv: 'afvigelse_politikomraade' },
      { noegle: 'total', titel: 'Afvigelse i alt', csv: 'afvigelse_total' },
    ],
    raekker: f.punkter.map((p) => ({ art: 'data', celler: { hp: talcelle(p.hp, 'antal'), po: afv(p.politikomraade), total: afv(p.total) } })),
    noter: [nul, `Beløb i ${ENHEDSTEKST[v.enhed]}; negativ afvigelse = merforbrug.`],
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
