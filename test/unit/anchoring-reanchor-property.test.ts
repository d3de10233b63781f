/**
 * Properties of re-anchoring over random transcripts and random outside changes.
 *
 * Every line with text starts with a unique tag ("L17 "), so a quote can only be found
 * exactly where its own first line is. The test follows each line by identity through
 * the changes and checks:
 * - every id comes back once, in order, and nothing throws;
 * - a code whose old lines still hold its quote is in place (a quote skips blank lines,
 *   so blank lines may have moved around its text);
 * - otherwise a code whose lines are all still there, unedited, in order and together,
 *   is 'moved' to exactly their new position;
 * - a code whose first line was deleted is never placed as an exact match;
 * - an exact result's lines hold the quote; a fuzzy result's lines hold text at least
 *   as similar as the threshold — checked with the test's own similarity function;
 * - an orphan keeps its old lines and says why.
 * And, separately: a coded line with one word changed, alone in being similar to its
 * quote, is found as 'fuzzy' at its (possibly shifted) place.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DEFAULT_FUZZY_THRESHOLD, ORPHAN_REASONS, reanchor, sitsOnQuote } from '../../src/core/anchoring';
import { collapseWhitespace, quoteOfLines } from '../../src/core/transcript/quote';

const RUNS = Number(process.env.FC_RUNS ?? 1000);

interface Line {
  id: number;
  text: string;
  edited: boolean;
}

/** Dice over character bigrams, written plainly, to check the implementation's scores. */
function naiveSimilarity(left: string, right: string): number {
  const a = collapseWhitespace(left).toLowerCase();
  const b = collapseWhitespace(right).toLowerCase();
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let index = 0; index + 1 < a.length; index++) counts.set(a.slice(index, index + 2), (counts.get(a.slice(index, index + 2)) ?? 0) + 1);
  let shared = 0;
  for (let index = 0; index + 1 < b.length; index++) {
    const bigram = b.slice(index, index + 2);
    const left = counts.get(bigram) ?? 0;
    if (left > 0) {
      counts.set(bigram, left - 1);
      shared++;
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

const wordArbitrary = fc.stringMatching(/^[a-z]{3,7}$/);
const lineWordsArbitrary = fc.option(fc.array(wordArbitrary, { minLength: 1, maxLength: 14 }), { freq: 8, nil: undefined });

type Change =
  | { kind: 'insert'; at: number; lines: Array<string[] | undefined> }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'move'; at: number; count: number; to: number }
  | { kind: 'editWord'; at: number; word: string; position: number }
  | { kind: 'rewrite'; at: number; words: string[] };

const changeArbitrary: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), lines: fc.array(lineWordsArbitrary, { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('editWord' as const), at: fc.nat(), word: wordArbitrary, position: fc.nat() }),
  fc.record({ kind: fc.constant('rewrite' as const), at: fc.nat(), words: fc.array(wordArbitrary, { minLength: 1, maxLength: 8 }) }),
);

class Document {
  lines: Line[];
  private nextId: number;

  constructor(words: Array<string[] | undefined>) {
    this.nextId = 1;
    this.lines = words.map((lineWords) => this.make(lineWords));
  }

  make(words: string[] | undefined): Line {
    const id = this.nextId++;
    return { id, text: words === undefined ? '' : `L${id} ${words.join(' ')}`, edited: false };
  }

  get bodies(): string[] {
    return this.lines.map((line) => line.text);
  }

  apply(change: Change): void {
    const count = this.lines.length;
    switch (change.kind) {
      case 'insert':
        this.lines.splice(change.at % (count + 1), 0, ...change.lines.map((words) => this.make(words)));
        return;
      case 'delete':
        if (count > change.count) this.lines.splice(change.at % count, change.count);
        return;
      case 'move': {
        const block = this.lines.splice(change.at % count, change.count);
        this.lines.splice(change.to % (this.lines.length + 1), 0, ...block);
        return;
      }
      case 'editWord': {
        const line = this.lines[change.at % count] as Line;
        const words = line.text.split(' ');
        if (line.text === '' || words.length < 2) return;
        const position = 1 + (change.position % (words.length - 1));
        if (words[position] === change.word) return;
        words[position] = change.word;
        line.text = words.join(' ');
        line.edited = true;
        return;
      }
      case 'rewrite': {
        const line = this.lines[change.at % count] as Line;
        if (line.text === '') return;
        line.text = `L${line.id} ${change.words.join(' ')}`;
        line.edited = true;
        return;
      }
    }
  }
}

interface Scenario {
  lines: Array<string[] | undefined>;
  codes: Array<{ start: number; span: number }>;
  changes: Change[];
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  lines: fc.array(lineWordsArbitrary, { minLength: 1, maxLength: 40 }),
  codes: fc.array(fc.record({ start: fc.nat(), span: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 12 }),
  changes: fc.array(changeArbitrary, { maxLength: 6 }),
});

const orphanReasons = new Set<string>(Object.values(ORPHAN_REASONS));

