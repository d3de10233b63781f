/**
 * Co-occurrence of the bench study (issue 18: under 1 s): 1,000 transcripts × 600 lines,
 * 200,000 codes. Two figures, each from a study already indexed (as the extension holds
 * it, and as the CLI has it after reading the files):
 *
 * - from a summary already made (the sidebar's, which a co-occurrence view is built from,
 *   and the findings report's): the counting alone, at each level — the budget;
 * - from the index: `summarize` (which checks every code against its text: most of the
 *   time) and `computeCooccurrence`, on a freshly loaded study each run, so nothing is
 *   cached. No budget of its own: the summary's is "cold index + summary within 1.5× the
 *   floor"; given so the whole cost of a first table is on record.
 */
import { computeCooccurrence, type CooccurrenceLevel } from '../src/core/cooccurrence';
import { loadStudy, summarize, type Study } from '../src/core/study';
import { createFsStudyReader } from '../src/node/fs-study-reader';
import { cpuMilliseconds, measure, stats, type MeasureOptions } from './lib/measure';
import type { StudyLayout } from './generate';
import type { Measurement } from './node-budgets';

const BUDGET_MS = 1000;
const collectGarbage = (globalThis as { gc?: () => void }).gc;

export async function cooccurrenceOfStudy(study: StudyLayout, options: MeasureOptions): Promise<Measurement[]> {
  const load = (): Promise<Study> => loadStudy(createFsStudyReader(study.root), { transcripts: 'all' });
  const wall: number[] = [];
  const cpu: number[] = [];
  let pairs = 0;
  for (let round = 0; round < options.warmup + options.runs; round++) {
    const loaded = await load();
    collectGarbage?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const cooccurrence = computeCooccurrence(summarize(loaded, { language: 'en' }), loaded.codebook.codebook, { level: 'dimension', language: 'en' });
    const elapsed = performance.now() - started;
    const cpuElapsed = cpuMilliseconds(cpuBefore);
    pairs = cooccurrence.study.pairs.reduce((sum, pair) => sum + pair.overlaps.length, 0);
    if (round >= options.warmup) {
      wall.push(elapsed);
      cpu.push(cpuElapsed);
    }
  }
  const fromIndex = stats(wall, cpu);
  const results: Measurement[] = [
    {
      id: 'cooccurrence.fromIndex',
      label: 'co-occurrence of the study, dimension level, from the index (summarize + count, nothing cached)',
      stats: fromIndex,
      note: `${pairs.toLocaleString('en')} overlapping segment pairs, each listed; no budget of its own (the summary is budgeted with the cold index)`,
    },
  ];
  const loaded = await load();
  const summary = summarize(loaded, { language: 'en' });
  for (const level of ['dimension', 'indicator', 'factor'] as CooccurrenceLevel[]) {
    const counted = await measure(() => computeCooccurrence(summary, loaded.codebook.codebook, { level, language: 'en' }), options);
    results.push({
      id: `cooccurrence.fromSummary.${level}`,
      label: `co-occurrence from a summary already made, ${level} level`,
      stats: counted,
      budget: { limit: BUDGET_MS, unit: 'ms', met: counted.median < BUDGET_MS, basis: 'wall' },
    });
  }
  return results;
}
