/**
 * The one rule that says whether a code's `quote` is the start of the text at its lines
 * (DESIGN §3). The writer writes one canonical form (quote.ts: the bodies of the lines,
 * whitespace collapsed, cut at 80 code points); a reader must also accept what people and
 * other tools write. A quote *holds* at lines first..last when one of its readings is a
 * prefix of the lines' text, both taken in the *match form* below, and the prefix is
 *
 * - at least MIN_PREFIX_CHARS code points long and ending where a word ends (or marked
 *   as cut with "..." or "…", or as long as the writer's own cut: 79–80 code points), or
 * - the whole text of one or more lines (it ends where a line ends): "Ya, betul." on a
 *   line that reads exactly that, or a multi-line code's quote that is its first line.
 *
 * The word end keeps "catatan nomor 2" off a line that reads "catatan nomor 20".
 *
 * The readings of a quote: the quote as written; without a trailing "..." or "…" (a
 * hand-cut quote); without surrounding quotation marks; and each of those without a
 * leading speaker label and timestamp, in either order (`KABAN: [00:01:02] Namun …`),
 * read by the transcript's own line rules, so a label is recognised exactly where the
 * transcript would recognise it.
 *
 * The match form of a text: Unicode NFC (a Mac's NFD file and a Windows NFC quote
 * agree), typographic quotation marks as ASCII ones (Word turns ' into ’), the ellipsis
 * character as "...", and whitespace collapsed to single spaces. Case is kept: a quote
 * is a citation, and "Dinas" is not "dinas".
 *
 * Why not equality with the writer's form alone: a hand-written study whose codes sit on
 * exactly the right lines was reported 32 codes out of 35 as off their text because its
 * quotes carried the speaker label or were the first words of a multi-line code.
 *
 * Cost: bounded by the quote's length, not the line's: a 5 MB one-line transcript is
 * read no further than a few hundred characters.
 */
import { collapsedPrefix, lineBodyOf } from '../transcript';

/** A shorter quote must be the whole text of its first line(s): a few words alone could start many lines. */
export const MIN_PREFIX_CHARS = 15;
/** makeQuote cuts at 80 code points and trims a space left at the cut: 79 or 80. */
const WRITER_CUT_CHARS = 79;

/** How a quote is compared: its readings in match form, longest first. */
export interface QuoteReading {
  /** The quote as written. */
  readonly quote: string;
  /** Distinct readings in match form, none empty; empty when the quote has no text. */
  readonly forms: readonly string[];
  /** The forms that may end inside a word: marked as cut, or cut where the writer cuts. */
  readonly cutForms: ReadonlySet<string>;
  /** The longest form's length in UTF-16 units: how much of a line's text any check reads. */
  readonly longest: number;
}

