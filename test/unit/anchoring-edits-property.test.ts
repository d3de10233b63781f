/**
 * Property: whatever sequence of ordinary edits a user makes — typing, Enter, pasting
 * lines, deleting lines, cut and paste, moving lines with Alt+Up/Down, joining lines —
 * every code stays on its text, and no code ever disappears.
 *
 * The test keeps its own simple model: every line has an identity (its text starts with
 * a unique tag "L<id> "), and every code is the set of line identities it covers. The
 * model applies the rules in words:
 * - lines inserted between two lines of a code join it; lines inserted elsewhere don't;
 * - a line split by pasted text stays in the codes that had it, with all its pieces;
 * - two joined lines are one line, in every code that had either;
 * - deleted lines leave their codes; a code with no lines left is detached, and comes
 *   back when its first and last lines are pasted back (cut and paste, or undo);
 * - moved lines keep their codes. A code is a range, so it covers everything from its
 *   first to its last line: after a move that puts another line between its lines, that
 *   line is inside the code too (the model then counts it as the code's).
 * Checked after every change event: the text matches, each code is detached exactly when
 * the model says so, and otherwise spans exactly from the first to the last of its lines.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LiveAnchors, type TextEdit, type TrackedCode } from '../../src/core/anchoring';
import {
  applyToText,
  changeEvent,
  deleteLines,
  insertAt,
  lineAt,
  moveLinesDown,
  moveLinesUp,
  offsetAt,
  replaceRange,
  swapAsOneReplace,
} from './anchoring-edit-shapes';

const RUNS = Number(process.env.FC_RUNS ?? 1000);

interface ModelLine {
  id: number;
  text: string;
}

interface ModelCode {
  id: string;
  members: Set<number>;
  detached: boolean;
  lost: { firstId: number; lastId: number; count: number } | undefined;
}

class Model {
  private nextId: number;
  clipboard: ModelLine[] | undefined;

  constructor(
    public lines: ModelLine[],
    public codes: ModelCode[],
  ) {
    this.nextId = lines.length + 1;
  }

  text(): string {
    return this.lines.map((line) => line.text).join('\n');
  }

  newLine(words: readonly string[]): ModelLine {
    const id = this.nextId++;
    return { id, text: `L${id} ${words.join(' ')}` };
  }

  positions(): Map<number, number> {
    return new Map(this.lines.map((line, index) => [line.id, index + 1]));
  }

  /** Lines inserted after line index `after` (0 = top). Codes holding both neighbours take them. */
  insertAfter(after: number, inserted: readonly ModelLine[]): void {
    const above = this.lines[after - 1]?.id;
    const below = this.lines[after]?.id;
    for (const code of this.codes) {
      if (above !== undefined && below !== undefined && code.members.has(above) && code.members.has(below)) {
        for (const line of inserted) code.members.add(line.id);
      }
    }
    this.lines.splice(after, 0, ...inserted);
  }

  deleteRange(first: number, last: number): ModelLine[] {
    const removed = this.lines.splice(first - 1, last - first + 1);
    const before = new Map(removed.map((line, index) => [line.id, first + index]));
    for (const code of this.codes) {
      if (code.detached) continue;
      const held = removed.filter((line) => code.members.has(line.id));
      if (held.length === 0) continue;
      if (held.length === code.members.size) {
        const sorted = held.sort((x, y) => (before.get(x.id) as number) - (before.get(y.id) as number));
        const firstLine = sorted[0] as ModelLine;
        const lastLine = sorted[sorted.length - 1] as ModelLine;
        code.detached = true;
        code.lost = { firstId: firstLine.id, lastId: lastLine.id, count: sorted.length };
        code.members.clear();
      } else {
        for (const line of held) code.members.delete(line.id);
      }
    }
    return removed;
  }

  /** A paste of the clipboard after line index `after`: also re-attaches codes whose lines come back. */
  paste(after: number, pasted: readonly ModelLine[]): void {
    this.insertAfter(after, pasted);
    const ids = pasted.map((line) => line.id);
    for (const code of this.codes) {
      if (!code.detached || code.lost === undefined) continue;
      const start = ids.indexOf(code.lost.firstId);
      if (start >= 0 && ids[start + code.lost.count - 1] === code.lost.lastId) {
        code.members = new Set(ids.slice(start, start + code.lost.count));
        code.detached = false;
        code.lost = undefined;
      }
    }
  }

  /** A code is a range: it owns every line from its first to its last. */
  normalize(): void {
    const positions = this.positions();
    for (const code of this.codes) {
      if (code.detached) continue;
      const places = [...code.members].map((id) => positions.get(id) as number);
      const min = Math.min(...places);
      const max = Math.max(...places);
      code.members = new Set(this.lines.slice(min - 1, max).map((line) => line.id));
    }
  }
}

type OperationKind = 'insert' | 'delete' | 'cut' | 'paste' | 'moveDown' | 'moveUp' | 'type' | 'split' | 'join' | 'multiType';

