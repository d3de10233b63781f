/**
 * One `CodingSession` per open transcript: change events go in as plain LF edits, the
 * sidecar is written after each coding change and on save, and outside changes to the
 * transcript or the sidecar are reconciled by re-anchoring. Writes go through the study
 * store (core/store): `SessionSidecar` reads, compares, merges and writes; the store
 * checks trust and queues per file.
 */
import * as vscode from 'vscode';
import type { AnchorResult, TextEdit } from '../core/anchoring';
import { CodingSession, type ReanchorInput, type SidecarReload } from '../core/session';
import { SessionSidecar, type SidecarSave } from '../core/store';
import { afterActivation, nextTurn } from './after-activation';
import { basename, readText, sidecarUriFor } from './file-io';
import { storePath, studyStore } from './workspace-files';
import { Disposable } from './dispose';

/** Schemes of real files; diff views, output panes and git's read-only views are not coded. */
const CODABLE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs', 'vscode-userdata']);
const CODABLE_LANGUAGES = new Set(['transcript', 'plaintext', 'markdown']);

/**
 * Re-anchoring on opening is left to the worker thread above this much work (lines, plus
 * codes to place weighted by their bounded search): a few milliseconds below it, and a
 * hostile transcript (100,000 lines, 2,000 near-miss quotes) takes seconds (issue 19).
 */
const INLINE_REANCHOR_WORK = 5_000;
const CODE_WORK = 25;

/** Where an opened transcript's re-anchoring runs: the study's worker thread (sidebar/stats-worker.ts). */
export interface Reanchorer {
  reanchor(text: string, codes: ReanchorInput[]): Promise<AnchorResult[]>;
}

export class CodedDocument {
  /** A code was made while the transcript had unsaved edits: check its place if they are discarded. */
  codedWhileDirty = false;
  /**
   * Settles when the codes that were not on their quotes at opening are placed (issue 19:
   * their re-anchoring runs in the worker thread, the editor answering meanwhile).
   */
  reanchored: Promise<void> = Promise.resolve();
  /** Whether that re-anchoring is still under way. */
  reanchoring = false;
  /** The session's sidecar on disk: the one way its codes are written (core/store). */
  readonly sidecar: SessionSidecar;

  constructor(
    readonly document: vscode.TextDocument,
    readonly sidecarUri: vscode.Uri,
    readonly session: CodingSession,
    sidecarText: string | undefined,
  ) {
    this.sidecar = new SessionSidecar(studyStore, storePath(sidecarUri), session, sidecarText);
  }

  get relativeSidecarPath(): string {
    return vscode.workspace.asRelativePath(this.sidecarUri);
  }

  /** The transcript as the editor holds it, LF line ends. */
  liveText(): string {
    return documentText(this.document);
  }
}

export function isCodableDocument(document: vscode.TextDocument): boolean {
  return CODABLE_SCHEMES.has(document.uri.scheme) && CODABLE_LANGUAGES.has(document.languageId) && !document.uri.path.endsWith('.codes.yaml');
}

export function documentText(document: vscode.TextDocument): string {
  return document.getText().replace(/\r\n/gu, '\n');
}

/** A change event's changes as LF edits, applied one after the other. */
function toLfEdits(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): TextEdit[] {
  const crlf = document.eol === vscode.EndOfLine.CRLF;
  // Every change's range refers to the text before the event; applied from the end of
  // the document backwards, each stays valid for the text the previous one left.
  return [...changes]
    .sort((a, b) => b.rangeOffset - a.rangeOffset)
    .map((change) => ({
      offset: crlf ? change.rangeOffset - change.range.start.line : change.rangeOffset,
      length: crlf ? change.rangeLength - (change.range.end.line - change.range.start.line) : change.rangeLength,
      text: crlf ? change.text.replace(/\r\n/gu, '\n') : change.text,
    }));
}

export class CodedDocuments extends Disposable implements vscode.Disposable {
  private readonly byUri = new Map<string, CodedDocument>();
  private readonly opening = new Map<string, Promise<CodedDocument | undefined>>();
  private readonly changed = this.register(new vscode.EventEmitter<CodedDocument>());
  private readonly failed = this.register(new vscode.EventEmitter<{ document: vscode.TextDocument; message: string }>());
  readonly onDidChangeCodes = this.changed.event;
  readonly onDidFail = this.failed.event;

