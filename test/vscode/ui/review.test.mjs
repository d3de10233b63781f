// The disagreement review (issue 16, item 2) as a user works it: a transcript coded by two
// coders, "Review Disagreements…" from the command palette, the Disagreement Review view,
// next/previous from the keyboard, each item settled from the view's buttons, its context
// menu and the command palette, progress read from the view, what was written read from the
// sidecar on disk, and Ctrl+Z in the transcript taking the last act back.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  cursorLine,
  editorHasFocus,
  findInCommandPalette,
  notificationToast,
  keepWorkspaceFile,
  openViewContainer,
  openWorkbench,
  quickOpen,
  quickPickState,
  readWorkspaceFile,
  renderedLines,
  runCommand,
  screenshot,
  screenshotDir,
  sidecarOnDisk,
  treeRow,
  treeRowsOf,
  updateSettings,
  useStudySettings,
  viewPane,
  waitForFocusedRow,
  waitForQuickInputHidden,
  waitForQuickPick,
  waitUntil,
  workspacePath,
} from './workbench.mjs';

const OBSERVATION = 'transcripts/diskominfo/catatan-observasi.txt';
const SIDECAR = `${OBSERVATION}.codes.yaml`;
const VIEW = 'Disagreement Review';
const CONSENSUS = 'konsensus';

/**
 * A second coder beside rina in the example's observation notes: budi agrees on lines
 * 10–11 and 21, gives line 12 the other polarity, and (already in the example) coded
 * line 34 alone. Appended to the sidecar before the workbench opens.
 */
const BUDI_CODES = `  - id: budi0001
    lines: [10, 11]
    code: jones/organization/facilities-ict
    polarity: inhibiting
    factor: Daya cadangan terbatas
    quote: "UPS hanya mampu menyalakan server sekitar lima belas menit, sedangkan genset bel"
    coder: budi
  - id: budi0002
    lines: [12, 12]
    code: jones/organization/apparatus-resources
    polarity: supporting
    factor: Programmer serba bisa
    quote: "Selama kurang lebih satu jam pengamatan, hanya satu programmer yang bertugas di"
    coder: budi
  - id: budi0003
    lines: [21, 21]
    code: jones/application/budget-priority
    polarity: inhibiting
    factor: Anggaran dialihkan
    quote: "Kabid Aptika menyampaikan bahwa modul cuti belum dapat dikerjakan tahun ini kare"
    coder: budi
`;

const consensusCodes = () => (sidecarOnDisk(OBSERVATION).codes ?? []).filter((code) => code.coder === CONSENSUS);
const consensusOn = (line) => consensusCodes().filter((code) => code.lines[0] <= line && line <= code.lines[1]);
const attributesOnDisk = () => sidecarOnDisk(OBSERVATION).attributes ?? {};

/** The view's description: "N of M settled". */
async function progress(page) {
  return ((await viewPane(page, VIEW).locator('.pane-header .description').textContent().catch(() => '')) ?? '').trim();
}

async function waitForProgress(page, settled, total) {
  const want = `${settled} of ${total} settled`;
  await waitUntil(async () => (await progress(page)) === want, `"${want}" in the view (it says "${await progress(page)}")`);
}

/** The row the view shows as current (selected), e.g. "Line 12 · jones/organization …". */
async function selectedRow(page) {
  return (await treeRowsOf(page, VIEW)).find((row) => row.selected)?.text ?? '';
}

/** Waits until the current item is `lines` ("Line 12", "Lines 29–30"): selected in the view, the cursor on its first line. */
async function waitForCurrent(page, label, firstLine) {
  await waitUntil(async () => (await selectedRow(page)).startsWith(`${label} ·`) && (await cursorLine(page)) === firstLine, `${label} current (view: "${await selectedRow(page)}", cursor on ${await cursorLine(page)})`);
}

/**
 * Moves the mouse off the view and waits until no tooltip is left over its rows: the
 * tooltip of a button clicked before stays while the mouse rests on the button, and
 * takes the next click, as it would a user's who did not move the mouse first.
 */
