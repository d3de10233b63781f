/**
 * Timing for the benchmarks: warm-up runs, then measured runs, reported as median, min
 * and max in milliseconds. Several functions measured together run interleaved (a, b,
 * a, b…), so a change in the machine's load affects all of them alike; a garbage
 * collection is forced before each run when node was started with --expose-gc.
 */
export interface Stats {
  median: number;
  min: number;
  max: number;
  /** Every measured run, in order. */
  runs: number[];
}

export interface MeasureOptions {
  warmup: number;
  runs: number;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

export function stats(runs: readonly number[]): Stats {
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, runs: [...runs] };
}

/** Percentile (0–100) of a list of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export async function measureInterleaved<K extends string>(
  subjects: Record<K, () => unknown>,
  options: MeasureOptions,
): Promise<Record<K, Stats>> {
  const names = Object.keys(subjects) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (const name of names) {
      collectGarbage?.();
      const started = performance.now();
      await subjects[name]();
      const elapsed = performance.now() - started;
      if (round >= options.warmup) times[name].push(elapsed);
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(times[name])])) as Record<K, Stats>;
}

export async function measure(subject: () => unknown, options: MeasureOptions): Promise<Stats> {
  return (await measureInterleaved({ subject }, options)).subject;
}