/** The readings of a quote; compute once per code, then test it against many places. */
export function readQuote(quote: string): QuoteReading {
  const forms = new Set<string>();
  const cutForms = new Set<string>();
  const add = (text: string, cut: boolean): void => {
    for (const form of [matchForm(text), matchForm(lineBodyOf(text))]) {
      if (form === '') continue;
      forms.add(form);
      if (cut || codePointsAtLeast(form, WRITER_CUT_CHARS)) cutForms.add(form);
    }
  };
  const written = matchForm(quote);
  add(written, false);
  const uncut = withoutTrailingEllipsis(written);
  add(uncut, uncut !== written);
  for (const text of [written, uncut]) {
    const unquoted = withoutSurroundingQuotes(text);
    if (unquoted !== text) {
      const unquotedUncut = withoutTrailingEllipsis(unquoted);
      add(unquoted, text !== written);
      add(unquotedUncut, unquotedUncut !== unquoted || text !== written);
    }
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return { quote, forms: sorted, cutForms, longest: sorted[0]?.length ?? 0 };
}

/** The text of some lines, in match form, read lazily up to what a quote needs. */
interface MatchText {
  /** Lines first.. in match form, joined by single spaces, possibly cut (see `complete`). */
  text: string;
  /** Offsets in `text` where a line's text ends (only lines read whole). */
  lineEnds: number[];
  /** Whether `text` holds all the text of the lines asked for. */
  complete: boolean;
}

/**
 * The match form of lines first..last, read until it holds more than `needed` UTF-16
 * units: enough to decide any prefix of that length and whether a line ends right after it.
 */
function matchTextOf(bodyAt: (line: number) => string, first: number, last: number, needed: number): MatchText {
  let text = '';
  const lineEnds: number[] = [];
  // NFC may shorten text (e + combining acute is one unit): read generously before normalising.
  const readLimit = needed * 2 + 16;
  for (let line = first; line <= last; line++) {
    const body = bodyAt(line);
    const prefix = collapsedPrefix(body, readLimit);
    const cut = prefix.length >= readLimit && collapsedPrefix(body, readLimit + 1).length > prefix.length;
    const form = foldMarks(prefix.normalize('NFC'));
    if (form !== '') {
      text = text === '' ? form : `${text} ${form}`;
      if (!cut) lineEnds.push(text.length);
    }
    if (cut) return { text, lineEnds, complete: false };
    if (text.length > needed) return { text, lineEnds, complete: line === last };
  }
  return { text, lineEnds, complete: true };
}

/** Whether some reading of the quote holds on this text (see the module comment). */
function readingHolds(reading: QuoteReading, text: MatchText): boolean {
  for (const form of reading.forms) {
    if (!text.text.startsWith(form)) continue;
    if (text.lineEnds.includes(form.length)) return true;
    if (!codePointsAtLeast(form, MIN_PREFIX_CHARS)) continue;
    if (reading.cutForms.has(form) || endsWord(text.text, form.length)) return true;
  }
  return false;
}

/** The text does not go on with the same word after `at`: "nomor 2" ends a word in "nomor 2, lalu", not in "nomor 20". */
function endsWord(text: string, at: number): boolean {
  if (at >= text.length) return true;
  return !(WORD_CHARACTER.test(text.charAt(at - 1)) && WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(at) ?? 0x20)));
}

const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;

/** Whether the quote holds at lines first..last, given each line's body. */
export function quoteHolds(reading: QuoteReading, bodyAt: (line: number) => string, first: number, last: number): boolean {
  if (reading.forms.length === 0) return false;
  return readingHolds(reading, matchTextOf(bodyAt, first, last, reading.longest));
}

/** Text in match form: NFC, ASCII quotation marks and "...", whitespace collapsed and trimmed. */
export function matchForm(text: string): string {
  return foldMarks(collapsedPrefix(text, Number.MAX_SAFE_INTEGER).normalize('NFC'));
}

const TYPOGRAPHIC_MARK = /[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2026]/u;
const TYPOGRAPHIC_MARKS = new RegExp(TYPOGRAPHIC_MARK.source, 'gu');
const ASCII_FOR_MARK: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2026': '...',
};

function foldMarks(text: string): string {
  return TYPOGRAPHIC_MARK.test(text) ? text.replace(TYPOGRAPHIC_MARKS, (mark) => ASCII_FOR_MARK[mark] ?? mark) : text;
}

function withoutTrailingEllipsis(form: string): string {
  return form.endsWith('...') ? form.slice(0, -3).trimEnd() : form;
}

/** `"text"` or `'text'` → text: a quote written as a citation, marks included. */
function withoutSurroundingQuotes(form: string): string {
  const open = form[0];
  if ((open === '"' || open === "'") && form.length > 2 && form.endsWith(open)) return form.slice(1, -1).trim();
  if ((open === '"' || open === "'") && form.length > 5 && form.endsWith(`${open}...`)) return form.slice(1, -4).trim();
  return form;
}

function codePointsAtLeast(text: string, count: number): boolean {
  if (text.length < count) return false;
  if (text.length >= count * 2) return true;
  let points = 0;
  for (const _ of text) if (++points >= count) return true;
  return false;
}
