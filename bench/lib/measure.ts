/**
 * Timing for the benchmarks: warm-up runs, then measured runs, reported as median, min
 * and max in milliseconds, wall-clock and CPU time. Several functions measured together run interleaved (a, b,
 * a, b…), so a change in the machine's load affects all of them alike; a garbage
 * collection is forced before each run when node was started with --expose-gc.
 */
export interface Stats {
  median: number;
  min: number;
  max: number;
  /** Every measured run, in order. */
  runs: number[];
  /**
   * The same runs in CPU time of this process (all its threads): our work without the
   * time the process waited for a core on a busy machine. Absent where not measured.
   */
  cpu?: { median: number; min: number; max: number; runs: number[] };
}

export interface MeasureOptions {
  warmup: number;
  runs: number;
  /**
   * Force a garbage collection before each run (default true): for long runs, so one
   * run's garbage is not collected in the next. Short runs go without — the collector's
   * background threads would still be sweeping during the run and count as its CPU time.
   */
  collect?: boolean;
  /** Record CPU time (default true); off for runs that spawn processes, whose CPU is not ours. */
  cpu?: boolean;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

export function stats(runs: readonly number[], cpuRuns?: readonly number[]): Stats {
  const summary = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median = sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, runs: [...values] };
  };
  const result: Stats = summary(runs);
  if (cpuRuns !== undefined) result.cpu = summary(cpuRuns);
  return result;
}

/** CPU time of this process since `since` (from process.cpuUsage()), in milliseconds. */
export function cpuMilliseconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
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
  const cpu = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.warmup + options.runs; round++) {
    for (const name of names) {
      if (options.collect !== false) collectGarbage?.();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await subjects[name]();
      const elapsed = performance.now() - started;
      const cpuElapsed = cpuMilliseconds(cpuBefore);
      if (round >= options.warmup) {
        times[name].push(elapsed);
        cpu[name].push(cpuElapsed);
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(times[name], options.cpu === false ? undefined : cpu[name])])) as Record<K, Stats>;
}

export async function measure(subject: () => unknown, options: MeasureOptions): Promise<Stats> {
  return (await measureInterleaved({ subject }, options)).subject;
}
