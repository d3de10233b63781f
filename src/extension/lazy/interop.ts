/** dist/interop.js (see ../lazy.ts): bringing work in and taking it out. */
export { exportFormat, renderExport } from '../../core/exports';
export { describeSummary, ImportRefusedError, importQdc, importQde, importQdpx, transcriptsOutsideBmp } from '../../core/refi-qda';
export { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS, TranscriptImportError } from '../../core/transcript-import';
export { buildAgreementDocument, renderAgreementDocumentDocx, renderAgreementDocumentMarkdown } from '../../core/agreement';