async function mouseOffTheView(page) {
  await page.mouse.move(1, 1);
  await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Clicks the inline button `title` of the view's row for `label` (buttons show on hover). */
async function clickRowButton(page, label, title) {
  await mouseOffTheView(page);
  const row = treeRow(page, VIEW, `${label} ·`);
  await row.hover();
  const button = row.locator(`.actions .action-label[aria-label="${title}"]`).first();
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  await button.click();
}

const REDRAWN = 'The review was being redrawn when you clicked';

/** A settle takes well under a second; with nothing to show after this long, the click reached nothing. */
const CLICK_LOST_AFTER_MS = 8_000;

/**
 * Does `act` (a click on a row's button or menu) until `done` says it took: a click that
 * lands while the view is redrawn reaches no row, and the extension says so and settles
 * nothing (a virtual file system redraws it often) — the user clicks again, and so does
 * this. While a redraw has dropped the row, VS Code itself may fail to hand the row to the
 * command ("Cannot resolve tree item" in the extension host's log, the command never
 * called, nothing shown): then nothing happens at all, and the user clicks again too.
 */
async function untilTaken(page, act, done, what) {
  for (let attempt = 1; ; attempt++) {
    await act();
    const outcome = await waitUntil(
      async () => ((await done()) ? 'taken' : (await notificationToast(page, REDRAWN).count()) > 0 ? 'redrawn' : undefined),
      what,
      CLICK_LOST_AFTER_MS,
    ).catch(() => 'nothing');
    if (outcome === 'taken') return;
    assert.ok(attempt < 3, `${what}: three clicks in a row settled nothing (last: ${outcome === 'redrawn' ? 'the view was redrawn, and the extension said so' : 'nothing happened'})`);
    if (outcome === 'redrawn') {
      console.log(`      ${what}: the view was redrawn under click ${attempt}; the extension said so and settled nothing; clicking again`);
      await runCommand(page, 'Notifications: Clear All Notifications');
      await waitUntil(async () => (await notificationToast(page, REDRAWN).count()) === 0, 'the notice cleared');
    } else {
      console.log(`      ${what}: click ${attempt} reached nothing within ${CLICK_LOST_AFTER_MS / 1000} s (the row was being redrawn); clicking again`);
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Right-clicks the row for `label` and picks `item` from its context menu. A menu closes
 * when the focus moves or the view is redrawn under it; if it is gone before its entry
 * could be clicked, the user right-clicks again, and so does this (three times at most).
 */
async function fromRowMenu(page, label, item) {
  const row = treeRow(page, VIEW, `${label} ·`);
  const entry = page.locator('.context-view .monaco-menu .action-item', { hasText: item }).first();
  for (let attempt = 1; ; attempt++) {
    await mouseOffTheView(page);
    await row.click({ button: 'right' });
    const shown = await entry.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (shown && (await entry.hover({ timeout: 2_000 }).then(() => true, () => false))) {
      await entry.click();
      // CI once saw the menu stay open after the click, the entry highlighted: then Enter on
      // the highlighted entry, as a user would (never when the menu has closed meanwhile).
      const closed = await entry.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
      if (!closed && (await entry.evaluate((element) => element.classList.contains('focused')).catch(() => false))) {
        console.log(`      the context menu of "${label}" stayed open after the click on "${item}"; pressing Enter on it`);
        await page.keyboard.press('Enter');
      }
      return;
    }
    assert.ok(attempt < 3, `the context menu of "${label}" closed before "${item}" could be clicked, three times in a row`);
    console.log(`      the context menu of "${label}" closed before "${item}" could be clicked (right-click ${attempt}); right-clicking again`);
    await page.keyboard.press('Escape');
  }
}

/**
 * Waits until a settle has run to its end: the progress counts it, the next disagreement
 * is current, and the transcript has the keyboard (the command moves the focus there
 * last). Acting before that, the test would race the command's own moves: a row menu
 * opened before the focus moves to the transcript closes by itself.
 */
async function waitForSettled(page, settled, total, label, firstLine) {
  await waitForProgress(page, settled, total);
  await waitForCurrent(page, label, firstLine);
  await waitUntil(() => editorHasFocus(page), `the transcript focused after settling item ${settled}`);
}

/** The end-of-line labels the editor draws on `line` (it must be rendered). */
async function labelsOn(page, line) {
  const rendered = (await renderedLines(page)).find((candidate) => candidate.line === line);
  return rendered?.labels.flatMap((label) => label.split('   ')) ?? [];
}

describe('Disagreement review through the UI', function () {
  this.timeout(180_000);
  let workbench;
  let restoreSidecar;
  let total = 0;

  before(async () => {
    useStudySettings();
    // Long lines wrap, so the end-of-line labels of both coders are on screen beside the text.
    updateSettings({ 'editor.wordWrap': 'on' });
    restoreSidecar = keepWorkspaceFile(SIDECAR);
    writeFileSync(workspacePath(SIDECAR), readWorkspaceFile(SIDECAR).trimEnd() + '\n' + BUDI_CODES);
    workbench = await openWorkbench('ui-review');
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
    // The sidecar as the failure left it, beside the screenshot: which item each act landed on.
    writeFileSync(path.join(screenshotDir(), `FAILED-review-sidecar-${Date.now()}.yaml`), readWorkspaceFile(SIDECAR));
  });
  after(async () => {
    await workbench?.close();
    updateSettings({ 'editor.wordWrap': undefined });
    restoreSidecar?.();
  });

  it('starts from the command palette, lists the disagreements in the view and walks them with the keyboard', async () => {
    const { page } = workbench;
    // A desktop screen: the transcript beside the view, both coders' labels on a line within sight.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await quickOpen(page, OBSERVATION);
    // The command asks at once for coder A: the palette's box stays open for that pick.
    await (await findInCommandPalette(page, 'Transcript Coder: Review Disagreements', 'Transcript Coder: Review Disagreements…')).click();
    await waitForQuickPick(page, 'Review disagreements: coder A', 15_000, 1);
    await page.keyboard.type('rina');
    await waitForFocusedRow(page, 'rina');
    await page.keyboard.press('Enter');
    await waitForQuickPick(page, 'Review disagreements: coder B', 15_000, 1);
    await page.keyboard.type('budi');
    await waitForFocusedRow(page, 'budi');
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await quickPickState(page))?.title === 'Review disagreements: the consensus coder', 'the consensus coder box');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CONSENSUS);
    await page.keyboard.press('Enter');
    await waitForQuickInputHidden(page);

    await openViewContainer(page, 'Transcript Coder');
    // The other views of the container folded away, so the review's rows have the side bar.
    for (const other of ['Factors by Agency', 'Codebook', 'Transcripts', 'Search Hits']) {
      const header = viewPane(page, other).locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const rows = await waitUntil(async () => {
      const shown = await treeRowsOf(page, VIEW);
      return shown.length >= 10 ? shown : undefined;
    }, 'ten rows in the Disagreement Review view', 30_000);
    // rina's codes budi did not make, and line 12 (other polarity); lines 10–11 and 21 are agreed.
    const labels = rows.map((row) => row.text.split(' · ')[0]);
    assert.deepEqual(labels, ['Line 7', 'Line 12', 'Line 13', 'Line 18', 'Line 22', 'Lines 29–30', 'Lines 31–32', 'Line 33', 'Line 34', 'Line 35']);
    total = rows.length;
    const line12 = rows.find((row) => row.text.startsWith('Line 12 ·'));
    assert.match(line12.text, /rina: apparatus-resources \(inhibiting\)\s+≠\s+budi: apparatus-resources \(supporting\)/, 'both coders side by side in the row');
    assert.match(rows.find((row) => row.text.startsWith('Line 34 ·')).text, /rina: not coded\s+≠\s+budi: socialization \(inhibiting\)/);
    await waitForProgress(page, 0, total);
    await waitForCurrent(page, 'Line 7', 7);

    // Next and previous from the keyboard, wrapping at the ends.
    await page.keyboard.press('Control+Alt+H');
    await waitForCurrent(page, 'Line 12', 12);
    await page.keyboard.press('Control+Shift+Alt+H');
    await waitForCurrent(page, 'Line 7', 7);
    await page.keyboard.press('Control+Shift+Alt+H');
    await waitForCurrent(page, 'Line 35', 35);
    await page.keyboard.press('Control+Alt+H');
    await waitForCurrent(page, 'Line 7', 7);
    await page.keyboard.press('Control+Alt+H');
    await waitForCurrent(page, 'Line 12', 12);

    // Line 12 on screen: rina's and budi's codes both drawn on the text, each labelled with its coder.
    const drawn = await waitUntil(async () => {
      const shown = await labelsOn(page, 12);
      return shown.length === 2 ? shown : undefined;
    }, 'two labels on line 12');
    assert.ok(drawn.includes('rina: Apparatus resources and work unit · Inhibiting · Tenaga ahli TI masih kurang'), JSON.stringify(drawn));
    assert.ok(drawn.includes('budi: Apparatus resources and work unit · Supporting · Programmer serba bisa'), JSON.stringify(drawn));
    await screenshot(page, 'review-side-by-side');
  });

  it('settles items as keep A, keep both, keep B, neither and recode, each written to the sidecar', async () => {
    const { page } = workbench;
    assert.ok(total > 0, 'the review was started by the test before');

    // Keep A on line 7, from the row's button: rina's code copied to the consensus coder.
    await untilTaken(page, () => clickRowButton(page, 'Line 7', "Keep Coder A's Codes"), async () => (await progress(page)) === `1 of ${total} settled`, 'keep A on line 7');
    await waitForSettled(page, 1, total, 'Line 12', 12);
    await waitUntil(() => consensusOn(7).length === 1, 'keep A written');
    assert.deepEqual(
      consensusOn(7).map(({ lines, code, polarity, factor }) => ({ lines, code, polarity, factor })),
      [{ lines: [7, 7], code: 'jones/organization/facilities-ict', polarity: 'supporting', factor: 'Server SIMPEG di ruang data Diskominfo' }],
    );

    // Keep both on line 12, from the context menu: both polarities in the consensus.
    await untilTaken(page, () => fromRowMenu(page, 'Line 12', "Keep Both Coders' Codes"), async () => (await progress(page)) === `2 of ${total} settled`, 'keep both on line 12');
    await waitForSettled(page, 2, total, 'Line 13', 13);
    await waitUntil(() => consensusOn(12).length === 2, 'keep both written');
    assert.deepEqual(consensusOn(12).map((code) => `${code.polarity} ${code.factor}`).sort(), ['inhibiting Tenaga ahli TI masih kurang', 'supporting Programmer serba bisa']);

    // Keep B on line 13, where budi coded nothing: the line stays uncoded, and that is recorded.
    await untilTaken(page, () => fromRowMenu(page, 'Line 13', "Keep Coder B's Codes"), async () => (await progress(page)) === `3 of ${total} settled`, 'keep B on line 13');
    await waitForSettled(page, 3, total, 'Line 18', 18);
    await waitUntil(() => /jones\/organization 13-13/.test(attributesOnDisk()['not-coded-by-konsensus'] ?? ''), 'keep B (not coded) recorded');
    assert.deepEqual(consensusOn(13), []);

    // Neither on line 34, walked to with the keyboard and settled from the command palette.
    await page.keyboard.press('Control+Alt+H');
    await waitUntil(async () => {
      if ((await selectedRow(page)).startsWith('Line 34 ·')) return true;
      await page.keyboard.press('Control+Alt+H');
      return false;
    }, 'line 34 current');
    await runCommand(page, 'Transcript Coder: Keep Neither (Not Coded)');
    await waitForSettled(page, 4, total, 'Line 35', 35);
    await waitUntil(() => /jones\/interpretation 34-34/.test(attributesOnDisk()['not-coded-by-konsensus'] ?? ''), 'neither recorded');
    assert.deepEqual(consensusOn(34), []);

    // Recode line 33 from the row's button, through the coding pickers.
    const beforeRecode = readWorkspaceFile(SIDECAR);
    await untilTaken(page, () => clickRowButton(page, 'Line 33', 'Recode the Disagreement…'), async () => (await quickPickState(page))?.title === 'Recode the disagreement', 'the recode pick');
    await waitForQuickPick(page, 'Recode the disagreement', 15_000, 1);
    await page.keyboard.type('sosialisasi');
    await waitForFocusedRow(page, 'jones/interpretation/socialization');
    await page.keyboard.press('Enter');
    await waitForQuickPick(page, 'Polarity', 15_000, 1);
    await page.keyboard.type('Inhibiting');
    await waitForFocusedRow(page, 'Inhibiting');
    await page.keyboard.press('Enter');
    await waitForQuickPick(page, 'Factor');
    await page.keyboard.type('Poster sosialisasi sudah pudar');
    await waitForFocusedRow(page, 'Poster sosialisasi sudah pudar');
    await page.keyboard.press('Enter');
    await waitForQuickInputHidden(page);
    await waitForProgress(page, 5, total);
    await waitUntil(() => consensusOn(33).length === 1, 'recode written');
    assert.deepEqual(
      consensusOn(33).map(({ code, polarity, factor }) => ({ code, polarity, factor })),
      [{ code: 'jones/interpretation/socialization', polarity: 'inhibiting', factor: 'Poster sosialisasi sudah pudar' }],
    );
    assert.ok(readWorkspaceFile(SIDECAR).includes('budi0002'), "the coders' own codes stay in the file");

    // One Ctrl+Z in the transcript takes the recode back: the sidecar is as it was, byte for byte.
    await page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitUntil(() => readWorkspaceFile(SIDECAR) === beforeRecode, 'undo restores the sidecar byte for byte');
    await waitForProgress(page, 4, total);
    assert.deepEqual(consensusOn(33), []);
    await screenshot(page, 'review-settled');
  });

  it('ends the review from the command palette', async () => {
    const { page } = workbench;
    const entry = await findInCommandPalette(page, 'Transcript Coder: End Disagreement Review', 'Transcript Coder: End Disagreement Review');
    await entry.click();
    await waitForQuickInputHidden(page);
    await waitUntil(async () => (await viewPane(page, VIEW).count()) === 0 || !(await viewPane(page, VIEW).isVisible()), 'the view hidden once the review ends');
  });
});
