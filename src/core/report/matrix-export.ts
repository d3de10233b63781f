/** The study matrix as a standalone SVG, as the export registry and the matrix panel call it. */
import type { Problem } from '../problems';
import { summarize } from '../study';
import { brokenSidecarsLeftOut, leftOutProblems, offTextLeftOut, unassignedLeftOut } from './left-out';
import { renderMatrixSvg } from './matrix-svg';
import { reportLanguage, reportWords } from './report-labels';
import type { ReportExportRequest } from './export-request';
import { buildStudyMatrix } from './study-matrix';

export function exportMatrixSvg(request: ReportExportRequest): { bytes: Uint8Array; problems: Problem[] } {
  const { study, language } = request;
  const summary = summarize(study, { language });
  const matrix = buildStudyMatrix(summary, study.codebook.codebook, language);
  const words = reportWords(reportLanguage(language));
  const problems = leftOutProblems(
    [...brokenSidecarsLeftOut(study, words), ...offTextLeftOut(summary.leftOut, words), ...unassignedLeftOut(summary.unassigned, words)],
    'matrix',
  );
  return { bytes: new TextEncoder().encode(renderMatrixSvg(matrix, language)), problems };
}
