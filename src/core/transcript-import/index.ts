/** transcript-import: the public face of src/core/transcript-import; modules outside it import from here. */
export { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS, TranscriptImportError } from './import-transcript';
