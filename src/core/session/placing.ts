/**
 * Placing codes on a transcript's text: whether every code already sits on its quote
 * (decided from the coded lines alone, so opening a long transcript does not parse it
 * whole), and the re-anchoring a worker thread runs for a deferred open (issue 19).
 */
import { reanchor, type AnchorResult } from '../anchoring';
import { lineBodies, lineBodyOf, parseTranscript, QUOTE_MAX_CHARS, QUOTE_READS_CHARS, quoteOfLines } from '../transcript';
import type { ReanchorInput } from './model';

/** Line bodies exactly as the CLI's index computes them, front matter included. */
export function bodiesOf(text: string): string[] {
  return lineBodies(parseTranscript(text, '').transcript);
}

/** A deferred re-anchoring's work (CodingSession.pendingReanchor), as the session would do it; pure, so a worker can run it. */
export function reanchorTranscriptText(text: string, codes: readonly ReanchorInput[]): AnchorResult[] {
  return reanchor(bodiesOf(text), codes);
}

/**
 * Whether `reanchor(bodiesOf(text), codes)` would find every code in place, decided from
 * the bodies of the coded lines only: a 20,000-line transcript is not parsed whole to
 * learn that its 2,000 codes are where they were. Mirrors reanchor's first steps — lines
 * as given, an empty quote on existing lines, or the quote on its lines. The lines are
 * read from the live text's line store (`lines`: the text as a file, as splitLines
 * gives it), so opening splits the transcript once, not twice.
 */
export function allInPlace(
  lines: { count: number; frontMatterEnd: number; text(line: number): string },
  codes: ReadonlyArray<{ lines: readonly [number, number]; quote: string }>,
): boolean {
  const { frontMatterEnd } = lines;
  // A map, not an array indexed by line: a few thousand lines scattered over 20,000 would make it a slow sparse array.
  const bodies = new Map<number, string>();
  const bodyOf = (line: number): string => {
    let body = bodies.get(line);
    if (body === undefined) {
      body = line <= frontMatterEnd ? '' : lineBodyOf(lines.text(line));
      bodies.set(line, body);
    }
    return body;
  };
  const gathered: string[] = [];
  for (const { lines: [first, last], quote } of codes) {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first || last > lines.count) return false;
    if (quote === '') continue;
    // Usually the first line alone holds a whole quote's worth of text, and then the
    // quote of the lines is the quote of that line, whatever follows it. A full quote
    // that is already collapsed and begins the line's body is that quote, as is.
    const firstBody = bodyOf(first);
    const quotePoints = codePoints(quote);
    if (quotePoints === QUOTE_MAX_CHARS && firstBody.startsWith(quote) && COLLAPSED.test(quote) && !endsInHighSurrogate(quote)) continue;
    const single = quoteOfLines([firstBody], 1, 1);
    if (first === last || codePoints(single) >= QUOTE_MAX_CHARS) {
      if (single !== quote) return false;
      continue;
    }
    // Otherwise the lines quoteOfLines would gather: up to the one that takes the text past its limit.
    gathered.length = 0;
    let length = 0;
    for (let line = first; line <= last; line++) {
      const body = bodyOf(line);
      gathered.push(body);
      length += body.length + 1;
      if (length > QUOTE_READS_CHARS) break;
    }
    if (quoteOfLines(gathered, 1, gathered.length) !== quote) return false;
  }
  return true;
}

/** Text with no white space but single spaces between words (what quoteOfLines makes of text). */
const COLLAPSED = /^\S+(?: \S+)*$/u;

/** A quote cut inside a surrogate pair (only by hand) is not one quoteOfLines would make. */
function endsInHighSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/** Code points of `text`, a pair of surrogates counting as one (as quoteOfLines counts them). */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
