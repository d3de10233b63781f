/**
 * Searching a study's transcripts (issue 18). A hit is a line: its number as a sidecar's
 * `lines` count it (1-based, front matter included: transcript/transcript.ts) and its
 * text. What is searched is the line's body — the text after the speaker label and the
 * timestamp, which is what a code's quote is made of — so searching for an informant's
 * name finds what is said about them, not every line they speak; the speaker filter asks
 * for the label. Front matter and blank lines are never hits.
 *
 * Results come transcript by transcript from a generator, so a caller shows the first
 * page of hits before the rest of the study is searched (hitPages), and a search with
 * tens of thousands of hits is never held in one piece it has to wait for.
 */
import { caseAttributeOf, type TranscriptRecord } from '../study';
import { compileQuery, type CompiledQuery, type SearchQuery } from './query';
import { sameFolded } from '../text';

interface SearchHit {
  /** 1-based, as a sidecar's `lines` count. */
  line: number;
  /** The whole line as written: speaker label, timestamp and notes included. */
  text: string;
  /** What is said: the line without its speaker label and timestamp (Markdown emphasis of the label gone too). */
  body: string;
  speaker?: string;
}

export type SearchResult =
  | {
      kind: 'hits';
      transcriptPath: string;
      sidecarPath: string;
      /** In line order; never empty. */
      hits: SearchHit[];
      /** The sidecar does not read (file:line: reason): the hits are listed, never coded. */
      brokenSidecar?: string;
    }
  /** The transcript could not be read (missing, not text): nothing in it was searched. */
  | { kind: 'not-searched'; transcriptPath: string; sidecarPath: string; reason: string }
  /** The pattern took longer than the budget on one transcript: the search stopped there. */
  | { kind: 'too-slow'; transcriptPath: string; sidecarPath: string; message: string };

export type TranscriptHits = Extract<SearchResult, { kind: 'hits' }>;

export interface SearchOptions {
  /** Milliseconds a pattern may take on one transcript before the search stops (default 2,000). */
  maxMillisecondsPerTranscript?: number;
  /** The clock for that bound; tests pass their own. */
  now?: () => number;
}

const DEFAULT_MAX_MS_PER_TRANSCRIPT = 2_000;
/** Lines between two looks at the clock: often enough to stop a slow pattern, rarely enough to cost nothing. */
const LINES_BETWEEN_CLOCK_CHECKS = 256;

/**
 * Every transcript's hits, in the order of `records`. Throws SearchQueryError (query.ts)
 * before anything is searched when the pattern is bad; the generator stops after a
 * `too-slow` result.
 */
export function searchStudy(records: Iterable<TranscriptRecord>, query: SearchQuery, options: SearchOptions = {}): Generator<SearchResult, void, undefined> {
  return searchCompiled(records, compileQuery(query), options);
}

function* searchCompiled(records: Iterable<TranscriptRecord>, compiled: CompiledQuery, options: SearchOptions): Generator<SearchResult, void, undefined> {
  const query = compiled.query;
  for (const record of records) {
    if (!inScope(record, query)) continue;
    const result = searchRecord(record, compiled, options);
    if (result === undefined) continue;
    yield result;
    if (result.kind === 'too-slow') return;
  }
}

