/**
 * Live edit mapping: keeps every code on its lines while the user types. The editor
 * adapter turns each change event into plain `{offset, length, text}` edits and calls
 * `applyEdits`; positions move by the explicit rules below (docs/anchoring.md has them
 * with examples).
 *
 * One edit replaces old lines a..b (the lines holding its start and end) with new lines
 * a..a+k, where k is the number of line breaks it inserts. Then:
 *
 * 1. Lines before a are unchanged; lines after b shift by k − (b − a).
 * 2. An edit inside one line that inserts no line break moves nothing (unless it is half
 *    of a move within one event, rule 6).
 * 3. Old line a keeps its place when text before the edit's start survives on it; old
 *    line b survives (at a+k) when text after the edit's end does. A line that keeps
 *    nothing is deleted. An edit within one line never deletes it: a line split by
 *    inserted line breaks spans all the pieces; text inserted at column 0 pushes the line
 *    down; text inserted at its end leaves it where it was.
 * 4. A code covers the new places of its surviving lines, first to last. So: Enter at the
 *    end of a code's last line does not extend it; Enter at column 0 of its first line
 *    pushes it down; Enter between two of its lines, or inside one, extends it; deleting
 *    its first line moves its start to the next surviving line; deleting lines inside it
 *    shrinks it.
 * 5. A code whose lines are all deleted is detached: kept, never dropped, shown where its
 *    text was.
 * 6. Within one change event, a deleted (or wholly rewritten) line whose text reappears
 *    as a new line moved there, and its codes follow it (moved-lines.ts).
 * 7. A detached code whose text comes back in a later event (undo, paste) re-attaches.
 *
 * Cost: typing inside a line walks the line store's chunks (a few hundred steps at
 * 20,000 lines) and visits no code; an edit that adds or removes line breaks also visits
 * each code once.
 */
import { LineStore } from './line-store';
import { BatchMoves, lineKey, type CodeState } from './moved-lines';

/** UTF-16 offsets into the LF text before this edit. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/** 1-based, inclusive. */
interface LineRange {
  first: number;
  last: number;
}

export interface TrackedCode extends LineRange {
  id: string;
  /** Its text was deleted entirely: kept and shown as an orphan, never dropped. first = last = where its text was. */
  detached: boolean;
}

export interface LiveCodeInput {
  id: string;
  lines: readonly [number, number];
  /** An orphan from re-anchoring: tracked as a place, not as text. */
  detached?: boolean;
}

/** How an edit changed the lines it touched; old lines first..last became first..first+added. */
interface Region {
  first: number;
  last: number;
  added: number;
  delta: number;
  /** New lines of old line `first`, when it survives. */
  firstTo: readonly [number, number] | undefined;
  /** New line of old line `last` (when last > first and it survives). */
  lastTo: number | undefined;
  /** Old lines deleted by the edit: deletedFirst..deletedLast, possibly none. */
  deletedFirst: number;
  deletedLast: number;
}

export class LiveAnchors {
  private readonly store: LineStore;
  private states: CodeState[] = [];
  private codeVisits = 0;

  constructor(text: string, codes: readonly LiveCodeInput[]) {
    this.store = new LineStore(text);
    for (const code of codes) this.addCode(code);
  }

  /** Apply one change event's edits, in order, each relative to the text the previous one left. */
  applyEdits(edits: readonly TextEdit[]): void {
    // Check the whole batch first, so a bad edit cannot leave it half applied.
    let length = this.store.length;
    for (const edit of edits) {
      if (!Number.isInteger(edit.offset) || !Number.isInteger(edit.length) || edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > length) {
        throw new RangeError(`edit {offset: ${edit.offset}, length: ${edit.length}} is outside the text (length ${length})`);
      }
      length += edit.text.length - edit.length;
    }
    const moves = new BatchMoves();
    const several = edits.length > 1;
    for (const edit of edits) this.applyEdit(edit, moves, several);
    if (!moves.isEmpty) moves.resolve(this.store, this.states);
  }

