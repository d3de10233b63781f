// What a coded line tells the user without any command: the hover over its text, and the
// status bar items (the codes on the cursor's line, and the coder's name).
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  codeOverlays,
  extensionStatusItem,
  findInCommandPalette,
  goToLine,
  keepWorkspaceFile,
  hoverOverLine,
  openWorkbench,
  quickOpen,
  quickPickState,
  readWorkspaceFile,
  renderedLines,
  screenshot,
  sidecarOnDisk,
  useStudySettings,
  waitForDecorations,
  waitForQuickInputHidden,
  waitForQuickPick,
  waitUntil,
} from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const SIDECAR = `${KABAN}.codes.yaml`;

/** The links of a hover: [{ text, target }]. */
async function hoverLinks(hover) {
  return hover.locator('a').evaluateAll((links) => links.map((link) => ({ text: link.textContent, target: link.getAttribute('data-href') ?? link.getAttribute('href') ?? '' })));
}

async function statusText(page, id) {
  return (await extensionStatusItem(page, id).innerText()).trim();
}

describe('Hover and status bar', function () {
  this.timeout(120_000);
  let workbench;
  let restoreSidecar;

  before(async () => {
    useStudySettings();
    restoreSidecar = keepWorkspaceFile(SIDECAR);
    workbench = await openWorkbench('ui-hover-status');
    await quickOpen(workbench.page, KABAN);
    await waitForDecorations(workbench.page, KABAN, 30_000); // the extension activates and reads the study first
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
    await workbench.page.mouse.move(1, 1);
    if ((await quickPickState(workbench.page)) !== undefined) await workbench.page.keyboard.press('Escape');
  });
  after(async () => {
    await workbench?.close();
    restoreSidecar?.();
  });

  it('shows a coded line\'s dimension, indicator, polarity, factor, memo and coder on hover, with Edit · Memo · Remove links', async () => {
    const { page } = workbench;
    await goToLine(page, 37);
    const hover = await hoverOverLine(page, 37, 'Data belum sinkron dengan SAPK BKN');
    await screenshot(page, 'hover-line-37');
    const text = await hover.innerText();
    assert.match(text, /Organization › Coordination between parties · Inhibiting/);
    assert.match(text, /Data belum sinkron dengan SAPK BKN/);
    assert.match(text, /Memo: Input ganda oleh operator; bandingkan dengan Staf Operator\./);
    assert.match(text, /Coder: rina · lines 37–37 · jones\/organization\/coordination/);
    assert.match(text, /Edit · Memo · Remove/);
    const links = await hoverLinks(hover);
    assert.deepEqual(links.map((link) => link.text), ['Edit', 'Memo', 'Remove']);
    assert.match(links[0].target, /^command:transcriptCoder\.editCode\?/);
    assert.match(links[1].target, /^command:transcriptCoder\.editMemo\?/);
    assert.match(links[2].target, /^command:transcriptCoder\.removeCode\?/);
  });

  it('lists every code of a line that has two, each with its links', async () => {
    const { page } = workbench;
    const hover = await hoverOverLine(page, 36, 'Server SIMPEG di ruang data Diskominfo');
    const text = await hover.innerText();
    assert.match(text, /Rapat koordinasi BKPSDM dan Diskominfo/);
    assert.match(text, /Coder: budi/);
    assert.deepEqual((await hoverLinks(hover)).map((link) => link.text), ['Edit', 'Memo', 'Remove', 'Edit', 'Memo', 'Remove']);
  });

  it('shows no code hover over an uncoded line', async () => {
    const { page } = workbench;
    await assert.rejects(hoverOverLine(page, 35, 'Coder:', 2_500), /Timeout/, 'no hover with a code over line 35');
  });

  it('removes a code with the hover\'s Remove link, and "Undo Last Coding Change" brings it back', async () => {
    const { page } = workbench;
    const before = readWorkspaceFile(SIDECAR);
    const hover = await hoverOverLine(page, 37, 'Data belum sinkron dengan SAPK BKN');
    await hover.locator('a', { hasText: 'Remove' }).click();
    await waitUntil(() => !sidecarOnDisk(KABAN).codes.some((code) => code.id === '1cnwbf65'), 'the code removed from the sidecar');
    await page.mouse.move(1, 1);
    await waitUntil(async () => {
      const line37 = (await renderedLines(page)).find((line) => line.line === 37);
      return line37 !== undefined && codeOverlays(line37).length === 0;
    }, 'line 37 undecorated');
    await screenshot(page, 'hover-removed-line-37');
    const entry = await findInCommandPalette(page, 'Transcript Coder: Undo Last Coding Change', 'Transcript Coder: Undo Last Coding Change');
    await entry.click();
    await waitUntil(() => readWorkspaceFile(SIDECAR) === before, 'the sidecar restored byte for byte');
    const { differences } = await waitForDecorations(page, KABAN);
    assert.deepEqual(differences, []);
  });

  it('shows the code on the cursor\'s line in the status bar, "2 codes" where two overlap, "uncoded" elsewhere; and the coder\'s name', async () => {
    const { page } = workbench;
    await goToLine(page, 14);
    await waitUntil(async () => (await statusText(page, 'transcriptCoder.codes')) === 'Application › Leadership commitment · Supporting · Komitmen Kepala Badan', 'the code of line 14 in the status bar');
    await screenshot(page, 'status-bar-line-14');
    const coder = await statusText(page, 'transcriptCoder.coder');
    assert.ok(coder !== '' && coder !== 'set coder', `the coder item names the coder ("${coder}")`);
    await goToLine(page, 36);
    await waitUntil(async () => (await statusText(page, 'transcriptCoder.codes')) === '2 codes', '"2 codes" for line 36');
    const tooltip = await extensionStatusItem(page, 'transcriptCoder.codes').getAttribute('aria-label');
    assert.match(tooltip, /Rapat koordinasi BKPSDM dan Diskominfo/);
    assert.match(tooltip, /Server SIMPEG di ruang data Diskominfo/);
    await goToLine(page, 13);
    await waitUntil(async () => (await statusText(page, 'transcriptCoder.codes')) === 'uncoded', '"uncoded" for line 13');
  });

  it('opens the edit pick from the codes item and the coder-name box from the coder item', async () => {
    const { page } = workbench;
    await goToLine(page, 14);
    await waitUntil(async () => (await statusText(page, 'transcriptCoder.codes')).includes('Komitmen Kepala Badan'), 'the code of line 14');
    await extensionStatusItem(page, 'transcriptCoder.codes').click();
    const edit = await waitForQuickPick(page, 'Edit code iorww6d1', 15_000, 1);
    assert.ok(edit.rows.some((row) => row.ariaLabel.includes('Rename the factor')));
    await page.keyboard.press('Escape');
    await waitForQuickInputHidden(page);
    const coder = await statusText(page, 'transcriptCoder.coder');
    await extensionStatusItem(page, 'transcriptCoder.coder').click();
    const box = await waitForQuickPick(page, 'Coder name');
    assert.equal(box.value, coder, 'the box offers the name the status bar shows');
    await page.keyboard.press('Escape');
    await waitForQuickInputHidden(page);
  });
});
