/**
 * What an import writes, placed through `workspace.fs`: for a workspace that is not on
 * this machine's disk (a remote, github.dev, a virtual file system) and for the web build
 * (issue 15). The rules are the local writer's (src/node/import-writer.ts): the files are
 * written into a hidden temporary folder first and moved into place with renames that
 * never replace a file, so an import that fails or is refused leaves nothing behind and
 * never overwrites what the user has. The caller asks the store's trust rule first
 * (`assertMayWriteInWorkspace`, file-io.ts).
 */
import * as vscode from 'vscode';
import { normalizeStudyPath } from '../core/follow';
import { type FileToWrite, TargetNotFreeError } from '../core/problems';

/** At most this much is read from one source beside a project (as on the local disk). */
const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** A new folder `target` holding `files`; the target must not exist or be an empty folder. */
export async function writeNewFolderThroughFs(target: vscode.Uri, files: readonly FileToWrite[]): Promise<void> {
  const existing = await folderEntries(target);
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  if (existing === 'not-a-folder') throw new TargetNotFreeError(target.path, [target.path], `${target.path} exists and is not a folder`);
  if (Array.isArray(existing) && existing.length > 0) {
    throw new TargetNotFreeError(target.path, existing, `${target.path} is not empty (it has ${listNames(existing)}); import a project into a new or empty folder`);
  }
  const temporary = temporaryBeside(vscode.Uri.joinPath(target, '..'), name);
  try {
    await writeAll(temporary, files);
    if (existing !== 'missing') await vscode.workspace.fs.delete(target, { recursive: false });
    await vscode.workspace.fs.rename(temporary, target, { overwrite: false });
  } catch (error) {
    await removeQuietly(temporary);
    throw error;
  }
}

/** `files` added to the folder `target` (created if missing), none of which may exist. */
export async function addFilesThroughFs(target: vscode.Uri, files: readonly FileToWrite[]): Promise<void> {
  const present: string[] = [];
  for (const file of files) if (await exists(inside(target, file.path))) present.push(file.path);
  if (present.length > 0) {
    throw new TargetNotFreeError(target.path, present, `${listNames(present)} already exist${present.length === 1 ? 's' : ''} in ${target.path}; nothing was written`);
  }
  const temporary = temporaryBeside(target, 'import');
  const placed: vscode.Uri[] = [];
  try {
    await writeAll(temporary, files);
    for (const file of files) {
      const to = inside(target, file.path);
      try {
        // A rename that must not replace: a file that appeared meanwhile stops the import.
        await vscode.workspace.fs.rename(inside(temporary, file.path), to, { overwrite: false });
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileExists') {
          throw new TargetNotFreeError(target.path, [file.path], `${file.path} appeared in ${target.path} while importing; nothing was written`);
        }
        throw error;
      }
      placed.push(to);
    }
  } catch (error) {
    // Only files this call created are removed: an import is all or nothing.
    await Promise.all(placed.map((uri) => removeQuietly(uri)));
    throw error;
  } finally {
    await removeQuietly(temporary);
  }
}

/**
 * The sources a REFI-QDA project names outside its archive, read from `folder` (the
 * project's own folder) through `workspace.fs`: the core's importer reads them
 * synchronously, so the caller asks first which it wants (a first pass), and this reads
 * those. A path that leaves the folder or is absolute is refused with a sentence.
 */
export async function readBesideThroughFs(
  folder: vscode.Uri,
  wanted: ReadonlyArray<{ path: string; absolute: boolean }>,
): Promise<(path: string, absolute: boolean) => Uint8Array | string | undefined> {
  const found = new Map<string, Uint8Array | string | undefined>();
  await Promise.all(
    wanted.map(async ({ path, absolute }) => {
      const key = `${absolute ? 'absolute' : 'relative'}:${path}`;
      const relativePath = absolute ? undefined : normalizeStudyPath(path);
      if (relativePath === undefined) {
        found.set(key, `${path} is outside the folder of the project (${folder.path}); it was not read`);
        return;
      }
      const uri = vscode.Uri.joinPath(folder, ...relativePath.split('/'));
      try {
        const info = await vscode.workspace.fs.stat(uri);
        if ((info.type & vscode.FileType.SymbolicLink) !== 0) found.set(key, `${path} is a symbolic link; it was not read`);
        else if ((info.type & vscode.FileType.File) === 0) found.set(key, undefined);
        else if (info.size > MAX_SOURCE_BYTES) found.set(key, `${path} is larger than 256 MiB; it was not read`);
        else found.set(key, await vscode.workspace.fs.readFile(uri));
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
        found.set(key, undefined);
      }
    }),
  );
  return (path, absolute) => found.get(`${absolute ? 'absolute' : 'relative'}:${path}`);
}

async function writeAll(folder: vscode.Uri, files: readonly FileToWrite[]): Promise<void> {
  await vscode.workspace.fs.createDirectory(folder);
  for (const file of files) {
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    await vscode.workspace.fs.writeFile(inside(folder, file.path), bytes);
  }
}

/** `folder/relativePath`, refusing a path that would leave the folder (the core sanitises names; this is the second lock). */
function inside(folder: vscode.Uri, relativePath: string): vscode.Uri {
  const normal = normalizeStudyPath(relativePath);
  if (normal === undefined || normal !== relativePath) throw new Error(`refusing to write ${relativePath}: it is not inside ${folder.path}`);
  return vscode.Uri.joinPath(folder, ...normal.split('/'));
}

/** Starts with '.' so the study index and file watchers skip it while it exists. */
function temporaryBeside(parent: vscode.Uri, name: string): vscode.Uri {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return vscode.Uri.joinPath(parent, `.${name}.${random}.tmp`);
}

async function folderEntries(uri: vscode.Uri): Promise<string[] | 'missing' | 'not-a-folder'> {
  let info: vscode.FileStat;
  try {
    info = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return 'missing';
    throw error;
  }
  if ((info.type & vscode.FileType.Directory) === 0) return 'not-a-folder';
  return (await vscode.workspace.fs.readDirectory(uri)).map(([entry]) => entry).sort();
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

async function removeQuietly(uri: vscode.Uri): Promise<void> {
  await Promise.resolve(vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false })).catch(() => undefined);
}

function listNames(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
