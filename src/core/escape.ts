/**
 * Text from transcripts and sidecars is untrusted: anyone can write a factor name that
 * looks like a command link or a script. These make such text inert wherever it is
 * shown — Markdown (hovers, reports) and HTML (webviews).
 */

/** Escapes Markdown syntax and HTML so the text renders as itself, on one line, with no link in it. */
export function escapeMarkdown(text: string): string {
  return neutraliseLinks(text)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/gu, '\\$&')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/\r?\n/gu, ' ');
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
 * or a tracking image. Only links we write ourselves (hover actions) are links.
 */
export function neutraliseLinks(text: string): string {
  return text
    .replace(/\/\//gu, `/${JOINER}/`)
    .replace(/\b(www)\./giu, `$1${JOINER}.`)
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
