/**
 * Exact quote search for re-anchoring: where, nearest to a code's old first line, does
 * the transcript hold the code's quote again? "Holds" is the one quote rule of
 * quote-rule.ts; the writer's own form is tried first because it also knows a short
 * code's whole text.
 *
 * At a start line s, with the code's old span length (clipped to the file):
 * 1. the writer's form: the quote of lines s..s+span equals the quote;
 * 2. the quote rule: the text of lines s..s+span starts with a reading of the quote;
 * 3. a short code whose line breaks changed (a line re-wrapped, joined or split): the
 *    span that holds exactly its text (the writer's quote of a short code is all of it).
 * At the code's own place all three are tried; the search tries 1 and 3 everywhere
 * first, then 2, so the writer's exact text nearby beats a line that merely starts alike.
 * The sidecar keeps only the start of a long code's text, so the end of a long code
 * keeps its old distance from the start.
 *
 * Search order: lines within NEAR_WINDOW of the old first line, outward; then every line
 * whose start could begin a reading of the quote, found in an index of line starts
 * sorted once per call. Nearest wins; found at equal distance above and below, the quote
 * is ambiguous: both places are reported and the code is moved to neither. Blank lines
 * never start a match.
 *
 * Bounded work: a transcript whose lines share their first KEY_LENGTH characters by the
 * thousand (a hostile file, or a form filled in 100,000 times) would make "every line
 * whose start could begin the quote" every line. Past MAX_FAR_CANDIDATES such lines for
 * one quote the search stops and says so, and the code becomes an orphan with that
 * reason: a person decides rather than the machine guessing, or freezing.
 */
import { collapsedPrefix, QUOTE_MAX_CHARS, quoteOfLines, startsLike } from '../transcript';
import { MIN_PREFIX_CHARS, matchForm, quoteHolds, type QuoteReading } from './quote-rule';

const NEAR_WINDOW = 64;
const WHOLE_TEXT_MAX = QUOTE_MAX_CHARS - 2;
/** Characters of a line's start, in match form, kept as its key. */
const KEY_LENGTH = 64;
/** How far a short code's end may move when its line breaks changed. */
const MAX_REWRAP_LINES = 64;
/** Lines outside the near window that one code may be tried at. */
const MAX_FAR_CANDIDATES = 256;

type MatchMode = 'both' | 'writer' | 'rule';

export type FindOutcome =
  | { kind: 'found'; lines: [number, number] }
  | { kind: 'ambiguous'; alternatives: Array<[number, number]> }
  | { kind: 'none' }
  | { kind: 'too-many'; places: number };

export class QuoteFinder {
  private keys: Array<string | undefined> | undefined;
  private sortedLines: Int32Array | undefined;
  private readonly bodyAt = (line: number): string => this.bodies[line - 1] ?? '';

  constructor(private readonly bodies: readonly string[]) {}

  /**
   * The lines holding the quote nearest to `first`: first where the writer's own form is
   * found (it knows a short code's whole text, so "Ya, betul." is not taken from a line
   * that goes on), then where the quote rule holds.
   */
  find(quote: string, reading: QuoteReading, first: number, span: number): FindOutcome {
    let far: number[] | undefined;
    for (const mode of ['writer', 'rule'] as const) {
      const near = this.nearest(this.nearStarts(first), quote, reading, first, span, mode);
      if (near !== undefined) return near;
      far ??= this.farCandidates(reading, first);
      if (far.length > MAX_FAR_CANDIDATES) continue;
      const found = this.nearest(far, quote, reading, first, span, mode);
      if (found !== undefined) return found;
    }
    return far !== undefined && far.length > MAX_FAR_CANDIDATES ? { kind: 'too-many', places: far.length } : { kind: 'none' };
  }

  /** Start lines within NEAR_WINDOW of `first`, nearest first, the later line first on equal distance. */
  private nearStarts(first: number): number[] {
    const starts: number[] = [];
    for (let distance = 0; distance <= NEAR_WINDOW; distance++) {
      for (const start of distance === 0 ? [first] : [first + distance, first - distance]) {
        if (start >= 1 && start <= this.bodies.length) starts.push(start);
      }
    }
    return starts;
  }

  /**
   * The first of `starts` (nearest first) where the quote holds. When the quote also
   * holds as near on the other side, both are equally good: both are reported and the
   * code goes to neither (the Bad input rule of issue 12).
   */
  private nearest(starts: readonly number[], quote: string, reading: QuoteReading, first: number, span: number, mode: MatchMode): FindOutcome | undefined {
    for (const [index, start] of starts.entries()) {
      const found = this.matchAt(start, quote, reading, span, mode);
      if (found === undefined) continue;
      const distance = Math.abs(start - first);
      const twin = starts[index + 1];
      if (distance > 0 && twin !== undefined && Math.abs(twin - first) === distance) {
        const other = this.matchAt(twin, quote, reading, span, mode);
        if (other !== undefined) return { kind: 'ambiguous', alternatives: [found, other] };
      }
      return { kind: 'found', lines: found };
    }
    return undefined;
  }

