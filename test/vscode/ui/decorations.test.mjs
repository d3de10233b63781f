// Coded lines at a glance: what the editor draws for a transcript, compared line by line
// with the sidecar and codebook on disk.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  codeOverlays,
  goToLine,
  openWorkbench,
  quickOpen,
  renderedLines,
  screenshot,
  useStudySettings,
  waitForDecorations,
  waitUntil,
  workspacePath,
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

    // The end of the transcript, after Ctrl+End: the editor scrolls in a frame or two, and
    // the lines already drawn are decorated rightly, so the scroll is waited for first.
    await page.keyboard.press('Control+End');
    await waitUntil(async () => ((await renderedLines(page)).at(-1)?.line ?? 0) > top.lines.at(-1).line, 'the editor scrolled to the end');
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

/**
 * A focus group too long for every label to be sent at once: the extension labels the
 * lines near the screen and follows the editor as it scrolls (decoration-plan.ts,
 * LABEL_MARGIN_LINES), so wherever the researcher scrolls or jumps, the labels are there.
 */
const LONG = 'transcripts/bkpsdm/fgd-panjang.txt';
const LONG_LINES = 3_000;
const CODED_EVERY = 7;

function writeLongTranscript() {
  const lines = [];
  const codes = [];
  const paths = ['jones/organization/coordination', 'jones/application/supervision', 'jones/interpretation/rule-interpretation'];
  for (let line = 1; line <= LONG_LINES; line++) {
    const body = `Peserta menjelaskan butir ${line} tentang pemutakhiran data pegawai.`;
    lines.push(`Peserta ${(line % 6) + 1}: ${body}`);
    if (line % CODED_EVERY === 0) {
      const index = codes.length;
      codes.push(
        [
          `  - id: panjang${String(index).padStart(4, '0')}`,
          `    lines: [${line}, ${line}]`,
          `    code: ${paths[index % paths.length]}`,
          `    polarity: ${index % 2 === 0 ? 'supporting' : 'inhibiting'}`,
          `    factor: Butir ${line}`,
          `    quote: "${body}"`,
          '    coder: rina',
        ].join('\n'),
      );
    }
  }
  writeFileSync(workspacePath(LONG), `${lines.join('\n')}\n`);
  writeFileSync(workspacePath(`${LONG}.codes.yaml`), `version: 1\ntranscript: fgd-panjang.txt\ncodes:\n${codes.join('\n')}\n`);
}

describe('Decorations of a long transcript', function () {
  this.timeout(120_000);
  let workbench;

  before(async () => {
    useStudySettings();
    writeLongTranscript();
    workbench = await openWorkbench('ui-decorations-long');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
    // Later test files count the study's transcripts and codes.
    rmSync(workspacePath(`${LONG}.codes.yaml`), { force: true });
    rmSync(workspacePath(LONG), { force: true });
  });

  /** Asserts that the rendered lines are drawn and labelled as the sidecar says, and that some of them are coded. */
  async function assertLabelledHere(page, where) {
    const { lines, differences } = await waitForDecorations(page, LONG);
    assert.deepEqual(differences, [], `${where}: the editor draws and labels what the sidecar says`);
    const labelled = lines.filter((line) => line.labels.length > 0);
    assert.ok(labelled.length >= 2, `${where}: labels on screen (${labelled.map((line) => line.line)})`);
    return lines;
  }

  it('labels the coded lines wherever the editor scrolls or jumps to', async () => {
    const { page } = workbench;
    await quickOpen(page, LONG);
    const top = await waitForDecorations(page, LONG, 30_000);
    assert.deepEqual(top.differences, [], 'the top of the transcript');
    let lines;
    // Page by page past the margin of lines labelled beyond the screen: the labels follow.
    for (let page_ = 0; page_ < 30; page_++) await page.keyboard.press('PageDown');
    lines = await assertLabelledHere(page, 'after thirty pages down');
    assert.ok(lines[0].line > 450, `the editor scrolled past the lines labelled when it opened (shows ${lines[0].line}…)`);
    // A jump far from any labelled line.
    await goToLine(page, 1_800);
    lines = await assertLabelledHere(page, 'after Go to Line 1800');
    assert.ok(lines.some((line) => line.line === 1_800), 'line 1800 is on screen');
    await page.keyboard.press('Control+End');
    lines = await assertLabelledHere(page, 'at the end');
    assert.equal(lines.at(-1).line, LONG_LINES + 1, 'the last line is on screen');
    await screenshot(page, 'decorations-long-transcript-end');
    // And back to the top.
    await page.keyboard.press('Control+Home');
    lines = await assertLabelledHere(page, 'back at the top');
    assert.equal(lines[0].line, 1);
  });
});
