/**
 * Scenarios (what-if): named lists of changes to the input, parsed by a small grammar into data (never
 * evaluated as code), applied as a transformation of the dataset, and computed by the same engine as
 * every other table. Sensitivity runs solve the break-even exactly: forventet is linear in helårspersoner.
 */
import { aktivitetsposter, budgetteretAktivitet } from './aktivitet.js';
import { beregn, type Opfoelgning } from './beregn.js';
import { Decimal, parseTal, skrivTal, type Talformat } from './money.js';
import { postNoegle, type Datasaet, type Korrektion } from './model.js';
import { menteDu } from './naermeste.js';

/** `=1000` set, `+64` / `-20` add, `+5%` / `-2,5%` percentage. */
export interface Operation {
  op: '=' | '+' | '%';
  vaerdi: Decimal;
}

export type Aendring =
  | { art: 'hp'; ydelse: string; felt: 'forventet' | 'korrigeret'; operation: Operation }
  | { art: 'pris'; ydelse: string; operation: Operation }
  | { art: 'forventet'; politikomraade: string; post: string; operation: Operation }
  | { art: 'korrektion'; politikomraade: string; post: string; beloeb: Decimal; tekst: string }
  | { art: 'handleplan_fra'; politikomraade: string | null; post: string | null };

export interface Scenarie {
  navn: string;
  aendringer: Aendring[];
}

/** A change that cannot be parsed or names nothing in the dataset. */
export class ScenarieFejl extends Error {
  override name = 'ScenarieFejl'; // its own name in a stack trace, also from the minified bundle
}

/** Parses `=1000` (or `1000`, `=-5`), `+64`, `-20`, `+5%`, `-2,5%` in the given number format (Danish by default). */
export function parseOperation(tekst: string, format: Talformat = 'da'): Operation {
  const m = /^\s*(?:(=)\s*([+-]?)|([+-]?))\s*([^%+=-][^%]*?)\s*(%?)\s*$/.exec(tekst);
  const tal = m && parseTal(m[4]!, format);
  if (!m || !tal?.ok || (m[1] && m[5])) {
    // `+5.5%`: a decimal point where Danish writes a comma (1 or 2 decimals, so `+1.000` stays a thousands separator).
    const komma = format === 'da' ? tekst.replace(/(\d)\.(\d{1,2})(?!\d)/, '$1,$2') : tekst;
    const forslag = komma !== tekst && /^[^.]*$/.test(komma)
      ? `; decimaltal skrives med komma: mente du "${komma}"?`
      : ' (brug =1000, +64, -20 eller +5%)';
    throw new ScenarieFejl(`"${tekst}" er ikke en ændring${forslag}`);
  }
  const vaerdi = (m[2] || m[3]) === '-' ? tal.vaerdi.neg() : tal.vaerdi;
  if (m[5]) return { op: '%', vaerdi };
  if (m[1] || !m[3]) return { op: '=', vaerdi };
  return { op: '+', vaerdi };
}

/** The operation applied to a value (exact). */
export function udfoer(v: Decimal, o: Operation): Decimal {
  if (o.op === '=') return o.vaerdi;
  if (o.op === '+') return v.plus(o.vaerdi);
  return v.times(o.vaerdi.div(100).plus(1));
}

/** `Kontanthjælp=+64` → [Kontanthjælp, +64]; the first `=` divides (so `Kontanthjælp==1000` sets 1000). */
export function delMaal(tekst: string): [string, string] {
  const i = tekst.indexOf('=');
  if (i <= 0) throw new ScenarieFejl(`"${tekst}" skal have formen mål=ændring, fx Kontanthjælp=+64`);
  return [tekst.slice(0, i).trim(), tekst.slice(i + 1).trim()];
}

/** `2.1:Post` or `2.1;Post` → [politikområde, post]. */
function delPost(tekst: string): [string, string] {
  const m = /^\s*([^:;]+?)\s*[:;]\s*(.+?)\s*$/.exec(tekst);
  if (!m) throw new ScenarieFejl(`"${tekst}" skal have formen politikområde:post, fx 2.1:Løntilskud`);
  return [m[1]!, m[2]!];
}

/**
 * One change from its kind, target and value, as written on the command line or in scenarier.csv:
 * hp / hp_korrigeret / pris (target a ydelse), forventet (target politikområde:post), korrektion
 * (target politikområde:post, value an amount in kr, `tekst`), handleplan_fra (target politikområde:post,
 * a politikområde, or `alle`).
 */
