/** A worker thread of the parallel postings reader: sums one part of the file and posts back its sums as plain data. */
import { parentPort, workerData } from 'node:worker_threads';
import { summerDel } from './posteringer-parallel.js';
import type { PosteringsValg } from './posteringer.js';

const { fil, valg, fra, til } = workerData as { fil: string; valg: PosteringsValg; fra: number; til: number };
void summerDel(fil, valg, fra, til).then(({ r, summer }) => {
  parentPort!.postMessage({ r: { ...r, konti: undefined }, summer });
});