  constructor(private readonly reanchorer?: Reanchorer) {
    super();
    this.registerAll(
      vscode.workspace.onDidOpenTextDocument((document) => void this.openIfCoded(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onTextChanged(event)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.onSaved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.onClosed(document)),
      // VS Code keeps a document loaded a while after its editor closes, and its session with
      // it; a watcher event missed meanwhile (a delete and a create that land together) would
      // show old codes when the file is shown again. Shown again, it reads the sidecar first.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) {
          const coded = this.get(editor.document);
          if (coded !== undefined) void this.syncWithDisk(coded);
        }
      }),
    );
    void afterActivation().then(() => {
      if (this.isDisposed) return;
      const sidecars = vscode.workspace.createFileSystemWatcher('**/*.codes.yaml');
      this.registerAll(
        sidecars,
        sidecars.onDidChange((uri) => void this.onSidecarChangedOnDisk(uri)),
        sidecars.onDidCreate((uri) => void this.onSidecarChangedOnDisk(uri)),
      );
      for (const document of vscode.workspace.textDocuments) if (this.get(document) === undefined) void this.openIfCoded(document);
    });
  }

  get(document: vscode.TextDocument): CodedDocument | undefined {
    return this.byUri.get(document.uri.toString());
  }

  all(): CodedDocument[] {
    return [...this.byUri.values()];
  }

  /** The coded document for `document`, starting a session (and, later, a sidecar) when there is none. */
  async ensure(document: vscode.TextDocument): Promise<CodedDocument | undefined> {
    return this.get(document) ?? (await this.open(document, true));
  }

  /** Runs a coding operation and writes the sidecar. Errors reach the user, never half a file. */
  async change(coded: CodedDocument, operation: (session: CodingSession) => void): Promise<boolean> {
    // A code that could not be saved would be lost: in an untrusted workspace none is made.
    if (!studyStore.mayWrite()) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace is not trusted, so Transcript Coder only shows codes here and writes no sidecar. Trust the workspace to code.'),
      );
      return false;
    }
    try {
      operation(coded.session);
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return false;
    }
    if (coded.document.isDirty) coded.codedWhileDirty = true;
    this.changed.fire(coded);
    await this.write(coded);
    return true;
  }

  private async openIfCoded(document: vscode.TextDocument): Promise<void> {
    if (isCodableDocument(document)) await this.open(document, false);
  }

  private open(document: vscode.TextDocument, createWithoutSidecar: boolean): Promise<CodedDocument | undefined> {
    const key = document.uri.toString();
    const pending = this.opening.get(key);
    if (pending !== undefined) return pending.then((found) => found ?? (createWithoutSidecar ? this.open(document, true) : undefined));
    const opening = this.load(document, createWithoutSidecar).finally(() => this.opening.delete(key));
    this.opening.set(key, opening);
    return opening;
  }

  private async load(document: vscode.TextDocument, createWithoutSidecar: boolean): Promise<CodedDocument | undefined> {
    if (!CODABLE_SCHEMES.has(document.uri.scheme)) return undefined;
    const sidecarUri = sidecarUriFor(document.uri);
    let sidecarText: string | undefined;
    try {
      sidecarText = await readText(sidecarUri);
    } catch (error) {
      this.failed.fire({ document, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    if (sidecarText === undefined && !createWithoutSidecar) return undefined;
    if (document.isClosed) return undefined;
    const existing = this.get(document);
    if (existing !== undefined) return existing;
    const session = CodingSession.open(documentText(document), sidecarText, vscode.workspace.asRelativePath(sidecarUri), basename(document.uri), this.reanchorOptions());
    const coded = new CodedDocument(document, sidecarUri, session, sidecarText);
    this.byUri.set(document.uri.toString(), coded);
    // Codes found elsewhere by their quotes (the transcript changed outside the editor)
    // are shown there at once, and written only when the user saves the transcript or
    // accepts the re-anchor: opening a file writes nothing (issue 12).
    this.changed.fire(coded);
    this.reanchorWhenAwaited(coded);
    return coded;
  }

  /** Large re-anchoring is left to the worker thread (reanchorWhenAwaited), small is done at once. */
  private reanchorOptions(): { deferReanchor?: (work: { lines: number; codes: number }) => boolean } {
    if (this.reanchorer === undefined) return {};
    return { deferReanchor: ({ lines, codes }) => lines + CODE_WORK * codes > INLINE_REANCHOR_WORK };
  }

  /** Places in the worker thread the codes the session left waiting, unless that is under way (it then takes them too). */
  private reanchorWhenAwaited(coded: CodedDocument): void {
    if (coded.session.awaitsReanchor && !coded.reanchoring) coded.reanchored = this.reanchorInWorker(coded);
  }

  /**
   * Places the codes the session left waiting at opening, in the worker thread, with
   * progress in the status bar. Typing meanwhile is taken by the session as usual (codes
   * follow it, nothing is lost); results found on a text the user has since changed are
   * not taken, and the re-anchoring runs again on the text as it is then.
   */
  private async reanchorInWorker(coded: CodedDocument): Promise<void> {
    const reanchorer = this.reanchorer;
    if (reanchorer === undefined) return;
    coded.reanchoring = true;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Transcript Coder') }, async (progress) => {
        // Each step in a turn of its own: opening the session, gathering the codes and the
        // text, taking the results and redrawing each take tens of ms on a large transcript.
        for (;;) {
          await nextTurn();
          if (this.get(coded.document) !== coded) return;
          const pending = coded.session.pendingReanchor();
          if (pending === undefined) return;
          progress.report({ message: vscode.l10n.t('re-anchoring {0} codes…', pending.codes.length) });
          const results = await reanchorer.reanchor(pending.text, pending.codes);
          await nextTurn();
          if (this.get(coded.document) !== coded) return;
          const moved = coded.session.finishReanchor(pending.text, results);
          if (moved === undefined) continue;
          await nextTurn();
          this.changed.fire(coded);
        }
      });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Transcript Coder could not re-anchor the codes of {0}: {1}', coded.relativeSidecarPath, error instanceof Error ? error.message : String(error)));
    } finally {
      coded.reanchoring = false;
    }
  }

  private onTextChanged(event: vscode.TextDocumentChangeEvent): void {
    const coded = this.get(event.document);
    if (coded === undefined || event.contentChanges.length === 0) return;
    try {
      coded.session.applyEdits(toLfEdits(event.document, event.contentChanges));
      // Not dirty after a change that is no undo or redo: the editor took in the file as
      // changed on disk (git, another editor). Place codes by their quotes, as on opening,
      // so similar text is offered rather than the code silently lost or kept off its text.
      if (!event.document.isDirty && event.reason === undefined) {
        coded.session.reconcileWithText(documentText(event.document), this.reanchorOptions());
        // Reverted (File: Revert, or closed without saving while VS Code keeps the document
        // loaded) after coding on the unsaved text: those codes were written where they were
        // in it. The text is the saved one again: write them where they are now.
        if (coded.codedWhileDirty) void this.adoptSavedText(coded, event.document);
      }
    } catch {
      // The session lost step with the editor (it should not): rebuild it from the text.
      coded.session.reconcileWithText(documentText(event.document), this.reanchorOptions());
    }
    this.changed.fire(coded);
    this.reanchorWhenAwaited(coded);
  }

  private async onSaved(document: vscode.TextDocument): Promise<void> {
    const coded = this.get(document);
    if (coded === undefined) return;
    await this.adoptSavedText(coded, document);
  }

  /** The document's text is the file's: every code's live position becomes its saved one, and is written. */
  private async adoptSavedText(coded: CodedDocument, document: vscode.TextDocument): Promise<void> {
    coded.codedWhileDirty = false;
    // The saved positions are taken now; the write follows any under way.
    coded.session.sidecarText({ savedText: documentText(document) });
    await this.write(coded);
    this.changed.fire(coded);
  }

  private async onClosed(document: vscode.TextDocument): Promise<void> {
    const coded = this.get(document);
    if (coded === undefined) return;
    this.byUri.delete(document.uri.toString());
    if (!coded.codedWhileDirty || coded.session.readOnly) return;
    // Closed without saving after coding: codes made on the unsaved text were written
    // where they were in it. Place them on the saved text by their quotes.
    const savedText = await readText(document.uri).catch(() => undefined);
    const sidecarText = await readText(coded.sidecarUri).catch(() => undefined);
    if (savedText === undefined || sidecarText === undefined) return;
    const onDisk = CodingSession.open(savedText, sidecarText, coded.session.sidecarPath, basename(document.uri), this.reanchorOptions());
    // A large transcript's codes are placed in the worker thread, as on opening.
    for (let pending = onDisk.pendingReanchor(); pending !== undefined && this.reanchorer !== undefined; pending = onDisk.pendingReanchor()) {
      onDisk.finishReanchor(pending.text, await this.reanchorer.reanchor(pending.text, pending.codes));
    }
    const text = onDisk.sidecarText({ savedText });
    if (text === undefined || text === sidecarText) return;
    try {
      // Written only over the file these places were found for: if someone wrote it meanwhile, theirs stays.
      await studyStore.updateText(storePath(coded.sidecarUri), (current) => (current === sidecarText ? text : undefined));
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Transcript Coder could not write {0}: {1}', coded.relativeSidecarPath, error instanceof Error ? error.message : String(error)),
      );
    }
  }

  /**
   * Takes in the sidecar as it is on disk now, without waiting for the file watcher (which
   * reports late, and drops a delete and a create of one file that land together): a
   * command that is about to change codes asks first, so it never works on a stale copy.
   */
  syncWithDisk(coded: CodedDocument): Promise<void> {
    return this.onSidecarChangedOnDisk(coded.sidecarUri);
  }

  private async onSidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    const coded = this.all().find((candidate) => candidate.sidecarUri.toString() === uri.toString());
    if (coded === undefined) return;
    try {
      const takeIn = await coded.sidecar.takeInFromDisk(() => coded.liveText());
      if (!takeIn.changed) return;
      // A broken file on disk (say, conflict markers after a pull) is reported in the Problems panel.
      if (takeIn.reload.status !== 'broken') this.tellAboutReload(coded, takeIn.reload);
      if (takeIn.save !== undefined) this.tellAboutSave(coded, takeIn.save);
      this.changed.fire(coded);
      // Codes of the file read again that are off their text are placed in the worker thread.
      this.reanchorWhenAwaited(coded);
    } catch (error) {
      // Taken in, but the merge could not be written back: the session shows it still.
      this.tellWriteFailed(coded, error);
      this.changed.fire(coded);
    }
  }

  /** Writes the session's sidecar, after any read or write of it that is under way. */
  private async write(coded: CodedDocument): Promise<void> {
    try {
      this.tellAboutSave(coded, await coded.sidecar.save(() => coded.liveText()));
    } catch (error) {
      this.tellWriteFailed(coded, error);
    }
    // A save that merged someone else's version may have left codes to place.
    this.reanchorWhenAwaited(coded);
  }

  private tellAboutSave(coded: CodedDocument, save: SidecarSave): void {
    if (save.status === 'untrusted') {
      if (save.tellUser) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('This workspace is not trusted, so Transcript Coder only shows codes here and writes no sidecar. Trust the workspace to code.'),
        );
      }
    } else if (save.reload !== undefined) {
      // Someone else wrote the sidecar since we read it (another window, the CLI, git): merged by code id.
      this.tellAboutReload(coded, save.reload);
    }
  }

  private tellWriteFailed(coded: CodedDocument, error: unknown): void {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Transcript Coder could not write {0}: {1}', coded.relativeSidecarPath, error instanceof Error ? error.message : String(error)),
    );
  }

  private tellAboutReload(coded: CodedDocument, reload: SidecarReload): void {
    if (reload.status === 'merged' && reload.conflicts.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} was changed on disk while you were coding. Both versions were merged by code id; {1} code(s) were changed differently on both sides: your version is kept and the other is recorded in the file. Decide with "transcript-coder resolve".',
          coded.relativeSidecarPath,
          reload.conflicts.length,
        ),
      );
    } else if (reload.status === 'replayed') {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} was changed on disk while you were coding and could not be merged ({1}); your changes were put on top of it by code id.', coded.relativeSidecarPath, reload.message),
      );
    } else if (reload.status === 'broken') {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} was changed on disk and cannot be read (see Problems), so your last change was not written; the codes of this transcript are read-only until the file is fixed.', coded.relativeSidecarPath),
      );
    }
  }
}
