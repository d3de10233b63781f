/**
 * Changes to many sidecars at once — renaming a factor across the study, a code path
 * after a codebook change, removing segments — shown before they are applied, applied
 * safely, and undoable.
 *
 * - A sidecar whose transcript is open is changed through its CodingSession
 *   (`documents.change`), so the editor's positions, decorations and undo stay right.
 * - Any other sidecar is read from disk, changed with the core writer (comments and
 *   layout kept) and written atomically; a sidecar that does not read cleanly is never
 *   written, only listed.
 * - Undo puts back the bytes each file had, unless someone changed the file since;
 *   such files are named instead of overwritten.
 */
import * as vscode from 'vscode';
import { decodeText } from '../../core/transcript';
import { type CodeEntry, parseSidecar, serializeSidecar } from '../../core/sidecar';
import type { CodeChanges } from '../../core/session';
import type { CodedDocument, CodedDocuments } from '../coded-documents';
import { sameBytes } from '../../core/store';
import { readBytes, writeBytes, writeText } from '../file-io';
import type { StudyIndex } from '../study-index';
import { studyStore } from '../workspace-files';

/** What to do with one code: change some fields, remove it, or leave it (undefined). */
export type CodeEdit = (code: CodeEntry, sidecarPath: string) => CodeChanges | 'remove' | undefined;

interface PlannedFile {
  sidecarPath: string;
  /** Codes that change (or go) in this file. */
  count: number;
  /** The transcript is open: the change goes through its coding session. */
  open: boolean;
}

export interface StudyPlan {
  study: StudyIndex;
  /** Says what the change is, e.g. 'Rename the factor "A" to "B"'. */
  title: string;
  edit: CodeEdit;
  files: PlannedFile[];
  segments: number;
  /** Sidecars that cannot be read: never written, perhaps holding codes the change would touch. */
  unreadable: string[];
  codebook?: { before: Uint8Array; after: string };
}

interface DiskUndo {
  kind: 'disk';
  uri: vscode.Uri;
  path: string;
  before: Uint8Array;
  after: Uint8Array;
}

interface SessionUndo {
  kind: 'session';
  coded: CodedDocument;
  path: string;
  /** The fields each changed code had before. */
  previous: Array<{ id: string; changes: CodeChanges }>;
  /** Codes removed, as they were. */
  removed: CodeEntry[];
}

export interface AppliedChange {
  title: string;
  study: StudyIndex;
  files: Array<DiskUndo | SessionUndo>;
  codebook?: DiskUndo;
  segments: number;
  /** Files that could not be changed, with why. */
  failed: Array<{ path: string; reason: string }>;
}

export interface UndoResult {
  restored: string[];
  /** Changed again since: left as they are. */
  conflicts: string[];
}

const HISTORY_LIMIT = 20;

export class StudyEditor {
  private readonly history: AppliedChange[] = [];

  constructor(private readonly documents: CodedDocuments) {}

  /** Counts what `edit` would change in the study, from the sidecars as last read. */
  plan(study: StudyIndex, title: string, edit: CodeEdit, codebook?: StudyPlan['codebook']): StudyPlan {
    const files: PlannedFile[] = [];
    const unreadable: string[] = [];
    let segments = 0;
    for (const record of study.allRecords().sort((a, b) => (a.sidecarPath < b.sidecarPath ? -1 : 1))) {
      if (record.sidecar.status !== 'ok') {
        unreadable.push(record.sidecarPath);
        continue;
      }
      const count = record.sidecar.data.codes.filter((code) => edit(code, record.sidecarPath) !== undefined).length;
      if (count === 0) continue;
      segments += count;
      files.push({ sidecarPath: record.sidecarPath, count, open: this.openDocument(study.uriOf(record.sidecarPath)) !== undefined });
    }
    return { study, title, edit, files, segments, unreadable, ...(codebook === undefined ? {} : { codebook }) };
  }

