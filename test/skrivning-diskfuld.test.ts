// Issue 11 item 9: a write that fails half-way (disk full) leaves the old file and no temporary file.
// node:fs is wrapped so that the write of the temporary file fails with ENOSPC after it was created.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const fejl = vi.hoisted(() => ({ kode: null as string | null }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (fejl.kode) throw Object.assign(new Error(`${fejl.kode}: simulated`), { code: fejl.kode });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});
const { skrivAtomisk } = await import('../src/io/write.js');

describe('a failed write', () => {
  it.each(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG'])('%s: the old file stays, the temporary file is removed, the message is Danish', (kode) => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-fuld-'));
    const fil = join(mappe, 'ud.csv');
    writeFileSync(fil, 'gammelt');
    fejl.kode = kode;
    try {
      expect(() => skrivAtomisk(fil, 'nyt', [])).toThrow(new RegExp(`^Kunne ikke skrive ${fil}: [a-zæøå ]+$`));
    } finally {
      fejl.kode = null;
    }
    expect(readFileSync(fil, 'utf8')).toBe('gammelt');
    expect(readdirSync(mappe)).toEqual(['ud.csv']);
  });

  it('a new file that cannot be written is not created at all', () => {
    const mappe = mkdtempSync(join(tmpdir(), 'budgetopf-fuld-'));
    fejl.kode = 'ENOSPC';
    try {
      expect(() => skrivAtomisk(join(mappe, 'ny.csv'), 'nyt', [])).toThrow('disken er fuld');
    } finally {
      fejl.kode = null;
    }
    expect(readdirSync(mappe)).toEqual([]);
  });
});
