/** The whole follow-up as one document: the tables, the korrektioner and the explanations in Danish prose. */
import { afvigelseFoerHandleplaner, type Opfoelgning, type PolitikomraadeResultat, type PostResultat } from '../core/beregn.js';
import { rund, iEnhed } from '../core/money.js';
import { afvigelsesTabel } from './afvigelser.js';
import { UDGIFTSART_LABEL } from './skelet.js';
import { aktivitetsSektion, korrektionTekst } from './aktivitet.js';
import { afvigelsesDiagram } from './diagrammer.js';
import { talcelle, type Dokument, type Sektion, type Tabel } from './shape.js';
import { antalTekst, beloebTekst, dokumentUndertitel, forbrugsord, medGrundlag, punktum, type Visning } from './visning.js';
import { UDGIFTSARTER } from '../core/model.js';
import type { Decimal } from '../core/money.js';

export function korrektionsTabel(o: Opfoelgning): Tabel {
  const raekker = o.politikomraader.flatMap((p) => p.poster.flatMap((post) => post.korrektioner.map((k) => ({
    art: 'data' as const,
    celler: { politikomraade: p.nr, post: post.post, type: k.type, beloeb: talcelle(k.beloeb, 'beloeb'), tekst: k.tekst },
  }))));
  return {
    kolonner: [
      { noegle: 'politikomraade', titel: 'Politikområde', csv: 'politikomraade' },
      { noegle: 'post', titel: 'Post', csv: 'post' },
      { noegle: 'type', titel: 'Type', csv: 'type' },
      { noegle: 'beloeb', titel: 'Beløb (+ = merudgift)', csv: 'beloeb' },
      { noegle: 'tekst', titel: 'Forklaring', csv: 'tekst' },
    ],
    raekker,
    noter: ['Beløb lægges til postens forventede regnskab: positivt = merudgift, negativt = mindreudgift.'],
  };
}

/** True when the amount shows as zero in the chosen unit and precision. */
const visesSomNul = (d: Decimal, v: Visning) => rund(iEnhed(d, v.enhed), v.decimaler).isZero();

function postForklaring(p: PostResultat, o: Opfoelgning, v: Visning): string {
  const afv = p.sum.afvigelse;
  const effekt = (navn: string, d: Decimal) => `${navn}: ${forbrugsord(d)} på ${beloebTekst(d, v)}`;
  const saetninger = [`- ${p.post}: ${visesSomNul(afv, v) ? 'balance' : `${forbrugsord(afv)} på ${beloebTekst(afv, v)}`}`];
  const y = o.ydelser.find((x) => x.ydelse === p.post && x.politikomraade === p.politikomraade);
  if (y) {
    const effekter = [effekt('mængdeeffekt', y.maengdeeffekt), ...(visesSomNul(y.priseffekt, v) ? [] : [effekt('priseffekt', y.priseffekt)])];
    saetninger.push(`Budgetteret med ${antalTekst(y.hp.korrigeret)} helårspersoner, forventet ${antalTekst(y.hp.forventet)} (${effekter.join('; ')})`);
  }
  if (!p.sum.handleplaneffekt.isZero()) {
    const foer = afvigelseFoerHandleplaner(p.sum);
    saetninger.push(`Før handleplan: ${forbrugsord(foer)} på ${beloebTekst(foer, v)}`);
  }
  if (p.korrektioner.length > 0) saetninger.push(`Heraf: ${p.korrektioner.map((k) => korrektionTekst(k, v)).join('; ')}`);
  return saetninger.map(punktum).join(' ');
}

function politikomraadeForklaring(p: PolitikomraadeResultat, o: Opfoelgning, v: Visning): Sektion {
  const afv = p.sum.afvigelse;
  const dele = UDGIFTSARTER.filter((u) => !visesSomNul(p.udgiftsarter[u].afvigelse, v)).map((u) => {
    const a = p.udgiftsarter[u].afvigelse;
    return `${forbrugsord(a)} på ${UDGIFTSART_LABEL[u]} på ${beloebTekst(a, v)}`;
  });
  const tekst = [
    `På politikområde ${p.nr} forventes ved ${o.manifest.opfoelgning} ${visesSomNul(afv, v) ? 'balance' : `et samlet ${forbrugsord(afv)} på ${beloebTekst(afv, v)}`}`
      + (dele.length > 1 || (dele.length === 1 && visesSomNul(afv, v)) ? `: ${dele.join(' og ')}` : ''),
  ].map(punktum);
  if (!p.sum.handleplaneffekt.isZero()) {
    const foer = afvigelseFoerHandleplaner(p.sum);
    const retning = p.sum.handleplaneffekt.isNegative() ? 'forværre' : 'forbedre';
    tekst.push(`Før handleplaner: ${forbrugsord(foer)} på ${beloebTekst(foer, v)} Handleplanerne forventes at ${retning} resultatet med ${beloebTekst(p.sum.handleplaneffekt, v)}, så afvigelsen efter handleplaner er ${forbrugsord(afv)} på ${beloebTekst(afv, v)}`);
  }
  const poster = [...p.poster]
    .filter((x) => !visesSomNul(x.sum.afvigelse, v) || x.korrektioner.length > 0)
    .sort((a, b) => b.sum.afvigelse.abs().comparedTo(a.sum.afvigelse.abs()));
  tekst.push(...poster.map((x) => postForklaring(x, o, v)));
  return { titel: `${p.nr} ${p.navn}`, tekst };
}

/** The follow-up document: deviation table, activity, korrektioner, `ekstra` sections (bevillingsønsker) and explanations per politikområde. */
export function rapportDokument(o: Opfoelgning, v: Visning, ekstra: Sektion[] = []): Dokument {
  const m = o.manifest;
  const total = o.total.afvigelse;
  const sammendrag = punktum(`Det forventede regnskab er ${beloebTekst(o.total.forventet, v)} mod et korrigeret budget på ${beloebTekst(o.total.korrigeret, v)}: `
    + `${visesSomNul(total, v) ? 'balance' : `et ${forbrugsord(total)} på ${beloebTekst(total, v)}`}`)
    + (o.total.forventetForrige ? ` Ved forrige opfølgning var det forventede regnskab ${beloebTekst(o.total.forventetForrige, v)}` : '');
  const sektioner: Sektion[] = [
    { titel: medGrundlag('Forventet resultat', v), ark: 'Afvigelser', tekst: [sammendrag], diagrammer: [afvigelsesDiagram(o, v)], tabel: afvigelsesTabel(o, v) },
  ];
  if (o.ydelser.length > 0) sektioner.push(aktivitetsSektion(o, v));
  const korr = korrektionsTabel(o);
  if (korr.raekker.length > 0) sektioner.push({ titel: 'Korrektioner og handleplaner', ark: 'Korrektioner', tabel: korr });
  sektioner.push(...ekstra);
  sektioner.push({ titel: medGrundlag('Forklaringer', v), underafsnit: o.politikomraader.map((p) => politikomraadeForklaring(p, o, v)) });
  return {
    titel: medGrundlag(`Budgetopfølgning ${m.opfoelgning} ${m.budgetaar}`, v),
    undertitel: dokumentUndertitel(m),
    sektioner,
  };
}
