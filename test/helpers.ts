import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beregn, type Opfoelgning } from '../src/core/beregn.js';
import { indlaesDatasaet } from '../src/io/load-dataset.js';

export const REFERENCE = 'data/slagelse-ebu-2025-bo2';

/** Names of Object.prototype properties: as user text they must key nothing but their own rows. */
export const PROTOTYPENAVNE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

/** Loads and computes a dataset folder that must be free of errors. */
export async function beregnMappe(mappe: string): Promise<Opfoelgning> {
  const { datasaet, fund } = await indlaesDatasaet(mappe);
  if (!datasaet) throw new Error(`datasættet ${mappe} har fejl:\n${fund.map((f) => `${f.fil}:${f.linje}: ${f.kode}`).join('\n')}`);
  return beregn(datasaet);
}

/** Runs the built CLI (bin/budgetopf.js) without colour; returns exit code, stdout and stderr. The one spawn helper of the suite. */
export function koerCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/budgetopf.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { kode: r.status, ud: r.stdout, fejl: r.stderr };
}

/** Runs the built CLI and returns its stdout; fails the test (with its stderr) unless it exits 0. */
export function koerOk(...args: string[]): string {
  const r = koerCli(args);
  if (r.kode !== 0) throw new Error(`budgetopf ${args.join(' ')} gav exit ${r.kode}: ${r.fejl}`);
  return r.ud;
}

/** Runs the CLI with `--format xlsx` into a temporary file and reads the workbook back: its sheet names, and a sheet's row whose first cell contains `etiket`. */
export async function arbejdsbog(args: string[]) {
  const ExcelJS = (await import('exceljs')).default;
  const fil = join(mkdtempSync(join(tmpdir(), 'budgetopf-')), 'ud.xlsx');
  const r = koerCli([...args, '--format', 'xlsx', '--output', fil]);
  if (r.kode !== 0) throw new Error(r.fejl);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fil);
  const raekke = (ark: string, etiket: string): unknown[] => {
    let fundet: unknown[] = [];
    wb.getWorksheet(ark)!.eachRow((rk) => {
      if (String(rk.getCell(1).value).includes(etiket)) fundet = (rk.values as unknown[]).slice(1);
    });
    return fundet;
  };
  return { ark: wb.worksheets.map((w) => w.name), raekke };
}
