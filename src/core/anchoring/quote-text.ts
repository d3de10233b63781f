/**
 * Fast forms of quote.ts for the re-anchoring hot loop, which asks "what is the quote of
 * lines s..e?" thousands of times. `quoteAt` returns exactly what `quoteOfLines` returns
 * (a property test holds them equal) but collapses whitespace in one pass that stops after
 * 81 code points, instead of a regular expression over every line and an array of every
 * code point.
 */
import { QUOTE_MAX_CHARS } from '../transcript';

// Copied once: an imported binding read in a hot loop can cost a getter call per read
// when the module is transpiled (tsx, the tests), and this loop runs millions of times.
const MAX_CODE_POINTS = QUOTE_MAX_CHARS;
/** quoteOfLines collects lines until it holds more than this many characters. */
const COLLECT_LIMIT = MAX_CODE_POINTS * 4;

/** Same as quoteOfLines(bodies, first, last). */
export function quoteAt(bodies: readonly string[], first: number, last: number): string {
  // Gather the same lines quoteOfLines gathers (its early stop decides which text counts).
  const parts: string[] = [];
  let length = 0;
  for (let line = first; line <= last && line <= bodies.length; line++) {
    const body = bodies[line - 1] ?? '';
    parts.push(body);
    length += body.length + 1;
    if (length > COLLECT_LIMIT) break;
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