  /** Shows what the change will do and asks; true to go ahead. */
  async confirm(plan: StudyPlan, action: string): Promise<boolean> {
    const lines: string[] = [];
    if (plan.codebook !== undefined) lines.push(vscode.l10n.t('codebook.yaml is changed.'));
    if (plan.files.length > 0) {
      lines.push(vscode.l10n.t('{0} coded segment(s) in {1} sidecar(s):', plan.segments, plan.files.length));
      const shown = plan.files.slice(0, 12);
      for (const file of shown) lines.push(`  ${file.sidecarPath} (${file.count})${file.open ? ` — ${vscode.l10n.t('open in an editor')}` : ''}`);
      if (plan.files.length > shown.length) lines.push(`  ${vscode.l10n.t('and {0} more', plan.files.length - shown.length)}`);
    } else {
      lines.push(vscode.l10n.t('No coded segment changes.'));
    }
    if (plan.unreadable.length > 0) {
      lines.push('', vscode.l10n.t('Not changed, because they cannot be read: {0}', plan.unreadable.join(', ')));
    }
    lines.push('', vscode.l10n.t('You can undo this with "Undo Last Study-wide Change".'));
    const answer = await vscode.window.showWarningMessage(plan.title, { modal: true, detail: lines.join('\n') }, action);
    return answer === action;
  }

