/**
 * Re-anchoring: after a transcript changed outside the editor (git pull, another
 * editor), find each code's lines again from its old position and its quote (DESIGN §3,
 * after the Hypothesis annotation client):
 *
 * 1. in place — the old lines still hold the quote;
 * 2. exact near — the quote within a window around the old first line, nearest first;
 * 3. exact anywhere — the same over the whole transcript (quote-finder.ts);
 * 4. approximate — the most similar text among candidates sharing rare trigrams with the
 *    quote, scored by similarity and, a little, closeness to the old position; accepted
 *    only at or above the threshold and only when clearly better than the next
 *    candidate elsewhere, so a code is never silently put in the wrong place;
 * 5. otherwise an orphan, with the reason; its old lines are returned unchanged.
 *
 * A code with an empty quote cannot be searched for: it stays in place when its lines
 * exist, else it is an orphan.
 */
import { collapsedPrefix, quoteOfLines, startsLike } from '../transcript';
import { QuoteFinder } from './quote-finder';
import { MIN_PREFIX_CHARS, readQuote, type QuoteReading } from './quote-rule';
import { INDEXED_CHARS, TrigramIndex } from './trigram-index';
import { normalizeForSimilarity, QuoteSimilarity } from './similarity';

export type AnchorStatus = 'in-place' | 'moved' | 'fuzzy' | 'orphan';

export interface AnchorResult {
  id: string;
  status: AnchorStatus;
  /** The new position, or the old one for orphans. */
  lines: [number, number];
  /** Similarity 0..1 of the quote and the text now at `lines`, for fuzzy results. */
  score?: number;
  /** Why, in a few words: for orphans one of ORPHAN_REASONS; for others a description. */
  reason?: string;
  /** For an ambiguous orphan: the equally likely places. */
  alternatives?: Array<[number, number]>;
}

export interface ReanchorOptions {
  /** Least similarity (0..1) for an approximate match; default 0.75. */
  fuzzyThreshold?: number;
}

export interface AnchoredCode {
  id: string;
  lines: readonly [number, number];
  quote: string;
}

export const DEFAULT_FUZZY_THRESHOLD = 0.75;

export const ORPHAN_REASONS = {
  /** Two or more places are about equally similar; choosing one would be a guess. */
  ambiguous: 'ambiguous',
  /** The code's lines run past the end of the transcript and its quote is not found. */
  pastEnd: 'line past the end',
  /** Neither the quote nor text similar enough to it is in the transcript. */
  notFound: 'quote not found',
  /** The code has no quote and its lines are past the end. */
  emptyQuote: 'empty quote and line past the end',
  /** More than MAX_FAR_CANDIDATES far lines start like the quote: the bounded search gives up rather than guess. */
  tooManyPlaces: 'too many places start like its quote',
} as const;

/** The best candidate must beat the best one elsewhere by this much (combined score). */
const CLEAR_MARGIN = 0.05;
/** Weight of closeness to the old position in the combined score. */
const CLOSENESS_WEIGHT = 0.1;
/** Distance in lines at which closeness has halved. */
const CLOSENESS_SCALE = 100;
/** Candidate lines scored per code. */
const FUZZY_CANDIDATES = 32;

/**
 * True when the code's lines exist and hold its quote by the one quote rule
 * (quote-rule.ts): what `validate`, `check-integrity`, the reports and the editor ask.
 * Exactly when `reanchor` finds the code `in-place`.
 */
export function sitsOnQuote(bodies: readonly string[], code: { lines: readonly [number, number]; quote: string }): boolean {
  const [first, last] = code.lines;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || first > last || last > bodies.length) return false;
  if (quoteOfLines(bodies, first, last) === code.quote) return true;
  const reading = readQuote(code.quote);
  if (reading.forms.length === 0) return false;
  return holdsInPlace(new QuoteFinder(bodies), code.quote, reading, first, last);
}

/** The quote holds at exactly first..last: what the finder finds starting at `first` is that span. */
function holdsInPlace(finder: QuoteFinder, quote: string, reading: QuoteReading, first: number, last: number): boolean {
  const found = finder.matchAt(first, quote, reading, last - first);
  return found !== undefined && found[0] === first && found[1] === last;
}

export function reanchor(bodies: readonly string[], codes: readonly AnchoredCode[], options: ReanchorOptions = {}): AnchorResult[] {
  const threshold = clampThreshold(options.fuzzyThreshold);
  const finder = new QuoteFinder(bodies);
  let trigrams: TrigramIndex | undefined;
  const similarIndex = (): TrigramIndex =>
    (trigrams ??= new TrigramIndex(bodies.map((body) => collapsedPrefix(body, INDEXED_CHARS).toLowerCase())));
  return codes.map((code) => anchorOne(bodies, code, threshold, finder, similarIndex));
}

