/**
 * The `quote` of a code: the start of the coded text, whitespace collapsed, at most 80
 * characters (counted in code points, so an emoji or a combining sequence is never cut
 * in half at the surrogate level). With the code's position it is how a code finds its
 * lines again after the transcript changed outside the editor. Written once, here: the
 * writer, re-anchoring, the session and the exports all take a code's quote from
 * `quoteOfLines`.
 */
export const QUOTE_MAX_CHARS = 80;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A quote reads lines until they hold more than this many characters: a long code costs no more than a short one. */
export const QUOTE_READS_CHARS = QUOTE_MAX_CHARS * 4;

// Copied once: an imported binding read in a hot loop can cost a getter call per read
// when the module is transpiled (tsx, the tests), and this loop runs millions of times.
const MAX_CODE_POINTS = QUOTE_MAX_CHARS;

/**
 * The quote of lines `first..last` (1-based, inclusive) given each line's body — the
 * line's text after its speaker label and timestamp (see transcript.ts), so a quote
 * reads as what the informant said. Whitespace is collapsed in one pass that stops after
 * 81 code points: re-anchoring asks this thousands of times (test/unit/anchoring-internals
 * holds it equal to the plain definition: collapse, then cut at 80 code points).
 */
export function quoteOfLines(bodies: readonly string[], first: number, last: number): string {
  // Enough text for a full quote: stop early so a long code costs no more than a short one.
  const parts: string[] = [];
  let length = 0;
  for (let line = first; line <= last && line <= bodies.length; line++) {
    const body = bodies[line - 1] ?? '';
    parts.push(body);
    length += body.length + 1;
    if (length > QUOTE_READS_CHARS) break;
  }
  // Copy runs of visible characters as slices; whitespace runs (and the joins between
  // lines) become one space between runs, none at either end.
  let out = '';
  let codePoints = 0;
  let pendingSpace = false;
  for (let part = 0; part < parts.length; part++) {
    if (part > 0) pendingSpace = true;
    const text = parts[part] as string;
    let index = 0;
    while (index < text.length) {
      if (isWhitespace(text.charCodeAt(index))) {
        pendingSpace = true;
        index++;
        continue;
      }
      if (pendingSpace && out !== '') {
        if (codePoints === MAX_CODE_POINTS) return out.trimEnd();
        out += ' ';
        codePoints++;
      }
      pendingSpace = false;
      const runStart = index;
      while (index < text.length && codePoints < MAX_CODE_POINTS) {
        const unit = text.charCodeAt(index);
        if (isWhitespace(unit)) break;
        const next = text.charCodeAt(index + 1);
        index += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
        codePoints++;
      }
      out += text.slice(runStart, index);
      if (codePoints === MAX_CODE_POINTS && index < text.length && !isWhitespace(text.charCodeAt(index))) return out.trimEnd();
    }
  }
  return out;
}

/** collapseWhitespace(text).slice(0, limit), without collapsing more of a long line than needed. */
export function collapsedPrefix(text: string, limit: number): string {
  let out = '';
  let pendingSpace = false;
  let index = 0;
  while (index < text.length && out.length < limit) {
    if (isWhitespace(text.charCodeAt(index))) {
      pendingSpace = true;
      index++;
      continue;
    }
    if (pendingSpace && out !== '') out += ' ';
    pendingSpace = false;
    const runStart = index;
    while (index < text.length && !isWhitespace(text.charCodeAt(index))) index++;
    out += text.slice(runStart, index);
  }
  return out.length > limit ? out.slice(0, limit) : out;
}

/**
 * Could the collapsed text starting with `body` begin with `quote`? A cheap, exact
 * filter on the line's first characters before the full comparison. A blank body never
 * does: quotes start on a line with text.
 */
export function startsLike(body: string, quote: string, checked = 16): boolean {
  let index = 0;
  while (index < body.length && isWhitespace(body.charCodeAt(index))) index++;
  if (index === body.length) return false;
  let position = 0;
  const limit = Math.min(checked, quote.length);
  while (position < limit) {
    if (index >= body.length) return quote.charCodeAt(position) === 0x20; // the quote goes on to the next line
    const unit = body.charCodeAt(index);
    if (isWhitespace(unit)) {
      while (index < body.length && isWhitespace(body.charCodeAt(index))) index++;
      if (index >= body.length) return quote.charCodeAt(position) === 0x20;
      if (quote.charCodeAt(position) !== 0x20) return false;
    } else {
      if (quote.charCodeAt(position) !== unit) return false;
      index++;
    }
    position++;
  }
  return true;
}

/** Exactly the characters JavaScript's \s matches (WhiteSpace and LineTerminator). */
function isWhitespace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}
