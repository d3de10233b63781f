/** report: the public face of src/core/report; modules outside it import from here. */
export { renderCodeMatrixCsv } from './matrix-csv';
export { exportMatrixSvg } from './matrix-export';
export { exportFindingsDocx, exportFindingsMarkdown } from './report-exports';
export { reportLanguage, reportWords } from './report-labels';
export { renderSegmentsCsv } from './segments-csv';
export { buildStudyMatrix, type StudyMatrix } from './study-matrix';
