/**
 * Git conflict markers: one rule (src/core/text/conflict-markers.ts) and every reader of a
 * study file agreeing with it — the codebook and memos readers, the sidecar's precise
 * parser and its fast path, and the splitter `resolve` uses (issue 14: three regexes used
 * to disagree on a separator with a trailing space).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { conflictMarkerLines, conflictMarkerOf, containsConflictMarker } from '../../src/core/text/conflict-markers';
import { conflictMarkerProblems } from '../../src/core/yaml/reading';
import { hasConflictMarkers, parseSidecar } from '../../src/core/sidecar';
import { readCanonicalSidecar } from '../../src/core/sidecar/canonical-reader';
import { normalizeSidecarText } from '../../src/core/sidecar/yaml-nodes';
import { splitConflictMarkers } from '../../src/core/merge/conflict-markers';
import { parseCodebook } from '../../src/core/codebook/reader';
import { parseMemos } from '../../src/core/study/memos';

/**
 * The rule written a second way, character by character after git's rerere.c
 * `is_cmarker` (seven marker characters, then for `<` and `>` a space), with our one
 * deliberate difference: a separator may carry trailing blanks but no label, and the
 * other markers need a space or the end of the line.
 */
function oracle(line: string): boolean {
  const first = line.charAt(0);
  if (!['<', '|', '=', '>'].includes(first) || line.length < 7) return false;
  if (line.slice(0, 7) !== first.repeat(7)) return false;
  const after = line.slice(7);
  if (first === '=') return [...after].every((character) => character === ' ' || character === '\t');
  return after === '' || after.charAt(0) === ' ';
}

const lineBreak = fc.constantFrom('\n', '\r\n');
/** Lines that sit near the rule's edges: markers with every kind of tail, too long, indented. */
const edgyLine = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\t'),
    fc.constantFrom('<', '|', '=', '>', 'a', '-'),
    fc.integer({ min: 5, max: 9 }),
    fc.constantFrom('', ' ', '\t', '  ', ' HEAD', ' \t ', '\u00a0', 'x', ' theirs:file.yaml', '\r'),
  )
  .map(([indent, character, count, tail]) => indent + character.repeat(count) + tail);
const anyLine = fc.oneof(edgyLine, fc.string({ maxLength: 12 }).map((text) => text.replace(/[\r\n]/gu, '')));
const text = fc
  .array(fc.tuple(anyLine, lineBreak), { maxLength: 12 })
  .chain((lines) =>
    fc.boolean().map((lastBreak) =>
      lines.map(([line, ending], index) => line + (index < lines.length - 1 || lastBreak ? ending : '')).join(''),
    ),
  );

