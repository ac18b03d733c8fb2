/** Reads scenarier.csv (`scenarie;aendring;maal;vaerdi;tekst`): named scenarios, each change with its line. */
import { fund, type Datasaet, type Fund, type Kilde } from '../core/model.js';
import { anvendScenarie, parseAendring, ScenarieFejl, type Aendring } from '../core/scenarie.js';
import { laesCsv } from './csv.js';

export interface KildeAendring {
  aendring: Aendring;
  /** As the user wrote it (for reports). */
  tekst: string;
  kilde: Kilde | null;
}

export interface NavngivetScenarie {
  navn: string;
  aendringer: KildeAendring[];
}

/** Checks each change against the dataset (a target that does not exist is a finding on its line). */
export function kontrollerAendringer(ds: Datasaet, scenarier: NavngivetScenarie[], fil: string): Fund[] {
  return scenarier.flatMap((s) => s.aendringer.flatMap((a) => {
    try {
      anvendScenarie(ds, [a.aendring]);
      return [];
    } catch (e) {
      if (!(e instanceof ScenarieFejl)) throw e;
      return [fund(a.kilde?.fil ?? fil, a.kilde?.linje ?? null, 'maal', 'ukendt_maal', `${s.navn}: ${e.message}`)];
    }
  }));
}

export async function laesScenarier(fil: string, fundListe: Fund[]): Promise<NavngivetScenarie[]> {
  const tabel = await laesCsv(fil, { paakraevede: ['scenarie', 'aendring', 'maal', 'vaerdi'], valgfri: ['tekst'] }, 'da', fundListe);
  if (!tabel) return [];
  const scenarier = new Map<string, KildeAendring[]>();
  for (const r of tabel.raekker) {
    const { scenarie, aendring, maal, vaerdi, tekst = '' } = r.felter as Record<string, string>;
    const navn = scenarie!.trim();
    if (!navn) {
      fundListe.push(fund(fil, r.linje, 'scenarie', 'mangler_vaerdi', 'Scenariet skal have et navn'));
      continue;
    }
    try {
      const a = parseAendring(aendring!, maal!, vaerdi!, tekst);
      scenarier.set(navn, [...(scenarier.get(navn) ?? []), { aendring: a, tekst: `${aendring} ${maal} ${vaerdi}`.trim(), kilde: { fil, linje: r.linje } }]);
    } catch (e) {
      if (!(e instanceof ScenarieFejl)) throw e;
      fundListe.push(fund(fil, r.linje, 'vaerdi', 'ugyldig_aendring', e.message));
    }
  }
  return [...scenarier].map(([navn, aendringer]) => ({ navn, aendringer }));
}
