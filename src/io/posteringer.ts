/**
 * Postings (`forbrug.csv`: `konto;dato;beloeb`, as exported from the ERP) summed per account and month
 * in whole øre, streamed: the file is read in 1 MB blocks, so memory stays flat however long it is.
 *
 * Two paths, one result. The fast path takes a plain line straight from the bytes: the header's field
 * count, fields that are unquoted or wholly quoted without a quote inside, an ASCII konto without
 * surrounding spaces, an ISO date, an amount in the file's number format with at most 2 decimals. Every
 * other record (other quoting, a quoted newline, non-ASCII konto, other date forms, a ragged row, anything
 * odd) goes whole to the general path: csv-parse and the field rules, with file:line findings.
 * test/posteringer.test.ts checks on generated and fuzzed files that the result equals csv-parse over the
 * whole decoded file (`summerPosteringerTekst`). Known differences, both in files no export writes:
 * encoding is decided per record (a file mixing UTF-8 and Windows-1252 reads each line as it is written;
 * csv-parse after whole-file decoding reads all as Windows-1252), and old-Mac CR line endings are read
 * through the reference path only when the header line ends in a lone CR.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { fund, type Fund } from '../core/model.js';
import { parseTal, type Talformat } from '../core/money.js';
import { dageIMaaned, maanedsnoegle, MAKS_OERE, Oeresum, parseDato, type Dato, type Kontosum, type Posteringssummer } from '../core/forbrug.js';
import {
  bomLaengde, csvFejl, csvParseValg, findAfgraenser, forkertAntalFund, ikkeTekst, Linjetaeller, MAKS_LINJE, nulFund, passerTilHoved,
  standardTalformat, tilTekst, tjekHoved, ulaeseligFund, windows1252Fund, type Hoved,
} from './csv.js';

export interface Posteringer extends Posteringssummer {
  /** Findings with file and line; errors mean some postings are not in the sums. */
  fund: Fund[];
  /** False when the file cannot be read as postings at all (the reason is in `fund`). */
  laest: boolean;
}

export interface PosteringsValg {
  /** The number format of `beloeb`; by default Danish, or English when the delimiter is a comma. */
  talformat?: Talformat;
  /** The follow-up's date (`pr.`): postings of its month up to this day are also summed apart. */
  skaeringsdato?: Dato;
  /** Bytes read at a time (tests use small blocks to put records across block boundaries). */
  blokstoerrelse?: number;
  /**
   * Only the records in bytes [fra, til) of the file (fra at a line start, or 0 for right after the
   * header); the header is still read from the top. For the parallel reader (posteringer-parallel.ts).
   */
  del?: { fra: number; til: number };
}

/** What a part read (`PosteringsValg.del`) tells the parallel reader besides its sums. */
export interface Delresultat extends Posteringer {
  /** The line after the part's last (lines counted as if the part started right after the header). */
  slutlinje: number;
  /** The part ended between records (no quoted record left open), and the file was streamed. */
  ren: boolean;
  /** The first line of the part's records, counted the same way. */
  startlinje: number;
  /** Findings beyond the cap, counted. */
  flereFund: number;
}

const SPEC = { paakraevede: ['konto', 'dato', 'beloeb'], valgfri: [] } as const;
const MAKS_FUND = 1000;

/** Reading stops at a finding that makes the whole file unusable (a NUL byte, a line over 1 MB). */
class Afbrudt {
  constructor(readonly fund: Fund) {}
}

/** What both paths share: the columns, the cut-off and the sums being built. */
class Opsummering {
  readonly konti = new Map<string, Kontosum>();
  antal = 0;
  readonly fund: Fund[] = [];
  /** Findings beyond `MAKS_FUND` are counted, not kept (a file in the wrong number format fails on every line). */
  flereFund = 0;
  readonly skaeringsnoegle: number;
  readonly skaeringsdag: number;

