// Issue 19, item 1, in the real extension host: while a hostile study is indexed (one
// transcript of lines sharing a 24-character prefix, a sidecar of near-miss quotes), the
// Transcripts view's re-anchoring runs in its worker thread, the window shows progress,
// and the figures are right; and such a transcript opens in the editor at once, its
// codes re-anchored in the worker while the editor answers and typing is kept.
// How long the host's event loop was held at a time is measured in `npm run bench`
// (bench/vscode/suite.ts); here it is only checked against bounds far above the ~50 ms
// aim and far below what the work costs on the main thread, so that they fail when the
// work comes back to the main thread, not when a shared machine is slow. Measured on a
// 2-core EPYC under load 7-10: indexing 20,000 × 200 held it 486 ms with the placements
// on the main thread, 36-88 ms now; opening 20,000 × 2,000 re-anchored there for about
// 2 s, 166-267 ms now.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { writeHostileStudy } from '../../../bench/hostile';
import { watchEventLoop } from '../../../bench/lib/event-loop-gaps';
import { quoteOfLines } from '../../../src/core/transcript';
import { parseSidecar, serializeSidecar } from '../../../src/core/sidecar';
import type { SidebarApi } from '../../../src/extension/sidebar';
import { api, closeAll, studyUri, waitFor } from './helpers';

const INDEX_BOUND_MS = 250;
const OPEN_BOUND_MS = 750;

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
    // Written before the watching starts: writing it is the test's work, not indexing.
    writeHostileStudy(studyUri(FOLDER).fsPath, SIZE);
    const gaps = watchEventLoop();
    const started = performance.now();
    let longestBlock: number;
    try {
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
      longestBlock = longestBlockMs;
      console.log(`[indexing] hostile ${SIZE.lines}×${SIZE.codes}: ${(performance.now() - started).toFixed(0)} ms, longest block of the extension host ${longestBlockMs.toFixed(1)} ms over ${ticks} ticks`);
    }
    assert.ok(side.transcripts.offMainThread, 'the work ran in the worker thread, not in the extension host');
    assert.ok(sawProgress, 'the window showed progress while the study was read');
    assert.ok(longestBlock < INDEX_BOUND_MS, `the extension host was held ${longestBlock.toFixed(0)} ms at a time (bound ${INDEX_BOUND_MS} ms)`);
  });
});

/**
 * The hostile transcript, plus codes whose text is one line below their saved lines (so
 * they move). 2,000 near-miss quotes: seconds of re-anchoring in the worker, so the
 * editor is asked things while it surely runs.
 */
const OPEN_SIZE = { lines: 20_000, codes: 2_000 };
const OPEN_FOLDER = 'hostile-open';
const OPEN_TRANSCRIPT = `${OPEN_FOLDER}/hostile-${OPEN_SIZE.lines}x${OPEN_SIZE.codes}/hostile.txt`;
const MOVED_LINES = [101, 5_001, 15_001];

describe('opening a hostile transcript', function () {
  this.timeout(120_000);

  after(async () => {
    await closeAll();
    rmSync(studyUri(OPEN_FOLDER).fsPath, { recursive: true, force: true });
    const { studies } = await api();
    const study = studies.forUri(studyUri(''));
    await study?.reloadSidecars([`${OPEN_TRANSCRIPT}.codes.yaml`]);
    await waitFor(() => !study?.allRecords().some((record) => record.transcriptPath === OPEN_TRANSCRIPT), 'the hostile transcript gone from the index', 20_000);
  });

  it('opens at once: its codes are re-anchored in the worker thread while the editor answers, and typing meanwhile is kept', async () => {
    writeHostileStudy(studyUri(OPEN_FOLDER).fsPath, OPEN_SIZE);
    const sidecarPath = studyUri(`${OPEN_TRANSCRIPT}.codes.yaml`).fsPath;
    const bodies = readFileSync(studyUri(OPEN_TRANSCRIPT).fsPath, 'utf8').split('\n');
    const hostile = parseSidecar(readFileSync(sidecarPath, 'utf8'), sidecarPath);
    assert.equal(hostile.status, 'ok');
    if (hostile.status !== 'ok') return;
    const moved = MOVED_LINES.map((line, index) => ({
      id: `move${index.toString().padStart(4, '0')}`,
      lines: [line - 1, line - 1] as [number, number],
      code: 'jones/organization',
      polarity: 'supporting' as const,
      factor: `Pindah ${index}`,
      quote: quoteOfLines(bodies, line, line),
      coder: 'bench',
    }));
    const sidecarText = serializeSidecar({ ...hostile.data, codes: [...hostile.data.codes, ...moved] });
    writeFileSync(sidecarPath, sidecarText);

    const { documents } = await api();
    const gaps = watchEventLoop();
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(studyUri(OPEN_TRANSCRIPT));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const coded = await waitFor(() => documents.get(document), 'a coding session for the hostile transcript', 30_000);
    assert.ok(coded.reanchoring, 'its codes are being re-anchored, off the main thread, with progress in the status bar');
    // The editor answers meanwhile: a hover on a code's line, and an edit at the top.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(MOVED_LINES[0] as number, 2));
    assert.ok(Array.isArray(hovers));
    assert.equal(readFileSync(sidecarPath, 'utf8'), sidecarText, 'opening writes nothing');
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Catatan pewawancara\n')));
    assert.ok(coded.reanchoring, 'the hover and the edit were answered while the re-anchoring ran');
    await coded.reanchored;
    const { longestBlockMs, ticks } = gaps.stop();
    console.log(`[indexing] open hostile ${OPEN_SIZE.lines}×${OPEN_SIZE.codes}: ${(performance.now() - started).toFixed(0)} ms, longest block of the extension host ${longestBlockMs.toFixed(1)} ms over ${ticks} ticks`);

    const codes = new Map(coded.session.codes().map((code) => [code.entry.id, code]));
    MOVED_LINES.forEach((line, index) => {
      const code = codes.get(`move${index.toString().padStart(4, '0')}`);
      assert.deepEqual(code?.entry.lines, [line + 1, line + 1], 'moved to its text, which the typed line pushed down one');
      assert.equal(code?.detached, false);
    });
    assert.equal([...codes.values()].filter((code) => code.detached).length, OPEN_SIZE.codes, 'every near-miss quote waits off its text');
    assert.equal(document.lineAt(0).text, 'Catatan pewawancara', 'the line typed while re-anchoring is kept');
    assert.ok(longestBlockMs < OPEN_BOUND_MS, `the extension host was held ${longestBlockMs.toFixed(0)} ms at a time (bound ${OPEN_BOUND_MS} ms)`);
  });
});
