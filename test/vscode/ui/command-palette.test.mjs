// The extension installed from its .vsix, driven through the command palette.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import { findInCommandPalette, notificationToast, openWorkbench, runCommand, screenshot } from './workbench.mjs';

const SHOW_SUMMARY = 'Transcript Coder: Show Study Summary';
// The first line of the summary table of the example study (src/core/study/summary-table.ts).
const SUMMARY_MESSAGE = 'Study summary: 2 agencies, 6 transcripts, 78 coded segments';

describe('Command palette', function () {
  this.timeout(90_000);
  let workbench;

  before(async () => {
    workbench = await openWorkbench('ui-command-palette');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
  });

  it(`lists "${SHOW_SUMMARY}" when the user types "Transcript Coder"`, async () => {
    const { page } = workbench;
    const entry = await findInCommandPalette(page, 'Transcript Coder', SHOW_SUMMARY);
    assert.match(await entry.innerText(), /Transcript Coder: Show Study Summary/);
    await screenshot(page, 'command-palette');
    await page.keyboard.press('Escape');
  });

  it('runs the command and shows its notification', async () => {
    const { page } = workbench;
    await runCommand(page, SHOW_SUMMARY);
    const toast = notificationToast(page, SUMMARY_MESSAGE);
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /Study summary: 2 agencies/);
    await screenshot(page, 'show-summary-notification');
  });
});
