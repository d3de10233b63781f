/** Searching a study (issue 18): plain words, whole words or a regular expression over folded line bodies, filtered by speaker, agency, folder or attributes; hits in runs and pages; and coding the hits, one code per run. */
export { codeHitsInSidecar, type FindAndCodeFields, uncodedRuns } from './find-and-code';
export { foldForSearch } from '../text';
export { type SearchQuery, SearchQueryError } from './query';
export { hitPages, hitRuns, type SearchResult, searchStudy, type TranscriptHits } from './search';
