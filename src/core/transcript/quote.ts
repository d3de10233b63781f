/**
 * The `quote` of a code: the start of the coded text, whitespace collapsed, at most 80
 * characters (counted in code points, so an emoji or a combining sequence is never cut
 * in half at the surrogate level). With the code's position it is how a code finds its
 * lines again after the transcript changed outside the editor.
 */
export const QUOTE_MAX_CHARS = 80;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export function makeQuote(text: string): string {
  const collapsed = collapseWhitespace(text);
  const codePoints = Array.from(collapsed);
  if (codePoints.length <= QUOTE_MAX_CHARS) return collapsed;
  return codePoints.slice(0, QUOTE_MAX_CHARS).join('').trimEnd();
}

/**
 * The quote of lines `first..last` (1-based, inclusive) given each line's body — the
 * line's text after its speaker label and timestamp (see transcript.ts), so a quote
 * reads as what the informant said.
 */
export function quoteOfLines(bodies: readonly string[], first: number, last: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let line = first; line <= last && line <= bodies.length; line++) {
    const body = bodies[line - 1] ?? '';
    parts.push(body);
    length += body.length + 1;
    // Enough text for a full quote: stop early so a long code costs no more than a short one.
    if (length > QUOTE_MAX_CHARS * 4) break;
  }
  return makeQuote(parts.join(' '));
}
