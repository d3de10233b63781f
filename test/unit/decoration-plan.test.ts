/**
 * decoration-plan.ts without the editor: coded lines as runs (one range each), and the
 * window of lines whose end-of-line labels an editor is sent as it scrolls.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { SessionCode } from '../../src/core/session';
import { LABEL_MARGIN_LINES, labelWindow, labelWindowFits, lineRuns, planLabels, type LineWindow } from '../../src/extension/decoration-plan';

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

/** A document's line count and a screen of it (one or two visible ranges, as folding makes). */
const screens = fc
  .integer({ min: 1, max: 5_000 })
  .chain((lineCount) =>
    fc.tuple(
      fc.constant(lineCount),
      fc.array(
        fc.tuple(fc.nat(lineCount - 1), fc.nat(60)).map(([first, height]): LineWindow => ({ first, last: Math.min(lineCount - 1, first + height) })),
        { minLength: 1, maxLength: 2 },
      ),
    ),
  );

function shows(window: LineWindow, visible: readonly LineWindow[]): boolean {
  return visible.every((range) => window.first <= range.first && range.last <= window.last);
}

describe('the window of labelled lines', () => {
  it('reaches the margin beyond the screen, and no further than the document', () => {
    assert.deepEqual(labelWindow([{ first: 1_000, last: 1_040 }], 20_000), { first: 1_000 - LABEL_MARGIN_LINES, last: 1_040 + LABEL_MARGIN_LINES });
    assert.deepEqual(labelWindow([{ first: 10, last: 50 }], 20_000), { first: 0, last: 50 + LABEL_MARGIN_LINES });
    assert.deepEqual(labelWindow([{ first: 19_960, last: 19_999 }], 20_000), { first: 19_960 - LABEL_MARGIN_LINES, last: 19_999 });
    assert.deepEqual(labelWindow([{ first: 0, last: 30 }], 31), { first: 0, last: 30 });
  });

  it('moves once the screen comes within half the margin of an edge, not before', () => {
    const window = labelWindow([{ first: 1_000, last: 1_040 }], 20_000);
    const slack = LABEL_MARGIN_LINES / 2;
    assert.equal(labelWindowFits(window, [{ first: 1_000 - slack, last: 1_040 - slack }], 20_000), true);
    assert.equal(labelWindowFits(window, [{ first: 1_000 - slack - 1, last: 1_040 - slack - 1 }], 20_000), false);
    assert.equal(labelWindowFits(window, [{ first: 1_000 + slack, last: 1_040 + slack }], 20_000), true);
    assert.equal(labelWindowFits(window, [{ first: 1_000 + slack + 1, last: 1_040 + slack + 1 }], 20_000), false);
    // At the start of the document there is nothing more to send above the screen.
    assert.equal(labelWindowFits(labelWindow([{ first: 0, last: 40 }], 20_000), [{ first: 0, last: 40 }], 20_000), true);
  });

  it('keeps every line on screen labelled, wherever the editor scrolls or jumps', () => {
    fc.assert(
      fc.property(screens, fc.array(fc.nat(4_999), { minLength: 1, maxLength: 20 }), ([lineCount, firstScreen], tops) => {
        let window = labelWindow(firstScreen, lineCount);
        assert.ok(shows(window, firstScreen));
        assert.ok(labelWindowFits(window, firstScreen, lineCount), 'a fresh window fits its own screen');
        for (const top of tops) {
          const first = top % lineCount;
          const screen = [{ first, last: Math.min(lineCount - 1, first + 40) }];
          if (!labelWindowFits(window, screen, lineCount)) window = labelWindow(screen, lineCount);
          assert.ok(shows(window, screen), `lines ${first}… of ${lineCount} are in the window ${JSON.stringify(window)}`);
        }
      }),
    );
  });
});

describe('end-of-line labels in a disagreement review', () => {
  const code = (id: string, coder: string, polarity: string, factor: string): SessionCode => ({
    entry: { id, lines: [12, 12], code: 'jones/organization', polarity, factor, quote: 'q', coder },
    detached: false,
  });
  const codes = [code('a1', 'rina', 'inhibiting', 'Staf TI kurang'), code('b1', 'budi', 'supporting', 'Programmer serba bisa')];

  it('names each code\'s coder, so two coders\' codes on one line can be told apart', () => {
    const labels = planLabels(codes, undefined, { language: 'en', lineCount: 20, nameCoders: true });
    // Without a codebook the code's label is its path; with one, the indicator's label alone (its dimension is the item's).
    assert.deepEqual(labels, [{ line: 11, text: 'rina: jones/organization · Inhibiting · Staf TI kurang   budi: jones/organization · Supporting · Programmer serba bisa' }]);
  });

  it('leaves the coder out otherwise', () => {
    const labels = planLabels(codes, undefined, { language: 'en', lineCount: 20 });
    assert.equal(labels[0]?.text, 'jones/organization · Inhibiting · Staf TI kurang   jones/organization · Supporting · Programmer serba bisa');
  });
});