function anchorOne(
  bodies: readonly string[],
  code: AnchoredCode,
  threshold: number,
  finder: QuoteFinder,
  similarIndex: () => TrigramIndex,
): AnchorResult {
  const lineCount = bodies.length;
  const first = Number.isFinite(code.lines[0]) ? Math.max(1, Math.trunc(code.lines[0])) : 1;
  const last = Number.isFinite(code.lines[1]) ? Math.max(first, Math.trunc(code.lines[1])) : first;
  const span = last - first;
  const pastEnd = last > lineCount;
  const quote = typeof code.quote === 'string' ? code.quote : '';
  // Lines that had to be read as something else (0, NaN, reversed) are corrected, which
  // is a change the sidecar must record: such a code is "moved" even where it stands.
  const asGiven = first === code.lines[0] && last === code.lines[1];
  // The writer's own quote where it was written: the common case, decided without
  // reading the quote's other forms (which normalises it several times).
  if (quote !== '' && !pastEnd && startsLike(bodies[first - 1] ?? '', quote) && quoteOfLines(bodies, first, last) === quote) return inPlaceResult(code.id, first, last, asGiven);
  const oldLines: [number, number] = [code.lines[0], code.lines[1]];
  const orphan = (reason: string, alternatives?: Array<[number, number]>): AnchorResult =>
    alternatives === undefined
      ? { id: code.id, status: 'orphan', lines: oldLines, reason }
      : { id: code.id, status: 'orphan', lines: oldLines, reason, alternatives };
  const reading = readQuote(quote);
  if (reading.forms.length === 0) {
    if (pastEnd) return orphan(ORPHAN_REASONS.emptyQuote);
    return { id: code.id, status: asGiven ? 'in-place' : 'moved', lines: [first, last], reason: 'no quote to check' };
  }
  if (!pastEnd && holdsInPlace(finder, quote, reading, first, last)) return inPlaceResult(code.id, first, last, asGiven);

  const exact = finder.find(quote, reading, first, span);
  if (exact.kind === 'found') {
    const lines = exact.lines;
    const same = asGiven && lines[0] === first && lines[1] === last;
    return same
      ? { id: code.id, status: 'in-place', lines }
      : { id: code.id, status: 'moved', lines, reason: describeMove(first, lines[0], 'quote') };
  }
  // Two places hold the quote equally near: moving to either would be a guess.
  if (exact.kind === 'ambiguous') return orphan(ORPHAN_REASONS.ambiguous, exact.alternatives);

  const similar = findSimilar(bodies, reading, first, span, threshold, similarIndex);
  if (similar.kind === 'found') {
    return {
      id: code.id,
      status: 'fuzzy',
      lines: similar.lines,
      score: similar.score,
      reason: describeMove(first, similar.lines[0], 'similar text'),
    };
  }
  if (similar.kind === 'ambiguous') return orphan(ORPHAN_REASONS.ambiguous, similar.alternatives);
  if (exact.kind === 'too-many') return orphan(ORPHAN_REASONS.tooManyPlaces);
  return orphan(pastEnd ? ORPHAN_REASONS.pastEnd : ORPHAN_REASONS.notFound);
}

/** In place; or "moved" when lines given as something else (0, NaN, reversed) were corrected. */
function inPlaceResult(id: string, first: number, last: number, asGiven: boolean): AnchorResult {
  return asGiven ? { id, status: 'in-place', lines: [first, last] } : { id, status: 'moved', lines: [first, last], reason: 'lines corrected' };
}

type SimilarOutcome =
  | { kind: 'found'; lines: [number, number]; score: number }
  | { kind: 'ambiguous'; alternatives: Array<[number, number]> }
  | { kind: 'none' };

interface Scored {
  start: number;
  end: number;
  similarity: number;
  combined: number;
}

function findSimilar(
  bodies: readonly string[],
  reading: QuoteReading,
  first: number,
  span: number,
  threshold: number,
  similarIndex: () => TrigramIndex,
): SimilarOutcome {
  const lineCount = bodies.length;
  if (lineCount === 0) return { kind: 'none' };
  // The shortest reading is the quote's own words, without a speaker label or a cut mark.
  const quote = reading.forms[reading.forms.length - 1] as string;
  const starts = new Set<number>([Math.min(first, lineCount)]);
  for (const line of similarIndex().candidates(normalizeForSimilarity(quote), FUZZY_CANDIDATES)) {
    // The quote may begin a line or two above the line that shares its words.
    for (let back = 0; back <= Math.min(span, 2) && line - back >= 1; back++) starts.add(line - back);
  }
  const scored: Scored[] = [];
  // A hand-cut quote is compared with as much of the candidate's text as it holds.
  const alike = new QuoteSimilarity(quote);
  const compared = Array.from(quote).length;
  for (const start of starts) {
    const end = Math.min(lineCount, start + span);
    const text = quoteOfLines(bodies, start, end);
    const similarity = alike.toCollapsed(compared >= MIN_PREFIX_CHARS ? Array.from(text).slice(0, compared).join('').trimEnd() : text);
    const closeness = 1 / (1 + Math.abs(start - first) / CLOSENESS_SCALE);
    scored.push({ start, end, similarity, combined: (1 - CLOSENESS_WEIGHT) * similarity + CLOSENESS_WEIGHT * closeness });
  }
  scored.sort((x, y) => y.combined - x.combined || Math.abs(x.start - first) - Math.abs(y.start - first) || y.start - x.start);
  const best = scored[0];
  if (best === undefined || best.similarity < threshold) return { kind: 'none' };
  // The next best elsewhere: windows overlapping the best one are the same place.
  const rival = scored.find((candidate) => Math.abs(candidate.start - best.start) > span);
  if (rival !== undefined && best.combined - rival.combined < CLEAR_MARGIN) {
    return { kind: 'ambiguous', alternatives: [[best.start, best.end], [rival.start, rival.end]] };
  }
  return { kind: 'found', lines: [best.start, best.end], score: best.similarity };
}

function describeMove(from: number, to: number, what: string): string {
  if (to === from) return `${what} at the same start line`;
  const distance = Math.abs(to - from);
  return `${what} found ${distance} line${distance === 1 ? '' : 's'} ${to > from ? 'below' : 'above'}`;
}

function clampThreshold(threshold: number | undefined): number {
  if (threshold === undefined || !Number.isFinite(threshold)) return DEFAULT_FUZZY_THRESHOLD;
  return Math.min(1, Math.max(0, threshold));
}
