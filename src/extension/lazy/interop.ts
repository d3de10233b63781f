/** dist/interop.js (see ../lazy.ts): bringing work in and taking it out. */
export { exportFormat, renderExport } from '../../core/export-formats';
export { ImportRefusedError, importQdpx } from '../../core/refi-qda/import-qdpx';
export { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS, TranscriptImportError } from '../../core/transcript-import/import-transcript';
export { addFilesWithoutOverwriting, TargetNotFreeError, writeNewFolder } from '../../node/import-writer';