export function parseAendring(art: string, maal: string, vaerdi: string, tekst = '', format: Talformat = 'da'): Aendring {
  switch (art.trim().toLowerCase()) {
    case 'hp':
    case 'hp_forventet':
      return { art: 'hp', ydelse: maal.trim(), felt: 'forventet', operation: parseOperation(vaerdi, format) };
    case 'hp_korrigeret':
      return { art: 'hp', ydelse: maal.trim(), felt: 'korrigeret', operation: parseOperation(vaerdi, format) };
    case 'pris':
      return { art: 'pris', ydelse: maal.trim(), operation: parseOperation(vaerdi, format) };
    case 'forventet': {
      const [politikomraade, post] = delPost(maal);
      return { art: 'forventet', politikomraade, post, operation: parseOperation(vaerdi, format) };
    }
    case 'korrektion': {
      const [politikomraade, post] = delPost(maal);
      const beloeb = parseTal(vaerdi, format);
      if (!beloeb.ok) throw new ScenarieFejl(beloeb.besked);
      return { art: 'korrektion', politikomraade, post, beloeb: beloeb.vaerdi, tekst: tekst.trim() || 'Scenarie' };
    }
    case 'handleplan_fra': {
      const m = maal.trim();
      if (m === '' || m.toLowerCase() === 'alle') return { art: 'handleplan_fra', politikomraade: null, post: null };
      if (!/[:;]/.test(m)) return { art: 'handleplan_fra', politikomraade: m, post: null };
      const [politikomraade, post] = delPost(m);
      return { art: 'handleplan_fra', politikomraade, post };
    }
    default:
      throw new ScenarieFejl(`"${art}" er ikke en ændring (brug hp, hp_korrigeret, pris, forventet, korrektion eller handleplan_fra)`);
  }
}

/** The dataset with the scenario's changes made (in order). Throws `ScenarieFejl` for a target that does not exist. */
export function anvendScenarie(ds: Datasaet, aendringer: readonly Aendring[]): Datasaet {
  let { ydelser, enhedspriser, poster, korrektioner } = ds;
  const ydelse = (navn: string) => {
    if (!ydelser.some((y) => y.ydelse === navn)) {
      const forslag = menteDu(navn, ydelser.map((y) => y.ydelse));
      throw new ScenarieFejl(`Ydelsen "${navn}" findes ikke i helaarspersoner.csv${forslag}`);
    }
  };
  const post = (po: string, navn: string) => {
    if (!poster.some((p) => p.politikomraade === po && p.post === navn)) {
      const forslag = menteDu(navn, poster.filter((p) => p.politikomraade === po).map((p) => p.post));
      throw new ScenarieFejl(`Posten "${navn}" findes ikke under politikområde ${po} i budget.csv${forslag}`);
    }
  };
  for (const a of aendringer) {
    switch (a.art) {
      case 'hp': {
        ydelse(a.ydelse);
        const y = ydelser.find((x) => x.ydelse === a.ydelse)!;
        const ny = udfoer(y.hp[a.felt], a.operation);
        if (ny.lt(0)) throw new ScenarieFejl(`${a.ydelse}: ${skrivTal(ny, 'da')} helårspersoner er under 0`);
        ydelser = ydelser.map((x) => (x === y ? { ...x, hp: { ...x.hp, [a.felt]: ny } } : x));
        if (a.felt === 'korrigeret') {
          // The budget follows its helårspersoner (korrigeret = HP × budgetpris); the expected spending does not.
          const pris = enhedspriser.find((p) => p.ydelse === a.ydelse)!;
          const delta = budgetteretAktivitet({ ...y, hp: { ...y.hp, korrigeret: ny } }, pris).minus(budgetteretAktivitet(y, pris));
          poster = poster.map((p) => (p.post === a.ydelse ? { ...p, korrigeret: p.korrigeret.plus(delta) } : p));
        }
        break;
      }
      case 'pris':
        ydelse(a.ydelse);
        enhedspriser = enhedspriser.map((p) => (p.ydelse === a.ydelse ? { ...p, forventet: udfoer(p.forventet, a.operation) } : p));
        break;
      case 'forventet': {
        post(a.politikomraade, a.post);
        const p = poster.find((x) => x.politikomraade === a.politikomraade && x.post === a.post)!;
        if (aktivitetsposter({ ydelser }).has(p.post) || p.forventet === null) throw new ScenarieFejl(`"${a.post}" er en aktivitetspost: ændr helårspersoner eller pris i stedet for forventet`);
        poster = poster.map((x) => (x === p ? { ...x, forventet: udfoer(p.forventet!, a.operation) } : x));
        break;
      }
      case 'korrektion': {
        post(a.politikomraade, a.post);
        const k: Korrektion = { politikomraade: a.politikomraade, post: a.post, beloeb: a.beloeb, tekst: a.tekst, type: 'korrektion', kilde: { fil: 'scenarie', linje: 0 } };
        korrektioner = [...korrektioner, k];
        break;
      }
      case 'handleplan_fra': {
        if (a.post !== null) post(a.politikomraade!, a.post);
        const rammes = (k: Korrektion) => k.type === 'handleplan'
          && (a.politikomraade === null || k.politikomraade === a.politikomraade)
          && (a.post === null || postNoegle(k.politikomraade, k.post) === postNoegle(a.politikomraade!, a.post));
        if (!korrektioner.some(rammes)) throw new ScenarieFejl(`Ingen handleplan at slå fra${a.politikomraade ? ` på ${a.politikomraade}${a.post ? ` ${a.post}` : ''}` : ''}`);
        korrektioner = korrektioner.filter((k) => !rammes(k));
        break;
      }
    }
  }
  return { ...ds, ydelser, enhedspriser, poster, korrektioner };
}