describe('conflict markers: the one rule', () => {
  it('reads what git writes, in LF and CRLF files', () => {
    const merged = ['a: 1', '<<<<<<< HEAD', 'b: 2', '||||||| merged common ancestors', 'b: 1', '=======', 'b: 3', '>>>>>>> topic', ''];
    const expected = [
      { line: 2, marker: '<<<<<<<' },
      { line: 4, marker: '|||||||' },
      { line: 6, marker: '=======' },
      { line: 8, marker: '>>>>>>>' },
    ];
    assert.deepEqual(conflictMarkerLines(merged.join('\n')), expected);
    assert.deepEqual(conflictMarkerLines(merged.join('\r\n')), expected);
  });

  it('takes a separator with trailing blanks, and bare markers', () => {
    assert.equal(conflictMarkerOf('======= '), '=======');
    assert.equal(conflictMarkerOf('=======\t '), '=======');
    assert.equal(conflictMarkerOf('<<<<<<<'), '<<<<<<<');
    assert.equal(conflictMarkerOf('|||||||'), '|||||||');
    assert.equal(conflictMarkerOf('>>>>>>> '), '>>>>>>>');
  });

  it('leaves look-alikes as text', () => {
    for (const line of ['======= label', '========', '<<<<<<<<', '<<<<<<<\tHEAD', ' =======', '  <<<<<<< HEAD', '=======\u00a0', '<<<<<<', '>>>>>>>x']) {
      assert.equal(conflictMarkerOf(line), undefined, JSON.stringify(line));
    }
  });

  it('agrees with the rule written a second way, for any text', () => {
    fc.assert(
      fc.property(text, (source) => {
        const expected = source
          .split('\n')
          .map((line, index) => ({ line: index + 1, text: line.endsWith('\r') ? line.slice(0, -1) : line }))
          .filter(({ text: line }) => oracle(line))
          .map(({ line }) => line);
        assert.deepEqual(conflictMarkerLines(source).map(({ line }) => line), expected);
        assert.equal(containsConflictMarker(source), expected.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});

/** A lone '\r' is a line break for the sidecar readers only (they normalize it): see below. */
const textWithoutLoneCr = text.filter((source) => !/\r(?!\n)/u.test(source));

describe('conflict markers: every reader agrees', () => {
  it('codebook, memos, sidecar (precise and fast), and the splitter find the same lines', () => {
    fc.assert(
      fc.property(textWithoutLoneCr, (source) => {
        const lines = conflictMarkerLines(source).map(({ line }) => line);
        const sorted = (found: number[]) => [...found].sort((a, b) => a - b);

        assert.deepEqual(conflictMarkerProblems(source, 'f.yaml').map((problem) => problem.line), lines);
        assert.deepEqual(hasConflictMarkers(source).map(({ line }) => line), lines);

        const codebook = parseCodebook(source, 'codebook.yaml');
        const memos = parseMemos(source, 'memos.yaml');
        const sidecar = parseSidecar(source, 'a.txt.codes.yaml');
        if (lines.length > 0) {
          assert.equal(codebook.codebook, undefined);
          assert.deepEqual(sorted(codebook.problems.map((problem) => problem.line)), lines);
          assert.deepEqual(sorted(memos.problems.map((problem) => problem.line)), lines);
          assert.equal(sidecar.status === 'broken' && sidecar.reason, 'conflict');
          assert.deepEqual(sorted(sidecar.problems.map((problem) => problem.line)), lines);
          assert.equal(readCanonicalSidecar(normalizeSidecarText(source), 'a.txt.codes.yaml'), undefined);
          assert.notEqual(splitConflictMarkers(source).status, 'none');
        } else {
          assert.ok(!codebook.problems.some((problem) => /conflict marker/u.test(problem.message)));
          assert.ok(!memos.problems.some((problem) => /conflict marker/u.test(problem.message)));
          assert.ok(sidecar.status !== 'broken' || sidecar.reason !== 'conflict');
          assert.equal(splitConflictMarkers(source).status, 'none');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a lone CR is a line break in a sidecar (normalized as YAML 1.2 says), text elsewhere (as the yaml library reads it)', () => {
    const source = 'a: 1\r<<<<<<< HEAD\n';
    assert.deepEqual(hasConflictMarkers(source), [{ line: 2 }]);
    assert.equal(splitConflictMarkers(source).status, 'malformed');
    assert.deepEqual(conflictMarkerLines(source), []);
  });

  it('a separator with a trailing space splits like a bare one', () => {
    const bare = splitConflictMarkers('a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> topic\n');
    const spaced = splitConflictMarkers('a\n<<<<<<< HEAD\nx\n======= \ny\n>>>>>>> topic\n');
    assert.deepEqual(spaced, bare);
    assert.equal(bare.status, 'split');
  });

  it('the codebook reader now reports a separator with a trailing space (it used to miss it)', () => {
    const { problems } = parseCodebook('version: 1\n<<<<<<< HEAD\nname: a\n======= \nname: b\n>>>>>>> topic\n', 'codebook.yaml');
    assert.deepEqual(problems.map((problem) => problem.line), [2, 4, 6]);
  });
});
