/**
 * The study seen from the editor: the codebook and every sidecar of a workspace folder,
 * kept current by file watchers. Commands use it for colours, labels, factor and agency
 * suggestions; the sidebar builds on it.
 */
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook';
import { loadCodebook, loadRecord, type LoadedCodebook, type StudyReader, type TranscriptRecord } from '../core/study';
import { dimensionPathOf } from '../core/codebook';
import { factorKey } from '../core/summary';
import { readBytes } from './file-io';
import { readSettings } from './settings';

export class StudyIndex implements vscode.Disposable {
  private codebookState: LoadedCodebook | undefined;
  private readonly records = new Map<string, TranscriptRecord>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;
  readonly ready: Promise<void>;

  constructor(readonly folder: vscode.WorkspaceFolder) {
    const reader = this.reader();
    const sidecars = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.codes.yaml'));
    const codebook = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.codebookPath()));
    const reloadRecord = (uri: vscode.Uri) => void this.reloadRecord(reader, uri);
    this.disposables.push(
      sidecars,
      codebook,
      sidecars.onDidCreate(reloadRecord),
      sidecars.onDidChange(reloadRecord),
      sidecars.onDidDelete((uri) => {
        this.records.delete(vscode.workspace.asRelativePath(uri, false));
        this.changed.fire();
      }),
      codebook.onDidCreate(() => void this.reloadCodebook(reader)),
      codebook.onDidChange(() => void this.reloadCodebook(reader)),
      codebook.onDidDelete(() => void this.reloadCodebook(reader)),
    );
    this.ready = this.loadAll(reader);
  }

  get codebook(): Codebook | undefined {
    return this.codebookState?.codebook;
  }

  get loadedCodebook(): LoadedCodebook | undefined {
    return this.codebookState;
  }

  codebookUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...this.codebookPath().split('/'));
  }

  allRecords(): TranscriptRecord[] {
    return [...this.records.values()];
  }

  /** Factor names used for a dimension anywhere in the study, most used first. */
  factorsFor(codePath: string): string[] {
    const dimension = dimensionPathOf(codePath);
    const counts = new Map<string, { name: string; count: number }>();
    for (const record of this.records.values()) {
      if (record.sidecar.status !== 'ok') continue;
      for (const code of record.sidecar.data.codes) {
        if (dimensionPathOf(code.code) !== dimension || code.factor.trim() === '') continue;
        const key = factorKey(code.factor);
        const entry = counts.get(key) ?? { name: code.factor.trim(), count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((e) => e.name);
  }

  /** Agencies named in the study's sidecars. */
  agencies(): string[] {
    const names = new Set<string>();
    for (const record of this.records.values()) if (record.agency !== undefined) names.add(record.agency);
    return [...names].sort((a, b) => a.localeCompare(b));
  }

  private codebookPath(): string {
    return readSettings(this.folder.uri).codebookPath;
  }

  private reader(): StudyReader {
    const folder = this.folder;
    return {
      async listFiles() {
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.codes.yaml'), '**/node_modules/**');
        return found.map((uri) => vscode.workspace.asRelativePath(uri, false));
      },
      readFile: (path) => readBytes(vscode.Uri.joinPath(folder.uri, ...path.split('/'))),
    };
  }

  private async loadAll(reader: StudyReader): Promise<void> {
    this.codebookState = await loadCodebook(reader, this.codebookPath());
    const paths = await reader.listFiles();
    const records = await Promise.all(paths.map((path) => loadRecord(reader, path, 'when-needed')));
    for (const record of records) this.records.set(record.sidecarPath, record);
    this.changed.fire();
  }

  private async reloadCodebook(reader: StudyReader): Promise<void> {
    this.codebookState = await loadCodebook(reader, this.codebookPath());
    this.changed.fire();
  }

  private async reloadRecord(reader: StudyReader, uri: vscode.Uri): Promise<void> {
    const path = vscode.workspace.asRelativePath(uri, false);
    this.records.set(path, await loadRecord(reader, path, 'when-needed'));
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
