// Coded lines at a glance: what the editor draws for a transcript, compared line by line
// with the sidecar and codebook on disk.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  codeOverlays,
  openWorkbench,
  quickOpen,
  screenshot,
  useStudySettings,
  waitForDecorations,
} from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const KADIS = 'transcripts/diskominfo/kadis-kominfo.txt';
const ORGANIZATION = '#4e79a7';
const APPLICATION = '#59a14f';

/** The coded lines among those rendered, from the sidecar's point of view and the editor's. */
function visibleCounts(lines, expected) {
  const codedVisible = lines.filter((line) => expected.has(line.line)).map((line) => line.line);
  const decoratedVisible = lines.filter((line) => codeOverlays(line).length > 0).map((line) => line.line);
  return { codedVisible, decoratedVisible };
}

describe('Decorations', function () {
  this.timeout(120_000);
  let workbench;

  before(async () => {
    useStudySettings();
    workbench = await openWorkbench('ui-decorations');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
  });

  it('draws every coded line of a transcript opened with Quick Open, and only those, from the top to the end', async () => {
    const { page } = workbench;
    await quickOpen(page, KABAN);
    const top = await waitForDecorations(page, KABAN, 30_000); // the extension activates and reads the study first
    await screenshot(page, 'decorations-kepala-badan-top');
    assert.deepEqual(top.differences, [], 'the editor draws what the sidecar says');
    const { codedVisible, decoratedVisible } = visibleCounts(top.lines, top.expected);
    assert.ok(codedVisible.length >= 10, `the first screen shows at least ten coded lines (shows ${codedVisible})`);
    assert.equal(decoratedVisible.length, codedVisible.length, 'as many decorated lines as coded lines on screen');
    assert.deepEqual(decoratedVisible, codedVisible);
    // Labels: one per code, on its first line.
    const labelled = top.lines.filter((line) => line.labels.length > 0).map((line) => line.line);
    const starts = top.lines.filter((line) => (top.expected.get(line.line)?.labels.length ?? 0) > 0).map((line) => line.line);
    assert.deepEqual(labelled, starts);

    // The end of the transcript, after Ctrl+End.
    await page.keyboard.press('Control+End');
    const bottom = await waitForDecorations(page, KABAN);
    await screenshot(page, 'decorations-kepala-badan-end');
    assert.ok(bottom.lines.at(-1).line > top.lines.at(-1).line, 'the editor scrolled');
    assert.deepEqual(bottom.differences, []);
    const end = visibleCounts(bottom.lines, bottom.expected);
    assert.ok(end.codedVisible.length > 0);
    assert.deepEqual(end.decoratedVisible, end.codedVisible);
  });

  it('shows a line with two codes of one dimension in that colour, with both labels', async () => {
    const { page } = workbench;
    await quickOpen(page, KABAN);
    await page.keyboard.press('Control+End');
    const { lines, expected, differences } = await waitForDecorations(page, KABAN);
    assert.deepEqual(differences, []);
    const line36 = lines.find((line) => line.line === 36);
    assert.ok(line36, 'line 36 is on screen');
    assert.equal(expected.get(36)?.labels.length, 2, 'the sidecar codes line 36 twice (coordination, facilities)');
    assert.deepEqual(line36.gutterColors, [ORGANIZATION]);
    assert.equal(line36.labels.flatMap((label) => label.split('   ')).length, 2, 'both codes are labelled');
  });

  it('shows both dimension colours in the gutter of a line coded in two dimensions', async () => {
    const { page } = workbench;
    await quickOpen(page, KADIS);
    const { lines, expected, differences } = await waitForDecorations(page, KADIS);
    await screenshot(page, 'decorations-kadis-kominfo');
    assert.deepEqual(differences, []);
    assert.deepEqual(expected.get(14)?.colors, [ORGANIZATION, APPLICATION], 'the sidecar codes line 14 in Organization and Application');
    const line14 = lines.find((line) => line.line === 14);
    assert.ok(line14, 'line 14 is on screen');
    assert.deepEqual(line14.gutterColors, [ORGANIZATION, APPLICATION], 'one stripe per colour in the gutter');
    assert.equal(codeOverlays(line14).length, 1, 'one background for the line, not two stacked');
  });
});
