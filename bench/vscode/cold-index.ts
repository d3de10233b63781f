/**
 * The extension's cold index of the study through workspace.fs, timed the same way in the
 * Node extension host (suite.ts) and in the browser's web worker (web/suite.ts): a second
 * StudyIndex of the same class as the extension's own, built from nothing with an empty
 * parse cache of its own (a first opening), then the same study opened again with the
 * cache the first filled (issue 15: files whose version has not changed are neither read
 * nor parsed again). Each is disposed; its change events reach no listener. Only the
 * `vscode` API is used, so both hosts can run it.
 */
import type * as vscode from 'vscode';
import { StudyParseCache } from '../../src/core/study';

export interface StudyIndexLike extends vscode.Disposable {
  folder: vscode.WorkspaceFolder;
  ready: Promise<void>;
  allRecords(): Array<{ sidecarPath: string; sidecar: { status: string; data?: { codes: unknown[] } } }>;
  reloadSidecars(paths: readonly string[]): Promise<void>;
  uriOf(path: string): vscode.Uri;
}

export async function coldIndex(study: StudyIndexLike, runs: number): Promise<{ warmup: number | undefined; runs: number[]; againRuns: number[]; records: number }> {
  const Index = study.constructor as new (folder: vscode.WorkspaceFolder, placer: undefined, parsedBefore: StudyParseCache) => StudyIndexLike;
  const first: number[] = [];
  const again: number[] = [];
  let records = 0;
  for (let run = 0; run < runs; run++) {
    const parsedBefore = new StudyParseCache();
    let started = performance.now();
    const fresh = new Index(study.folder, undefined, parsedBefore);
    await fresh.ready;
    first.push(performance.now() - started);
    records = fresh.allRecords().length;
    fresh.dispose();
    started = performance.now();
    const reopened = new Index(study.folder, undefined, parsedBefore);
    await reopened.ready;
    again.push(performance.now() - started);
    reopened.dispose();
  }
  return { warmup: first[0], runs: first.slice(1), againRuns: again.slice(1), records };
}
