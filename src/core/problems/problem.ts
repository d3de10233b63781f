/**
 * A problem found in a file the user keeps: one line of `validate`, one entry in the
 * Problems panel. Lines and columns are 1-based, as editors and compilers print them.
 */
import type { ProblemKind } from './problem-kinds';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** What kind of problem this is (problem-kinds.ts): for tools and quick fixes, not for people. */
  kind: ProblemKind;
  /** Path as the caller named the file (the CLI makes it relative to the study). */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** The sidecar code this problem is about, when there is one. */
  codeId?: string;
}

export function problem(
  kind: ProblemKind,
  file: string,
  line: number,
  column: number,
  severity: Severity,
  message: string,
  codeId?: string,
): Problem {
  return codeId === undefined
    ? { kind, file, line, column, severity, message }
    : { kind, file, line, column, severity, message, codeId };
}

/** `path:line:col: error|warning: message`, the shape compilers print and editors link. */
export function formatProblem(p: Problem): string {
  const code = p.codeId === undefined ? '' : ` [code ${p.codeId}]`;
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}${code}`;
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Converts a character offset in `text` to a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
