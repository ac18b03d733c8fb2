/** Reads scenarier.csv (`scenarie;aendring;maal;vaerdi;tekst`): named scenarios, each change with its line. */
import { fund, type Datasaet, type Fund, type Kilde } from '../core/model.js';
import { parseAendring, ScenarieAnvender, ScenarieFejl, type Aendring } from '../core/scenarie.js';
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

/**
 * Checks each scenario's changes against the dataset, in order and on top of each other, as they will be
 * applied (a target that does not exist, or no longer does, is a finding on its line), and that no two
 * scenarios share a name, nor take the base's.
 */
export function kontrollerScenarier(ds: Datasaet, scenarier: NavngivetScenarie[], fil: string): Fund[] {
  const fundListe: Fund[] = [];
  const navne = new Set<string>(['Basis']);
  for (const s of scenarier) {
    const foerste = s.aendringer[0]?.kilde;
    if (navne.has(s.navn)) fundListe.push(fund(foerste?.fil ?? fil, foerste?.linje ?? null, 'scenarie', 'dublet_scenarie', `Navnet "${s.navn}" er allerede brugt (eller er basis)`));
    navne.add(s.navn);
    const anvender = new ScenarieAnvender(ds); // one per scenario: linear in its changes
    for (const a of s.aendringer) {
      try {
        anvender.anvend(a.aendring);
      } catch (e) {
        if (!(e instanceof ScenarieFejl)) throw e;
        fundListe.push(fund(a.kilde?.fil ?? fil, a.kilde?.linje ?? null, 'maal', 'ukendt_maal', `${s.navn}: ${e.message}`));
      }
    }
  }
  return fundListe;
}

export async function laesScenarier(fil: string, fundListe: Fund[]): Promise<NavngivetScenarie[]> {
  const tabel = await laesCsv(fil, { paakraevede: ['scenarie', 'aendring', 'maal', 'vaerdi'], valgfri: ['tekst'] }, undefined, fundListe);
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
      const a = parseAendring(aendring!, maal!, vaerdi!, tekst, tabel.talformat);
      const aendringer = scenarier.get(navn) ?? [];
      if (aendringer.length === 0) scenarier.set(navn, aendringer);
      aendringer.push({ aendring: a, tekst: `${aendring} ${maal} ${vaerdi}`.trim(), kilde: { fil, linje: r.linje } });
    } catch (e) {
      if (!(e instanceof ScenarieFejl)) throw e;
      fundListe.push(fund(fil, r.linje, 'vaerdi', 'ugyldig_aendring', e.message));
    }
  }
  return [...scenarier].map(([navn, aendringer]) => ({ navn, aendringer }));
}
