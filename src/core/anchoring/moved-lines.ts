/**
 * Lines that move. An editor moves a line by deleting it in one place and inserting the
 * same text in another — VS Code's Alt+Up/Down sends exactly that, as two edits in one
 * change event, or one edit replacing both lines; moving an empty line rewrites two
 * lines in place. Position rules alone would lose the moved line's codes, so within one
 * change event (a "batch") we pool:
 *
 * - deleted lines, with the codes that held them, and lines whose whole text was
 *   rewritten in place (the codes still sit on them, but their text went somewhere);
 * - fresh lines: new lines made only of inserted text.
 *
 * At the end of the batch a deleted line and a fresh line with the same text (ignoring
 * leading and trailing whitespace, since VS Code may re-indent a moved line) are the
 * same line, moved: nearest pairs first, each line used once. The codes that held it
 * cover it at its new place. A code that lost all its lines earlier (detached) comes back
 * when its first and last lines' text reappears as fresh lines (undo, paste of a cut).
 */
import type { LineStore } from './line-store';

/** The text a detached code had, to recognise it when it comes back. */
interface LostText {
  firstKey: string;
  lastKey: string;
  /** Number of lines the code spanned. */
  count: number;
}

/** A code as the live tracker holds it. When detached, first = last = where its text was. */
export interface CodeState {
  id: string;
  first: number;
  last: number;
  detached: boolean;
  lost: LostText | undefined;
}

/** What identifies a line when matching moves: its text without surrounding whitespace. */
export function lineKey(text: string): string {
  return text.trim();
}

interface DeletedBlock {
  keys: string[];
  /** The line the block's first line was at, in current coordinates. */
  at: number;
  /** A line rewritten in place: the line it (and its codes) still occupy. */
  placedAt: number | undefined;
  /** Per key, the fresh line it was matched to (filled at the end of the batch). */
  matchedAt: number[] | undefined;
}

interface Ownership {
  code: CodeState;
  block: DeletedBlock;
  from: number;
  to: number;
}

interface FreshRange {
  from: number;
  to: number;
}

interface FreshLine {
  line: number;
  key: string;
  range: number;
}

interface DeletedLine {
  block: DeletedBlock;
  index: number;
  line: number;
}

/** The line numbers the pool must follow through a later edit of the same batch. */
export interface RegionShift {
  /** Old lines first..last were replaced by new lines first..first+added. */
  first: number;
  last: number;
  added: number;
}

export class BatchMoves {
  private readonly blocks: DeletedBlock[] = [];
  private readonly owners: Ownership[] = [];
  private fresh: FreshRange[] = [];

  get isEmpty(): boolean {
    return this.blocks.length === 0 && this.fresh.length === 0;
  }

  /** Lines deleted by one edit; `at` is where the first of them was. */
  addDeleted(keys: string[], at: number): DeletedBlock {
    const block: DeletedBlock = { keys, at, placedAt: undefined, matchedAt: undefined };
    this.blocks.push(block);
    return block;
  }

  /** A line whose whole text was replaced in place: its old text may have moved. */
  addRewritten(oldKey: string, line: number): DeletedBlock {
    const block: DeletedBlock = { keys: [oldKey], at: line, placedAt: line, matchedAt: undefined };
    this.blocks.push(block);
    this.addFresh(line, line);
    return block;
  }

  addOwner(code: CodeState, block: DeletedBlock, from: number, to: number): void {
    this.owners.push({ code, block, from, to });
  }

  addFresh(from: number, to: number): void {
    if (from <= to) this.fresh.push({ from, to });
  }

