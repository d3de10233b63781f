/**
 * What `npm run bench` runs as processes of their own: the CLI and the floor, bundled
 * with esbuild into out/bench/ the way scripts/build.mjs bundles dist/cli.js (so the
 * bench measures this tree's code without touching dist/), and a helper to time a
 * process from spawn to exit while its output is read and thrown away.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const OUT_DIR = path.join(REPO_ROOT, 'out', 'bench');

export async function buildBenchBundles(): Promise<{ cli: string; floor: string }> {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' } as const;
  const cli = path.join(OUT_DIR, 'cli.js');
  const floor = path.join(OUT_DIR, 'floor-process.js');
  await build({ ...common, entryPoints: [path.join(REPO_ROOT, 'src', 'cli', 'main.ts')], outfile: cli });
  await build({ ...common, entryPoints: [path.join(REPO_ROOT, 'bench', 'floor-process.ts')], outfile: floor });
  return { cli, floor };
}

export interface ProcessRun {
  milliseconds: number;
  exitCode: number | null;
  stdoutBytes: number;
  /** Peak resident memory of the process, in MiB (from /usr/bin/time when present). */
  maxRssMiB?: number;
}

/** Runs `node <args>`, reading stdout to the end; resolves with the wall time from spawn to exit. */
export function timeProcess(args: readonly string[], options: { withTime?: boolean } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const command = options.withTime ? '/usr/bin/time' : process.execPath;
    const commandArgs = options.withTime ? ['-f', '%M', process.execPath, ...args] : [...args];
    const started = performance.now();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const milliseconds = performance.now() - started;
      const run: ProcessRun = { milliseconds, exitCode, stdoutBytes };
      const rssKiB = options.withTime ? Number(/(\d+)\s*$/u.exec(stderr.trim())?.[1]) : NaN;
      if (Number.isFinite(rssKiB)) run.maxRssMiB = Math.round(rssKiB / 1024);
      if (exitCode !== 0 && exitCode !== 1) reject(new Error(`node ${args.join(' ')} exited with ${exitCode}: ${stderr.slice(0, 2000)}`));
      else resolve(run);
    });
  });
}
