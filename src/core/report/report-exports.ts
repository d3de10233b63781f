/**
 * The report and table formats of `transcript-coder export` (and the extension's export
 * command), as the export registry calls them: the loaded study in, bytes and what was
 * left out back.
 */
import type { LoadedMemos } from '../memos';
import type { Problem } from '../problems';
import type { Study } from '../study';
import { summarize } from '../summary';
import { buildFindingsReport } from './findings';
import { renderFindingsDocx } from './findings-docx';
import { renderFindingsMarkdown } from './findings-markdown';
import { renderMatrixSvg } from './matrix-svg';
import { brokenSidecarsLeftOut, leftOutProblems, unassignedLeftOut } from './left-out';
import { reportLanguage, reportWords } from './report-labels';
import { buildStudyMatrix } from './study-matrix';

export interface ReportExportRequest {
  study: Study;
  name: string;
  language: string;
  memos?: LoadedMemos;
  /** `YYYY-MM-DD`; the report leaves the date out when there is none. */
  exportedOn?: string;
}

export function exportFindingsMarkdown(request: ReportExportRequest): { bytes: Uint8Array; problems: Problem[] } {
  const report = buildFindingsReport({ ...request, exportedOn: request.exportedOn ?? '' });
  return { bytes: new TextEncoder().encode(renderFindingsMarkdown(report)), problems: report.problems };
}

export function exportFindingsDocx(request: ReportExportRequest): { pendingBytes: Promise<Uint8Array>; problems: Problem[] } {
  const report = buildFindingsReport({ ...request, exportedOn: request.exportedOn ?? '' });
  return { pendingBytes: renderFindingsDocx(report), problems: report.problems };
}

export function exportMatrixSvg(request: ReportExportRequest): { bytes: Uint8Array; problems: Problem[] } {
  const { study, language } = request;
  const summary = summarize(study, { language });
  const matrix = buildStudyMatrix(summary, study.codebook.codebook, language);
  const words = reportWords(reportLanguage(language));
  const problems = leftOutProblems([...brokenSidecarsLeftOut(study, words), ...unassignedLeftOut(summary.unassigned, words)], 'matrix');
  return { bytes: new TextEncoder().encode(renderMatrixSvg(matrix, language)), problems };
}
