// Issue 19, item 1, in the real extension host: while a hostile study is indexed (one
// transcript of lines sharing a 24-character prefix, a sidecar of near-miss quotes), the
// Transcripts view's re-anchoring runs in its worker thread, the window shows progress,
// and the figures are right. How long the host's event loop was held is printed here and
// measured in `npm run bench` (bench/vscode/suite.ts), never asserted: speed is not tested.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { writeHostileStudy } from '../../../bench/hostile';
import { watchEventLoop } from '../../../bench/lib/event-loop-gaps';
import type { SidebarApi } from '../../../src/extension/sidebar';
import { api, studyUri, waitFor } from './helpers';

const SIZE = { lines: 20_000, codes: 200 };
const FOLDER = 'hostile-study';
const TRANSCRIPT = `${FOLDER}/hostile-${SIZE.lines}x${SIZE.codes}/hostile.txt`;

describe('indexing a hostile study', function () {
  this.timeout(120_000);

  after(async () => {
    rmSync(studyUri(FOLDER).fsPath, { recursive: true, force: true });
    // A deleted folder is one file event, which names none of the files in it: the index
    // is told to read the sidecar again, and finds it gone.
    const { studies } = await api();
    const study = studies.forUri(studyUri(''));
    await study?.reloadSidecars([`${TRANSCRIPT}.codes.yaml`]);
    await vscode.commands.executeCommand('transcriptCoder.refreshSidebar');
    await waitFor(() => !study?.allRecords().some((record) => record.transcriptPath === TRANSCRIPT), 'the hostile study gone from the index', 20_000);
  });

  it('re-anchors its transcripts in the worker thread, shows progress meanwhile, and finds every near-miss quote off its text', async () => {
    const { studies, indexing } = await api();
    const side = await vscode.commands.executeCommand<SidebarApi>('transcriptCoder.internal.sidebar');
    assert.ok(side);
    let sawProgress = false;
    const progressWatch = setInterval(() => (sawProgress ||= indexing.busy), 5);
    const gaps = watchEventLoop();
    const started = performance.now();
    try {
      writeHostileStudy(studyUri(FOLDER).fsPath, SIZE);
      await waitFor(() => studies.forUri(studyUri(''))?.allRecords().find((record) => record.transcriptPath === TRANSCRIPT), 'the hostile sidecar in the index', 30_000);
      const progress = await side.transcripts.progressOf(TRANSCRIPT);
      assert.ok(progress, 'the Transcripts view has figures for the hostile transcript');
      assert.equal(progress.orphans, SIZE.codes, 'no near-miss quote is taken for its text');
      assert.equal(progress.coded, 0);
      // The Problems panel's re-anchoring (also in the worker) names every one of them.
      const problems = () => [...vscode.languages.getDiagnostics(studyUri(TRANSCRIPT)), ...vscode.languages.getDiagnostics(studyUri(`${TRANSCRIPT}.codes.yaml`))];
      await waitFor(() => problems().length >= SIZE.codes, 'a Problem for every near-miss quote', 60_000);
      assert.equal(new Set(problems().map((problem) => problem.range.start.line)).size > 1, true, 'each on its own line');
    } finally {
      clearInterval(progressWatch);
      const { longestBlockMs, ticks } = gaps.stop();
      console.log(`[indexing] hostile ${SIZE.lines}×${SIZE.codes}: ${(performance.now() - started).toFixed(0)} ms, longest block of the extension host ${longestBlockMs.toFixed(1)} ms over ${ticks} ticks`);
    }
    assert.ok(side.transcripts.offMainThread, 'the work ran in the worker thread, not in the extension host');
    assert.ok(sawProgress, 'the window showed progress while the study was read');
  });
});
