/** Transcripts brought in from other formats: Word (.docx) and subtitles (WebVTT, SRT), with speakers and timestamps kept. */
export { importTranscript, TRANSCRIPT_IMPORT_EXTENSIONS, TranscriptImportError } from './import-transcript';
