/**
 * The edits VS Code sends for common commands, as plain TextEdits, so the tests feed
 * LiveAnchors what the editor adapter will. Shapes follow VS Code's sources: a command
 * builds edit operations in document coordinates; the text model sorts them, merges
 * operations whose ranges touch into one (pieceTreeTextBuffer `_reduceOperations`), and
 * reports them from the end of the document to the start, so each change's offsets are
 * valid after the ones before it were applied.
 */
import type { TextEdit } from '../../src/core/anchoring';

/** An operation in the coordinates of the text before the command. */
export interface Operation {
  start: number;
  end: number;
  text: string;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') starts.push(index + 1);
  return starts;
}

/** Offset of a 1-based line and 0-based column. */
export function offsetAt(text: string, line: number, column: number): number {
  const start = lineStarts(text)[line - 1];
  if (start === undefined) throw new RangeError(`no line ${line}`);
  return start + column;
}

export function lineAt(text: string, line: number): string {
  const value = text.split('\n')[line - 1];
  if (value === undefined) throw new RangeError(`no line ${line}`);
  return value;
}

export function lineCountOf(text: string): number {
  return text.split('\n').length;
}

/** What VS Code reports for a command's operations. */
export function changeEvent(text: string, operations: readonly Operation[]): TextEdit[] {
  const sorted = [...operations].sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Operation[] = [];
  for (const operation of sorted) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && operation.start <= previous.end) {
      // Touching ranges become one operation over both, keeping the text between them.
      previous.text = previous.text + text.slice(previous.end, operation.start) + operation.text;
      previous.end = Math.max(previous.end, operation.end);
    } else {
      merged.push({ ...operation });
    }
  }
  return merged.reverse().map((operation) => ({ offset: operation.start, length: operation.end - operation.start, text: operation.text }));
}

export function applyToText(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}

export function insertAt(text: string, line: number, column: number, inserted: string): TextEdit[] {
  return [{ offset: offsetAt(text, line, column), length: 0, text: inserted }];
}

export function replaceRange(text: string, from: [number, number], to: [number, number], inserted: string): TextEdit[] {
  const start = offsetAt(text, from[0], from[1]);
  return [{ offset: start, length: offsetAt(text, to[0], to[1]) - start, text: inserted }];
}

/** Delete Line (Ctrl+Shift+K) or deleting a whole-line selection. */
export function deleteLines(text: string, first: number, last: number): TextEdit[] {
  const count = lineCountOf(text);
  if (last < count) return replaceRange(text, [first, 0], [last + 1, 0], '');
  if (first > 1) return replaceRange(text, [first - 1, lineAt(text, first - 1).length], [last, lineAt(text, last).length], '');
  return replaceRange(text, [1, 0], [last, lineAt(text, last).length], '');
}

/** Cut (Ctrl+X) with an empty selection on `line`: the whole line goes. Returns the edits and the clipboard. */
export function cutLine(text: string, line: number): { edits: TextEdit[]; clipboard: string } {
  return { edits: deleteLines(text, line, line), clipboard: lineAt(text, line) + '\n' };
}

/** Paste of a whole-line clipboard with an empty selection: VS Code inserts it above the cursor's line. */
export function pasteLinesAbove(text: string, line: number, clipboard: string): TextEdit[] {
  return insertAt(text, line, 0, clipboard);
}

/** Alt+Down on lines first..last (MoveLinesCommand, no auto-indent). */
export function moveLinesDown(text: string, first: number, last: number): TextEdit[] {
  const lines = text.split('\n');
  if (last >= lines.length) return [];
  if (first === last && lineAt(text, first) === '') return moveEmptyLine(text, first, first + 1);
  const moving = lineAt(text, last + 1);
  return changeEvent(text, [
    { start: offsetAt(text, last, lineAt(text, last).length), end: offsetAt(text, last + 1, moving.length), text: '' },
    { start: offsetAt(text, first, 0), end: offsetAt(text, first, 0), text: moving + '\n' },
  ]);
}

/** Alt+Up on lines first..last. */
export function moveLinesUp(text: string, first: number, last: number): TextEdit[] {
  if (first <= 1) return [];
  if (first === last && lineAt(text, first) === '') return moveEmptyLine(text, first, first - 1);
  const moving = lineAt(text, first - 1);
  return changeEvent(text, [
    { start: offsetAt(text, first - 1, 0), end: offsetAt(text, first, 0), text: '' },
    { start: offsetAt(text, last, lineAt(text, last).length), end: offsetAt(text, last, lineAt(text, last).length), text: '\n' + moving },
  ]);
}

/** VS Code moves an empty line by typing the other line's text into it and clearing the other line. */
function moveEmptyLine(text: string, line: number, other: number): TextEdit[] {
  const otherText = lineAt(text, other);
  if (otherText === '') return changeEvent(text, [{ start: 0, end: 0, text: '' }]);
  return changeEvent(text, [
    { start: offsetAt(text, line, 0), end: offsetAt(text, line, 0), text: otherText },
    { start: offsetAt(text, other, 0), end: offsetAt(text, other, otherText.length), text: '' },
  ]);
}

/** Another editor's way to swap two adjacent lines: one replace over both. */
export function swapAsOneReplace(text: string, upper: number): TextEdit[] {
  const upperText = lineAt(text, upper);
  const lowerText = lineAt(text, upper + 1);
  return replaceRange(text, [upper, 0], [upper + 1, lowerText.length], lowerText + '\n' + upperText);
}
