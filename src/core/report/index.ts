/** Reports of a study: the findings report (Markdown, Word), co-occurrence with what it leaves out, the segments and matrix CSVs, the study matrix and its SVG (docs/reports.md). */
export { buildCooccurrenceReport } from './cooccurrence-report';
export { renderCodeMatrixCsv } from './matrix-csv';
export { exportMatrixSvg } from './matrix-export';
export { heading as wordHeading, plain as wordParagraph, wordTable, xmlSafe } from './findings-docx';
export { exportFindingsDocx, exportFindingsMarkdown } from './report-exports';
export { reportLanguage, reportWords } from './report-labels';
export { renderSegmentsCsv } from './segments-csv';
export { buildStudyMatrix, type StudyMatrix } from './study-matrix';
