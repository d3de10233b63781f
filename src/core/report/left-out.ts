/**
 * What an export could not include, and why: the report prints it in its last section,
 * the CLI prints it on stderr and exits 1. An export never guesses at codes it could not
 * read, so a broken sidecar leaves its whole transcript out.
 */
import type { LeftOutSegment, LoadedMemos, Segment, Study } from '../study';
import { problem, type Problem } from '../problems';
import type { ReportWords } from './report-labels';

export interface LeftOutItem {
  file: string;
  line: number;
  reason: string;
}

export function brokenSidecarsLeftOut(study: Study, words: ReportWords): LeftOutItem[] {
  const items: LeftOutItem[] = [];
  for (const record of study.records) {
    if (record.sidecar.status === 'ok') continue;
    const firstError = record.sidecar.problems.find((p) => p.severity === 'error');
    const fault = words.sidecarFault[record.sidecar.reason] ?? record.sidecar.reason;
    const detail = firstError === undefined ? fault : `${fault}, line ${firstError.line}: ${firstError.message}`;
    items.push({ file: record.sidecarPath, line: firstError?.line ?? 1, reason: words.brokenSidecarReason(record.transcriptPath, detail) });
  }
  return items;
}

/** Segments of transcripts without an agency: a per-agency export has no place for them. */
export function unassignedLeftOut(unassigned: readonly Segment[], words: ReportWords): LeftOutItem[] {
  const byFile = new Map<string, { transcript: string; count: number }>();
  for (const segment of unassigned) {
    const entry = byFile.get(segment.sidecarPath) ?? { transcript: segment.file, count: 0 };
    entry.count++;
    byFile.set(segment.sidecarPath, entry);
  }
  return [...byFile.entries()].map(([file, { transcript, count }]) => ({ file, line: 1, reason: words.noAgencyReason(count, transcript) }));
}

/**
 * Codes that are not on their text (orphans, moved, changed, transcript unreadable): no
 * export cites them; each is named, where the transcript says it was, with the reason.
 */
export function offTextLeftOut(leftOut: readonly LeftOutSegment[], words: ReportWords): LeftOutItem[] {
  return leftOut.map(({ segment, offText }) => ({
    file: segment.file,
    line: segment.lines[0],
    reason: words.codeLeftOutReason(segment.code, segment.factor.trim(), segment.quote, words.offTextReason(offText)),
  }));
}

export function brokenMemosLeftOut(memos: LoadedMemos | undefined, words: ReportWords): LeftOutItem[] {
  if (memos === undefined || !memos.broken) return [];
  const firstError = memos.problems.find((p) => p.severity === 'error');
  const detail = firstError === undefined ? 'broken' : `line ${firstError.line}: ${firstError.message}`;
  return [{ file: memos.path, line: firstError?.line ?? 1, reason: words.brokenMemosReason(memos.path, detail) }];
}

/** Each item as an error, the way the CLI prints problems: `file:line:1: error: left out of …: reason`. */
export function leftOutProblems(items: readonly LeftOutItem[], exportName: string): Problem[] {
  return items.map((item) => problem('export-left-out', item.file, item.line, 1, 'error', `left out of the ${exportName}: ${item.reason}`));
}

/** Problems of the study not already explained by a left-out file: the report counts them. */
export function otherProblemCount(study: Study, memos: LoadedMemos | undefined, leftOut: readonly LeftOutItem[]): number {
  const explained = new Set(leftOut.map((item) => item.file));
  const all = [...study.codebook.problems, ...study.records.flatMap((r) => r.problems), ...(memos?.problems ?? [])];
  return all.filter((p) => !explained.has(p.file)).length;
}
