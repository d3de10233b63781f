/** lineRuns (src/extension/decoration-plan.ts): coded lines as runs, one range each in the editor. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lineRuns } from '../../src/extension/decoration-plan';

/** The lines a flat [first, last, …] list of runs covers, in order. */
function linesOf(runs: readonly number[]): number[] {
  const lines: number[] = [];
  for (let index = 0; index < runs.length; index += 2) for (let line = runs[index] as number; line <= (runs[index + 1] as number); line++) lines.push(line);
  return lines;
}

describe('lineRuns', () => {
  it('joins consecutive lines into one run', () => {
    assert.deepEqual(lineRuns([]), []);
    assert.deepEqual(lineRuns([4]), [4, 4]);
    assert.deepEqual(lineRuns([0, 1, 2, 5, 7, 8]), [0, 2, 5, 5, 7, 8]);
  });

  it('covers exactly the given lines, each once, sorted or not', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(200), { maxLength: 80 }), fc.boolean(), (unique, sorted) => {
        const lines = sorted ? [...unique].sort((a, b) => a - b) : unique;
        const runs = lineRuns(lines);
        assert.deepEqual(linesOf(runs).sort((a, b) => a - b), [...lines].sort((a, b) => a - b));
        if (sorted) for (let index = 2; index < runs.length; index += 2) assert.ok((runs[index] as number) > (runs[index - 1] as number) + 1, 'sorted lines give separate runs');
      }),
    );
  });
});
