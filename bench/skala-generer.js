// A large folder for the scaling benchmark: fixtures/prognose (the reference case with maanedstal.csv)
// copied `gange` times side by side. Copy i renames every key so the copies do not meet: politikområde
// `2.1` → `2.1.i`, post and ydelse `Sygedagpenge` → `Sygedagpenge i`, bevillingsønske `B1` → `B1-i`
// (kassen stays kassen); texts, amounts and udvalg stay. So every figure of copy i is the reference's.
// Usage: node bench/skala-generer.js GANGE MAPPE
import { mkdirSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KILDE = fileURLToPath(new URL('../fixtures/prognose', import.meta.url));

/** Splits a `;` line, keeping quoted fields whole (the fixture quotes only texts). */
const felter = (linje) => linje.match(/("([^"]|"")*"|[^;]*)(;|$)/g).slice(0, -1).map((f) => f.replace(/;$/, ''));

const omdoeb = {
  politikomraade: (v, i) => (v === 'kassen' ? v : `${v}.${i}`),
  nr: (v, i) => `${v}.${i}`,
  post: (v, i) => (v === '' ? v : `${v} ${i}`),
  ydelse: (v, i) => `${v} ${i}`,
  id: (v, i) => `${v}-${i}`,
};

export function genererSkala(gange, mappe) {
  mkdirSync(mappe, { recursive: true });
  for (const fil of readdirSync(KILDE)) {
    if (!fil.endsWith('.csv')) {
      copyFileSync(join(KILDE, fil), join(mappe, fil));
      continue;
    }
    const [hoved, ...raekker] = readFileSync(join(KILDE, fil), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const kolonner = felter(hoved);
    const ud = [hoved];
    for (let i = 1; i <= gange; i++) {
      for (const r of raekker) ud.push(felter(r).map((v, k) => omdoeb[kolonner[k]]?.(v, i) ?? v).join(';'));
    }
    writeFileSync(join(mappe, fil), `${ud.join('\n')}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) genererSkala(Number(process.argv[2]), process.argv[3]);
