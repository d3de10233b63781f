/** dist/reports.js (see ../lazy.ts): the study matrix and its SVG picture. */
export { buildStudyMatrix, exportMatrixSvg, reportLanguage, reportWords } from '../../core/report';
