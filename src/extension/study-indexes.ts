import * as vscode from 'vscode';
import { StudyIndex, type Placer, type StudyIndexChange } from './study-index';
import { Disposable } from './dispose';

/** One change of one study, saying what changed (see StudyIndexChange). */
export interface StudyChange {
  study: StudyIndex;
  change: StudyIndexChange;
}

/** One study index per workspace folder: a multi-root workspace can hold several studies. */
export class StudyIndexes extends Disposable implements vscode.Disposable {
  private readonly byFolder = new Map<string, StudyIndex>();
  private readonly changed = this.register(new vscode.EventEmitter<StudyIndex>());
  private readonly changedDetail = this.register(new vscode.EventEmitter<StudyChange>());
  readonly onDidChange = this.changed.event;
  /** Fires with every onDidChange, saying which study and what in it changed. */
  readonly onDidChangeDetail = this.changedDetail.event;

  /** `placer`: where records' codes are placed on their text (the worker thread); undefined: here, when asked. */
  constructor(private readonly placer?: Placer) {
    super();
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
    this.register(
      vscode.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.added) this.add(folder);
        for (const folder of event.removed) {
          this.byFolder.get(folder.uri.toString())?.dispose();
          this.byFolder.delete(folder.uri.toString());
        }
      }),
    );
  }

  forDocument(document: vscode.TextDocument): StudyIndex | undefined {
    return this.forUri(document.uri);
  }

  forUri(uri: vscode.Uri): StudyIndex | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder === undefined ? undefined : this.byFolder.get(folder.uri.toString());
  }

  all(): StudyIndex[] {
    return [...this.byFolder.values()];
  }

  private add(folder: vscode.WorkspaceFolder): void {
    const index = new StudyIndex(folder, this.placer);
    this.byFolder.set(folder.uri.toString(), index);
    this.registerAll(
      index.onDidChangeDetail((change) => this.changedDetail.fire({ study: index, change })),
      index.onDidChange(() => this.changed.fire(index)),
    );
  }

  override dispose(): void {
    for (const index of this.byFolder.values()) index.dispose();
    super.dispose();
  }
}