  codes(): TrackedCode[] {
    const lineCount = this.store.lineCount;
    return this.states.map((state) => {
      // Positions are kept inside the text; clamping only guards the returned value.
      const first = Math.min(Math.max(state.first, 1), lineCount);
      const last = Math.min(Math.max(state.last, first), lineCount);
      return { id: state.id, first, last, detached: state.detached };
    });
  }

  /** Start tracking a code (e.g. one the user just made). Lines past the end make it detached. */
  addCode(code: LiveCodeInput): void {
    const lineCount = this.store.lineCount;
    const first = Math.max(1, wholeNumber(code.lines[0]));
    const last = Math.max(first, wholeNumber(code.lines[1]));
    const detached = code.detached === true || first > lineCount;
    this.states.push({
      id: code.id,
      first: detached ? Math.min(first, lineCount) : first,
      last: detached ? Math.min(first, lineCount) : Math.min(last, lineCount),
      detached,
      lost: undefined,
    });
  }

  removeCode(id: string): void {
    this.states = this.states.filter((state) => state.id !== id);
  }

  /** Stops tracking these codes, in one pass. */
  removeCodes(ids: ReadonlySet<string>): void {
    this.states = this.states.filter((state) => !ids.has(state.id));
  }

  lineCount(): number {
    return this.store.lineCount;
  }

  lineText(line: number): string {
    return this.store.lineText(line);
  }

  /** The whole current text; O(length), for checks rather than per keystroke. */
  text(): string {
    return this.store.text();
  }

  /** Work done so far (line-store steps, code visits): lets tests and benchmarks see per-edit cost without a clock. */
  work(): { lineSteps: number; codeVisits: number } {
    return { lineSteps: this.store.work, codeVisits: this.codeVisits };
  }

  private applyEdit(edit: TextEdit, moves: BatchMoves, several: boolean): void {
    const start = this.store.positionAt(edit.offset);
    const end = edit.length === 0 ? start : this.store.positionAt(edit.offset + edit.length);
    const a = start.line;
    const b = end.line;
    const firstText = this.store.lineText(a);
    const lastText = a === b ? firstText : this.store.lineText(b);
    const head = firstText.slice(0, start.column);
    const tail = lastText.slice(end.column);
    const segments = edit.text.split('\n');
    const added = segments.length - 1;

    if (added === 0 && a === b) {
      // Rule 2: typing inside a line moves nothing.
      const updated = head + edit.text + tail;
      this.store.setLine(a, updated);
      // In a multi-edit event a line's whole text being replaced may be half of a move
      // (VS Code moves an empty line by rewriting two lines in place).
      if (several && start.column === 0 && end.column === firstText.length && lineKey(updated) !== lineKey(firstText)) {
        this.noteRewrite(a, firstText, moves);
      }
      return;
    }

    const oldTexts = a === b ? [firstText] : this.store.lineTexts(a, b);
    const newLines = segments.slice();
    newLines[0] = head + (newLines[0] as string);
    newLines[added] = (newLines[added] as string) + tail;
    this.store.replaceLines(a, b, newLines);
    moves.track({ first: a, last: b, added });

    const headKept = head !== '';
    const tailKept = tail !== '';
    const region = describeRegion(a, b, added, headKept, tailKept, firstText.length === 0);
    // New lines made only of inserted text may be a moved line's new place.
    moves.addFresh(a + (headKept ? 1 : 0), a + added - (tailKept ? 1 : 0));
    // Deleted lines are remembered where they were (clamped into the new text) for the
    // nearest-first pairing with fresh lines.
    const block =
      region.deletedFirst <= region.deletedLast
        ? moves.addDeleted(oldTexts.slice(region.deletedFirst - a, region.deletedLast - a + 1).map(lineKey), Math.min(region.deletedFirst, a + added))
        : undefined;
    for (const state of this.states) {
      this.codeVisits++;
      if (state.detached) {
        state.first = state.last = mapDetachedPlace(state.first, region);
        continue;
      }
      const held = mapCode(state, region, oldTexts);
      if (held !== undefined && block !== undefined) moves.addOwner(state, block, held.from, held.to);
    }
  }

