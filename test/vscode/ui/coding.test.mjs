// Coding a line as a user does: the command palette, three quick picks, the sidecar on
// disk, the decoration; Ctrl+Z / Ctrl+Shift+Z in the transcript; Escape at every step.
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  activeTabIsDirty,
  answerCoderPrompt,
  codeOverlays,
  cssColor,
  editorHasFocus,
  extensionStatusItem,
  findInCommandPalette,
  goToLine,
  openWorkbench,
  quickOpen,
  quickPickState,
  readWorkspaceFile,
  renderedLines,
  screenshot,
  sidecarOnDisk,
  useStudySettings,
  waitForDecorations,
  waitForFocusedRow,
  waitForQuickInputHidden,
  waitForQuickPick,
  keepWorkspaceFile,
  waitUntil,
} from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const SIDECAR = `${KABAN}.codes.yaml`;
const CODE_SELECTION = 'Transcript Coder: Code Selected Lines…';
const CODE_PICK_TITLE = 'Code the selected lines';
const COORDINATION = 'jones/organization/coordination';
const ORGANIZATION_COLOR = '#4e79a7';
const NEW_FACTOR = 'Koordinasi lintas OPD belum rutin';

/** Speaker turns of the transcript on disk that no code covers, in order. */
function uncodedSpeakerLines() {
  const coded = new Set((sidecarOnDisk(KABAN).codes ?? []).flatMap((code) => Array.from({ length: code.lines[1] - code.lines[0] + 1 }, (_, i) => code.lines[0] + i)));
  return readWorkspaceFile(KABAN)
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text, line }) => /^\[[\d:]+\] Kepala Badan: /.test(text) && !coded.has(line))
    .map(({ line }) => line);
}

async function lineDrawing(page, line) {
  const rendered = (await renderedLines(page)).find((candidate) => candidate.line === line);
  assert.ok(rendered, `line ${line} is rendered`);
  return rendered;
}