function searchRecord(record: TranscriptRecord, compiled: CompiledQuery, options: SearchOptions): SearchResult | undefined {
  const { transcriptPath, sidecarPath } = record;
  const loaded = record.transcript;
  if (loaded === undefined) {
    const reason = record.problems.find((problem) => problem.severity === 'error' && problem.file === transcriptPath)?.message ?? record.problems.find((problem) => problem.severity === 'error')?.message ?? 'the transcript was not read';
    return { kind: 'not-searched', transcriptPath, sidecarPath, reason };
  }
  const now = options.now ?? Date.now;
  const budget = options.maxMillisecondsPerTranscript ?? DEFAULT_MAX_MS_PER_TRANSCRIPT;
  const started = now();
  const speaker = compiled.query.speaker?.trim() || undefined;
  const { lines } = loaded.transcript;
  const hits: SearchHit[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (index % LINES_BETWEEN_CLOCK_CHECKS === LINES_BETWEEN_CLOCK_CHECKS - 1 && now() - started > budget) {
      const message = `the search for ${describePattern(compiled.query)} took more than ${budget} ms in ${transcriptPath} (stopped at line ${index + 1}); nothing was coded: simplify the pattern`;
      return { kind: 'too-slow', transcriptPath, sidecarPath, message };
    }
    const line = lines[index];
    if (line === undefined || line.kind === 'front-matter' || line.kind === 'blank') continue;
    if (speaker !== undefined && (line.speaker === undefined || !sameFolded(line.speaker.name, speaker))) continue;
    const body = loaded.bodies[index] ?? line.text.slice(line.body.start, line.body.end);
    // A turn with nothing said ("Pewawancara:" alone) has nothing to quote: never a hit.
    if (body === '') continue;
    if (!compiled.matches(body)) continue;
    hits.push(line.speaker === undefined ? { line: line.number, text: line.text, body } : { line: line.number, text: line.text, body, speaker: line.speaker.name });
  }
  if (hits.length === 0) return undefined;
  const result: TranscriptHits = { kind: 'hits', transcriptPath, sidecarPath, hits };
  if (record.sidecar.status !== 'ok') result.brokenSidecar = brokenReason(record);
  return result;
}

function describePattern(query: SearchQuery): string {
  return query.mode === 'regex' ? `/${query.pattern}/` : JSON.stringify(query.pattern);
}

/** `file:line: message` of the sidecar's first error. */
function brokenReason(record: TranscriptRecord): string {
  if (record.sidecar.status === 'ok') return '';
  const first = record.sidecar.problems.find((problem) => problem.severity === 'error') ?? record.sidecar.problems[0];
  return first === undefined ? `${record.sidecarPath}: the sidecar is broken (${record.sidecar.reason})` : `${first.file}:${first.line}: ${first.message}`;
}

/** Whether a transcript is within the query's agency, folder and attribute filters. */
function inScope(record: TranscriptRecord, query: SearchQuery): boolean {
  if (query.folder !== undefined && query.folder.trim() !== '' && !underFolder(record.transcriptPath, query.folder)) return false;
  if (query.agency !== undefined && query.agency.trim() !== '' && (record.agency === undefined || !sameFolded(record.agency, query.agency))) return false;
  for (const [name, wanted] of Object.entries(query.attributes ?? {})) {
    const value = caseAttributeOf(record, name);
    if (value === undefined || !sameFolded(value, wanted)) return false;
  }
  return true;
}

function underFolder(path: string, folder: string): boolean {
  const prefix = folder.replace(/\\/gu, '/').replace(/^\.?\/+/u, '').replace(/\/+$/u, '');
  return prefix === '' || prefix === '.' || path.startsWith(`${prefix}/`);
}

/** Consecutive line numbers as `[first, last]` runs: lines 3, 4, 5 and 9 are [3, 5] and [9, 9]. */
export function hitRuns(lines: Iterable<number>): Array<[number, number]> {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const line of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && line === last[1] + 1) last[1] = line;
    else runs.push([line, line]);
  }
  return runs;
}

export interface SearchPage {
  /** At most the page size of hits in all; one transcript's hits may go on in the next page. */
  results: SearchResult[];
  hitCount: number;
}

/**
 * Results in pages of at most `pageSize` hits, taken from the search as they are needed:
 * the first page costs only the transcripts it reaches. Results without hits go into the
 * page where they came, so none is lost.
 */
export function* hitPages(results: Iterable<SearchResult>, pageSize: number): Generator<SearchPage, void, undefined> {
  const size = Math.max(1, Math.floor(pageSize));
  let page: SearchPage = { results: [], hitCount: 0 };
  for (const result of results) {
    if (result.kind !== 'hits') {
      page.results.push(result);
      continue;
    }
    let from = 0;
    while (from < result.hits.length) {
      const take = Math.min(size - page.hitCount, result.hits.length - from);
      page.results.push({ ...result, hits: result.hits.slice(from, from + take) });
      page.hitCount += take;
      from += take;
      if (page.hitCount === size) {
        yield page;
        page = { results: [], hitCount: 0 };
      }
    }
  }
  if (page.results.length > 0) yield page;
}
