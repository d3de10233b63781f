// The coder name a user sets in Settings (the User settings.json) must be the one the
// status bar shows and the one new codes carry.
//
// This file runs first (the runner sorts by name) in a fresh profile: code-server keeps
// settings of `machine`/`machine-overridable` scope in the profile's Machine settings.json,
// and once a test or "Set Coder Name…" has written the name there, the server keeps
// answering with it and this test could no longer see what a user's setting does.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  codeThroughPicks,
  extensionStatusItem,
  goToLine,
  keepWorkspaceFile,
  openWorkbench,
  quickOpen,
  quickPickState,
  screenshot,
  sidecarOnDisk,
  updateSettings,
  useStudySettings,
  waitForDecorations,
  waitUntil,
} from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const SIDECAR = `${KABAN}.codes.yaml`;
const USER_CODER = 'Nama Dari Pengaturan';

describe('Coder name from the user\'s settings', function () {
  this.timeout(120_000);
  let workbench;
  let restoreSidecar;

  before(async () => {
    useStudySettings();
    restoreSidecar = keepWorkspaceFile(SIDECAR);
    updateSettings({ 'transcriptCoder.coder': USER_CODER });
    workbench = await openWorkbench('ui-coder-name');
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
    updateSettings({ 'transcriptCoder.coder': undefined });
  });

  it('shows the name from the settings in the status bar and writes new codes with it', async () => {
    const { page } = workbench;
    const coderItem = async () => (await extensionStatusItem(page, 'transcriptCoder.coder').innerText().catch(() => '')).trim();
    const shown = await waitUntil(async () => (await coderItem()) === USER_CODER && USER_CODER, 'the coder name of the settings in the status bar').catch(async () => coderItem());
    assert.equal(shown, USER_CODER, 'the status bar shows the coder name of the settings');
    const idsBefore = new Set(sidecarOnDisk(KABAN).codes.map((code) => code.id));
    await goToLine(page, 30);
    try {
      await codeThroughPicks(page, {
        search: 'Prioritas anggaran',
        codePath: 'jones/application/budget-priority',
        polarity: 'Inhibiting',
        factor: 'Uji nama koder',
        answerCoder: false,
      });
    } catch (error) {
      await screenshot(page, 'coder-name-prompt');
      throw new Error(`the status bar shows "${shown}", yet coding did not finish: ${error.message}`, { cause: error });
    }
    const added = await waitUntil(() => sidecarOnDisk(KABAN).codes.find((code) => !idsBefore.has(code.id)), 'the new code in the sidecar');
    // Leave the study as it was (after() writes the sidecar back if this does not work).
    await page.keyboard.press('Control+Z');
    await waitUntil(() => !sidecarOnDisk(KABAN).codes.some((code) => code.id === added.id), 'Ctrl+Z to remove the test code').catch(() => {});
    assert.equal(added.coder, USER_CODER, `the settings and the status bar say "${USER_CODER}", but the code was written by "${added.coder}"`);
  });
});
