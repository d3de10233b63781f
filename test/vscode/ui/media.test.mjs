// Listening while coding, as a user does it (issue 17): a transcript whose sidecar links a
// recording, the cursor on the line stamped [00:00:20], "Play Recording from This Line"
// (Ctrl+Alt+P) with the focus in the editor; the media panel opens beside the editor and
// its player plays from 20 s, and the spoken line is highlighted. The recording is a tone
// made by the test (sine-wav.mjs), written into the workspace copy and removed after.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import { sineWav } from '../sine-wav.mjs';
import { goToLine, keepWorkspaceFile, openWorkbench, quickOpen, readWorkspaceFile, screenshot, useStudySettings, waitUntil, webviewContent, workspacePath } from './workbench.mjs';

const KABAN = 'transcripts/bkpsdm/kepala-badan.txt';
const RECORDING = 'transcripts/bkpsdm/kepala-badan.wav';

/** The 1-based line of the transcript on disk that starts with `stamp`. */
function lineStamped(stamp) {
  return readWorkspaceFile(KABAN).split(/\r?\n/u).findIndex((text) => text.startsWith(stamp)) + 1;
}

describe('Listening while coding through the UI', function () {
  this.timeout(120_000);
  let workbench;
  let restoreSidecar;

  before(async () => {
    useStudySettings();
    restoreSidecar = keepWorkspaceFile(`${KABAN}.codes.yaml`);
    writeFileSync(workspacePath(RECORDING), sineWav(40));
    const sidecar = readWorkspaceFile(`${KABAN}.codes.yaml`);
    assert.match(sidecar, /^attributes:\n/mu);
    writeFileSync(workspacePath(`${KABAN}.codes.yaml`), sidecar.replace(/^attributes:\n/mu, 'attributes:\n  media: kepala-badan.wav\n'));
    workbench = await openWorkbench('ui-media');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, `FAILED ${this.currentTest.title}`);
  });
  after(async () => {
    await workbench?.close();
    restoreSidecar?.();
    rmSync(workspacePath(RECORDING), { force: true });
  });

  it('plays the linked recording from the timestamp of the cursor line, with the focus kept in the editor', async () => {
    const { page } = workbench;
    await quickOpen(page, KABAN);
    const line = lineStamped('[00:00:20]');
    assert.ok(line > 0, 'kepala-badan.txt has a line stamped [00:00:20]');
    await goToLine(page, line);
    // The context key that a recording is linked is set once the sidecar is read: retry the key until the panel comes.
    const player = webviewContent(page).locator('#player audio, audio#player, audio');
    await waitUntil(async () => {
      await page.keyboard.press('Control+Alt+P');
      return (await player.count()) > 0;
    }, 'the media panel with an audio player', 30_000);
    const time = await waitUntil(async () => {
      const state = await player.first().evaluate((audio) => ({ time: audio.currentTime, paused: audio.paused, duration: audio.duration }));
      return state.time >= 20 && !state.paused ? state : undefined;
    }, 'the player playing from 20 s', 20_000);
    assert.ok(time.time < 30 && Math.round(time.duration) === 40, JSON.stringify(time));
    await screenshot(page, 'media-panel-playing');
    // Pause with the focus still in the editor.
    await page.keyboard.press('Control+Alt+/');
    await waitUntil(async () => player.first().evaluate((audio) => audio.paused), 'the player paused by Ctrl+Alt+/');
  });
});
