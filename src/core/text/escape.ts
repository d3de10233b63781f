/**
 * Text from transcripts and sidecars is untrusted: anyone can write a factor name that
 * looks like a command link or a script. These make such text inert wherever it is
 * shown — Markdown (hovers, reports) and HTML (webviews).
 */

/**
 * Text that renders as itself, on one line, with no link, HTML, emphasis or block in it,
 * and that still reads cleanly as raw Markdown (a findings report is pasted into a thesis
 * chapter): only what a CommonMark or GFM reader would otherwise take as syntax gets a
 * backslash, so "Charles O. Jones", "2026-12-04", "e-government" and "(Informan utama)"
 * stay as written. Hand-written because no Markdown library escapes by context; the rules
 * are checked against markdown-it by a round-trip property test (test/unit/markdown-escape.test.ts).
 *
 * Anywhere in the text:
 * - `\` before ASCII punctuation or at the end (it would escape what follows);
 * - `` ` `` `*` `~` `[` `]` `|` `$` (code spans, emphasis, strikethrough and fences, links
 *   and images, table cells, the preview's math);
 * - `_` unless between two letters or digits, where it cannot start or end emphasis;
 * - `<` before a letter, `/`, `!` or `?` (HTML and autolinks) becomes `&lt;`, which every
 *   Markdown reader understands, even one that ignores a backslash there; `&` before `#`
 *   or a name and `;` (entities);
 * - line breaks become spaces, so the text cannot start a block of its own: \n, \r, and
 *   U+2028 and U+2029, which CommonMark does not count but marked's `.` stops at (a
 *   heading holding one became a paragraph there); NUL becomes U+FFFD, as CommonMark
 *   readers show it.
 * At the start: `#` `>` `-` `+` `=` (headings, quotes, lists, rules, setext underlines)
 * and the `.` or `)` of `12.`/`12)` (ordered lists). At the end: a ` #` run (a heading's
 * closing sequence). URLs and e-mail addresses are neutralised first (neutraliseLinks).
 */
export function escapeMarkdown(text: string): string {
  // NUL becomes U+FFFD, as CommonMark requires of readers (not all comply).
  const plain = neutraliseLinks(text).replace(LINE_BREAK, ' ').replaceAll('\u0000', '\ufffd');
  const chars = Array.from(plain);
  const closingRun = /(?:^|[ \t])(#+)[ \t]*$/u.exec(plain);
  const closingStart = closingRun === null ? -1 : Array.from(plain.slice(0, closingRun.index + closingRun[0].indexOf('#'))).length;
  const ordered = /^\d+([.)])(?=\s|$)/u.exec(plain);
  const orderedMark = ordered === null ? -1 : Array.from(ordered[0]).length - 1;
  let out = '';
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] as string;
    const next = chars[index + 1] ?? '';
    const entity = char === '&' && ENTITY_AFTER_AMPERSAND.test(chars.slice(index + 1, index + 34).join(''));
    if (char === '<' && /^[A-Za-z/!?]$/u.test(next)) {
      out += '&lt;';
      continue;
    }
    if (entity || needsEscape(char, chars[index - 1] ?? '', next, index, chars.length) || index === closingStart || index === orderedMark) out += '\\';
    out += char;
  }
  return out;
}

/** Every line break of a reader: CommonMark's, and the line and paragraph separators that JavaScript's `.` stops at. */
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/gu;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/u;
const WORD = /^[\p{L}\p{N}]$/u;
/** What makes `&…` an entity reference: `&#…` or a name and `;` (`&copy;`); "Q&A" stays. */
const ENTITY_AFTER_AMPERSAND = /^(?:#|[A-Za-z0-9]+;)/u;
const ALWAYS = new Set(['`', '*', '~', '[', ']', '|', '$']);
const AT_START = new Set(['#', '>', '-', '+', '=']);

function needsEscape(char: string, previous: string, next: string, index: number, length: number): boolean {
  if (ALWAYS.has(char)) return true;
  if (index === 0 && AT_START.has(char)) return true;
  switch (char) {
    case '\\':
      return index === length - 1 || ASCII_PUNCTUATION.test(next);
    case '_':
      return !(WORD.test(previous) && WORD.test(next));
    default:
      return false;
  }
}

/** U+200D ZERO WIDTH JOINER: invisible, so the text reads as written, but no URL or e-mail pattern matches across it. */
const JOINER = '\u200d';

/**
 * Text that renderers would turn into a link by themselves, whatever the escaping:
 * GFM autolinks (VS Code's hover renderer, GitHub) and linkify (markdown-it, VS Code's
 * Markdown preview) find `https://…`, `//host`, `www.…` and `name@host` in plain text,
 * including inside `<…>` and `![x](…)` once those are escaped. A zero-width joiner is put
 * between the two slashes, after `www` and before every `@` (`mailto:` and `xmpp:`
 * autolinks take an address with an empty or odd local part): the text still reads exactly as
 * written (a backslash or a code span would show, and `&#58;` reads badly in the raw
 * Markdown of an export), and no autolinker matches it, so a factor cannot become a link
 * or a tracking image. Only links we write ourselves (hover actions) are links. `www` is
 * caught after any non-letter (GFM links `_www.…`, where `\b` sees no boundary).
 */
export function neutraliseLinks(text: string): string {
  return text
    .replace(/\/\//gu, `/${JOINER}/`)
    .replace(/(?<![\p{L}\p{N}])(www)\./giu, `$1${JOINER}.`)
    .replace(/@/gu, `${JOINER}@`);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');
}

/**
 * Characters a terminal obeys rather than shows: C0 controls other than tab and line
 * feed (ESC starts the ANSI sequences that recolour, move the cursor, retitle the window
 * or, in some terminals, write files; CR and BS overwrite what was printed), DEL, C1
 * controls (U+009B is a one-character CSI), and the Unicode bidirectional overrides and
 * isolates that make a line read differently from what it holds ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- control characters are what must go
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text from transcripts and sidecars made safe to print in a terminal: every control
 * character becomes a visible `\uXXXX`, so a factor holding an ANSI escape prints as
 * `\u001b[2J` instead of clearing the screen. Inside a JSON string `\uXXXX` is the same
 * character, so JSON output keeps its meaning.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