  constructor(
    readonly fil: string, readonly kolonner: { konto: number; dato: number; beloeb: number; antal: number },
    readonly talformat: Talformat, readonly fastlagt: boolean, readonly hoved: Hoved, skaering?: Dato,
  ) {
    this.skaeringsnoegle = skaering ? maanedsnoegle(skaering.aar, skaering.maaned) : -1;
    this.skaeringsdag = skaering?.dag ?? 0;
  }

  kontosum(konto: string): Kontosum {
    let k = this.konti.get(konto);
    if (!k) this.konti.set(konto, (k = { maaneder: new Map(), tilSkaeringsdag: new Oeresum() }));
    return k;
  }

  tilfoej(k: Kontosum, noegle: number, dag: number, oere: number): void {
    let m = k.maaneder.get(noegle);
    if (!m) k.maaneder.set(noegle, (m = new Oeresum()));
    m.add(oere);
    if (noegle === this.skaeringsnoegle && dag <= this.skaeringsdag) k.tilSkaeringsdag.add(oere);
    this.antal++;
  }

  /** The general path for one record's fields (as csv-parse gives them). */
  post(felter: string[], linje: number): void {
    const f = (kode: string, kolonne: string | null, besked: string) => {
      if (this.fund.length < MAKS_FUND) this.fund.push(fund(this.fil, linje, kolonne, kode, besked));
      else this.flereFund++;
    };
    if (!passerTilHoved(felter, this.hoved)) {
      const ff = forkertAntalFund(this.fil, linje, felter.length, this.hoved, 'posteringen er ikke talt med');
      return f(ff.kode, null, ff.besked);
    }
    const konto = felter[this.kolonner.konto]!.trim().replace(/^'(?=[=+\-@\t\r])/, '');
    const datoTekst = felter[this.kolonner.dato]!;
    const beloebTekst = felter[this.kolonner.beloeb]!.trim();
    if (konto === '') return f('mangler_vaerdi', 'konto', 'Kontoen mangler; posteringen er ikke talt med');
    const dato = parseDato(datoTekst);
    if (!dato) return f('ugyldig_dato', 'dato', `"${datoTekst}" er ikke en dato (brug 2025-06-30 eller 30-06-2025)`);
    const tal = parseTal(beloebTekst, this.talformat, this.fastlagt);
    if (!tal.ok) return f(tal.kode ?? 'ugyldigt_tal', 'beloeb', tal.besked);
    const oere = tal.vaerdi.times(100);
    if (!oere.isInteger()) return f('for_mange_decimaler', 'beloeb', `"${beloebTekst}" har mere end 2 decimaler; en postering er i hele øre`);
    if (oere.abs().gte(MAKS_OERE)) return f('for_stort_beloeb', 'beloeb', `"${beloebTekst}" er over 100 mia. kr. for én postering`);
    this.tilfoej(this.kontosum(konto), maanedsnoegle(dato.aar, dato.maaned), dato.dag, oere.toNumber());
  }

  resultat(laest: boolean): Posteringer {
    this.fund.sort((a, b) => (a.linje ?? 0) - (b.linje ?? 0));
    if (this.flereFund > 0) this.fund.push(fund(this.fil, null, null, 'flere_fund', `og ${this.flereFund} fejl mere i filen (de første ${MAKS_FUND} er vist; er talformatet rigtigt?)`));
    return { konti: this.konti, antal: this.antal, fund: this.fund, laest };
  }
}

/** The header's columns (the shared CSV reader's checks), or its findings. */
function hoved(
  fil: string, felter: string[], linje: number, afgraenser: string, valg: PosteringsValg,
): Opsummering | Fund[] {
  const fundListe: Fund[] = [];
  const h = tjekHoved(fil, felter, linje, afgraenser, SPEC, fundListe);
  if (!h) return fundListe;
  const i = (k: string) => h.kolonner.indexOf(k);
  const { talformat, fastlagt } = standardTalformat(afgraenser, valg.talformat);
  const kolonner = { konto: i('konto'), dato: i('dato'), beloeb: i('beloeb'), antal: h.kolonner.length };
  const o = new Opsummering(fil, kolonner, talformat, fastlagt, h, valg.skaeringsdato);
  o.fund.push(...fundListe); // warnings (unknown or empty trailing columns)
  return o;
}

/**
 * The reference: the whole decoded file through csv-parse and the general path. Used for small inputs
 * and by the tests as the oracle the fast path must agree with.
 */
export function summerPosteringerTekst(tekst: string, fil: string, valg: PosteringsValg = {}): Posteringer {
  const afgraenser = findAfgraenser(tekst);
  const linjer = new Linjetaeller(tekst, afgraenser);
  // As in laesCsv: a record's line comes from the byte offset where the previous record ended.
  const records: { felter: string[]; linje: number }[] = [];
  let slut = 0;
  let fejl: Fund | null = null;
  try {
    parse(tekst, {
      ...csvParseValg(afgraenser, tekst),
      on_record: (felter: string[], k: { bytes: number }) => {
        records.push({ felter, linje: linjer.startlinje(slut) });
        slut = k.bytes;
        return felter;
      },
    });
  } catch (e) {
    fejl = csvFejl(fil, e, linjer.startlinje(slut));
  }
  const [foerste, ...data] = records;
  if (!foerste) return { konti: new Map(), antal: 0, fund: [fejl ?? fund(fil, 1, null, 'tom_fil', 'Filen har ingen overskriftslinje (konto;dato;beloeb)')], laest: false };
  const h = hoved(fil, foerste.felter, foerste.linje, afgraenser, valg);
  if (!(h instanceof Opsummering)) return { konti: new Map(), antal: 0, fund: h, laest: false };
  for (const r of data) h.post(r.felter, r.linje);
  if (fejl) h.fund.push(fejl);
  return h.resultat(fejl === null);
}

const NL = 10;
const CR = 13;
const CITAT = 34;
const MINUS = 45;
const PUNKTUM = 46;
const KOMMA = 44;
const NUL_TEGN = 48;
const APOSTROF = 39;
const MELLEMRUM = 32;

const BLOKSTOERRELSE = 1 << 20;

/**
 * Sums a postings file, streamed (see the module comment): 1 MB at a time; a record the fast path does
 * not take goes to the general path whole.
 */
export async function summerPosteringer(fil: string, valg: PosteringsValg = {}): Promise<Posteringer> {
  let fd: number;
  try {
    fd = openSync(fil, 'r');
  } catch (e) {
    return { konti: new Map(), antal: 0, fund: [ulaeseligFund(fil, e)], laest: false };
  }
  try {
    return await scan(fd, fil, valg);
  } catch (e) {
    const f = e instanceof Afbrudt ? e.fund : (e as NodeJS.ErrnoException).code ? ulaeseligFund(fil, e) : null;
    if (!f) throw e;
    return { konti: new Map(), antal: 0, fund: [f], laest: false };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads at most `maks` bytes at file position `position` into buf[fra, …) and refuses a NUL byte in what
 * was read (`linje` is the line at buf[0]). Positioned, so that a part of the file can be read alone.
 */
function laesBlok(
  fd: number, buf: Buffer, fra: number, fil: string, linje: number, position: number, maks: number,
): number {
  const n = readSync(fd, buf, fra, maks, position);
  const nul = buf.subarray(fra, fra + n).indexOf(0);
  if (nul >= 0) throw new Afbrudt(nulFund(fil, buf.subarray(0, fra + n), fra + nul, linje));
  return n;
}

const forLang = (fil: string, linje: number) => new Afbrudt(fund(fil, linje, null, 'for_lang_linje',
  `Rækken fra linje ${linje} er over ${MAKS_LINJE / 1024 / 1024} MB lang; `
  + 'filen er ikke en posteringsfil eller er beskadiget, og intet er talt med'));

async function scan(fd: number, fil: string, valg: PosteringsValg): Promise<Posteringer | Delresultat> {
  let buf = Buffer.allocUnsafe(valg.blokstoerrelse ?? BLOKSTOERRELSE);
  const ikkeLaest = (f: Fund[]): Posteringer => ({ konti: new Map(), antal: 0, fund: f, laest: false });
  let filpos = 0; // reads are positioned, so that a part can start anywhere
  const til = valg.del?.til ?? Infinity;
  const plads = (fra: number) => Math.max(0, Math.min(buf.length - fra, til - filpos));
  let fyldt = readSync(fd, buf, 0, plads(0), 0);
  filpos = fyldt;
  const problem = ikkeTekst(buf.subarray(0, fyldt), fil);
  if (problem) return ikkeLaest([problem]);
  let pos = bomLaengde(buf);
  let linje = 1;
  let eof = fyldt < buf.length || filpos >= til;
  /** Reads more after the unprocessed tail; false once the end of the file has been reached before. */
  const fyldOp = (): boolean => {
    if (eof) return false;
    const rest = fyldt - pos;
    if (pos === 0) {
      if (buf.length >= MAKS_LINJE) throw forLang(fil, linje);
      const stoerre = Buffer.allocUnsafe(buf.length * 2); // a single record longer than the buffer
      buf.copy(stoerre, 0, 0, fyldt);
      buf = stoerre;
    } else buf.copy(buf, 0, pos, fyldt);
    pos = 0;
    fyldt = rest;
    const n = laesBlok(fd, buf, fyldt, fil, linje, filpos, plads(fyldt));
    filpos += n;
    fyldt += n;
    if (n === 0 || filpos >= til) eof = true;
    return true;
  };

  // The header: the first non-blank record, read by the general path; it decides the delimiter and
  // the line ending (csv-parse takes the first line ending it meets as the record delimiter).
  const foersteLinjeslut = (): number => {
    for (;;) {
      const i = buf.indexOf(NL, pos);
      if (i >= 0 && i < fyldt) return i;
      const cr = buf.indexOf(CR, pos);
      if (cr >= 0 && cr < fyldt - 1) return cr;
      if (!fyldOp()) return fyldt;
    }
  };
  let afgraenser: ';' | '\t' | ',' = ';';
  let h: Opsummering | null = null;
  let win1252 = false;
  const dekodPost = async (bytes: Buffer): Promise<string> => {
    const d = await tilTekst(bytes);
    win1252 ||= d.win1252;
    return d.tekst;
  };

  /** The whole file through the reference path (old-Mac line endings, a header spanning lines). */
  const helFil = async () => summerPosteringerTekst(
    (await dekodPost(readHele(fd, buf, fyldt, fil, filpos))).replace(/^\uFEFF/, ''), fil, valg);
  while (!h) {
    const slut = foersteLinjeslut();
    if (slut >= fyldt && pos >= fyldt) {
      return ikkeLaest([fund(fil, 1, null, 'tom_fil', 'Filen har ingen overskriftslinje (konto;dato;beloeb)')]);
    }
    const tekst = await dekodPost(buf.subarray(pos, slut));
    if (buf[slut] === CR && buf[slut + 1] !== NL) {
      // Old Mac line endings: too rare for a fast path; the whole file through the reference path.
      return helFil();
    }
    if (tekst.trim() === '' || /^[\s;,\t]*$/.test(tekst)) {
      pos = slut + 1;
      linje++;
      continue;
    }
    // A header that spans lines (a quoted newline) is too odd to stream: the whole file through the reference path.
    if ((tekst.match(/"/g)?.length ?? 0) % 2 === 1) return helFil();
    afgraenser = findAfgraenser(tekst);
    let felter: string[];
    try {
      felter = (parse(tekst.replace(/\r$/, ''), { delimiter: afgraenser }) as string[][])[0] ?? [];
    } catch (e) {
      return ikkeLaest([csvFejl(fil, e, linje)]);
    }
    const hh = hoved(fil, felter, linje, afgraenser, valg);
    if (!(hh instanceof Opsummering)) return ikkeLaest(hh);
    h = hh;
    pos = slut + 1;
    linje++;
  }
  const opsummering = h;
  const startlinje = linje;
  if (valg.del && valg.del.fra > 0) {
    // A later part: its records start at `fra` (a line start), read from there.
    pos = 0;
    filpos = valg.del.fra;
    fyldt = laesBlok(fd, buf, 0, fil, linje, filpos, plads(0));
    filpos += fyldt;
    eof = fyldt < buf.length || filpos >= til;
  }

  // The general path: one record (one or more physical lines) through csv-parse and the field rules.
  const csvValg = csvParseValg(afgraenser);
  let csvFejlFund: Fund | null = null;
  const generel = async (bytes: Buffer, startlinje: number) => {
    let records: string[][];
    try {
      records = parse(await dekodPost(bytes), csvValg) as string[][];
    } catch (e) {
      csvFejlFund = csvFejl(fil, e, startlinje);
      return;
    }
    for (const r of records) opsummering.post(r, startlinje);
  };

  const hurtigSti = new HurtigSti(opsummering, afgraenser);
  // Records that span lines (an open quote) are gathered here until they close, then go to the general
  // path whole. A record ends at LF or CRLF alike (the shared reader's rule).
  let samlet: Buffer[] = [];
  let samletBytes = 0;
  let samletFra = 0;
  let paritet = 0;
  for (;;) {
    const b = buf; // this block's buffer (fyldOp may replace buf)
    const blokslut = eof ? fyldt : b.lastIndexOf(NL, fyldt - 1) + 1;
    while (pos < blokslut) {
      // A JS loop: for short lines it beats Buffer#indexOf, whose every call crosses into C++.
      let nl = pos;
      while (nl < blokslut && b[nl] !== NL) nl++;
      const harCR = nl > pos && b[nl - 1] === CR;
      const e = harCR ? nl - 1 : nl;
      if (samlet.length === 0) {
        if (e === pos) {
          // blank line
        } else if (!hurtigSti.linje(b, pos, e)) {
          let citater = 0;
          for (let i = pos; i < nl; i++) if (b[i] === CITAT) citater++;
          paritet = citater & 1;
          samlet.push(Buffer.from(b.subarray(pos, Math.min(nl + 1, fyldt))));
          samletFra = linje;
          samletBytes = nl - pos;
        }
      } else {
        for (let i = pos; i < nl; i++) if (b[i] === CITAT) paritet ^= 1;
        samlet.push(Buffer.from(b.subarray(pos, Math.min(nl + 1, fyldt))));
        if ((samletBytes += nl - pos) > MAKS_LINJE) throw forLang(fil, samletFra);
      }
      if (samlet.length > 0 && paritet === 0) {
        await generel(Buffer.concat(samlet), samletFra);
        samlet = [];
        if (csvFejlFund) break;
      }
      pos = nl + 1;
      linje++;
    }
    if (csvFejlFund || !fyldOp()) break;
  }
  const ren = samlet.length === 0; // no record left open at the end of the part
  if (samlet.length > 0 && !csvFejlFund) await generel(Buffer.concat(samlet), samletFra);
  hurtigSti.afslut();
  if (win1252 || hurtigSti.win1252) opsummering.fund.push(windows1252Fund(fil));
  if (csvFejlFund) opsummering.fund.push(csvFejlFund);
  const flereFund = opsummering.flereFund;
  const resultat = opsummering.resultat(csvFejlFund === null);
  return valg.del ? { ...resultat, slutlinje: linje, ren, startlinje, flereFund } : resultat;
}

/** The rest of the file after what is in `buf` (for the rare files the fast path leaves whole). */
function readHele(fd: number, buf: Buffer, fyldt: number, fil: string, filpos: number): Buffer {
  const dele = [buf.subarray(0, fyldt)];
  for (;;) {
    const b = Buffer.allocUnsafe(BLOKSTOERRELSE);
    const n = readSync(fd, b, 0, b.length, filpos);
    filpos += n;
    if (n === 0) break;
    dele.push(b.subarray(0, n));
  }
  const hele = Buffer.concat(dele);
  const nul = hele.indexOf(0);
  if (nul >= 0) throw new Afbrudt(nulFund(fil, hele, nul));
  return hele.subarray(bomLaengde(hele));
}

/** Whether b[ks, ke) holds exactly the bytes of `a`. */
function ens(a: Buffer, b: Buffer, ks: number, ke: number): boolean {
  if (a.length !== ke - ks) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[ks + i]) return false;
  return true;
}

const erCiffer = (c: number) => c >= NUL_TEGN && c <= NUL_TEGN + 9;

interface KontoIndgang {
  h: number;
  bytes: Buffer;
  sum: Kontosum;
  /** Row in the dense sums; −1 beyond `MAKS_TAETTE` accounts. */
  nr: number;
}

/** Months in the dense window (a year and a half either side of the first posting). */
const VINDUE = 36;
/** Accounts with dense sums (36 months × 8 bytes each: at most 19 MB); more go to the Maps. */
const MAKS_TAETTE = 1 << 16;
const GRAENSE = 2 ** 52;

/** The fast path: one plain line straight from the bytes into the sums. */
class HurtigSti {
  /** Set when a line's unread columns are not valid UTF-8 (the file is Windows-1252). */
  win1252 = false;
  private readonly delim: number;
  private readonly dansk: boolean;
  /** Where each field's text starts and ends (inside its quotes, if it is quoted). */
  private readonly starter: Int32Array;
  private readonly slutter: Int32Array;
  /** Accounts by a hash of their bytes (open addressing), so that a line's konto needs no new string. */
  private tabel: (KontoIndgang | undefined)[] = new Array(1024);
  private antalKonti = 0;
  /**
   * Dense sums in øre per account and month of the window, and per account for the cut-off month up to
   * its day: a Map lookup per posting would cost a third of the scan. Each stays an exact integer: kept
   * within 2^52 (addends are below 2^44), beyond that it is moved into the account's Oeresum.
   */
  private base = NaN;
  private taet = new Float64Array(64 * VINDUE);
  private bogfoert = new Uint8Array(64 * VINDUE);
  private tilSkaering = new Float64Array(64);
  private readonly indgange: KontoIndgang[] = [];

  constructor(private readonly o: Opsummering, afgraenser: string) {
    this.delim = afgraenser.charCodeAt(0);
    this.dansk = o.talformat === 'da';
    this.starter = new Int32Array(o.kolonner.antal);
    this.slutter = new Int32Array(o.kolonner.antal);
  }

  /** Takes the line [s, e) (line ending removed); false when it must go to the general path. */
  linje(b: Buffer, s: number, e: number): boolean {
    const { konto: kKonto, dato: kDato, beloeb: kBeloeb, antal } = this.o.kolonner;
    const starter = this.starter;
    const slutter = this.slutter;
    const delim = this.delim;
    let felt = 0;
    let bytesOr = 0;
    let citeret = false; // the current field was wholly in quotes
    starter[0] = s;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      bytesOr |= c;
      if (c === delim) {
        if (!citeret) slutter[felt] = i;
        if (++felt >= antal) return false;
        starter[felt] = i + 1;
        citeret = false;
      } else if (c === CITAT) {
        // A field wholly in quotes with no quote inside ("5.68.90"): its text is between them.
        if (i !== starter[felt] || citeret) return false;
        let j = i + 1;
        while (j < e && b[j] !== CITAT) bytesOr |= b[j++]!;
        if (j >= e || (j + 1 < e && b[j + 1] !== delim)) return false;
        starter[felt] = i + 1;
        slutter[felt] = j;
        citeret = true;
        i = j;
      }
    }
    if (felt !== antal - 1) return false;
    if (!citeret) slutter[felt] = e;
    // Non-ASCII in a column not read still tells the file's encoding (for the same warning as the reference).
    if (bytesOr >= 0x80 && !this.win1252 && !isUtf8(b.subarray(s, e))) this.win1252 = true;

    // dato: YYYY-MM-DD
    const ds = starter[kDato]!;
    if (slutter[kDato]! - ds !== 10 || b[ds + 4] !== MINUS || b[ds + 7] !== MINUS) return false;
    const a1 = b[ds]!, a2 = b[ds + 1]!, a3 = b[ds + 2]!, a4 = b[ds + 3]!, m1 = b[ds + 5]!, m2 = b[ds + 6]!, d1 = b[ds + 8]!, d2 = b[ds + 9]!;
    if (!erCiffer(a1) || !erCiffer(a2) || !erCiffer(a3) || !erCiffer(a4) || !erCiffer(m1) || !erCiffer(m2) || !erCiffer(d1) || !erCiffer(d2)) return false;
    const aar = (a1 - NUL_TEGN) * 1000 + (a2 - NUL_TEGN) * 100 + (a3 - NUL_TEGN) * 10 + (a4 - NUL_TEGN);
    const maaned = (m1 - NUL_TEGN) * 10 + (m2 - NUL_TEGN);
    const dag = (d1 - NUL_TEGN) * 10 + (d2 - NUL_TEGN);
    if (maaned < 1 || maaned > 12 || dag < 1 || dag > dageIMaaned(aar, maaned)) return false;

    // beloeb: -?digits (Danish: thousands dots in groups of three), then an optional decimal part of 1–2 digits.
    let i = starter[kBeloeb]!;
    const be = slutter[kBeloeb]!;
    const negativ = b[i] === MINUS;
    if (negativ) i++;
    let heltal = 0;
    let cifre = 0;
    let gruppe = -1; // digits since the last thousands dot; -1 before any dot
    for (; i < be; i++) {
      const c = b[i]!;
      if (erCiffer(c)) {
        heltal = heltal * 10 + (c - NUL_TEGN);
        cifre++;
        if (gruppe >= 0 && ++gruppe > 3) return false;
      } else if (this.dansk && c === PUNKTUM) {
        if (cifre === 0 || (cifre > 3 && gruppe < 0) || (gruppe >= 0 && gruppe !== 3)) return false;
        gruppe = 0;
      } else break;
    }
    if (cifre === 0 || cifre > 11 || (gruppe >= 0 && gruppe !== 3)) return false;
    let oere = heltal * 100;
    if (i < be) {
      if (b[i] !== (this.dansk ? KOMMA : PUNKTUM)) return false;
      const d = be - i - 1;
      const o1 = b[i + 1]!;
      const o2 = d === 2 ? b[i + 2]! : NUL_TEGN;
      if (d < 1 || d > 2 || !erCiffer(o1) || !erCiffer(o2)) return false;
      oere += (o1 - NUL_TEGN) * 10 + (o2 - NUL_TEGN);
    }
    if (oere >= MAKS_OERE) return false;

    // konto: ASCII, not empty, no surrounding spaces, no leading apostrophe (the general path strips those).
    const ks = starter[kKonto]!;
    const ke = slutter[kKonto]!;
    if (ke <= ks || b[ks] === MELLEMRUM || b[ke - 1] === MELLEMRUM || b[ks] === APOSTROF) return false;
    let h = 0;
    for (let j = ks; j < ke; j++) {
      const c = b[j]!;
      if (c >= 0x80 || c < MELLEMRUM) return false;
      h = (Math.imul(h, 31) + c) | 0;
    }
    // A finalising mix (from MurmurHash3) spreads account numbers that differ in a digit or two over the table.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const k = this.kontosum(b, ks, ke, h);
    const noegle = maanedsnoegle(aar, maaned);
    const beloeb = negativ ? -oere : oere;
    if (this.base !== this.base) this.base = noegle - VINDUE / 2; // NaN until the first posting
    const mi = noegle - this.base;
    if (k.nr < 0 || mi < 0 || mi >= VINDUE) {
      this.o.tilfoej(k.sum, noegle, dag, beloeb);
      return true;
    }
    const j = k.nr * VINDUE + mi;
    const v = this.taet[j]! + beloeb;
    this.taet[j] = v;
    this.bogfoert[j] = 1;
    if (v > GRAENSE || v < -GRAENSE) this.flyt(k.sum, noegle, j);
    if (noegle === this.o.skaeringsnoegle && dag <= this.o.skaeringsdag) {
      const t = this.tilSkaering[k.nr]! + beloeb;
      this.tilSkaering[k.nr] = t;
      if (t > GRAENSE || t < -GRAENSE) {
        k.sum.tilSkaeringsdag.addHeltal(t);
        this.tilSkaering[k.nr] = 0;
      }
    }
    this.o.antal++;
    return true;
  }

  /** Moves a dense sum into the account's month (an exact integer within 2^53). */
  private flyt(sum: Kontosum, noegle: number, j: number): void {
    let m = sum.maaneder.get(noegle);
    if (!m) sum.maaneder.set(noegle, (m = new Oeresum()));
    m.addHeltal(this.taet[j]!);
    this.taet[j] = 0;
  }

  /** Moves every dense sum into the accounts' months, in month order (as the general path would add them). */
  afslut(): void {
    for (const k of this.indgange) {
      for (let i = 0; i < VINDUE; i++) if (this.bogfoert[k.nr * VINDUE + i]) this.flyt(k.sum, this.base + i, k.nr * VINDUE + i);
      k.sum.tilSkaeringsdag.addHeltal(this.tilSkaering[k.nr]!);
    }
  }

  private kontosum(b: Buffer, ks: number, ke: number, h: number): KontoIndgang {
    const maske = this.tabel.length - 1;
    let i = h & maske;
    for (let e = this.tabel[i]; e !== undefined; e = this.tabel[(i = (i + 1) & maske)]) {
      if (e.h === h && ens(e.bytes, b, ks, ke)) return e;
    }
    const nr = this.indgange.length < MAKS_TAETTE ? this.indgange.length : -1;
    const ny: KontoIndgang = { h, bytes: Buffer.from(b.subarray(ks, ke)), sum: this.o.kontosum(b.toString('latin1', ks, ke)), nr };
    this.tabel[i] = ny;
    if (nr >= 0) {
      this.indgange.push(ny);
      if ((nr + 1) * VINDUE > this.taet.length) this.voks();
    }
    if (++this.antalKonti * 2 > this.tabel.length) this.udvid();
    return ny;
  }

  private voks(): void {
    const taet = new Float64Array(this.taet.length * 2);
    taet.set(this.taet);
    this.taet = taet;
    const bogfoert = new Uint8Array(this.bogfoert.length * 2);
    bogfoert.set(this.bogfoert);
    this.bogfoert = bogfoert;
    const tilSkaering = new Float64Array(this.tilSkaering.length * 2);
    tilSkaering.set(this.tilSkaering);
    this.tilSkaering = tilSkaering;
  }

  private udvid(): void {
    const gamle = this.tabel;
    this.tabel = new Array(gamle.length * 2);
    const maske = this.tabel.length - 1;
    for (const e of gamle) {
      if (!e) continue;
      let i = e.h & maske;
      while (this.tabel[i] !== undefined) i = (i + 1) & maske;
      this.tabel[i] = e;
    }
  }

}
