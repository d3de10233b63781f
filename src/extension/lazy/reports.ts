/** dist/reports.js (see ../lazy.ts): the study matrix and its SVG picture. */
export { exportMatrixSvg } from '../../core/report/matrix-export';
export { buildStudyMatrix } from '../../core/report/study-matrix';
export { reportLanguage, reportWords } from '../../core/report/report-labels';
