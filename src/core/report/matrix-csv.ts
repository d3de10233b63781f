/**
 * The codes × agencies matrix (the `matrix-csv` export): one column per agency, cells
 * are counts of coded segments.
 *
 * Rows come in blocks, one block per code path in codebook order (each dimension, then
 * its indicators; code paths the codebook does not know at the end). A block has one row
 * per `polarity`: first `all`, then each polarity of the codebook. So the plain matrix is
 * the rows with polarity `all` — an AutoFilter in Excel, `subset(m, polarity == "all")`
 * in R, `SELECT IF polarity = "all"` in SPSS — and the per-polarity matrices are the
 * other rows, with no reshaping.
 *
 * Columns: code, level (`dimension` or `indicator`), label (in the export's language),
 * polarity, then one column per agency (named as the agency; read with
 * `check.names = FALSE` in R to keep the names), then `(no agency)` when some transcripts
 * have none, then total.
 *
 * Only codes on their text are counted (study/on-text.ts); the others are reported as left out.
 *
 * A dimension row counts every segment under the dimension: those coded on the dimension
 * itself and those coded on any of its indicators. Sum dimension rows, or indicator
 * rows, never both.
 */
import { allCodePaths, type Codebook, codeLabel, DEFAULT_POLARITIES, dimensionPathOf, resolveCodePath } from '../codebook';
import type { Problem } from '../problems';
import { type Segment, type Study, summarize } from '../study';
import { encodeCsv, type CsvValue } from './csv';
import { brokenSidecarsLeftOut, leftOutProblems, offTextLeftOut } from './left-out';
import { reportLanguage, reportWords } from './report-labels';

export const ALL_POLARITIES = 'all';
export const NO_AGENCY_COLUMN = '(no agency)';

export interface CodeMatrixTable {
  header: string[];
  rows: CsvValue[][];
  problems: Problem[];
}

export function codeMatrixTable(study: Study, language: string): CodeMatrixTable {
  const codebook = study.codebook.codebook;
  const summary = summarize(study, { language });
  const columns: { name: string; segments: Segment[] }[] = summary.agencies.map((agency) => ({
    name: agency.agency,
    segments: agency.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)),
  }));
  if (summary.unassigned.length > 0) columns.push({ name: NO_AGENCY_COLUMN, segments: summary.unassigned });

  const coded = new Set(columns.flatMap((c) => c.segments.map((s) => s.code)));
  const paths = codePaths(codebook, coded);
  const polarities = [ALL_POLARITIES, ...(codebook?.polarities ?? DEFAULT_POLARITIES).map((p) => p.id)];
  const counts = countByColumn(columns.map((c) => c.segments));
  const rows: CsvValue[][] = [];
  for (const path of paths) {
    for (const polarity of polarities) {
      const row = columns.map((_, index) => counts.get(countKey(index, path, polarity)) ?? 0);
      rows.push([path, path.split('/').length === 2 ? 'dimension' : 'indicator', labelOf(codebook, path, language), polarity, ...row, sum(row)]);
    }
  }
  const words = reportWords(reportLanguage(language));
  return {
    header: ['code', 'level', 'label', 'polarity', ...columns.map((c) => c.name), 'total'],
    rows,
    problems: leftOutProblems([...brokenSidecarsLeftOut(study, words), ...offTextLeftOut(summary.leftOut, words)], 'matrix'),
  };
}

export function renderCodeMatrixCsv(study: Study, language: string): { bytes: Uint8Array; problems: Problem[] } {
  const table = codeMatrixTable(study, language);
  return { bytes: encodeCsv(table.header, table.rows), problems: table.problems };
}

/** One pass over the segments: each counts for its own path and, when it is an indicator's, for its dimension's too. */
function countByColumn(columns: readonly (readonly Segment[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  columns.forEach((segments, index) => {
    for (const segment of segments) {
      const paths = new Set([segment.code, dimensionPathOf(segment.code)]);
      for (const path of paths) {
        add(countKey(index, path, ALL_POLARITIES));
        // A polarity spelled like the `all` row would be counted twice there.
        if (segment.polarity !== ALL_POLARITIES) add(countKey(index, path, segment.polarity));
      }
    }
  });
  return counts;
}

function countKey(column: number, path: string, polarity: string): string {
  return `${column}\u0000${path}\u0000${polarity}`;
}

/** The codebook's paths, then coded paths it does not know, each unknown indicator after its dimension's row. */
function codePaths(codebook: Codebook | undefined, coded: ReadonlySet<string>): string[] {
  const paths = codebook === undefined ? [] : allCodePaths(codebook);
  const known = new Set(paths);
  const unknown = new Set<string>();
  for (const code of coded) {
    if (known.has(code)) continue;
    unknown.add(dimensionPathOf(code));
    if (code.split('/').length > 2) unknown.add(code);
  }
  const extra = [...unknown].filter((path) => !known.has(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...paths, ...extra];
}

function labelOf(codebook: Codebook | undefined, path: string, language: string): string {
  const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, path);
  return resolved === undefined ? '' : codeLabel(resolved, language);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
