/**
 * The extension's adapter of the core's write port (core/store/files.ts): paths are URI
 * strings; bytes go through `workspace.fs`, so remote and virtual workspaces work, and on
 * the local disk files are written atomically (temp + rename, desktop/local-disk.ts; a
 * browser has no local disk, issue 15).
 * Nothing is read or written through a link leaving the workspace folder, a link loop, a
 * FIFO or a device (`checkInsideWorkspace`, study-files.ts). Trust and the order of
 * writes are the store's: the extension holds one store for all its writes.
 */
import * as vscode from 'vscode';
import { RefusedFileError } from '../core/problems';
import { sameBytes, StudyStore, type StudyFiles } from '../core/store';
import { readTwice } from './read-twice';
import { localDisk } from './desktop/local-disk';
import { checkInsideWorkspace } from './study-files';

/** The file's bytes; undefined when there is no such file. A failing read is asked twice (read-twice.ts). */
export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  return (await readVersioned(uri)).bytes;
}

/**
 * The file's bytes and its version as the file system told it just before they were read
 * (modification time and size: core/study/parse-cache.ts); undefined bytes when there is
 * no such file.
 */
export function readVersioned(uri: vscode.Uri, checkedJustNow?: FileCheck): Promise<{ bytes: Uint8Array | undefined; version: string | undefined }> {
  // A check made just before (fileVersion's) saves a round trip; a second try checks again.
  let handedOver = checkedJustNow;
  return readTwice(
    () => {
      const checked = handedOver;
      handedOver = undefined;
      return readOnce(uri, checked);
    },
    vscode.workspace.asRelativePath(uri, false),
    isFileSystemAnswer,
  );
}

/** What checkInsideWorkspace answered: the file's stat, 'ok' outside a workspace folder, or 'missing'. */
export type FileCheck = Awaited<ReturnType<typeof checkInsideWorkspace>>;

/**
 * The file's version now, after the same checks as a read (undefined when missing or when
 * the file system gives no time), and the check itself, which a read that follows at once
 * may take over (readVersioned).
 */
export function fileVersion(uri: vscode.Uri): Promise<{ version: string | undefined; checked: FileCheck }> {
  return readTwice(async () => {
    const checked = await checkInsideWorkspace(uri);
    return { version: typeof checked === 'string' ? undefined : versionOf(checked), checked };
  }, vscode.workspace.asRelativePath(uri, false), isFileSystemAnswer);
}

/** Modification time and size; none where the file system gives no time (0), since then a change of one size would go unseen. */
function versionOf(stat: vscode.FileStat): string | undefined {
  return stat.mtime > 0 ? `${stat.mtime}:${stat.size}` : undefined;
}

async function readOnce(uri: vscode.Uri, checkedJustNow: FileCheck | undefined): Promise<{ bytes: Uint8Array | undefined; version: string | undefined }> {
  try {
    const checked = checkedJustNow ?? (await checkInsideWorkspace(uri));
    if (checked === 'missing') return { bytes: undefined, version: undefined };
    return { bytes: await vscode.workspace.fs.readFile(uri), version: typeof checked === 'string' ? undefined : versionOf(checked) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { bytes: undefined, version: undefined };
    throw error;
  }
}

/** Failures that are the file system's answer about the file, not a moment's trouble: asking again changes nothing. */
const ANSWERS = new Set(['FileNotFound', 'FileIsADirectory', 'FileNotADirectory', 'NoPermissions', 'FileExists']);

export function isFileSystemAnswer(error: unknown): boolean {
  return error instanceof RefusedFileError || (error instanceof vscode.FileSystemError && ANSWERS.has(error.code));
}

async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (uri.scheme === 'file' && localDisk !== undefined) return localDisk.writeAtomic(uri.fsPath, bytes, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
  await checkInsideWorkspace(uri);
  const existing = await readBytes(uri);
  if (existing !== undefined && sameBytes(existing, bytes)) return 'unchanged';
  await vscode.workspace.fs.writeFile(uri, bytes);
  return 'written';
}

export const workspaceFiles: StudyFiles = {
  readBytes: (path) => readBytes(vscode.Uri.parse(path)),
  writeBytes: (path, bytes) => writeBytes(vscode.Uri.parse(path), bytes),
  describe: (path) => vscode.workspace.asRelativePath(vscode.Uri.parse(path)),
};

/** Every file the extension writes goes through this one store: one trust check, one queue per file. */
export const studyStore = new StudyStore(workspaceFiles, () => vscode.workspace.isTrusted);

/** The store's path for a URI. */
export function storePath(uri: vscode.Uri): string {
  return uri.toString();
}
