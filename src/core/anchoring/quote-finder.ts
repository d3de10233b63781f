/**
 * Exact quote search for re-anchoring: where, nearest to a code's old first line, does
 * the transcript hold the code's quote again?
 *
 * A code matches at start line s when the quote of lines s..s+span (its old span length,
 * clipped to the file) equals its quote — for a long code that means the text from s
 * starts with the quote, for a short one (the quote is its whole text) that the text is
 * exactly the quote. When only the line breaks inside a short code changed (a line
 * re-wrapped, joined or split), the span that holds exactly the quote is taken instead.
 * The sidecar keeps only the start of a long code's text, so the end of a long code
 * keeps its old distance from the start.
 *
 * Search order: lines within NEAR_WINDOW of the old first line, outward; then every
 * line whose start could begin the quote, from a map of line-start prefixes built once.
 * Nearest wins; on equal distance the later line (text inserted above a code pushes it
 * down, the common case). Blank lines never start a match: a quote's text begins on a
 * line with text.
 */
import { QUOTE_MAX_CHARS } from '../quote';
import { collapsedPrefix, quoteAt, startsLike } from './quote-text';

const NEAR_WINDOW = 64;
const WHOLE_TEXT_MAX = QUOTE_MAX_CHARS - 2;
/** Characters of a line's collapsed start used as the map key. */
const KEY_LENGTH = 24;
/** How far a short code's end may move when its line breaks changed. */
const MAX_REWRAP_LINES = 64;

export class QuoteFinder {
  private prefixMap: Map<string, number[]> | undefined;

  constructor(private readonly bodies: readonly string[]) {}

  /** The lines holding the quote nearest to `first`, or undefined. */
  find(quote: string, first: number, span: number): [number, number] | undefined {
    const lineCount = this.bodies.length;
    for (let distance = 0; distance <= NEAR_WINDOW; distance++) {
      for (const start of distance === 0 ? [first] : [first + distance, first - distance]) {
        if (start < 1 || start > lineCount) continue;
        const found = this.matchAt(start, quote, span);
        if (found !== undefined) return found;
      }
    }
    return this.findAnywhere(quote, first, span);
  }

  /** The lines s..e that hold `quote` when starting at `start`, or undefined. */
  matchAt(start: number, quote: string, span: number): [number, number] | undefined {
    if (!startsLike(this.bodies[start - 1] ?? '', quote)) return undefined;
    const lineCount = this.bodies.length;
    const fixedEnd = Math.min(lineCount, start + span);
    if (quoteAt(this.bodies, start, fixedEnd) === quote) return [start, fixedEnd];
    if (!isWholeText(quote)) return undefined;
    // A short code's text is all in its quote: find the end that holds exactly that text,
    // the one nearest its old end when trailing blank lines make several fit.
    let bestEnd: number | undefined;
    for (let end = start; end <= lineCount && end - start <= MAX_REWRAP_LINES; end++) {
      const text = quoteAt(this.bodies, start, end);
      if (text === quote) {
        if (bestEnd === undefined || Math.abs(end - fixedEnd) < Math.abs(bestEnd - fixedEnd)) bestEnd = end;
      } else if (!quote.startsWith(text)) break;
    }
    return bestEnd === undefined ? undefined : [start, bestEnd];
  }

  private findAnywhere(quote: string, first: number, span: number): [number, number] | undefined {
    const lists = this.candidateLists(quote);
    // Walk every list outward from `first` at once, nearest candidate first.
    const cursors = lists.map((list) => {
      const below = lowerBound(list, first);
      return { list, below, above: below - 1 };
    });
    for (;;) {
      let bestDistance = Infinity;
      let bestLine = -1;
      for (const cursor of cursors) {
        const down = cursor.list[cursor.below];
        const up = cursor.list[cursor.above];
        if (down !== undefined && (down - first < bestDistance || (down - first === bestDistance && down > bestLine))) {
          bestDistance = down - first;
          bestLine = down;
        }
        if (up !== undefined && first - up < bestDistance) {
          bestDistance = first - up;
          bestLine = up;
        }
      }
      if (bestLine < 0) return undefined;
      for (const cursor of cursors) {
        if (cursor.list[cursor.below] === bestLine) cursor.below++;
        if (cursor.list[cursor.above] === bestLine) cursor.above--;
      }
      // The near window was searched already.
      if (bestDistance <= NEAR_WINDOW) continue;
      const found = this.matchAt(bestLine, quote, span);
      if (found !== undefined) return found;
    }
  }

  /**
   * Lines whose collapsed start could begin the quote: those sharing its first
   * KEY_LENGTH characters, and shorter lines that are a whole word-prefix of it (the
   * quote then continues on the next line).
   */
  private candidateLists(quote: string): number[][] {
    const map = this.buildPrefixMap();
    const keys = new Set<string>([quote.slice(0, KEY_LENGTH)]);
    for (let index = 1; index < Math.min(KEY_LENGTH, quote.length); index++) {
      if (quote[index] === ' ') keys.add(quote.slice(0, index));
    }
    const lists: number[][] = [];
    for (const key of keys) {
      const list = map.get(key);
      if (list !== undefined) lists.push(list);
    }
    return lists;
  }

  private buildPrefixMap(): Map<string, number[]> {
    if (this.prefixMap !== undefined) return this.prefixMap;
    const map = new Map<string, number[]>();
    this.bodies.forEach((body, index) => {
      const key = collapsedPrefix(body, KEY_LENGTH);
      if (key === '') return;
      const list = map.get(key);
      if (list === undefined) map.set(key, [index + 1]);
      else list.push(index + 1);
    });
    this.prefixMap = map;
    return map;
  }
}

/**
 * makeQuote cuts at 80 code points and drops a space left at the cut, so a cut quote
 * has 79 or 80; a quote of 78 or fewer is the code's whole text.
 */
export function isWholeText(quote: string): boolean {
  if (quote.length <= WHOLE_TEXT_MAX) return true;
  let codePoints = 0;
  for (const _ of quote) codePoints++;
  return codePoints <= WHOLE_TEXT_MAX;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
