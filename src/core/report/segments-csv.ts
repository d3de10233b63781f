/**
 * One row per coded segment with every attribute, for R, SPSS and Excel (the `csv`
 * export). Long ("tidy") format: each row is one observation, so a pivot table or
 * `table(agency, polarity)` gives the matrix back.
 *
 * Columns, in this order:
 *   agency, informant, role, date, source   the case (agency as the study resolves it:
 *                                           sidecar, else the transcript's front matter)
 *   file, first_line, last_line             where: the transcript, study-relative; 1-based lines
 *   framework, dimension, indicator         the code path split into ids (indicator empty
 *                                           for a code on the dimension itself)
 *   polarity, factor, coder, memo, quote    what the coder said about it (quote: the
 *                                           stored 80-character anchor)
 *   text                                    the whole coded text of the lines, from the
 *                                           transcript, one line per line
 *   code_id                                 the code's id in its sidecar, to join back
 *   …                                       every other case attribute the study uses,
 *                                           sorted by name; a name taken by a column
 *                                           above gets the prefix `attribute_`
 *
 * Rows are ordered by agency (no agency last), file, lines, code path and id. A transcript
 * whose sidecar cannot be read is left out and said so, and so is each code that is not
 * on its text (an orphan, a code whose text moved or changed: study/on-text.ts).
 */
import { ATTRIBUTE_ORDER } from '../sidecar';
import type { Problem } from '../problems';
import { compareSegments, type LeftOutSegment, placedSegmentsOf, type Segment, type Study } from '../study';
import { encodeCsv, type CsvValue } from './csv';
import { brokenSidecarsLeftOut, leftOutProblems, offTextLeftOut } from './left-out';
import { reportLanguage, reportWords } from './report-labels';

export const SEGMENT_COLUMNS = [
  'agency', 'informant', 'role', 'date', 'source',
  'file', 'first_line', 'last_line',
  'framework', 'dimension', 'indicator',
  'polarity', 'factor', 'coder', 'memo', 'quote', 'text', 'code_id',
] as const;

export interface SegmentTable {
  header: string[];
  rows: CsvValue[][];
  problems: Problem[];
}

export function segmentTable(study: Study, language: string): SegmentTable {
  const known = new Set<string>([...ATTRIBUTE_ORDER]);
  const extra = new Set<string>();
  const entries: { agency: string | undefined; attributes: Record<string, string>; segment: Segment }[] = [];
  const leftOut: LeftOutSegment[] = [];
  for (const record of study.records) {
    if (record.sidecar.status !== 'ok') continue;
    const attributes = record.sidecar.data.attributes;
    for (const name of Object.keys(attributes)) if (!known.has(name)) extra.add(name);
    const placed = placedSegmentsOf(record);
    for (const segment of placed.segments) entries.push({ agency: record.agency, attributes, segment });
    leftOut.push(...placed.leftOut);
  }
  entries.sort(
    (a, b) =>
      Number(a.agency === undefined) - Number(b.agency === undefined) ||
      compareText(a.agency ?? '', b.agency ?? '') ||
      compareSegments(a.segment, b.segment) ||
      compareText(a.segment.code, b.segment.code),
  );
  const extraNames = [...extra].sort(compareText);
  const taken = new Set<string>(SEGMENT_COLUMNS);
  const header = [...SEGMENT_COLUMNS, ...extraNames.map((name) => (taken.has(name) ? `attribute_${name}` : name))];
  const rows = entries.map(({ agency, attributes, segment }) => {
    const [framework, dimension, indicator] = segment.code.split('/');
    return [
      agency ?? '',
      attributes['informant'],
      attributes['role'],
      attributes['date'],
      attributes['source'],
      segment.file,
      segment.lines[0],
      segment.lines[1],
      framework,
      dimension,
      indicator,
      segment.polarity,
      segment.factor,
      segment.coder,
      segment.memo,
      segment.quote,
      segment.text,
      segment.id,
      ...extraNames.map((name) => attributes[name]),
    ];
  });
  const words = reportWords(reportLanguage(language));
  return { header, rows, problems: leftOutProblems([...brokenSidecarsLeftOut(study, words), ...offTextLeftOut(leftOut.sort((a, b) => compareSegments(a.segment, b.segment)), words)], 'table') };
}

export function renderSegmentsCsv(study: Study, language: string): { bytes: Uint8Array; problems: Problem[] } {
  const table = segmentTable(study, language);
  return { bytes: encodeCsv(table.header, table.rows), problems: table.problems };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
