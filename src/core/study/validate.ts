/**
 * Checks every code of the study against the codebook and its transcript: the rules
 * behind `transcript-coder validate` and the editor's Problems panel. A code that does
 * not sit on its quote is a problem even when re-anchoring knows where it went: the
 * sidecar on disk is what gets committed, and it is wrong until it is rewritten.
 */
import { reanchor, type AnchorResult } from '../anchoring';
import { type Codebook, DEFAULT_POLARITIES, resolveCodePath } from '../codebook';
import { conflictProblems } from '../merge';
import { compareProblems, problem, type Problem, type ProblemKind } from '../problems';
import type { CodeEntry } from '../sidecar';
import { studyProblems, type Study, type TranscriptRecord } from './study';

export function validateStudy(study: Study): Problem[] {
  const problems = studyProblems(study);
  for (const record of study.records) problems.push(...validateRecordCodes(record, study.codebook.codebook));
  return problems.sort(compareProblems);
}

/** Problems with the codes of one record; the record's own parse problems are not repeated. */
export function validateRecordCodes(record: TranscriptRecord, codebook: Codebook | undefined): Problem[] {
  if (record.sidecar.status !== 'ok') return [];
  const { data, codePositions } = record.sidecar;
  const problems: Problem[] = [];
  const at = (code: CodeEntry, kind: ProblemKind, severity: 'error' | 'warning', message: string) => {
    const position = codePositions.get(code.id) ?? { line: 1, column: 1 };
    problems.push(problem(kind, record.sidecarPath, position.line, position.column, severity, message, code.id));
  };
  const polarities = new Set((codebook?.polarities ?? DEFAULT_POLARITIES).map((p) => p.id));
  // A merge that could not decide recorded both sides in the file; it stays an error until a person decides.
  problems.push(...conflictProblems(data, record.sidecar.source.text, record.sidecarPath));

  for (const code of data.codes) {
    if (codebook !== undefined && resolveCodePath(codebook, code.code) === undefined) {
      at(code, 'unknown-code-path', 'error', `unknown code path "${code.code}": it is not in the codebook; add it there or correct the path`);
    }
    if (!polarities.has(code.polarity)) {
      at(code, 'unknown-polarity', 'error', `unknown polarity "${code.polarity}": use one of ${[...polarities].join(', ')}`);
    }
  }
  problems.push(...anchorProblems(record));
  return problems;
}

/**
 * The part of validateRecordCodes that re-anchors every code in its transcript: the
 * costly part, which the extension runs in a worker thread (issue 19, item 1).
 */
export function anchorProblems(record: TranscriptRecord): Problem[] {
  if (record.sidecar.status !== 'ok' || record.transcript === undefined) return [];
  const { data, codePositions } = record.sidecar;
  const problems: Problem[] = [];
  const at = (code: CodeEntry, kind: ProblemKind, severity: 'error' | 'warning', message: string) => {
    const position = codePositions.get(code.id) ?? { line: 1, column: 1 };
    problems.push(problem(kind, record.sidecarPath, position.line, position.column, severity, message, code.id));
  };
  const results = reanchor(record.transcript.bodies, data.codes);
  const byId = new Map(data.codes.map((code) => [code.id, code]));
  for (const result of results) {
    const code = byId.get(result.id);
    if (code !== undefined) reportAnchor(code, result, record, at);
  }
  return problems;
}

function reportAnchor(
  code: CodeEntry,
  result: AnchorResult,
  record: TranscriptRecord,
  at: (code: CodeEntry, kind: ProblemKind, severity: 'error' | 'warning', message: string) => void,
): void {
  const lineCount = record.transcript?.bodies.length ?? 0;
  const where = `lines ${formatLines(code.lines)} of ${record.transcriptPath}`;
  switch (result.status) {
    case 'in-place':
      return;
    case 'moved':
      at(code, 'code-moved', 'error', `not on its quote at ${where}; the quote is at lines ${formatLines(result.lines)}: run \`transcript-coder reanchor --write\``);
      return;
    case 'fuzzy':
      at(
        code,
        'quote-similar',
        'error',
        `not on its quote at ${where}; similar text (${Math.round((result.score ?? 0) * 100)}% alike) is at lines ` +
          `${formatLines(result.lines)}: check it, then accept it with \`transcript-coder reanchor --accept-similar --write\` or the quick fix in the editor`,
      );
      return;
    case 'orphan': {
      const pastEnd = code.lines[1] > lineCount;
      const why = pastEnd ? `${where} run past the end (the transcript has ${lineCount} lines)` : `its quote is no longer at ${where}`;
      at(code, 'code-orphaned', 'error', `orphan: ${why} and it was not found elsewhere${result.reason ? ` (${result.reason})` : ''}; it is kept — re-code it or fix its lines`);
      return;
    }
  }
}

export function formatLines(lines: readonly [number, number]): string {
  return lines[0] === lines[1] ? `${lines[0]}` : `${lines[0]}-${lines[1]}`;
}