  /**
   * The lines s..e holding the quote when starting at `start`, or undefined. `both`, for
   * a code's own place: the writer's form on its lines, the quote rule on them, then a
   * short code's re-wrapped span; `writer` and `rule` are the searches' two passes.
   */
  matchAt(start: number, quote: string, reading: QuoteReading, span: number, mode: MatchMode = 'both'): [number, number] | undefined {
    const lineCount = this.bodies.length;
    const fixedEnd = Math.min(lineCount, start + span);
    const writerLike = mode !== 'rule' && startsLike(this.bodies[start - 1] ?? '', quote);
    if (writerLike && quoteOfLines(this.bodies, start, fixedEnd) === quote) return [start, fixedEnd];
    if (mode !== 'writer' && (mode === 'both' || this.couldStart(start, reading)) && quoteHolds(reading, this.bodyAt, start, fixedEnd)) {
      return [start, fixedEnd];
    }
    if (!writerLike || !isWholeText(quote)) return undefined;
    // A short code's text is all in its quote: find the end that holds exactly that text,
    // the one nearest its old end when trailing blank lines make several fit.
    let bestEnd: number | undefined;
    for (let end = start; end <= lineCount && end - start <= MAX_REWRAP_LINES; end++) {
      const text = quoteOfLines(this.bodies, start, end);
      if (text === quote) {
        if (bestEnd === undefined || Math.abs(end - fixedEnd) < Math.abs(bestEnd - fixedEnd)) bestEnd = end;
      } else if (!quote.startsWith(text)) break;
    }
    return bestEnd === undefined ? undefined : [start, bestEnd];
  }

  /**
   * Lines outside the near window whose key could begin a reading of the quote: keys
   * that start with the reading's first KEY_LENGTH characters, and keys of shorter lines
   * that are a word-prefix of it (the quote then goes on to the next line). A reading too
   * short to be a prefix must be whole lines: only the second kind, and exact keys.
   */
  private farCandidates(reading: QuoteReading, first: number): number[] {
    const sorted = this.sortedByKey();
    const found = new Set<number>();
    const take = (from: number, to: number): void => {
      for (let at = from; at < to && found.size <= MAX_FAR_CANDIDATES; at++) {
        const line = sorted[at] as number;
        if (Math.abs(line - first) > NEAR_WINDOW) found.add(line);
      }
    };
    const exact = (key: string): void => take(this.lowerBound(key), this.lowerBound(`${key}\u0000`));
    for (const form of reading.forms) {
      const head = form.slice(0, KEY_LENGTH);
      if (form.length >= MIN_PREFIX_CHARS) take(this.lowerBound(head), this.lowerBound(`${head}\uffff`));
      else exact(head);
      for (let index = 1; index < head.length; index++) if (head[index] === ' ') exact(head.slice(0, index));
      if (found.size > MAX_FAR_CANDIDATES) break;
    }
    return [...found].sort((x, y) => Math.abs(x - first) - Math.abs(y - first) || y - x);
  }

  /** Whether a reading of the quote could begin at this line, judged by its key. */
  private couldStart(line: number, reading: QuoteReading): boolean {
    const key = this.keyOf(line);
    if (key === '') return false;
    for (const form of reading.forms) {
      const shared = Math.min(key.length, form.length);
      if (key.slice(0, shared) !== form.slice(0, shared)) continue;
      if (key.length < KEY_LENGTH && key.length < form.length && form[key.length] !== ' ') continue;
      return true;
    }
    return false;
  }

  private keyOf(line: number): string {
    const keys = (this.keys ??= new Array<string | undefined>(this.bodies.length));
    let key = keys[line - 1];
    if (key === undefined) {
      key = matchForm(collapsedPrefix(this.bodies[line - 1] ?? '', KEY_LENGTH * 2)).slice(0, KEY_LENGTH);
      keys[line - 1] = key;
    }
    return key;
  }

  /** Every line with text, ordered by key (then by line), built once. */
  private sortedByKey(): Int32Array {
    if (this.sortedLines !== undefined) return this.sortedLines;
    const lines: number[] = [];
    for (let line = 1; line <= this.bodies.length; line++) if (this.keyOf(line) !== '') lines.push(line);
    const keys = this.keys as Array<string | undefined>;
    lines.sort((x, y) => {
      const a = keys[x - 1] as string;
      const b = keys[y - 1] as string;
      return a < b ? -1 : a > b ? 1 : x - y;
    });
    this.sortedLines = Int32Array.from(lines);
    return this.sortedLines;
  }

  /** The first index in the sorted lines whose key is not below `key`. */
  private lowerBound(key: string): number {
    const sorted = this.sortedByKey();
    const keys = this.keys as Array<string | undefined>;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((keys[(sorted[middle] as number) - 1] as string) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The readings of a quote, for callers that test one code at one place. */
;

/**
 * makeQuote cuts at 80 code points and drops a space left at the cut, so a cut quote
 * has 79 or 80; a quote of 78 or fewer is the code's whole text.
 */
function isWholeText(quote: string): boolean {
  if (quote.length <= WHOLE_TEXT_MAX) return true;
  let codePoints = 0;
  for (const _ of quote) codePoints++;
  return codePoints <= WHOLE_TEXT_MAX;
}
