import * as vscode from 'vscode';
import { StudyIndex } from './study-index';

/** One study index per workspace folder: a multi-root workspace can hold several studies. */
export class StudyIndexes implements vscode.Disposable {
  private readonly byFolder = new Map<string, StudyIndex>();
  private readonly changed = new vscode.EventEmitter<StudyIndex>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
    this.disposables.push(
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
    const index = new StudyIndex(folder);
    this.byFolder.set(folder.uri.toString(), index);
    this.disposables.push(index.onDidChange(() => this.changed.fire(index)));
  }

  dispose(): void {
    for (const index of this.byFolder.values()) index.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
