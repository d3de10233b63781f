/**
 * Which study the sidebar shows. A workspace folder is one study; in a multi-root
 * workspace the sidebar follows the folder of the active editor (and otherwise keeps the
 * one it showed), so the trees never mix two codebooks.
 */
import * as vscode from 'vscode';
import type { StudyIndex, StudyIndexChange } from '../study-index';
import type { StudyIndexes } from '../study-indexes';
import { Disposable } from '../dispose';

export class StudyScope extends Disposable implements vscode.Disposable {
  private currentFolder: string | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<StudyIndex | undefined>());
  private readonly changedDetail = this.register(new vscode.EventEmitter<{ study: StudyIndex; change: StudyIndexChange }>());
  /** The shown study is another one now (all views rebuild). */
  readonly onDidChangeStudy = this.changed.event;
  /** Something in the shown study changed. */
  readonly onDidChangeContent = this.changedDetail.event;
  private readonly subscribed = new Set<StudyIndex>();

  constructor(readonly studies: StudyIndexes) {
    super();
    this.registerAll(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const study = editor === undefined ? undefined : studies.forUri(editor.document.uri);
        if (study !== undefined) this.select(study);
      }),
      // A folder added to the workspace gets its index from StudyIndexes; follow it once it reports.
      studies.onDidChange((index) => {
        if (this.subscribed.has(index)) return;
        this.subscribeAll();
        if (index === this.current()) this.changed.fire(index);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.subscribeAll();
        if (this.current() === undefined || this.current()?.folder.uri.toString() !== this.currentFolder) this.changed.fire(this.current());
      }),
    );
    this.subscribeAll();
  }

  /** The study shown: the chosen one if it is still open, else the first folder's. */
  current(): StudyIndex | undefined {
    const all = this.studies.all();
    return all.find((study) => study.folder.uri.toString() === this.currentFolder) ?? all[0];
  }

  multiRoot(): boolean {
    return this.studies.all().length > 1;
  }

  select(study: StudyIndex): void {
    const key = study.folder.uri.toString();
    if (this.current()?.folder.uri.toString() === key) {
      this.currentFolder = key;
      return;
    }
    this.currentFolder = key;
    this.changed.fire(study);
  }

  private subscribeAll(): void {
    for (const study of this.studies.all()) {
      if (this.subscribed.has(study)) continue;
      this.subscribed.add(study);
      this.register(
        study.onDidChangeDetail((change) => {
          if (study === this.current()) this.changedDetail.fire({ study, change });
        }),
      );
    }
  }
}
