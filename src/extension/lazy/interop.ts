/** dist/interop.js (see ../lazy.ts): bringing work in and taking it out. */
export { exportFormat, renderExport } from '../../core/exports/formats';
export { transcriptsOutsideBmp } from '../../core/refi-qda/study-documents';
export { ImportRefusedError, importQdc, importQde, importQdpx } from '../../core/refi-qda/import-qdpx';
export { describeSummary } from '../../core/refi-qda/import-summary';
export { besideReader } from '../../node/beside-reader';
export { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS, TranscriptImportError } from '../../core/transcript-import/import-transcript';
export { addFilesWithoutOverwriting, TargetNotFreeError, writeNewFolder } from '../../node/import-writer';