  /** Applies the plan; the change can then be undone. */
  async apply(plan: StudyPlan): Promise<AppliedChange> {
    if (!studyStore.mayWrite()) throw new Error(vscode.l10n.t('This workspace is not trusted: Transcript Coder does not write to it.'));
    const { study } = plan;
    const applied: AppliedChange = { title: plan.title, study, files: [], segments: 0, failed: [] };
    let codebookUri: vscode.Uri | undefined;
    if (plan.codebook !== undefined) {
      codebookUri = study.codebookUri();
      const now = await readBytes(codebookUri);
      if (now === undefined || !sameBytes(now, plan.codebook.before)) {
        throw new Error(vscode.l10n.t('codebook.yaml changed since the change was prepared; nothing was changed. Try again.'));
      }
    }
    for (const file of plan.files) {
      const uri = study.uriOf(file.sidecarPath);
      try {
        const coded = this.openDocument(uri);
        const undo = coded === undefined ? await this.applyOnDisk(uri, file.sidecarPath, plan.edit) : await this.applyInSession(coded, file.sidecarPath, plan.edit);
        if (typeof undo === 'string') applied.failed.push({ path: file.sidecarPath, reason: undo });
        else if (undo !== undefined) {
          applied.files.push(undo.undo);
          applied.segments += undo.count;
        }
      } catch (error) {
        applied.failed.push({ path: file.sidecarPath, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    if (plan.codebook !== undefined && codebookUri !== undefined) {
      const after = new TextEncoder().encode(plan.codebook.after);
      await writeBytes(codebookUri, after);
      applied.codebook = { kind: 'disk', uri: codebookUri, path: vscode.workspace.asRelativePath(codebookUri, false), before: plan.codebook.before, after };
      await study.reloadCodebookNow();
    }
    await study.reloadSidecars(applied.files.map((file) => file.path));
    if (applied.files.length > 0 || applied.codebook !== undefined) {
      this.history.push(applied);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
    return applied;
  }

  canUndo(): boolean {
    return this.history.length > 0;
  }

  lastChange(): AppliedChange | undefined {
    return this.history.at(-1);
  }

  /** Undoes the newest applied change (or `change`, when it is the newest). */
  async undo(change?: AppliedChange): Promise<UndoResult | undefined> {
    const last = this.history.at(-1);
    if (last === undefined || (change !== undefined && change !== last)) return undefined;
    this.history.pop();
    const result: UndoResult = { restored: [], conflicts: [] };
    for (const file of [...last.files].reverse()) {
      const ok = file.kind === 'disk' ? await restoreDisk(file) : await this.restoreSession(file);
      (ok ? result.restored : result.conflicts).push(file.path);
    }
    if (last.codebook !== undefined) {
      const ok = await restoreDisk(last.codebook);
      (ok ? result.restored : result.conflicts).push(last.codebook.path);
      await last.study.reloadCodebookNow();
    }
    await last.study.reloadSidecars(last.files.map((file) => file.path));
    return result;
  }

  private openDocument(sidecarUri: vscode.Uri): CodedDocument | undefined {
    const key = sidecarUri.toString();
    return this.documents.all().find((coded) => coded.sidecarUri.toString() === key);
  }

  private async applyOnDisk(uri: vscode.Uri, path: string, edit: CodeEdit): Promise<{ undo: DiskUndo; count: number } | string | undefined> {
    const before = await readBytes(uri);
    if (before === undefined) return vscode.l10n.t('the file is gone');
    const decoded = decodeText(before);
    if (!decoded.ok) return decoded.message;
    const parsed = parseSidecar(decoded.text, path);
    if (parsed.status !== 'ok') {
      const first = parsed.problems[0];
      return vscode.l10n.t('it cannot be read (line {0}: {1}); it was not changed', first?.line ?? 1, first?.message ?? parsed.reason);
    }
    let count = 0;
    const codes: CodeEntry[] = [];
    for (const code of parsed.data.codes) {
      const change = edit(code, path);
      if (change === undefined) {
        codes.push(code);
        continue;
      }
      count++;
      if (change === 'remove') continue;
      const next: CodeEntry = { ...code, ...change };
      if (next.memo === undefined || next.memo === '') delete next.memo;
      codes.push(next);
    }
    if (count === 0) return undefined;
    const text = serializeSidecar({ ...parsed.data, codes }, parsed);
    await writeText(uri, text);
    return { undo: { kind: 'disk', uri, path, before, after: new TextEncoder().encode(text) }, count };
  }

  private async applyInSession(coded: CodedDocument, path: string, edit: CodeEdit): Promise<{ undo: SessionUndo; count: number } | string | undefined> {
    if (coded.session.readOnly) return vscode.l10n.t('it cannot be read; it was not changed');
    const previous: SessionUndo['previous'] = [];
    const removed: CodeEntry[] = [];
    const ok = await this.documents.change(coded, (session) => {
      for (const { entry } of session.codes()) {
        const change = edit(entry, path);
        if (change === undefined) continue;
        if (change === 'remove') {
          removed.push(entry);
          continue;
        }
        const was: CodeChanges = {};
        for (const key of Object.keys(change) as Array<keyof CodeChanges>) was[key] = entry[key] ?? '';
        previous.push({ id: entry.id, changes: was });
        session.updateCode(entry.id, change);
      }
      // One operation, the newest: undo can take it back as a whole.
      if (removed.length > 0) session.removeCodes(removed.map((entry) => entry.id));
    });
    if (!ok) return vscode.l10n.t('the coding session refused the change');
    const count = previous.length + removed.length;
    return count === 0 ? undefined : { undo: { kind: 'session', coded, path, previous, removed }, count };
  }

  private async restoreSession(file: SessionUndo): Promise<boolean> {
    const { coded } = file;
    const stillOpen = this.documents.all().includes(coded);
    if (!stillOpen) return restoreOnDisk(file.coded.sidecarUri, file.path, file.previous, file.removed);
    let restoredRemoved = file.removed.length === 0;
    if (!restoredRemoved) {
      await this.documents.change(coded, (session) => {
        const ids = file.removed.map((entry) => entry.id);
        if (session.undoInfo()?.label !== 'remove code') return;
        session.undo();
        const present = new Set(session.codes().map((code) => code.entry.id));
        if (ids.every((id) => present.has(id))) restoredRemoved = true;
        else session.redo();
      });
    }
    await this.documents.change(coded, (session) => {
      const present = new Set(session.codes().map((code) => code.entry.id));
      for (const { id, changes } of file.previous) if (present.has(id)) session.updateCode(id, changes);
    });
    if (!restoredRemoved) return restoreOnDisk(coded.sidecarUri, file.path, [], file.removed);
    return true;
  }
}

/** Puts codes back in a sidecar on disk (the open session, if any, reloads it). */
async function restoreOnDisk(uri: vscode.Uri, path: string, previous: SessionUndo['previous'], removed: readonly CodeEntry[]): Promise<boolean> {
  const bytes = await readBytes(uri);
  const decoded = bytes === undefined ? undefined : decodeText(bytes);
  if (decoded === undefined || !decoded.ok) return false;
  const parsed = parseSidecar(decoded.text, path);
  if (parsed.status !== 'ok') return false;
  const byId = new Map(previous.map((entry) => [entry.id, entry.changes]));
  const present = new Set(parsed.data.codes.map((code) => code.id));
  const codes = [
    ...parsed.data.codes.map((code) => {
      const changes = byId.get(code.id);
      if (changes === undefined) return code;
      const next: CodeEntry = { ...code, ...changes };
      if (next.memo === undefined || next.memo === '') delete next.memo;
      return next;
    }),
    ...removed.filter((code) => !present.has(code.id)),
  ];
  await writeText(uri, serializeSidecar({ ...parsed.data, codes }, parsed));
  return true;
}

async function restoreDisk(file: DiskUndo): Promise<boolean> {
  const now = await readBytes(file.uri);
  if (now === undefined || !sameBytes(now, file.after)) return false;
  await writeBytes(file.uri, file.before);
  return true;
}


