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

/** Positions of the rows per key (first-seen order), built once. */
function positioner<T>(raekker: readonly T[], noegle: (r: T) => string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  raekker.forEach((r, i) => {
    const liste = m.get(noegle(r));
    if (liste) liste.push(i);
    else m.set(noegle(r), [i]);
  });
  return m;
}

/**
 * Applies changes one by one to a copy of the dataset, in time linear in the data plus the changes: each
 * table is indexed once and copied once, on its first change (a scan and a copy per change made one
 * scenario with 100.000 changes take 51 s). A change that fails (`ScenarieFejl`) changes nothing.
 * Arrays no change touches stay the dataset's own, so `beregn` reuses what it remembers about them.
 */
type Tabelnavn = 'ydelser' | 'enhedspriser' | 'poster' | 'korrektioner';

export class ScenarieAnvender {
  private readonly t: Pick<Datasaet, Tabelnavn>;
  private readonly kopieret = new Set<string>();
  private readonly ydelsesIndeks: Map<string, number[]>;
  private readonly prisIndeks: Map<string, number[]>;
  private readonly postIndeks: Map<string, number[]>;
  private readonly postnavnIndeks: Map<string, number[]>;
  /** The activity posts' names (a change never adds or renames a ydelse). */
  private readonly aktivitet: ReadonlySet<string>;

  constructor(private readonly ds: Datasaet) {
    this.t = { ydelser: ds.ydelser, enhedspriser: ds.enhedspriser, poster: ds.poster, korrektioner: ds.korrektioner };
    this.ydelsesIndeks = positioner(ds.ydelser, (y) => y.ydelse);
    this.prisIndeks = positioner(ds.enhedspriser, (p) => p.ydelse);
    this.postIndeks = positioner(ds.poster, (p) => postNoegle(p.politikomraade, p.post));
    this.postnavnIndeks = positioner(ds.poster, (p) => p.post);
    this.aktivitet = aktivitetsposter(ds);
  }

  /** The table `navn`, copied on its first change. */
  private skrivbar<K extends Tabelnavn>(navn: K): Pick<Datasaet, Tabelnavn>[K] {
    if (!this.kopieret.has(navn)) {
      this.kopieret.add(navn);
      this.t[navn] = [...this.t[navn]] as Pick<Datasaet, Tabelnavn>[K];
    }
    return this.t[navn];
  }

  private ydelse(navn: string): number[] {
    const i = this.ydelsesIndeks.get(navn);
    if (i) return i;
    const forslag = menteDu(navn, this.t.ydelser.map((y) => y.ydelse)); // only on the error path: a scan is fine
    throw new ScenarieFejl(`Ydelsen "${navn}" findes ikke i helaarspersoner.csv${forslag}`);
  }

  private post(po: string, navn: string): number[] {
    const i = this.postIndeks.get(postNoegle(po, navn));
    if (i) return i;
    const forslag = menteDu(navn, this.t.poster.filter((p) => p.politikomraade === po).map((p) => p.post));
    throw new ScenarieFejl(`Posten "${navn}" findes ikke under politikområde ${po} i budget.csv${forslag}`);
  }

  /** Makes one change; throws `ScenarieFejl` (and changes nothing) for a target that does not exist. */
  anvend(a: Aendring): void {
    switch (a.art) {
      case 'hp':
        return this.hp(a);
      case 'pris': {
        this.ydelse(a.ydelse);
        const priser = this.skrivbar('enhedspriser');
        for (const i of this.prisIndeks.get(a.ydelse) ?? []) {
          priser[i] = { ...priser[i]!, forventet: udfoer(priser[i]!.forventet, a.operation) };
        }
        return;
      }
      case 'forventet': {
        const i = this.post(a.politikomraade, a.post)[0]!;
        const p = this.t.poster[i]!;
        if (this.aktivitet.has(p.post) || p.forventet === null) {
          const raad = 'ændr helårspersoner eller pris i stedet for forventet';
          throw new ScenarieFejl(`"${a.post}" er en aktivitetspost: ${raad}`);
        }
        this.skrivbar('poster')[i] = { ...p, forventet: udfoer(p.forventet, a.operation) };
        return;
      }
      case 'korrektion':
        this.post(a.politikomraade, a.post);
        this.skrivbar('korrektioner').push({
          politikomraade: a.politikomraade, post: a.post, beloeb: a.beloeb, tekst: a.tekst, type: 'korrektion',
          kilde: { fil: 'scenarie', linje: 0 },
        });
        return;
      case 'handleplan_fra':
        return this.handleplanFra(a);
    }
  }

  private hp(a: Extract<Aendring, { art: 'hp' }>): void {
    const i = this.ydelse(a.ydelse)[0]!;
    const y = this.t.ydelser[i]!;
    const ny = udfoer(y.hp[a.felt], a.operation);
    if (ny.lt(0)) throw new ScenarieFejl(`${a.ydelse}: ${skrivTal(ny, 'da')} helårspersoner er under 0`);
    this.skrivbar('ydelser')[i] = { ...y, hp: { ...y.hp, [a.felt]: ny } };
    if (a.felt !== 'korrigeret') return;
    // The budget follows its helårspersoner (korrigeret = HP × budgetpris); the expected spending does not.
    const pris = this.t.enhedspriser[this.prisIndeks.get(a.ydelse)![0]!]!;
    const delta = budgetteretAktivitet({ ...y, hp: { ...y.hp, korrigeret: ny } }, pris).minus(budgetteretAktivitet(y, pris));
    const poster = this.skrivbar('poster');
    for (const j of this.postnavnIndeks.get(a.ydelse) ?? []) {
      poster[j] = { ...poster[j]!, korrigeret: poster[j]!.korrigeret.plus(delta) };
    }
  }

  /** Removes handleplaner (a scan of the korrektioner: a scenario has few such changes). */
  private handleplanFra(a: Extract<Aendring, { art: 'handleplan_fra' }>): void {
    if (a.post !== null) this.post(a.politikomraade!, a.post);
    const rammes = (k: Korrektion) => k.type === 'handleplan'
      && (a.politikomraade === null || k.politikomraade === a.politikomraade)
      && (a.post === null || postNoegle(k.politikomraade, k.post) === postNoegle(a.politikomraade!, a.post));
    if (!this.t.korrektioner.some(rammes)) {
      const hvor = a.politikomraade ? ` på ${a.politikomraade}${a.post ? ` ${a.post}` : ''}` : '';
      throw new ScenarieFejl(`Ingen handleplan at slå fra${hvor}`);
    }
    this.t.korrektioner = this.t.korrektioner.filter((k) => !rammes(k));
    this.kopieret.add('korrektioner');
  }

  /** The dataset with every change made so far. */
  resultat(): Datasaet {
    return { ...this.ds, ...this.t };
  }
}

/** The dataset with the scenario's changes made (in order). Throws `ScenarieFejl` for a target that does not exist. */
export function anvendScenarie(ds: Datasaet, aendringer: readonly Aendring[]): Datasaet {
  const anvender = new ScenarieAnvender(ds);
  for (const a of aendringer) anvender.anvend(a);
  return anvender.resultat();
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
