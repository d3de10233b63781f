/** dist/reports.js (see ../lazy.ts): the study matrix and its SVG picture; the co-occurrence table. */
export { buildStudyMatrix, exportMatrixSvg, reportLanguage, reportWords } from '../../core/report';
export { computeCooccurrence, pairOf, pairsByWeight } from '../../core/cooccurrence';