  /** Follow a later edit of the batch: pooled positions are kept in current coordinates. */
  track({ first, last, added }: RegionShift): void {
    const delta = added - (last - first);
    for (const block of this.blocks) {
      block.at = block.at < first ? block.at : block.at > last ? block.at + delta : Math.min(block.at, first + added);
      if (block.placedAt !== undefined) {
        // A rewritten line touched again is no longer the line we knew: stop tracking it.
        block.placedAt =
          block.placedAt < first ? block.placedAt : block.placedAt > last ? block.placedAt + delta : undefined;
      }
    }
    const kept: FreshRange[] = [];
    for (const range of this.fresh) {
      if (range.from < first) kept.push({ from: range.from, to: Math.min(range.to, first - 1) });
      if (range.to > last) kept.push({ from: Math.max(range.from, last + 1) + delta, to: range.to + delta });
    }
    this.fresh = kept;
  }

  /** End of the batch: pair moved lines, extend or re-attach their codes. */
  resolve(store: LineStore, codes: readonly CodeState[]): void {
    if (this.fresh.length === 0) return;
    const freshLines = this.readFreshLines(store);
    const unmatched = this.pairMovedLines(freshLines);
    this.applyMovesToOwners();
    reattachDetached(codes, unmatched);
  }

  private readFreshLines(store: LineStore): FreshLine[] {
    const lines: FreshLine[] = [];
    this.fresh.forEach((range, rangeIndex) => {
      const texts = store.lineTexts(range.from, range.to);
      texts.forEach((text, offset) => lines.push({ line: range.from + offset, key: lineKey(text), range: rangeIndex }));
    });
    return lines;
  }

  /** Pair deleted and fresh lines of equal text; returns the fresh lines left over. */
  private pairMovedLines(freshLines: readonly FreshLine[]): FreshLine[] {
    const groups = new Map<string, { deleted: DeletedLine[]; fresh: FreshLine[] }>();
    for (const block of this.blocks) {
      block.keys.forEach((key, index) => {
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { deleted: [], fresh: [] }));
        group.deleted.push({ block, index, line: block.at + index });
      });
    }
    const unmatched: FreshLine[] = [];
    for (const line of freshLines) {
      const group = groups.get(line.key);
      if (group === undefined) unmatched.push(line);
      else group.fresh.push(line);
    }
    for (const group of groups.values()) {
      if (group.fresh.length === 0) continue;
      group.deleted.sort((x, y) => x.line - y.line);
      group.fresh.sort((x, y) => x.line - y.line);
      const pairs = pairNearest(
        group.deleted.map((entry) => entry.line),
        group.fresh.map((entry) => entry.line),
      );
      const used = new Set<number>();
      pairs.forEach((freshIndex, deletedIndex) => {
        if (freshIndex < 0) return;
        const deleted = group.deleted[deletedIndex] as DeletedLine;
        const fresh = group.fresh[freshIndex] as FreshLine;
        deleted.block.matchedAt ??= new Array<number>(deleted.block.keys.length).fill(-1);
        deleted.block.matchedAt[deleted.index] = fresh.line;
        used.add(freshIndex);
      });
      group.fresh.forEach((line, index) => {
        if (!used.has(index)) unmatched.push(line);
      });
    }
    return unmatched;
  }

  private applyMovesToOwners(): void {
    const gains = new Map<CodeState, { min: number; max: number; vacated: Set<number> }>();
    for (const { code, block, from, to } of this.owners) {
      const matchedAt = block.matchedAt;
      if (matchedAt === undefined) continue;
      for (let index = from; index <= to; index++) {
        const line = matchedAt[index] as number;
        if (line < 0) continue;
        let gain = gains.get(code);
        if (gain === undefined) gains.set(code, (gain = { min: line, max: line, vacated: new Set() }));
        gain.min = Math.min(gain.min, line);
        gain.max = Math.max(gain.max, line);
        if (block.placedAt !== undefined) gain.vacated.add(block.placedAt);
      }
    }
    for (const [code, gain] of gains) followMovedLines(code, gain.min, gain.max, gain.vacated);
  }
}

