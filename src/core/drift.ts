/**
 * The drift part of a dataset. The deviation tables (afvigelser, aktivitet, rapport) are about the drift
 * kinds only (service, overfoersel); the whole municipality's other kinds (skatter, anlæg, renter, …)
 * belong to the hovedoversigt. This is the one place that tells them apart for the drift engine.
 */
import { erDriftsart, type Budgetpost, type Datasaet, type Driftspost } from './model.js';

/** A dataset whose posts are all of a drift kind. */
export type Driftsdatasaet = Omit<Datasaet, 'poster'> & { poster: Driftspost[] };

/** The drift posts per `poster` array, so that the engine's caches (kept per array) stay valid. */
const driftsposter = new WeakMap<readonly Budgetpost[], Driftspost[]>();

/** The dataset with only its drift posts (the dataset itself when it has no others). */
export function driftsdel(ds: Datasaet): Driftsdatasaet {
  let poster = driftsposter.get(ds.poster);
  if (!poster) {
    const erDrift = (p: Budgetpost): p is Driftspost => erDriftsart(p.udgiftsart);
    poster = ds.poster.every(erDrift) ? ds.poster : ds.poster.filter(erDrift);
    driftsposter.set(ds.poster, poster);
  }
  return poster === ds.poster ? (ds as Driftsdatasaet) : { ...ds, poster };
}