interface OperationSeed {
  kind: OperationKind;
  x: number;
  y: number;
  variant: number;
  words: string[];
}

const wordArbitrary = fc.constantFrom('ya', 'betul', 'anggaran', 'pegawai', 'koordinasi', 'dinas', 'sudah', 'belum', 'pak', 'SOP');
const seedArbitrary: fc.Arbitrary<OperationSeed> = fc.record({
  kind: fc.constantFrom<OperationKind>('insert', 'delete', 'cut', 'paste', 'moveDown', 'moveUp', 'type', 'split', 'join', 'multiType'),
  x: fc.nat({ max: 1000 }),
  y: fc.nat({ max: 1000 }),
  variant: fc.nat({ max: 7 }),
  words: fc.array(wordArbitrary, { minLength: 1, maxLength: 3 }),
});

/** Each change event's edits in ascending order, each relative to the text after the previous: also a valid way to send them. */
function ascending(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => x.offset - y.offset);
  let shift = 0;
  return sorted.map((edit) => {
    const moved = { ...edit, offset: edit.offset + shift };
    shift += edit.text.length - edit.length;
    return moved;
  });
}

/** The edits for one seed on the model's current text, applying it to the model too. */
function perform(model: Model, seed: OperationSeed): TextEdit[] {
  const text = model.text();
  const count = model.lines.length;
  const pick = (value: number, size: number): number => value % size;
  const boundaryEdits = (after: number, inserted: string[]): TextEdit[] =>
    after < count && (seed.variant % 2 === 0 || after === 0)
      ? insertAt(text, after + 1, 0, inserted.join('\n') + '\n')
      : insertAt(text, after, lineAt(text, after).length, '\n' + inserted.join('\n'));
  switch (seed.kind) {
    case 'insert': {
      const after = pick(seed.x, count + 1);
      const inserted = Array.from({ length: 1 + (seed.y % 3) }, () => model.newLine(seed.words));
      const edits = boundaryEdits(
        after,
        inserted.map((line) => line.text),
      );
      model.insertAfter(after, inserted);
      return edits;
    }
    case 'delete':
    case 'cut': {
      const first = 1 + pick(seed.x, count);
      const last = Math.min(count, first + (seed.y % 3));
      if (first === 1 && last === count) return [];
      const edits = deleteLines(text, first, last);
      const removed = model.deleteRange(first, last);
      if (seed.kind === 'cut') model.clipboard = removed;
      return edits;
    }
    case 'paste': {
      const clipboard = model.clipboard;
      if (clipboard === undefined) return [];
      model.clipboard = undefined;
      const after = pick(seed.x, count + 1);
      const edits = boundaryEdits(
        after,
        clipboard.map((line) => line.text),
      );
      model.paste(after, clipboard);
      return edits;
    }
    case 'moveDown':
    case 'moveUp': {
      if (count < 2) return [];
      const down = seed.kind === 'moveDown';
      const first = down ? 1 + pick(seed.x, count - 1) : 2 + pick(seed.x, count - 1);
      const last = down ? Math.min(count - 1, first + (seed.y % 3)) : Math.min(count, first + (seed.y % 3));
      let edits: TextEdit[];
      if (first === last && seed.variant % 4 === 3) edits = swapAsOneReplace(text, down ? first : first - 1);
      else edits = down ? moveLinesDown(text, first, last) : moveLinesUp(text, first, last);
      if (seed.variant >= 6) edits = ascending(edits);
      const block = model.lines.splice(first - 1, last - first + 1);
      model.lines.splice(down ? first : first - 2, 0, ...block);
      return edits;
    }
    case 'type': {
      const lineNumber = 1 + pick(seed.x, count);
      const line = model.lines[lineNumber - 1] as ModelLine;
      const tag = line.text.indexOf(' ') + 1;
      const column = tag + pick(seed.y, line.text.length - tag + 1);
      if (seed.variant % 2 === 0) {
        const typed = ' ' + seed.words.join(' ');
        line.text = line.text.slice(0, column) + typed + line.text.slice(column);
        return insertAt(text, lineNumber, column, typed);
      }
      const end = Math.min(line.text.length, column + 1 + (seed.variant % 4));
      line.text = line.text.slice(0, column) + line.text.slice(end);
      return replaceRange(text, [lineNumber, column], [lineNumber, end], '');
    }
    case 'split': {
      const lineNumber = 1 + pick(seed.x, count);
      const line = model.lines[lineNumber - 1] as ModelLine;
      const tag = line.text.indexOf(' ') + 1;
      if (line.text.length <= tag) return [];
      // Strictly inside: text before (the tag at least) and after the cut survive.
      const column = tag + pick(seed.y, line.text.length - tag);
      const pieces = Array.from({ length: 1 + (seed.variant % 2) }, () => model.newLine(seed.words));
      const tail = line.text.slice(column);
      const inserted = ' x\n' + pieces.map((piece) => piece.text).join('\n');
      const edits = insertAt(text, lineNumber, column, inserted);
      line.text = line.text.slice(0, column) + ' x';
      (pieces[pieces.length - 1] as ModelLine).text += tail;
      for (const code of model.codes) if (code.members.has(line.id)) for (const piece of pieces) code.members.add(piece.id);
      model.lines.splice(lineNumber, 0, ...pieces);
      return edits;
    }
    case 'join': {
      if (count < 2) return [];
      const lineNumber = 1 + pick(seed.x, count - 1);
      const upper = model.lines[lineNumber - 1] as ModelLine;
      const lower = model.lines[lineNumber] as ModelLine;
      const edits = replaceRange(text, [lineNumber, upper.text.length], [lineNumber + 1, 0], '');
      upper.text += lower.text;
      for (const code of model.codes) {
        if (code.members.delete(lower.id)) code.members.add(upper.id);
      }
      model.lines.splice(lineNumber, 1);
      return edits;
    }
    case 'multiType': {
      // Several cursors typing at once: one event, several in-line edits; nothing moves.
      const lineNumbers = [...new Set([1 + pick(seed.x, count), 1 + pick(seed.y, count)])];
      const operations = lineNumbers.map((lineNumber) => {
        const line = model.lines[lineNumber - 1] as ModelLine;
        line.text += seed.words[0] as string;
        const end = offsetAt(text, lineNumber, lineAt(text, lineNumber).length);
        return { start: end, end, text: seed.words[0] as string };
      });
      return changeEvent(text, operations);
    }
  }
}