  private noteRewrite(line: number, oldText: string, moves: BatchMoves): void {
    const block = moves.addRewritten(lineKey(oldText), line);
    for (const state of this.states) {
      this.codeVisits++;
      if (!state.detached && state.first <= line && line <= state.last) moves.addOwner(state, block, 0, 0);
    }
  }
}

/** Rule 3 for one edit. `emptyLine`: old line a had no text (matters only for a == b). */
function describeRegion(a: number, b: number, added: number, headKept: boolean, tailKept: boolean, emptyLine: boolean): Region {
  const delta = added - (b - a);
  if (a === b) {
    // An edit within one line never deletes it; which new lines it occupies depends on
    // which of its text survived.
    let firstTo: [number, number];
    if (headKept && tailKept) firstTo = [a, a + added]; // split: the pieces stay one line's worth
    else if (headKept) firstTo = [a, a]; // inserted at (or replacing up to) the end
    else if (tailKept || emptyLine) firstTo = [a + added, a + added]; // inserted at column 0: pushed down
    else firstTo = [a, a + added]; // its whole text replaced by several lines: it spans them
    return { first: a, last: b, added, delta, firstTo, lastTo: undefined, deletedFirst: a + 1, deletedLast: a };
  }
  return {
    first: a,
    last: b,
    added,
    delta,
    firstTo: headKept ? [a, a] : undefined,
    lastTo: tailKept ? a + added : undefined,
    deletedFirst: headKept ? a + 1 : a,
    deletedLast: tailKept ? b - 1 : b,
  };
}

/**
 * Rules 4 and 5 for an attached code. Returns which of the edit's deleted lines it held
 * (indices from deletedFirst), so they can take it along if they turn out to have moved.
 */
function mapCode(state: CodeState, region: Region, oldTexts: readonly string[]): { from: number; to: number } | undefined {
  const { first: a, last: b, added, delta } = region;
  const f = state.first;
  const l = state.last;
  if (l < a) return undefined;
  if (f > b) {
    state.first += delta;
    state.last += delta;
    return undefined;
  }
  let lo = Infinity;
  let hi = -Infinity;
  if (f < a) {
    lo = f;
    hi = a - 1;
  }
  if (l > b) {
    lo = Math.min(lo, b + 1 + delta);
    hi = Math.max(hi, l + delta);
  }
  if (region.firstTo !== undefined && f <= a) {
    lo = Math.min(lo, region.firstTo[0]);
    hi = Math.max(hi, region.firstTo[1]);
  }
  if (region.lastTo !== undefined && l >= b) {
    lo = Math.min(lo, region.lastTo);
    hi = Math.max(hi, region.lastTo);
  }
  const heldFrom = Math.max(f, region.deletedFirst);
  const heldTo = Math.min(l, region.deletedLast);
  const held = heldFrom <= heldTo ? { from: heldFrom - region.deletedFirst, to: heldTo - region.deletedFirst } : undefined;
  if (lo === Infinity) {
    // Rule 5: every line of the code was deleted (f and l both lie in a..b here).
    state.detached = true;
    state.lost = { firstKey: lineKey(oldTexts[f - a] ?? ''), lastKey: lineKey(oldTexts[l - a] ?? ''), count: l - f + 1 };
    state.first = state.last = Math.min(f, a + added);
    return held;
  }
  state.first = lo;
  state.last = hi;
  return held;
}

/** Where a detached code's place goes: it follows the line it was shown on. */
function mapDetachedPlace(line: number, region: Region): number {
  const { first: a, last: b, added, delta } = region;
  if (line < a) return line;
  if (line > b) return line + delta;
  if (line === a && region.firstTo !== undefined) return region.firstTo[0];
  if (line === b && region.lastTo !== undefined) return region.lastTo;
  return Math.min(line, a + added);
}

function wholeNumber(value: number): number {
  return Number.isFinite(value) ? Math.trunc(value) : 1;
}
