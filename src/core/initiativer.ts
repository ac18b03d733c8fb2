/**
 * The budget agreement's initiatives (initiativer.csv): their rules and the shortfall per initiative.
 * Amounts are savings in kr: positive = a saving; manglende = planlagt − realiseret (positive = short of the plan).
 */
import { NUL, sum, type Decimal } from './money.js';
import { fund, type Datasaet, type Fund, type Initiativ } from './model.js';

/** The rules for initiativer.csv: known politikområde, its udvalg, the year within the period, id and year unique. */
export function kontrollerInitiativer(ds: Datasaet): Fund[] {
  const ud: Fund[] = [];
  const udvalgAf = new Map(ds.politikomraader.map((p) => [p.nr, p.udvalg]));
  const set = new Map<string, Initiativ>();
  const { budgetaar } = ds.manifest;
  for (const i of ds.initiativer ?? []) {
    const fejl = (kolonne: string, kode: string, besked: string) =>
      ud.push(fund(i.kilde.fil, i.kilde.linje, kolonne, kode, besked));
    if (i.politikomraade !== null && !udvalgAf.has(i.politikomraade)) {
      fejl(
        'politikomraade',
        'ukendt_politikomraade',
        `${i.id}: politikområde "${i.politikomraade}" findes ikke i politikomraader.csv`,
      );
    } else if (i.politikomraade !== null && udvalgAf.get(i.politikomraade) !== i.udvalg) {
      fejl(
        'udvalg',
        'udvalg_afviger',
        `${i.id}: politikområde ${i.politikomraade} hører til "${udvalgAf.get(i.politikomraade)}", ikke "${i.udvalg}"`,
      );
    }
    if (i.aar < budgetaar || i.aar > budgetaar + 3) {
      fejl(
        'aar',
        'aar_uden_for_perioden',
        `${i.id}: året ${i.aar} ligger uden for budgetåret og overslagsårene (${budgetaar}–${budgetaar + 3})`,
      );
    }
    const noegle = `${i.id}\u0000${i.aar}`;
    const foerste = set.get(noegle);
    if (foerste) fejl('id', 'dublet_initiativ', `${i.id} ${i.aar} står allerede på linje ${foerste.kilde.linje}`);
    else set.set(noegle, i);
  }
  return ud;
}

/** One initiative's year: planned and realised saving and the shortfall (kr; positive = short of the plan). */
export interface InitiativStatus {
  initiativ: Initiativ;
  realiseret: Decimal;
  manglende: Decimal;
}

export function initiativStatus(initiativer: readonly Initiativ[]): InitiativStatus[] {
  return initiativer.map((i) => {
    const realiseret = i.realiseret ?? NUL;
    return { initiativ: i, realiseret, manglende: i.planlagt.minus(realiseret) };
  });
}

/** Planned, realised and shortfall summed over the initiatives of one year (kr). */
export function initiativTotal(status: readonly InitiativStatus[], aar: number) {
  const aarets = status.filter((s) => s.initiativ.aar === aar);
  return {
    planlagt: sum(aarets.map((s) => s.initiativ.planlagt)),
    realiseret: sum(aarets.map((s) => s.realiseret)),
    manglende: sum(aarets.map((s) => s.manglende)),
  };
}
