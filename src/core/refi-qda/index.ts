/** REFI-QDA 1.5 interchange (docs/refi-qda.md): .qdpx/.qde/.qdc import that names what it leaves out, and export that QualCoder, NVivo and ATLAS.ti take. */
export { exportQdpx } from './export-project';
export { renderCodebookQdc } from './export-qdc';
export { type ImportResult } from './import-project';
export { importQdc, importQde, importQdpx, ImportRefusedError } from './import-qdpx';
export { describeSummary } from './import-summary';
export { safeTranscriptPath } from './names';
export { exportDocumentsFromStudy, transcriptsOutsideBmp } from './study-documents';