interface Scenario {
  lines: string[][];
  codes: Array<{ start: number; length: number }>;
  seeds: OperationSeed[];
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  lines: fc.array(fc.array(wordArbitrary, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 }),
  codes: fc.array(fc.record({ start: fc.nat({ max: 100 }), length: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 10 }),
  seeds: fc.array(seedArbitrary, { minLength: 1, maxLength: 14 }),
});

/** Runs the scenario, checking positions after every event; `read` lets a test distort the tracker's answer. */
function runScenario(scenario: Scenario, read: (anchors: LiveAnchors) => TrackedCode[] = (anchors) => anchors.codes()): void {
  const lines = scenario.lines.map((words, index) => ({ id: index + 1, text: `L${index + 1} ${words.join(' ')}` }));
  const codes: ModelCode[] = scenario.codes.map(({ start, length }, index) => {
    const first = 1 + (start % lines.length);
    const last = Math.min(lines.length, first + length);
    return {
      id: `c${index}`,
      members: new Set(lines.slice(first - 1, last).map((line) => line.id)),
      detached: false,
      lost: undefined,
    };
  });
  const model = new Model(lines, codes);
  const anchors = new LiveAnchors(
    model.text(),
    codes.map((code) => {
      const ids = [...code.members];
      return { id: code.id, lines: [Math.min(...ids), Math.max(...ids)] as [number, number] };
    }),
  );
  let text = model.text();
  for (const [step, seed] of scenario.seeds.entries()) {
    const edits = perform(model, seed);
    text = applyToText(text, edits);
    assert.equal(text, model.text(), `test model and edits disagree at step ${step}`);
    anchors.applyEdits(edits);
    model.normalize();
    assert.equal(anchors.text(), text, `text after step ${step} (${seed.kind})`);
    const tracked = read(anchors);
    assert.deepEqual(
      tracked.map((code) => code.id),
      model.codes.map((code) => code.id),
      'no code ever disappears, none appears',
    );
    const positions = model.positions();
    for (const [index, code] of model.codes.entries()) {
      const actual = tracked[index];
      assert.ok(actual !== undefined);
      if (code.detached) {
        assert.equal(actual.detached, true, `${code.id} should be detached after step ${step} (${seed.kind})`);
        assert.ok(actual.first >= 1 && actual.first <= model.lines.length, `${code.id} is shown on an existing line`);
        continue;
      }
      const places = [...code.members].map((id) => positions.get(id) as number);
      assert.deepEqual(
        { first: actual.first, last: actual.last, detached: actual.detached },
        { first: Math.min(...places), last: Math.max(...places), detached: false },
        `${code.id} after step ${step} (${seed.kind} ${JSON.stringify(seed)})`,
      );
    }
  }
}

describe('anchoring: live edits keep every code on its lines (property)', () => {
  it(`holds over random edit sequences (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => runScenario(scenario)),
      { numRuns: RUNS },
    );
  });

  it('can fail: a tracker one line off after a move is caught', () => {
    const scenario: Scenario = {
      lines: [['ya'], ['betul'], ['pak']],
      codes: [{ start: 1, length: 0 }],
      seeds: [{ kind: 'moveDown', x: 1, y: 0, variant: 0, words: ['ya'] }],
    };
    runScenario(scenario);
    const oneOff = (anchors: LiveAnchors): TrackedCode[] => anchors.codes().map((code) => ({ ...code, first: code.first - 1, last: code.last - 1 }));
    assert.throws(() => runScenario(scenario, oneOff), /c0 after step 0/);
  });
});
