/** A study as a whole: loading its transcripts, sidecars and codebook through a reader port, case attributes and filters by them, the summary per agency, validation, integrity checks, memos, and which codes still sit on their text. */
export {
  type AttributeFilters,
  caseAttributeOf,
  caseAttributesOf,
  describeAttributeFilters,
  hasAttributeFilters,
  parseAttributeFilters,
  passesAttributeFilters,
} from './case-attributes';
export { checkIntegrity } from './integrity';
export { MemosNotWritableError, setMemo } from './memos-write';
export { type LoadedMemos, loadMemos, type Memo, memoKey, MEMOS_PATH, memosFor } from './memos';
export { StudyParseCache } from './parse-cache';
export { type OffText, offTextReason, placeCodes, reanchorInputOf, rememberPlacements } from './on-text';
export {
  DEFAULT_CODEBOOK_PATH,
  isSidecarPath,
  loadCodebook,
  type LoadedCodebook,
  loadRecord,
  loadStudy,
  type LoadStudyOptions,
  lostTranscriptOf,
  type Study,
  studyProblems,
  type StudyReader,
  type TranscriptRecord,
} from './study';
export { factorEvidence, formatSummaryTable } from './summary-table';
export {
  type AgencySummary,
  compareSegments,
  type DimensionSummary,
  factorKey,
  type FactorSummary,
  type LeftOutSegment,
  placedSegmentsOf,
  type Segment,
  type StudySummary,
  summarize,
  summaryToJson,
} from './summary';
export { anchorProblems, formatLines, validateRecordCodes, validateStudy } from './validate';
