// Where the extension runs: in a --web run, in the browser's web worker extension host and
// never in the server's Node extension host; otherwise the other way round. The proof is
// each host's own log line "ExtensionService#_doActivateExtension <id>" (extension-hosts.mjs).
// run-ui-tests.mjs --web also checks the server's logs of every window once all tests ran.
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'mocha';
import { expectedExtensionHost, serverActivations, workerActivations } from './extension-hosts.mjs';
import { findInCommandPalette, openWorkbench, paletteEntry, quickOpen, screenshot, useStudySettings, waitForDecorations, waitUntil } from './workbench.mjs';

const MERGE_DRIVER = 'Transcript Coder: Set Up Git Merge Driver for Sidecars';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const host = expectedExtensionHost();

describe('The extension host that runs Transcript Coder', function () {
  this.timeout(90_000);
  let workbench;

  before(async () => {
    useStudySettings();
    workbench = await openWorkbench('ui-extension-host');
    await quickOpen(workbench.page, KABAN);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
  });

  if (host === 'web') {
    it('activates it in the browser\'s web worker extension host, and the server\'s Node extension host never does', async () => {
      const { page } = workbench;
      const { differences } = await waitForDecorations(page, KABAN, 30_000);
      assert.deepEqual(differences, [], 'the extension draws the codes of the transcript');
      const inWorker = await waitUntil(async () => {
        const lines = await workerActivations(page);
        return lines.length > 0 ? lines : undefined;
      }, 'the web worker extension host log to say it activated the extension', 20_000);
      console.log(`      web worker host: ${inWorker.join('\n      ')}`);
      assert.deepEqual(serverActivations(), [], 'the server\'s extension host activated the extension');
      console.log('      server host: no activation line in any remoteexthost.log');
    });

    it('hides what needs the desktop: the palette offers no git merge driver in a browser (README, "Code in your browser")', async () => {
      const { page } = workbench;
      // Another command of the same category is listed, so the palette has our commands and only this one is hidden.
      await findInCommandPalette(page, 'Transcript Coder: Show Study Summary', 'Transcript Coder: Show Study Summary');
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('Set Up Git Merge Driver');
      await sleep(1500);
      assert.equal(await paletteEntry(page, MERGE_DRIVER).count(), 0, 'the merge driver command is listed in the web build');
      await page.keyboard.press('Escape');
    });
  } else {
    it('activates it in the server\'s Node extension host, and no web worker extension host does', async () => {
      const { page } = workbench;
      const { differences } = await waitForDecorations(page, KABAN, 30_000);
      assert.deepEqual(differences, [], 'the extension draws the codes of the transcript');
      const onServer = await waitUntil(() => {
        const lines = serverActivations();
        return lines.length > 0 ? lines : undefined;
      }, 'the server\'s extension host log to say it activated the extension');
      console.log(`      server host: ${onServer[0]}`);
      assert.deepEqual(await workerActivations(page), [], 'a web worker extension host activated the extension');
    });

    it('offers the git merge driver on the desktop (the web build hides it)', async () => {
      const { page } = workbench;
      const entry = await findInCommandPalette(page, 'Set Up Git Merge Driver', MERGE_DRIVER);
      assert.match(await entry.innerText(), /Set Up Git Merge Driver for Sidecars/u);
      await page.keyboard.press('Escape');
    });
  }
});
