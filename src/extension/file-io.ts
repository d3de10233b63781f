/**
 * What the extension reads and writes, in the editor's terms (URIs, workspace edits,
 * settings). Files are read and written through the study store (core/store, adapted to
 * `workspace.fs` in workspace-files.ts), so two rules hold for everything (issue 19):
 * - restricted mode writes nothing in the workspace: every write, settings and workspace
 *   edits included, is asked of the store's one trust check first;
 * - nothing is read or written through a link leaving the workspace folder, a link loop,
 *   a FIFO or a device (`checkInsideWorkspace`, study-files.ts).
 */
import * as vscode from 'vscode';
import { readBytes, storePath, studyStore } from './workspace-files';

export { readBytes };

/** The file's text, LF-normalised; undefined when it does not exist; an Error message when it cannot be read as text. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  // One decoding rule for every text the extension reads: the store's, queued behind writes of the same file.
  return studyStore.readText(storePath(uri));
}

/**
 * Every file the extension writes goes through the study store (core/store): one trust
 * check — in restricted mode it throws UntrustedWorkspaceError, whose message tells the
 * user why — and one queue per file.
 */
export async function writeText(uri: vscode.Uri, text: string): Promise<'written' | 'unchanged'> {
  return studyStore.writeText(storePath(uri), text);
}

export async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
  return studyStore.writeBytes(storePath(uri), bytes);
}

/**
 * For the import writer, which places whole files and folders at once and never replaces
 * one (src/node/import-writer.ts): the same trust rule as every other write, asked
 * before the user is asked anything.
 */
export function assertMayWriteInWorkspace(): void {
  studyStore.assertMayWriteTo('the imported files');
}

/** A folder made (with its parents), under the same rule as a file written. */
export async function createFolder(uri: vscode.Uri): Promise<void> {
  studyStore.assertMayWrite(storePath(uri));
  await vscode.workspace.fs.createDirectory(uri);
}

/** A copy of `source` (the extension's own files) at `destination`, never replacing anything. */
export async function copyNew(source: vscode.Uri, destination: vscode.Uri): Promise<void> {
  studyStore.assertMayWrite(storePath(destination));
  await vscode.workspace.fs.copy(source, destination, { overwrite: false });
}

/**
 * A setting changed. The user's own settings may change in restricted mode (they are not
 * the workspace's); a workspace or folder setting is a write to `.vscode/settings.json`
 * and is refused there like any other write.
 */
export async function updateSetting(section: string, key: string, value: unknown, target: vscode.ConfigurationTarget): Promise<void> {
  if (target !== vscode.ConfigurationTarget.Global) studyStore.assertMayWriteTo(`.vscode/settings.json (${section}.${key})`);
  await vscode.workspace.getConfiguration(section).update(key, value, target);
}


export function sidecarUriFor(transcript: vscode.Uri): vscode.Uri {
  return transcript.with({ path: `${transcript.path}.codes.yaml` });
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A workspace edit made by the port below: the only kind the extension hands to VS Code. */
export type PortEdit = vscode.WorkspaceEdit;

/** A sidecar moved or deleted along with a file operation on its transcript (sidecars-follow.ts). */
export type SidecarFileChange =
  | { kind: 'move'; from: vscode.Uri; to: vscode.Uri; /** New text, when `transcript:` must name the new file. */ text?: string }
  | { kind: 'delete'; uri: vscode.Uri };

/**
 * Sidecar moves and deletes as one workspace edit, which VS Code applies inside the
 * rename or delete the user made (so undoing that puts the sidecars back too) or through
 * `workspace.applyEdit` (a quick fix). Asked first like every other write. A sidecar
 * whose text changes is written new and the old one deleted, in that order, so a failure
 * leaves two copies, never none; the undo of a delete restores the file's bytes.
 */
export function sidecarFileEdit(changes: readonly SidecarFileChange[]): vscode.WorkspaceEdit {
  for (const change of changes) studyStore.assertMayWrite(storePath(change.kind === 'move' ? change.to : change.uri));
  const edit = new vscode.WorkspaceEdit();
  // VS Code performs runs of the same kind of file edit together: renames, then creates, then deletes.
  for (const change of changes) if (change.kind === 'move' && change.text === undefined) edit.renameFile(change.from, change.to, { overwrite: false });
  for (const change of changes) {
    if (change.kind === 'move' && change.text !== undefined) edit.createFile(change.to, { overwrite: false, contents: new TextEncoder().encode(change.text) });
  }
  for (const change of changes) {
    if (change.kind === 'move' && change.text !== undefined) edit.deleteFile(change.from, { ignoreIfNotExists: true });
    if (change.kind === 'delete') edit.deleteFile(change.uri, { ignoreIfNotExists: true });
  }
  return edit;
}

/** The whole text of an open document replaced, as one undoable edit in its editor (a quick fix). */
export function wholeTextEdit(document: vscode.TextDocument, text: string): vscode.WorkspaceEdit {
  studyStore.assertMayWrite(storePath(document.uri));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  return edit;
}

/** Whether a file or folder is there, without reading it. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