describe('Coding through the UI', function () {
  this.timeout(120_000);
  let workbench;
  let restoreSidecar;

  before(async () => {
    useStudySettings();
    restoreSidecar = keepWorkspaceFile(SIDECAR);
    workbench = await openWorkbench('ui-coding');
    await quickOpen(workbench.page, KABAN);
    await waitForDecorations(workbench.page, KABAN, 30_000); // the extension activates and reads the study first
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
    if ((await quickPickState(workbench.page)) !== undefined) await workbench.page.keyboard.press('Escape');
  });
  after(async () => {
    await workbench?.close();
    restoreSidecar?.();
  });

  it('codes an uncoded speaker turn: code (found by its Indonesian label) → polarity → a new factor; then Ctrl+Z and Ctrl+Shift+Z', async () => {
    const { page } = workbench;
    const line = uncodedSpeakerLines().find((candidate) => candidate > 20);
    assert.ok(line, 'an uncoded speaker turn after line 20');
    const before = readWorkspaceFile(SIDECAR);
    const idsBefore = new Set(sidecarOnDisk(KABAN).codes.map((code) => code.id));
    assert.equal(codeOverlays(await lineDrawing(page, line)).length, 0, `line ${line} starts undecorated`);

    await goToLine(page, line);
    const entry = await findInCommandPalette(page, CODE_SELECTION, CODE_SELECTION);
    await entry.click();

    // 1. The code: dimensions with their indicators under them, searchable in Indonesian.
    const codes = await waitForQuickPick(page, CODE_PICK_TITLE, 15_000, 1);
    const rows = codes.rows.map((row) => row.ariaLabel);
    const organization = rows.findIndex((label) => /\bOrganization, jones\/organization, Organisasi\b/.test(label));
    assert.ok(organization >= 0, `the Organization dimension is listed: ${JSON.stringify(rows)}`);
    assert.match(rows[organization + 1] ?? '', /Apparatus resources and work unit, jones\/organization\/apparatus-resources/, 'its first indicator follows it');
    assert.ok(rows.some((label) => label.includes('jones/interpretation,')), 'the next dimension is listed too');
    await screenshot(page, 'coding-1-code-pick');
    await page.keyboard.type('Koordinasi');
    const filtered = await waitForFocusedRow(page, COORDINATION);
    assert.ok(filtered.rows.every((row) => /koordinasi/i.test(row.ariaLabel)), `only matches of "Koordinasi": ${JSON.stringify(filtered.rows.map((r) => r.ariaLabel))}`);
    await screenshot(page, 'coding-2-code-pick-koordinasi');
    await page.keyboard.press('Enter');

    // 2. The polarity.
    const expectedPolarities = ['Supporting, supporting', 'Inhibiting, inhibiting', 'Effort to overcome, effort', 'Descriptive, neutral'];
    const polarities = await waitForQuickPick(page, 'Polarity', 15_000, 1);
    assert.equal(polarities.rows.length, expectedPolarities.length, `the four polarities of the codebook: ${JSON.stringify(polarities.rows)}`);
    polarities.rows.forEach((row, index) => assert.ok(row.ariaLabel.endsWith(expectedPolarities[index]), `${row.ariaLabel} is ${expectedPolarities[index]}`));
    await page.keyboard.type('Inhibiting');
    await waitForFocusedRow(page, 'Inhibiting');
    await page.keyboard.press('Enter');

    // 3. The factor: the study's factors of this dimension are offered; type a new one.
    const factors = await waitForQuickPick(page, 'Factor', 15_000, 1);
    const offered = factors.rows.map((row) => row.text);
    for (const used of ['Data belum sinkron dengan SAPK BKN', 'Rapat koordinasi BKPSDM dan Diskominfo']) {
      assert.ok(offered.some((text) => text.startsWith(used)), `"${used}" (used for Organization in this study) is offered: ${JSON.stringify(offered)}`);
    }
    await page.keyboard.type(NEW_FACTOR);
    const typed = await waitForFocusedRow(page, NEW_FACTOR);
    assert.match(typed.rows.find((row) => row.focused).text, /new factor/);
    await screenshot(page, 'coding-3-factor-pick');
    await page.keyboard.press('Enter');
    // Without a coder setting and without git's user.name (a fresh CI machine) the
    // extension asks for the name once; answer it as a user would.
    await answerCoderPrompt(page);
    await waitForQuickInputHidden(page);

    // The sidecar on disk has the code, at once (no save needed).
    const added = await waitUntil(() => {
      const fresh = sidecarOnDisk(KABAN).codes.filter((code) => !idsBefore.has(code.id));
      return fresh.length > 0 ? fresh : undefined;
    }, 'the new code in the sidecar on disk');
    assert.equal(added.length, 1);
    const [code] = added;
    assert.deepEqual(
      { lines: code.lines, code: code.code, polarity: code.polarity, factor: code.factor },
      { lines: [line, line], code: COORDINATION, polarity: 'inhibiting', factor: NEW_FACTOR },
    );
    assert.ok(typeof code.coder === 'string' && code.coder.trim() !== '', 'the code names its coder');
    assert.match(code.quote, /^Tahun lalu seratus dua belas operator/, 'the quote is the line after its timestamp and speaker');
    assert.equal((await extensionStatusItem(page, 'transcriptCoder.coder').innerText()).trim(), code.coder, 'the status bar names the coder the code was written with');
    assert.equal(
      (await extensionStatusItem(page, 'transcriptCoder.codes').innerText()).trim(),
      `Organization › Coordination between parties · Inhibiting · ${NEW_FACTOR}`,
      'the status bar shows the new code on the cursor line',
    );
    const afterCoding = readWorkspaceFile(SIDECAR);
    assert.equal(await activeTabIsDirty(page), false, 'coding does not edit the transcript');

    // The line is decorated, labelled, and the whole screen still matches the sidecar.
    const drawn = await waitForDecorations(page, KABAN);
    assert.deepEqual(drawn.differences, []);
    const coded = await lineDrawing(page, line);
    assert.equal(codeOverlays(coded)[0]?.borderLeft, `3px solid ${cssColor(ORGANIZATION_COLOR)}`);
    assert.deepEqual(coded.gutterColors, [ORGANIZATION_COLOR]);
    assert.deepEqual(coded.labels, [`Organization › Coordination between parties · Inhibiting · ${NEW_FACTOR}`]);
    await screenshot(page, 'coding-4-coded');

    // Ctrl+Z in the transcript undoes the coding: the sidecar is as it was, byte for byte.
    assert.equal(await editorHasFocus(page), true, 'the transcript has the focus back after the picks');
    await page.keyboard.press('Control+Z');
    await waitUntil(() => readWorkspaceFile(SIDECAR) === before, 'Ctrl+Z to restore the sidecar');
    const undone = await waitForDecorations(page, KABAN);
    assert.deepEqual(undone.differences, []);
    assert.equal(codeOverlays(await lineDrawing(page, line)).length, 0, 'the decoration is gone');
    assert.equal(await activeTabIsDirty(page), false, 'Ctrl+Z undid the coding, not text');
    await screenshot(page, 'coding-5-undone');

    // Ctrl+Shift+Z brings it back, exactly.
    await page.keyboard.press('Control+Shift+Z');
    await waitUntil(() => readWorkspaceFile(SIDECAR) === afterCoding, 'Ctrl+Shift+Z to write the code again');
    const redone = await waitForDecorations(page, KABAN);
    assert.deepEqual(redone.differences, []);
    assert.equal(codeOverlays(await lineDrawing(page, line)).length, 1, 'the decoration is back');
    assert.equal(await activeTabIsDirty(page), false);

    // Leave the study as the other UI tests expect it (the summary counts its codes).
    await page.keyboard.press('Control+Z');
    await waitUntil(() => readWorkspaceFile(SIDECAR) === before, 'Ctrl+Z once more to restore the sidecar');
  });

  // Escape at each of the three picks: nothing is written and nothing is drawn.
  for (const step of ['code', 'polarity', 'factor']) {
    it(`leaves the sidecar byte-identical when the user presses Escape at the ${step} pick (Ctrl+Alt+K)`, async () => {
      const { page } = workbench;
      const line = uncodedSpeakerLines().find((candidate) => candidate > 20);
      assert.ok(line);
      const before = readWorkspaceFile(SIDECAR);
      await goToLine(page, line);
      await page.keyboard.press('Control+Alt+K'); // the default keybinding of Code Selected Lines
      // Each pick is waited for with its rows drawn: a key pressed while only its title
      // shows reaches no row (a CI run in the web worker lost an Enter that way).
      await waitForQuickPick(page, CODE_PICK_TITLE, 15_000, 1);
      if (step !== 'code') {
        await page.keyboard.type('Koordinasi');
        await waitForFocusedRow(page, COORDINATION);
        await page.keyboard.press('Enter');
        await waitForQuickPick(page, 'Polarity', 15_000, 1);
      }
      if (step === 'factor') {
        await waitForFocusedRow(page, 'Supporting');
        await page.keyboard.press('Enter'); // the first polarity
        await waitForQuickPick(page, 'Factor', 15_000, 1);
        await page.keyboard.type('Faktor yang tidak jadi'); // typed, never accepted
        await waitForFocusedRow(page, 'Faktor yang tidak jadi');
      }
      await screenshot(page, `coding-escape-at-${step}`);
      await page.keyboard.press('Escape');
      await waitForQuickInputHidden(page);
      // Give a wrongly written sidecar a moment to reach the disk before comparing.
      await sleep(1_000);
      assert.equal(readWorkspaceFile(SIDECAR), before, 'the sidecar is unchanged');
      const drawn = await waitForDecorations(page, KABAN, 5_000);
      assert.deepEqual(drawn.differences, []);
      assert.equal(codeOverlays(await lineDrawing(page, line)).length, 0, `line ${line} stays undecorated`);
      assert.equal(await activeTabIsDirty(page), false);
    });
  }
});