function checkScenario(scenario: Scenario): void {
  const document = new Document(scenario.lines);
  const before = document.bodies;
  const withText = document.lines.flatMap((line, index) => (line.text === '' ? [] : [index + 1]));
  // Codes start on a line with text (a quote starts there) and span up to 3 more lines.
  const codes = scenario.codes.flatMap(({ start, span }, index) => {
    const first = withText[start % Math.max(1, withText.length)];
    if (first === undefined) return [];
    const last = Math.min(before.length, first + span);
    return [{ id: `c${index}`, lines: [first, last] as [number, number], quote: quoteOfLines(before, first, last) }];
  });
  const memberIds = new Map(codes.map((code) => [code.id, document.lines.slice(code.lines[0] - 1, code.lines[1]).map((line) => line.id)]));
  for (const change of scenario.changes) document.apply(change);
  const after = document.bodies;
  const position = new Map(document.lines.map((line, index) => [line.id, index + 1]));
  const edited = new Set(document.lines.filter((line) => line.edited).map((line) => line.id));

  const results = reanchor(after, codes);
  assert.deepEqual(
    results.map((result) => result.id),
    codes.map((code) => code.id),
  );
  for (const [index, result] of results.entries()) {
    const code = codes[index] as (typeof codes)[number];
    const ids = memberIds.get(code.id) as number[];
    const places = ids.map((id) => position.get(id));
    const start = places[0];
    const intact = start !== undefined && ids.every((id, offset) => places[offset] === start + offset && !edited.has(id));
    const label = `${code.id} ${JSON.stringify({ old: code.lines, result })}`;
    if (sitsOnQuote(after, code)) {
      // The old lines still hold the quote (blank lines, which a quote skips, may have
      // moved around the text): in place, so an unchanged sidecar is never rewritten.
      assert.deepEqual({ status: result.status, lines: result.lines }, { status: 'in-place', lines: code.lines }, label);
    } else if (intact) {
      assert.deepEqual({ status: result.status, lines: result.lines }, { status: 'moved', lines: [start, start + ids.length - 1] }, label);
    }
    if (start === undefined) assert.ok(result.status === 'fuzzy' || result.status === 'orphan', `first line deleted: ${label}`);
    switch (result.status) {
      case 'in-place':
        assert.deepEqual(result.lines, code.lines, label);
        assert.ok(sitsOnQuote(after, { lines: result.lines, quote: code.quote }), label);
        break;
      case 'moved':
        assert.ok(sitsOnQuote(after, { lines: result.lines, quote: code.quote }), label);
        break;
      case 'fuzzy': {
        // docs/anchoring.md: a quote of 15 code points or more is compared with as much of the text as it holds.
        const text = Array.from(quoteOfLines(after, result.lines[0], result.lines[1]));
        const quotePoints = Array.from(code.quote).length;
        const similarity = naiveSimilarity(code.quote, (quotePoints >= 15 ? text.slice(0, quotePoints) : text).join(''));
        assert.ok(result.score !== undefined && Math.abs(result.score - similarity) < 1e-9, label);
        assert.ok(similarity >= DEFAULT_FUZZY_THRESHOLD, label);
        assert.ok(result.lines[0] >= 1 && result.lines[0] <= result.lines[1] && result.lines[1] <= after.length, label);
        break;
      }
      case 'orphan':
        assert.deepEqual(result.lines, code.lines, label);
        assert.ok(result.reason !== undefined && orphanReasons.has(result.reason), label);
        break;
    }
  }
}

interface EditedLineScenario {
  lines: string[][];
  target: number;
  word: string;
  position: number;
  inserted: string[][];
}

const editedLineArbitrary: fc.Arbitrary<EditedLineScenario> = fc.record({
  lines: fc.array(fc.array(fc.stringMatching(/^[a-z]{3,6}$/), { minLength: 6, maxLength: 10 }), { minLength: 2, maxLength: 30 }),
  target: fc.nat(),
  word: fc.stringMatching(/^[a-z]{3,6}$/),
  position: fc.nat(),
  inserted: fc.array(fc.array(fc.stringMatching(/^[a-z]{3,6}$/), { minLength: 1, maxLength: 6 }), { maxLength: 30 }),
});

describe('anchoring: re-anchoring after outside changes (property)', () => {
  it(`finds intact codes exactly, never places deleted text as exact, never throws (${RUNS} runs)`, () => {
    fc.assert(fc.property(scenarioArbitrary, checkScenario), { numRuns: RUNS });
  });

  it(`finds a coded line with one word changed, when nothing else is as similar (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(editedLineArbitrary, ({ lines, target, word, position, inserted }) => {
        const document = new Document(lines);
        const targetIndex = target % lines.length;
        const line = document.lines[targetIndex] as Line;
        const code = { id: 'x', lines: [targetIndex + 1, targetIndex + 1] as [number, number], quote: quoteOfLines(document.bodies, targetIndex + 1, targetIndex + 1) };
        const words = line.text.split(' ');
        const changedAt = 1 + (position % (words.length - 1));
        fc.pre(words[changedAt] !== word);
        words[changedAt] = word;
        line.text = words.join(' ');
        document.lines.splice(0, 0, ...inserted.map((insertedWords) => document.make(insertedWords)));
        const after = document.bodies;
        const newLine = targetIndex + 1 + inserted.length;
        const similarity = naiveSimilarity(code.quote, line.text);
        const others = after.filter((_, index) => index !== newLine - 1).map((text) => naiveSimilarity(code.quote, text));
        // Only when the edited line is clearly the similar one is finding it a promise.
        fc.pre(similarity >= DEFAULT_FUZZY_THRESHOLD + 0.1 && others.every((other) => other <= similarity - 0.25));
        const [result] = reanchor(after, [code]);
        assert.deepEqual({ status: result?.status, lines: result?.lines }, { status: 'fuzzy', lines: [newLine, newLine] });
      }),
      { numRuns: RUNS },
    );
  });

  it('can fail: a result pointing one line off is caught', () => {
    const bodies = ['L1 satu dua', 'L2 tiga empat', 'L3 lima enam'];
    const quote = quoteOfLines(bodies, 2, 2);
    assert.equal(sitsOnQuote(bodies, { lines: [2, 2], quote }), true);
    assert.equal(sitsOnQuote(bodies, { lines: [3, 3], quote }), false);
    assert.throws(() => assert.ok(naiveSimilarity(quote, bodies[2] as string) >= DEFAULT_FUZZY_THRESHOLD));
  });
});
