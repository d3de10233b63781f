/**
 * A sidecar travels with its transcript (issue 12, part 3). When a transcript is renamed
 * or moved in VS Code — the Explorer (F2, drag and drop), another extension, or
 * `workspace.applyEdit` — its sidecar moves in the same operation: the edit is handed to
 * VS Code in `onWillRenameFiles`, which applies it in the rename's own undo group, so one
 * undo puts both back. `transcript:` is rewritten to name the new file.
 *
 * When a transcript is deleted, the user is asked what happens to its codes; without an
 * answer (the dialog closed, or VS Code's participant time ran out) the sidecar stays,
 * and the Problems panel offers to relink it. A sidecar in the same operation (a folder
 * deleted or moved, a collapsed Explorer nest) goes with it as the user chose.
 *
 * In restricted mode nothing is written: the sidecar stays where it is and the user is
 * told why (the write port in file-io.ts refuses it too).
 */
import * as vscode from 'vscode';
import { type FileMove, planSidecarFollows, sidecarTextAfterMove } from '../core/follow';
import { parseSidecar } from '../core/sidecar';
import { isSidecarPath } from '../core/study';
import { decodeText } from '../core/transcript';
import { basename, readBytes, sidecarFileEdit, sidecarUriFor, type PortEdit, type SidecarFileChange } from './file-io';
import { SECTION } from './settings';
import type { StudyIndexes } from './study-indexes';
import { studyStore } from './workspace-files';

/** What to do with a deleted transcript's codes: ask (the default), or the answer given once for all in the user's settings. */
type DeleteAnswer = 'keepCodes' | 'deleteCodes';

export function registerSidecarsFollow(studies: StudyIndexes): vscode.Disposable[] {
  return [
    vscode.workspace.onWillRenameFiles((event) => event.waitUntil(followRename(event.files))),
    vscode.workspace.onWillDeleteFiles((event) => event.waitUntil(followDelete(event.files))),
    // The file watcher tells the index too, but later: show the moved codes and the kept sidecars' problems at once.
    vscode.workspace.onDidRenameFiles((event) => reloadAround(studies, event.files.flatMap((file) => [file.oldUri, file.newUri]))),
    vscode.workspace.onDidDeleteFiles((event) => reloadAround(studies, event.files)),
  ];
}

/** The key of a file among the moves: its workspace-relative path (with the folder's name in a multi-root workspace). */
function keyOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri) === undefined ? undefined : vscode.workspace.asRelativePath(uri, true);
}

async function followRename(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<PortEdit | undefined> {
  const uris = new Map<string, vscode.Uri>();
  const moves: FileMove[] = [];
  for (const { oldUri, newUri } of files) {
    const from = keyOf(oldUri);
    const to = keyOf(newUri);
    // A file moved into or out of the workspace is not followed: its sidecar's place cannot be checked.
    if (from === undefined || to === undefined) continue;
    uris.set(from, oldUri).set(to, newUri);
    moves.push({ from, to });
  }
  const sidecarUri = (key: string, transcriptKey: string) => uris.get(key) ?? sidecarUriFor(uris.get(transcriptKey) as vscode.Uri);
  const present = new Set<string>();
  await Promise.all(
    moves.flatMap((move) =>
      [move.from, move.to].map(async (transcriptKey) => {
        const key = `${transcriptKey}.codes.yaml`;
        if (await sidecarPresent(sidecarUri(key, transcriptKey))) present.add(key);
      }),
    ),
  );
  const follows = planSidecarFollows(moves, (path) => present.has(path));
  if (follows.length === 0) return undefined;
  if (!studyStore.mayWrite()) {
    for (const follow of follows) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} was renamed, but its sidecar {1} was not moved: this workspace is not trusted (restricted mode), so Transcript Coder writes nothing. Trust the workspace, then use the quick fix on the sidecar to relink it.',
          follow.transcriptFrom,
          follow.sidecarFrom,
        ),
      );
    }
    return undefined;
  }
  const changes: SidecarFileChange[] = [];
  for (const follow of follows) {
    const from = sidecarUri(follow.sidecarFrom, follow.transcriptFrom);
    const to = sidecarUriFor(uris.get(follow.transcriptTo) as vscode.Uri);
    if (follow.kind === 'refused') {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          '{0} was renamed to {1}, but its codes stay in {2}: {3} already exists, and a sidecar is never overwritten. Nothing was changed in either sidecar.',
          follow.transcriptFrom,
          follow.transcriptTo,
          follow.sidecarFrom,
          follow.sidecarTo,
        ),
      );
      continue;
    }
    const change = await movedSidecar(from, to, follow.sidecarFrom, follow.transcriptTo);
    if (change !== undefined) changes.push(change);
  }
  return changes.length === 0 ? undefined : sidecarFileEdit(changes);
}