export interface Foelsomhedspunkt {
  hp: Decimal;
  /** The afvigelse of the ydelse's politikområde (kr). */
  politikomraade: Decimal;
  total: Decimal;
}

export interface Foelsomhed {
  ydelse: string;
  politikomraade: string;
  punkter: Foelsomhedspunkt[];
  /** The helårspersoner (forventet) at which the politikområde's afvigelse is exactly 0; null when the price is 0. */
  nulpunkt: Decimal | null;
}

/**
 * The afvigelse of the ydelse's politikområde and the total for each forventet helårspersoner value,
 * and the break-even: afvigelse(hp) = afvigelse(hp₀) − (hp − hp₀) × pris_forventet, so the politikområde's
 * afvigelse is 0 at hp₀ + afvigelse(hp₀) / pris_forventet, exactly.
 */
export function foelsomhed(ds: Datasaet, ydelse: string, vaerdier: readonly Decimal[]): Foelsomhed {
  const basis = beregn(ds);
  const y = basis.ydelser.find((x) => x.ydelse === ydelse);
  if (!y) {
    const forslag = menteDu(ydelse, basis.ydelser.map((x) => x.ydelse));
    throw new ScenarieFejl(`Ydelsen "${ydelse}" findes ikke i helaarspersoner.csv${forslag}`);
  }
  const afvigelseAf = (o: Opfoelgning) => o.politikomraader.find((p) => p.nr === y.politikomraade)!.sum.afvigelse;
  const punkter = vaerdier.map((hp) => {
    const o = beregn(anvendScenarie(ds, [{ art: 'hp', ydelse, felt: 'forventet', operation: { op: '=', vaerdi: hp } }]));
    return { hp, politikomraade: afvigelseAf(o), total: o.total.afvigelse };
  });
  const pris = y.pris.forventet;
  return { ydelse, politikomraade: y.politikomraade, punkter, nulpunkt: pris.isZero() ? null : y.hp.forventet.plus(afvigelseAf(basis).div(pris)) };
}

/** `380..440:10` → 380, 390, …, 440 (Danish numbers, e.g. `1.000..1.100:25`; at most 10.000 values, none below 0). */
export function parseInterval(tekst: string): Decimal[] {
  const [fraTekst, resten] = tekst.split('..');
  const [tilTekst, skridtTekst = '1'] = (resten ?? '').split(':');
  const [fra, til, skridt] = [fraTekst ?? '', tilTekst ?? '', skridtTekst].map((t) => parseTal(t, 'da'));
  if (!fra?.ok || !til?.ok || !skridt?.ok || !skridt.vaerdi.gt(0) || til.vaerdi.lt(fra.vaerdi) || fra.vaerdi.lt(0)) {
    throw new ScenarieFejl(`"${tekst}" er ikke et interval af helårspersoner (brug fra..til:skridt, fx 380..440:10)`);
  }
  const antal = til.vaerdi.minus(fra.vaerdi).div(skridt.vaerdi).floor().toNumber() + 1;
  if (antal > 10_000) throw new ScenarieFejl(`Intervallet "${tekst}" har ${antal} værdier; højst 10.000`);
  return Array.from({ length: antal }, (_, i) => fra.vaerdi.plus(skridt.vaerdi.times(i)));
}
