/**
 * The web worker part of `npm run bench` (issue 15, item 3), a web extension of its own
 * that run-web-bench.mjs installs beside ours, both sent to the browser's web worker
 * extension host. It runs there, beside the extension, on startup: it reads what
 * `.web-bench/request.json` in the workspace asks ("full" or "activation"), measures
 * through the extension's API and the `vscode` API only — the worker has no Node — and
 * writes `.web-bench/results-<time>.json` through workspace.fs, which the runner reads
 * from the disk. What it measures matches the Node extension host's suite (suite.ts):
 * our activation from the host's performance marks, the study's cold index through
 * workspace.fs (a first opening, then the same study opened again), one changed sidecar
 * read into the index, and the decorations of the 20,000-line transcript.
 */
import * as vscode from 'vscode';
import { parseSidecar, serializeSidecar } from '../../../src/core/sidecar';
import { START_MARKS } from '../../../src/extension/start-marks';
import { coldIndex, type StudyIndexLike } from '../cold-index';

const EXTENSION_ID = 'transcript-coder.transcript-coder';


interface Api {
  documents: { onDidChangeCodes: vscode.Event<{ document: vscode.TextDocument }> };
  studies: { all(): StudyIndexLike[] };
  decorations: { onDidDraw: vscode.Event<{ document: vscode.TextDocument; milliseconds: number; lines: number; labels: number }> };
  ready: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function activate(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) return;
  const benchFolder = vscode.Uri.joinPath(folder.uri, '.web-bench');
  let mode: string;
  try {
    mode = (JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(benchFolder, 'request.json')))) as { mode: string }).mode;
  } catch {
    return; // not a bench workspace
  }
  const results: Record<string, unknown> = { mode, host: typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' ? 'web worker' : 'other' };
  try {
    await measure(results, mode, folder);
  } catch (error) {
    results['error'] = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  }
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(benchFolder, `results-${Date.now()}.json`), new TextEncoder().encode(JSON.stringify(results, null, 2)));
}

async function measure(results: Record<string, unknown>, mode: string, folder: vscode.WorkspaceFolder): Promise<void> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.ready;
  // The extension host's performance marks around our activation (Date.now() values).
  const marks = ((globalThis as { MonacoPerformanceMarks?: { getMarks(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks() ?? []).filter((mark) =>
    mark.name.endsWith(`/${EXTENSION_ID}`),
  );
  results['marks'] = marks;
  // Our own marks of the start in the turns after activation (desktop/start.web.ts), on the worker's performance clock: compared only with each other (run-web-bench.mjs).
  results['startMarks'] = Object.values(START_MARKS).map((name) => {
    const mark = performance.getEntriesByName(name, 'mark')[0];
    return { name, startTime: mark === undefined ? undefined : performance.timeOrigin + mark.startTime };
  });
  if (mode !== 'full') return;

  const readyStarted = performance.now();
  await Promise.all(api.studies.all().map((study) => study.ready));
  const study = api.studies.all()[0];
  results['studyReady'] = { waitedMs: performance.now() - readyStarted, records: study?.allRecords().length ?? 0 };
  if (study === undefined) throw new Error('no study index');
  results['coldIndex'] = await coldIndex(study, 3);
  results['changedSidecar'] = await changedSidecars(study);
  const runs: unknown[] = [];
  for (let n = 1; n <= 7; n++) {
    runs.push(await openAndWaitForDecorations(api, vscode.Uri.joinPath(folder.uri, 'transcripts', 'bench', `large-${n}.txt`)));
    await sleep(300);
  }
  results['open'] = { warmup: runs[0], runs: runs.slice(1) };
}

/** One sidecar rewritten through workspace.fs, then read into the index (reloadSidecars), as after a git pull. */
async function changedSidecars(study: StudyIndexLike): Promise<Record<string, unknown>> {
  const candidates = study
    .allRecords()
    .filter((record) => record.sidecar.status === 'ok' && (record.sidecar.data?.codes.length ?? 0) >= 100)
    .map((record) => record.sidecarPath)
    .sort();
  const totals: number[] = [];
  const stats: number[] = [];
  const reads: number[] = [];
  for (let n = 0; n < 12; n++) {
    const sidecarPath = candidates[(n * 37) % candidates.length];
    if (sidecarPath === undefined) break;
    const uri = study.uriOf(sidecarPath);
    const parsed = parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), sidecarPath);
    if (parsed.status !== 'ok') continue;
    const codes = parsed.data.codes.map((code, index) => (index === 3 ? { ...code, factor: `${code.factor} (direvisi ${n})` } : code));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(serializeSidecar({ ...parsed.data, codes }, parsed)));
    // The file watcher reads the changed sidecar on its own: timed alongside, the reload
    // below waited for that second read too (NewestRead), and measured two reads racing.
    await sleep(1500);
    const started = performance.now();
    await study.reloadSidecars([sidecarPath]);
    if (n >= 2) totals.push(performance.now() - started);
    // The floor under the reload: one question to the file system, one read of the sidecar.
    const statStarted = performance.now();
    await vscode.workspace.fs.stat(uri);
    const readStarted = performance.now();
    await vscode.workspace.fs.readFile(uri);
    if (n >= 2) {
      stats.push(readStarted - statStarted);
      reads.push(performance.now() - readStarted);
    }
  }
  return { totals, statMs: stats, readMs: reads };
}

async function openAndWaitForDecorations(api: Api, uri: vscode.Uri): Promise<Record<string, unknown>> {
  const same = (document: vscode.TextDocument) => document.uri.toString() === uri.toString();
  let drawn: { at: number; milliseconds: number; lines: number; labels: number } | undefined;
  let resolveDrawn: () => void = () => {};
  const drawnPromise = new Promise<void>((resolve) => (resolveDrawn = resolve));
  const listener = api.decorations.onDidDraw((event) => {
    if (!same(event.document) || event.lines === 0 || drawn !== undefined) return;
    drawn = { at: performance.now(), milliseconds: event.milliseconds, lines: event.lines, labels: event.labels };
    resolveDrawn();
  });
  try {
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await Promise.race([drawnPromise, sleep(60_000)]);
    if (drawn === undefined) throw new Error(`no decorations for ${uri.path} within 60 s`);
    return { file: uri.path.slice(uri.path.lastIndexOf('/') + 1), totalMs: drawn.at - started, drawMs: drawn.milliseconds, lines: drawn.lines, labels: drawn.labels };
  } finally {
    listener.dispose();
  }
}
