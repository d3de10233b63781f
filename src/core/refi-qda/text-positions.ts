/**
 * Between sidecar lines and REFI-QDA text positions. REFI-QDA §10.2 counts Unicode code
 * points from 0 at the start of the plain-text source; JavaScript strings count UTF-16
 * units, so an emoji (one code point, two units) must be counted once here.
 *
 * The export writes each transcript as LF text without BOM, and a code on lines a..b
 * becomes the selection from the first code point of line a to the end of line b's
 * text, end exclusive and WITHOUT line b's newline: the selection is the coded text, as
 * the tools display a quotation, and a newline at its end would make ATLAS.ti and
 * QualCoder show the quotation running into the next paragraph.
 *
 * The import reads sources written by other tools, which may end lines with CR LF or
 * CR; a line break is one or two code points there, and positions count them as the
 * tool that wrote them did.
 */

export interface LineLayout {
  /** Code point offset where the line's text starts. */
  start: number;
  /** Code point offset just past the line's text (its line break not included). */
  end: number;
  /** UTF-16 offset of the line's text in the source string. */
  utf16Start: number;
  /** The line's text, without its line break. */
  text: string;
}

/** Each line of `text` (breaks: LF, CR LF or CR) with its code point span. A final break ends the last line. */
export function layoutLines(text: string): LineLayout[] {
  const lines: LineLayout[] = [];
  let codePoints = 0;
  let lineStartUtf16 = 0;
  let lineStartCodePoints = 0;
  let index = 0;
  while (index < text.length) {
    const unit = text.charCodeAt(index);
    if (unit === 10 || unit === 13) {
      lines.push({ start: lineStartCodePoints, end: codePoints, utf16Start: lineStartUtf16, text: text.slice(lineStartUtf16, index) });
      const breakLength = unit === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1;
      index += breakLength;
      codePoints += breakLength;
      lineStartUtf16 = index;
      lineStartCodePoints = codePoints;
      continue;
    }
    index += isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
    codePoints++;
  }
  if (lineStartUtf16 < text.length) {
    lines.push({ start: lineStartCodePoints, end: codePoints, utf16Start: lineStartUtf16, text: text.slice(lineStartUtf16) });
  }
  return lines;
}

export function codePointLength(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    if (!(isLowSurrogate(text.charCodeAt(index)) && index > 0 && isHighSurrogate(text.charCodeAt(index - 1)))) count++;
  }
  return count;
}

/** The selection of lines `first..last` (1-based, inclusive): start of line `first` to end of line `last`'s text. */
export function selectionOfLines(layout: readonly LineLayout[], first: number, last: number): { start: number; end: number } | undefined {
  const firstLine = layout[first - 1];
  const lastLine = layout[last - 1];
  if (firstLine === undefined || lastLine === undefined || first > last) return undefined;
  return { start: firstLine.start, end: lastLine.end };
}

export type LinesOfSelection =
  | {
      status: 'lines';
      first: number;
      last: number;
      /** Text the line codes add before and after the selection, when the selection covered only part of a line. */
      addedBefore: string;
      addedAfter: string;
    }
  | { status: 'empty' | 'out-of-range' };

/**
 * The lines a selection [start, end) touches with at least one code point of their text:
 * a selection that begins on a line break belongs to the next line, one that ends just
 * after a line break to the line before it.
 */
export function linesOfSelection(layout: readonly LineLayout[], start: number, end: number, total: number): LinesOfSelection {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > total || start > end) {
    return { status: 'out-of-range' };
  }
  const touches = (line: LineLayout): boolean => line.end > line.start && line.end > start && line.start < end;
  let firstIndex = firstLineEndingAfter(layout, start);
  while (firstIndex < layout.length && !touches(layout[firstIndex] as LineLayout)) {
    if ((layout[firstIndex] as LineLayout).start >= end) return { status: 'empty' };
    firstIndex++;
  }
  if (firstIndex >= layout.length) return { status: 'empty' };
  let lastIndex = firstIndex;
  while (lastIndex + 1 < layout.length && (layout[lastIndex + 1] as LineLayout).start < end) lastIndex++;
  while (lastIndex > firstIndex && !touches(layout[lastIndex] as LineLayout)) lastIndex--;

  const firstLine = layout[firstIndex] as LineLayout;
  const lastLine = layout[lastIndex] as LineLayout;
  return {
    status: 'lines',
    first: firstIndex + 1,
    last: lastIndex + 1,
    addedBefore: start > firstLine.start ? sliceCodePoints(firstLine.text, 0, start - firstLine.start) : '',
    addedAfter: end < lastLine.end ? sliceCodePoints(lastLine.text, end - lastLine.start, lastLine.end - lastLine.start) : '',
  };
}

/** Index of the first line whose text ends after `position` (binary search; lines are in order). */
function firstLineEndingAfter(layout: readonly LineLayout[], position: number): number {
  let low = 0;
  let high = layout.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((layout[middle] as LineLayout).end > position) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Code points `from..to` of `text`. */
function sliceCodePoints(text: string, from: number, to: number): string {
  return Array.from(text).slice(from, to).join('');
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
