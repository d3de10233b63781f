/**
 * Co-occurrence with what it leaves out named: the counts of core/cooccurrence over the
 * codes the findings report counts, and the same left-out items the report lists (a
 * broken sidecar, a code not on its text, a transcript without an agency), each with its
 * reason. `transcript-coder cooccurrence` prints them on stderr; the findings report's
 * co-occurrence section points to its "Left out" section.
 */
import { computeCooccurrence, type Cooccurrence, type CooccurrenceLevel } from '../cooccurrence';
import type { Problem } from '../problems';
import { type Study, summarize } from '../study';
import { brokenSidecarsLeftOut, leftOutProblems, offTextLeftOut, unassignedLeftOut, type LeftOutItem } from './left-out';
import { reportLanguage, reportWords } from './report-labels';

export interface CooccurrenceReport {
  cooccurrence: Cooccurrence;
  leftOut: LeftOutItem[];
  /** The left-out items as errors, `file:line:1: error: left out of the co-occurrence: …`. */
  problems: Problem[];
}

export function buildCooccurrenceReport(study: Study, options: { language: string; level: CooccurrenceLevel }): CooccurrenceReport {
  const language = reportLanguage(options.language);
  const summary = summarize(study, { language });
  const words = reportWords(language);
  const leftOut = [...brokenSidecarsLeftOut(study, words), ...offTextLeftOut(summary.leftOut, words), ...unassignedLeftOut(summary.unassigned, words)];
  return {
    cooccurrence: computeCooccurrence(summary, study.codebook.codebook, { level: options.level, language }),
    leftOut,
    problems: leftOutProblems(leftOut, 'co-occurrence'),
  };
}
