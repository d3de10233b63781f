/**
 * Shows in the status bar (window progress) that the study is being read, while any of
 * its long work is pending: the first index of the sidecars, and the Transcripts view's
 * figures for each transcript (issue 19, item 1: long work shows progress). One indicator
 * for all of it, with how many of the pending pieces are done.
 */
import * as vscode from 'vscode';

export class IndexingProgress {
  private pending = 0;
  private started = 0;
  private report: ((done: number, total: number) => void) | undefined;
  private finish: (() => void) | undefined;

  /** Shows progress until `work` settles (with the other pieces tracked meanwhile). */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending++;
    this.started++;
    if (this.finish === undefined) this.show();
    else this.report?.(this.started - this.pending, this.started);
    const settle = () => {
      this.pending--;
      if (this.pending > 0) {
        this.report?.(this.started - this.pending, this.started);
        return;
      }
      const finish = this.finish;
      this.finish = undefined;
      this.report = undefined;
      this.started = 0;
      finish?.();
    };
    work.then(settle, settle);
    return work;
  }

  /** Whether anything is being read now (tests wait for the index to settle with it). */
  get busy(): boolean {
    return this.pending > 0;
  }

  private show(): void {
    const ended = new Promise<void>((resolve) => (this.finish = resolve));
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Transcript Coder: reading the study') }, (progress) => {
      this.report = (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1}', done, total) });
      this.report(this.started - this.pending, this.started);
      return ended;
    });
  }
}

/** The one indicator of the extension host. */
export const indexingProgress = new IndexingProgress();
