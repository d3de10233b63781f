/**
 * Folding for search (issue 18): case and accents do not matter, spelling does. Both the
 * text searched and the words searched for are folded the same way:
 * - lowercased with the locale-independent `toLowerCase` (Indonesian and English have no
 *   special casing; a Turkish `İ` lowercases to `i` plus a combining dot, dropped below);
 * - decomposed (NFD) and every combining mark (`\p{M}`) dropped, so `é` reads as `e` and
 *   `Koordinasi`, `koordinasi` and `KOORDINASİ` are one word. Letters are never merged or
 *   dropped: `kordinasi` does not match `koordinasi`.
 * Hand-written because it is two standard-library calls; the work here is keeping it
 * cheap, since a study search reads hundreds of thousands of lines: a line of plain ASCII
 * (most transcript lines) is only lowercased, or not even that (needsFolding).
 */

/** Anything but printable ASCII and tabs: such a line takes the full (slower) fold. */
const NOT_PLAIN_ASCII = /[^\t\x20-\x7e]/u;
const COMBINING_MARKS = /\p{M}+/gu;

export function foldForSearch(text: string): string {
  const lower = text.toLowerCase();
  if (!NOT_PLAIN_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * Whether `text` needs foldForSearch before a case-insensitive (`i`) regular expression
 * reads it: plain ASCII does not, since for it folding only lowercases, which the `i`
 * flag already ignores. This spares most lines a copy (query.ts).
 */
export function needsFolding(text: string): boolean {
  return NOT_PLAIN_ASCII.test(text);
}

/** Whether two names (a speaker, an agency, an attribute's value) are the same once folded and trimmed. */
export function sameFolded(a: string, b: string): boolean {
  return foldForSearch(a.trim().replace(/\s+/gu, ' ')) === foldForSearch(b.trim().replace(/\s+/gu, ' '));
}