/**
 * A code whose lines moved covers them at their new place. Lines rewritten in place
 * whose text left are dropped from the code's ends first (a single-line code follows its
 * text); a code cannot have holes, so a moved line far from the rest is covered by
 * widening the range — coded text is never silently dropped.
 */
function followMovedLines(code: CodeState, min: number, max: number, vacated: ReadonlySet<number>): void {
  if (code.detached) {
    code.first = min;
    code.last = max;
    code.detached = false;
    code.lost = undefined;
    return;
  }
  let first = code.first;
  let last = code.last;
  while (first <= last && vacated.has(first)) first++;
  while (last >= first && vacated.has(last)) last--;
  code.first = first <= last ? Math.min(first, min) : min;
  code.last = first <= last ? Math.max(last, max) : max;
}

/**
 * Pair two ascending lists of line numbers, each element used once, every element of the
 * shorter list paired, keeping order (a monotone pairing), each to the nearest available
 * partner; on a tie the later line wins (as a line pushed down by an insertion would).
 * Returns, for each element of `from`, the index in `to` or -1.
 */
export function pairNearest(from: readonly number[], to: readonly number[]): number[] {
  const result = new Array<number>(from.length).fill(-1);
  if (from.length <= to.length) {
    let next = 0;
    from.forEach((line, index) => {
      // Leave enough partners for the elements still to come.
      const lastAllowed = to.length - (from.length - index);
      let best = next;
      while (best < lastAllowed && Math.abs((to[best + 1] as number) - line) <= Math.abs((to[best] as number) - line)) best++;
      result[index] = best;
      next = best + 1;
    });
  } else {
    const reverse = pairNearest(to, from);
    reverse.forEach((fromIndex, toIndex) => {
      if (fromIndex >= 0) result[fromIndex] = toIndex;
    });
  }
  return result;
}

/** Detached codes whose first and last lines' text came back as fresh lines re-attach there. */
function reattachDetached(codes: readonly CodeState[], unmatched: readonly FreshLine[]): void {
  if (unmatched.length === 0) return;
  let byKey: Map<string, FreshLine[]> | undefined;
  let byLine: Map<number, FreshLine> | undefined;
  for (const code of codes) {
    const lost = code.lost;
    // Blank lines come and go with every Enter: they identify nothing.
    if (!code.detached || lost === undefined || (lost.firstKey === '' && lost.lastKey === '')) continue;
    if (byKey === undefined || byLine === undefined) {
      byKey = new Map();
      byLine = new Map();
      for (const line of unmatched) {
        byLine.set(line.line, line);
        const list = byKey.get(line.key);
        if (list === undefined) byKey.set(line.key, [line]);
        else list.push(line);
      }
      for (const list of byKey.values()) list.sort((x, y) => x.line - y.line);
    }
    const candidates = byKey.get(lost.firstKey);
    if (candidates === undefined) continue;
    const found = nearestFirst(candidates, code.first, (start) => {
      if (lost.count === 1) return true;
      const end = byLine?.get(start.line + lost.count - 1);
      return end !== undefined && end.range === start.range && end.key === lost.lastKey;
    });
    if (found !== undefined) {
      code.first = found.line;
      code.last = found.line + lost.count - 1;
      code.detached = false;
      code.lost = undefined;
    }
  }
}

/** The candidate nearest to `line` that passes `accept`; on a tie the later one. */
function nearestFirst(sorted: readonly FreshLine[], line: number, accept: (candidate: FreshLine) => boolean): FreshLine | undefined {
  let below = sorted.findIndex((candidate) => candidate.line >= line);
  if (below < 0) below = sorted.length;
  let above = below - 1;
  while (below < sorted.length || above >= 0) {
    const down = sorted[below];
    const up = sorted[above];
    const takeDown = down !== undefined && (up === undefined || down.line - line <= line - up.line);
    const candidate = takeDown ? down : up;
    if (candidate === undefined) break;
    if (accept(candidate)) return candidate;
    if (takeDown) below++;
    else above--;
  }
  return undefined;
}