/** The sidecar's move, with `transcript:` naming the new file; a sidecar that cannot be read moves as it is, and the user is told. */
async function movedSidecar(from: vscode.Uri, to: vscode.Uri, sidecarKey: string, transcriptTo: string): Promise<SidecarFileChange | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readBytes(from);
  } catch (error) {
    // A link leaving the workspace, a FIFO…: not touched (issue 19).
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not moved with its transcript: {1}', sidecarKey, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  if (bytes === undefined) return undefined;
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === from.toString());
  const decoded = decodeText(bytes);
  const after = decoded.ok ? sidecarTextAfterMove(decoded.text, sidecarKey, transcriptTo) : { kind: 'broken' as const, line: decoded.line ?? 1, message: decoded.message };
  if (after.kind === 'broken') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} moved with its transcript unchanged: it cannot be read (line {1}: {2}), so its "transcript:" still names the old file. Fix the sidecar, then its problem offers to set it.',
        sidecarKey,
        after.line,
        after.message,
      ),
    );
    return { kind: 'move', from, to };
  }
  if (after.kind === 'same') return { kind: 'move', from, to };
  if (open?.isDirty === true) {
    // Unsaved edits in the sidecar's editor move with a rename; a rewrite would lose them.
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} moved with its transcript, but it has unsaved changes, so its "transcript:" still names the old file. Save it, then use the quick fix on its problem.', sidecarKey),
    );
    return { kind: 'move', from, to };
  }
  return { kind: 'move', from, to, text: after.text };
}

async function sidecarPresent(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await readBytes(uri)) !== undefined;
  } catch {
    // Refused (a link leaving the workspace…): present, so that nothing is moved onto it.
    return true;
  }
}

async function followDelete(files: readonly vscode.Uri[]): Promise<PortEdit | undefined> {
  const deleted = new Set(files.map((uri) => uri.toString()));
  const insideDeleted = (uri: vscode.Uri) => files.some((folder) => uri.toString().startsWith(`${folder.toString()}/`));
  const kept: { transcript: vscode.Uri; sidecar: vscode.Uri; codes: number | undefined }[] = [];
  for (const transcript of files) {
    const key = keyOf(transcript);
    if (key === undefined || isSidecarPath(key)) continue;
    const sidecar = sidecarUriFor(transcript);
    if (deleted.has(sidecar.toString()) || insideDeleted(sidecar)) continue;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readBytes(sidecar);
    } catch {
      continue;
    }
    if (bytes !== undefined) kept.push({ transcript, sidecar, codes: codeCount(bytes, key) });
  }
  // Restricted mode: nothing is deleted, so nothing needs asking; the sidecars stay and their problems say so.
  if (kept.length === 0 || !studyStore.mayWrite()) return undefined;
  const answer = await askAboutCodes(kept);
  return answer === 'deleteCodes' ? sidecarFileEdit(kept.map(({ sidecar }) => ({ kind: 'delete', uri: sidecar }))) : undefined;
}

function codeCount(bytes: Uint8Array, transcriptKey: string): number | undefined {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return undefined;
  const parsed = parseSidecar(decoded.text, `${transcriptKey}.codes.yaml`);
  return parsed.status === 'ok' ? parsed.data.codes.length : undefined;
}

/** The user's answer; the setting, when they gave it once for all; keeping the codes when the dialog is closed. */
async function askAboutCodes(kept: readonly { transcript: vscode.Uri; sidecar: vscode.Uri; codes: number | undefined }[]): Promise<DeleteAnswer> {
  const setting = vscode.workspace.getConfiguration(SECTION).inspect<string>('whenTranscriptDeleted');
  // Only the user's own settings may answer for them: a workspace cannot decide that codes are deleted.
  const given = setting?.globalValue;
  if (given === 'keepCodes' || given === 'deleteCodes') return given;
  const keep = vscode.l10n.t('Keep the codes');
  const remove = vscode.l10n.t('Delete the codes too');
  const [first] = kept;
  const message =
    kept.length === 1 && first !== undefined
      ? first.codes === undefined
        ? vscode.l10n.t('{0} is being deleted. Its sidecar {1} cannot be read. Keep the sidecar, or delete it too?', basename(first.transcript), basename(first.sidecar))
        : vscode.l10n.t('{0} is being deleted. What about its {1} codes in {2}?', basename(first.transcript), first.codes, basename(first.sidecar))
      : vscode.l10n.t('{0} transcripts are being deleted. What about their codes in {1} sidecars?', kept.length, kept.length);
  const answer = await vscode.window.showWarningMessage(
    message,
    {
      modal: true,
      detail: vscode.l10n.t(
        'Keep: the sidecar stays, and its problem offers to relink it to the transcript that holds its quotes. Delete: the sidecar is deleted with the transcript, and undoing the delete brings both back.',
      ),
    },
    keep,
    remove,
  );
  return answer === remove ? 'deleteCodes' : 'keepCodes';
}

/** Reads again the sidecars of these files (and those they stand for), so views and problems follow at once. */
function reloadAround(studies: StudyIndexes, uris: readonly vscode.Uri[]): void {
  for (const uri of uris) {
    const study = studies.forUri(uri);
    if (study === undefined) continue;
    const path = vscode.workspace.asRelativePath(uri, false);
    const sidecarPath = isSidecarPath(path) ? path : `${path}.codes.yaml`;
    void study.reloadSidecars([sidecarPath]);
  }
}
