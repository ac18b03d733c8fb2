/**
 * zod schemas per file. A cell arrives as raw text; each field schema trims it, parses it through the
 * money gate and reports a problem as an issue carrying a stable `kode`. zod/mini is zod's
 * tree-shakeable build: the same validation at a fraction of the start-up cost.
 */
import * as z from 'zod/mini';
import { Decimal, ENHEDER, parseTal, udenForOmraade, type Talformat } from '../core/money.js';
import {
  ARTER, BEVILLINGSTYPER, FORTEGN, KASSEN, type Art, type Bevillingstype, type Korrektionstype, type Udgiftsart,
} from '../core/model.js';

type Ctx = { issues: { push(i: { code: 'custom'; message: string; input: unknown; params: { kode: string } }): void } };

const problem = (ctx: Ctx, input: string, kode: string, message: string) => {
  ctx.issues.push({ code: 'custom', message, input, params: { kode } });
  return z.NEVER;
};

/** A cell: trimmed, and without the `'` budgetopf puts before text that Excel would run as a formula. */
const renCelle = (v: string) => v.trim().replace(/^'(?=[=+\-@\t\r])/, '');

/** Each field schema's own function, so that `parseFelt` can run it without zod's machinery per cell. */
const feltFunktioner = new WeakMap<object, (v: string, ctx: Ctx) => unknown>();

function felt<T>(fn: (v: string, ctx: Ctx) => T) {
  const schema = z.pipe(z.string(), z.transform((v: string, ctx) => fn(renCelle(v), ctx as unknown as Ctx)));
  feltFunktioner.set(schema, fn);
  return schema;
}

type Problem = { code: 'custom'; message: string; input: unknown; params: { kode: string } };
/**
 * Parses one cell's raw text with a field schema: the same result as `schema.safeParse(tekst)`, computed by
 * the field's function directly (zod's per-call machinery was most of the time of loading 40.000 rows).
 */
export function parseFelt(schema: z.ZodMiniType, tekst: string):
  { success: true; data: unknown } | { success: false; error: { issues: Problem[] } } {
  const fn = feltFunktioner.get(schema);
  if (!fn) return schema.safeParse(tekst) as ReturnType<typeof parseFelt>;
  const issues: Problem[] = [];
  const data = fn(renCelle(tekst), { issues });
  return issues.length ? { success: false, error: { issues } } : { success: true, data };
}

/** What `budgetopf init` writes where the user must fill in a value; `valider` points at every one left. */
export const PLADSHOLDER = 'UDFYLD:';
const PLADSHOLDER_MOENSTER = new RegExp(`^\\s*${PLADSHOLDER}`, 'i'); // no copy of every cell
export const erPladsholder = (v: unknown) => typeof v === 'string' && PLADSHOLDER_MOENSTER.test(v);

export const tekst = () => felt((v, ctx) => {
  if (v === '') return problem(ctx, v, 'mangler_vaerdi', 'Feltet skal udfyldes');
  if (erPladsholder(v)) {
    return problem(ctx, v, 'mangler_vaerdi', `Feltet er ikke udfyldt endnu ("${v}", skrevet af budgetopf init)`);
  }
  return v;
});
export const valgfriTekst = () => felt((v) => (v === '' ? null : v));

export interface TalValg {
  format: Talformat;
  /** False when the format was inferred from the delimiter (not set by the manifest): `800.000` is then ambiguous. */
  fastlagt?: boolean;
  /** Multiplies the value (beloebsenhed → kr). */
  faktor?: Decimal;
  valgfri?: boolean;
  /** `>= 0` or `> 0`. */
  min?: 'ikke_negativ' | 'positiv';
}

export function tal(valg: TalValg & { valgfri: true }): ReturnType<typeof felt<Decimal | null>>;
export function tal(valg: TalValg): ReturnType<typeof felt<Decimal>>;
export function tal(valg: TalValg) {
  return felt((v, ctx): Decimal | null => {
    if (v === '') return valg.valgfri ? null : problem(ctx, v, 'mangler_vaerdi', 'Feltet skal udfyldes med et tal');
    const r = parseTal(v, valg.format, valg.fastlagt ?? true);
    if (!r.ok) return problem(ctx, v, r.kode ?? 'ugyldigt_tal', r.besked);
    if (valg.min === 'ikke_negativ' && r.vaerdi.isNegative() && !r.vaerdi.isZero()) {
      return problem(ctx, v, 'negativt_tal', `${v} er negativ; værdien skal være 0 eller mere`);
    }
    if (valg.min === 'positiv' && !r.vaerdi.gt(0)) return problem(ctx, v, 'ikke_positivt_tal', `${v} skal være større end 0`);
    const kr = valg.faktor && !valg.faktor.eq(1) ? r.vaerdi.times(valg.faktor) : r.vaerdi;
    const forStort = udenForOmraade(kr, v); // checked in kr: 1.000.000.000 mio.kr is 10^15 kr
    return forStort ? problem(ctx, v, 'ugyldigt_tal', forStort) : kr;
  });
}

/** A Map, never an object: a cell saying `constructor` or `__proto__` must not find an inherited property. */
const UDGIFTSART_ALIAS = new Map<string, Udgiftsart>([
  ['service', 'service'],
  ['serviceudgift', 'service'],
  ['serviceudgifter', 'service'],
  ['overfoersel', 'overfoersel'],
  ['overførsel', 'overfoersel'],
  ['overfoerselsudgift', 'overfoersel'],
  ['overførselsudgift', 'overfoersel'],
  ['overfoerselsudgifter', 'overfoersel'],
  ['overførselsudgifter', 'overfoersel'],
  ['oevrige', 'overfoersel'],
  ['øvrige', 'overfoersel'],
]);

/** budget.csv and bevillingsoensker.csv also take the whole municipality's kinds (FORMAT.md v2). */
const ART_ALIAS = new Map<string, Art>([
  ...UDGIFTSART_ALIAS,
  ...ARTER.map((a): [string, Art] => [a, a]),
  ['anlæg', 'anlaeg'],
  ['lån', 'laan'],
  ['tilskud_og_udligning', 'tilskud_udligning'],
]);
const ART_BESKED = (v: string) => `"${v}" er ikke en udgiftsart (brug ${ARTER.join(', ')})`;

export const udgiftsart = () =>
  felt((v, ctx): Art => ART_ALIAS.get(v.toLowerCase()) ?? problem(ctx, v, 'ugyldig_udgiftsart', ART_BESKED(v)));

export const valgfriUdgiftsart = () =>
  felt((v, ctx): Art | null =>
    (v === '' ? null : ART_ALIAS.get(v.toLowerCase()) ?? problem(ctx, v, 'ugyldig_udgiftsart', ART_BESKED(v))));

export const bevillingstype = () =>
  felt((v, ctx): Bevillingstype => (BEVILLINGSTYPER as readonly string[]).includes(v.toLowerCase())
    ? v.toLowerCase() as Bevillingstype
    : problem(ctx, v, 'ugyldig_type', `"${v}" er ikke en bevillingstype (brug ${BEVILLINGSTYPER.join(', ')})`));

/** A politikområde nr, or the word kassen (any case). */
export const politikomraadeEllerKassen = () =>
  felt((v, ctx) => (v === '' ? problem(ctx, v, 'mangler_vaerdi', 'Feltet skal udfyldes') : v.toLowerCase() === KASSEN ? KASSEN : v));

export const aar = () =>
  felt((v, ctx): number => (/^\d{4}$/.test(v) ? Number(v) : problem(ctx, v, 'ugyldigt_aar', `"${v}" er ikke et årstal (fire cifre, fx 2025)`)));

/** `2025-03` (or `2025-3`) → year and month. */
export const maaned = () =>
  felt((v, ctx): { aar: number; maaned: number } => {
    const m = /^(\d{4})-(\d{1,2})$/.exec(v);
    return m && +m[2]! >= 1 && +m[2]! <= 12 ? { aar: +m[1]!, maaned: +m[2]! } : problem(ctx, v, 'ugyldig_maaned', `"${v}" er ikke en måned (skriv år-måned, fx 2025-03)`);
  });

export const korrektionstype = () =>
  felt((v, ctx): Korrektionstype => {
    const t = v.toLowerCase();
    if (t === '' || t === 'korrektion') return 'korrektion';
    if (t === 'handleplan') return 'handleplan';
    return problem(ctx, v, 'ugyldig_type', `"${v}" er ikke en korrektionstype (brug korrektion eller handleplan)`);
  });

/** The activity files' columns and field schemas: helårspersoner and prices (kr) are never in the beløbsenhed. */
function aktivitetsSchemaer(format: { format: Talformat; fastlagt: boolean }) {
  return {
    helaarspersoner: {
      paakraevede: ['ydelse', 'vedtaget', 'forventet'],
      valgfri: ['regnskab_forrige', 'korrigeret'],
      felter: {
        ydelse: tekst(),
        regnskab_forrige: tal({ ...format, valgfri: true, min: 'ikke_negativ' }),
        vedtaget: tal({ ...format, min: 'ikke_negativ' }),
        korrigeret: tal({ ...format, valgfri: true, min: 'ikke_negativ' }),
        forventet: tal({ ...format, min: 'ikke_negativ' }),
      },
    },
    enhedspriser: {
      paakraevede: ['ydelse', 'budget'],
      valgfri: ['regnskab_forrige', 'forventet'],
      felter: {
        ydelse: tekst(),
        regnskab_forrige: tal({ ...format, valgfri: true, min: 'positiv' }),
        budget: tal({ ...format, min: 'positiv' }),
        forventet: tal({ ...format, valgfri: true, min: 'positiv' }),
      },
    },
    maanedstal: {
      paakraevede: ['ydelse', 'maaned', 'fuldtidspersoner'],
      valgfri: [],
      felter: { ydelse: tekst(), maaned: maaned(), fuldtidspersoner: tal({ ...format, min: 'ikke_negativ' }) },
    },
  } as const;
}

/** The files of bevillinger and initiativer: amounts in the beløbsenhed. */
function bevillingsSchemaer(format: { format: Talformat; fastlagt: boolean }, faktor: Decimal) {
  const beloeb = tal({ ...format, faktor });
  const bevillingsoensker = {
    paakraevede: ['id', 'type', 'tekst', 'politikomraade', 'udgiftsart', 'aar', 'beloeb'],
    valgfri: ['post'],
    felter: {
      id: tekst(),
      type: bevillingstype(),
      tekst: tekst(),
      politikomraade: politikomraadeEllerKassen(),
      post: valgfriTekst(),
      udgiftsart: valgfriUdgiftsart(),
      aar: aar(),
      beloeb,
    },
  };
  return {
    bevillingsoensker,
    // bevillinger_givet.csv: bevillingsoensker.csv's columns + the follow-up that gave it.
    bevillingerGivet: {
      paakraevede: [...bevillingsoensker.paakraevede, 'opfoelgning'],
      valgfri: bevillingsoensker.valgfri,
      felter: { ...bevillingsoensker.felter, opfoelgning: tekst() },
    },
    initiativer: {
      paakraevede: ['id', 'tekst', 'udvalg', 'aar', 'planlagt', 'status'],
      valgfri: ['politikomraade', 'realiseret'],
      felter: {
        id: tekst(),
        tekst: tekst(),
        udvalg: tekst(),
        politikomraade: valgfriTekst(),
        aar: aar(),
        planlagt: beloeb,
        realiseret: tal({ ...format, faktor, valgfri: true }),
        status: tekst(),
      },
    },
  } as const;
}

/** The columns and field schemas of each CSV file, for a given number format and amount unit. */
export function filSchemaer(talformat: Talformat, faktor: Decimal, fastlagt = true) {
  const format = { format: talformat, fastlagt };
  const beloeb = tal({ ...format, faktor });
  return {
    ...aktivitetsSchemaer(format),
    ...bevillingsSchemaer(format, faktor),
    politikomraader: {
      paakraevede: ['nr', 'navn', 'udvalg'],
      valgfri: [],
      felter: { nr: tekst(), navn: tekst(), udvalg: tekst() },
    },
    budget: {
      paakraevede: ['politikomraade', 'post', 'udgiftsart', 'vedtaget', 'korrigeret', 'forventet'],
      valgfri: ['forventet_forrige', 'overfoeres'],
      felter: {
        politikomraade: tekst(),
        post: tekst(),
        udgiftsart: udgiftsart(),
        vedtaget: beloeb,
        korrigeret: beloeb,
        forventet: tal({ ...format, faktor, valgfri: true }),
        forventet_forrige: tal({ ...format, faktor, valgfri: true }),
        overfoeres: tal({ ...format, faktor, valgfri: true }),
      },
    },
    korrektioner: {
      paakraevede: ['politikomraade', 'post', 'beloeb', 'tekst'],
      valgfri: ['type'],
      felter: { politikomraade: tekst(), post: tekst(), beloeb, tekst: tekst(), type: korrektionstype() },
    },
    kontoplan: {
      paakraevede: ['konto', 'politikomraade', 'post'],
      valgfri: [],
      felter: { konto: tekst(), politikomraade: tekst(), post: tekst() },
    },
  } as const;
}

export const manifestSchema = z.object({
  kommune: z.string().check(z.minLength(1)),
  udvalg: z.optional(z.string()),
  budgetaar: z.number().check(z.int(), z.gte(1900), z.lte(2200)),
  opfoelgning: z.string().check(z.minLength(1)),
  opgoerelse: z.optional(z.string()),
  pr: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
  beloebsenhed: z._default(z.enum(ENHEDER), 'kr'),
  talformat: z.optional(z.enum(['da', 'en'])),
  fortegn: z._default(z.enum(FORTEGN), 'merforbrug_negativ'),
  serviceramme: z.optional(z.number()),
  anlaegsramme: z.optional(z.number()),
  kasse_primo: z.optional(z.number()),
});
/** The manifest's amounts (kr, whatever beloebsenhed says): JSON numbers with at most two decimals. */
export const MANIFEST_BELOEB = ['serviceramme', 'anlaegsramme', 'kasse_primo'] as const;
/** What each manifest field must be, for the finding's message. */
export const MANIFEST_FORVENTNING: Readonly<Record<string, string>> = Object.assign(
  Object.create(null) as Record<string, string>, {
  kommune: 'en tekst, fx "Slagelse Kommune"',
  udvalg: 'en tekst',
  budgetaar: 'et årstal som tal, fx 2025 (uden anførselstegn)',
  opfoelgning: 'en tekst, fx "BO2"',
  opgoerelse: 'en tekst',
  pr: 'opgørelsesdatoen som "ÅÅÅÅ-MM-DD", fx "2025-06-30"',
  beloebsenhed: ENHEDER.map((e) => `"${e}"`).join(', ').replace(/, ([^,]*)$/, ' eller $1'),
  talformat: '"da" eller "en"',
  fortegn: '"merforbrug_negativ" eller "merforbrug_positiv"',
  serviceramme: 'et beløb i kr. som tal med højst to decimaler, fx 2150000000',
  anlaegsramme: 'et beløb i kr. som tal med højst to decimaler, fx 180000000',
  kasse_primo: 'et beløb i kr. som tal med højst to decimaler, fx 350000000',
});
export const MANIFEST_NOEGLER = Object.keys(MANIFEST_FORVENTNING);
