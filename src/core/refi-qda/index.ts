/** refi-qda: the public face of src/core/refi-qda; modules outside it import from here. */
export { exportQdpx } from './export-project';
export { renderCodebookQdc } from './export-qdc';
export { type ImportResult } from './import-project';
export { importQdc, importQde, importQdpx, ImportRefusedError } from './import-qdpx';
export { describeSummary } from './import-summary';
export { safeTranscriptPath } from './names';
export { exportDocumentsFromStudy, transcriptsOutsideBmp } from './study-documents';
