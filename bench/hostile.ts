/**
 * A hostile study (issue 19, item 1): one transcript whose lines all share a long
 * prefix, with a sidecar of quotes that nearly match — each starts like every line and
 * is found on none. Before the search was bounded, `validate` grew as lines × codes
 * (18 s at 100,000 × 100; not done in 120 s at 100,000 × 2,000). Measured here as
 * `transcript-coder validate` run in this process, at three sizes, so the ratios show
 * how the cost grows: about linearly in lines plus codes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../src/cli/main';
import { serializeSidecar } from '../src/core/sidecar';
import type { CodeEntry } from '../src/core/sidecar/model';
import { measure, type MeasureOptions } from './lib/measure';
import type { Measurement } from './node-budgets';

/** 24 characters every line starts with, as in the report. */
const SHARED_PREFIX = 'Pegawai menyampaikan bah';

export interface HostileSize {
  lines: number;
  codes: number;
}

/** Writes the hostile study for one size under `dir` and returns its root. */
export function writeHostileStudy(dir: string, size: HostileSize): string {
  const root = path.join(dir, `hostile-${size.lines}x${size.codes}`);
  mkdirSync(root, { recursive: true });
  const lines: string[] = [];
  for (let line = 1; line <= size.lines; line++) lines.push(`${SHARED_PREFIX}wa nomor ${line} sudah diperiksa dan dicatat oleh petugas.`);
  writeFileSync(path.join(root, 'hostile.txt'), `${lines.join('\n')}\n`);
  const codes: CodeEntry[] = [];
  for (let index = 0; index < size.codes; index++) {
    const first = 1 + ((index * 7919) % size.lines);
    codes.push({
      id: `h${index.toString(36).padStart(6, '0')}`,
      lines: [first, first],
      code: 'jones/organization',
      polarity: 'inhibiting',
      factor: `Hampir sama ${index}`,
      // Starts like every line (the prefix and "wa nomor "), then differs: on no line.
      quote: `${SHARED_PREFIX}wa nomor x${index} tidak pernah diperiksa oleh siapa pun juga`,
      coder: 'bench',
    });
  }
  writeFileSync(path.join(root, 'hostile.txt.codes.yaml'), serializeSidecar({ version: 1, transcript: 'hostile.txt', attributes: {}, codes }));
  return root;
}

async function validateQuietly(root: string): Promise<number> {
  return runCli(['validate', root], { cwd: root, stdout: () => undefined, stderr: () => undefined });
}

export async function hostileValidate(dir: string, sizes: readonly HostileSize[], options: MeasureOptions): Promise<Measurement[]> {
  const results: Measurement[] = [];
  let smallest: number | undefined;
  for (const size of sizes) {
    const root = writeHostileStudy(dir, size);
    const exit = await validateQuietly(root);
    if (exit !== 1) throw new Error(`validate on the hostile study exited ${exit}, expected 1 (every code reported)`);
    const stats = await measure(() => validateQuietly(root), options);
    smallest ??= stats.median;
    const work = size.lines + size.codes;
    results.push({
      id: `hostile.validate.${size.lines}x${size.codes}`,
      label: `hostile study: validate, ${size.lines.toLocaleString('en')} lines sharing a prefix × ${size.codes.toLocaleString('en')} near-miss quotes`,
      stats,
      note: `${(stats.median / work).toFixed(3)} ms per line + code; ${(stats.median / smallest).toFixed(1)}× the smallest size`,
    });
  }
  return results;
}
