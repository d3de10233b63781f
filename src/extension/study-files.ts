/**
 * Nothing is read or written through a link that leaves the workspace folder (issue 19).
 * A study's files are whoever sent it: a transcript may be a symbolic link to a key file
 * (git checks links out), a link loop, or a FIFO that would block the reader. Before a
 * file of a workspace folder is read or written:
 * - `workspace.fs.stat` must call it a file (a FIFO, device or socket is `Unknown`);
 * - on the local disk its real path (links resolved, in every folder on the way) must
 *   lie inside the folder's real path;
 * - on another file system, where no real path can be asked for, a symbolic link is
 *   refused outright.
 * A file outside every workspace folder (one the user opened or picked in a dialog) is
 * the user's choice and is read as it is.
 */
import * as vscode from 'vscode';
import { RefusedFileError } from '../core/problems';
import { normalizeStudyPath } from '../core/follow';
import { localDisk } from './desktop/local-disk';

/**
 * 'missing' when there is no such file; throws RefusedFileError for a file that must not
 * be read or written. Otherwise the file's stat, or 'ok' for a file outside every
 * workspace folder (not asked about).
 */
export async function checkInsideWorkspace(uri: vscode.Uri): Promise<vscode.FileStat | 'ok' | 'missing'> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder === undefined) return 'ok';
  const name = vscode.workspace.asRelativePath(uri, false);
  if (normalizeStudyPath(name) === undefined) throw new RefusedFileError(name, 'a path leaving the study folder');
  // Where links can be resolved (the desktop's local disk), they may stay inside the folder.
  const disk = uri.scheme === 'file' && folder.uri.scheme === 'file' ? localDisk : undefined;
  const resolvesLinks = disk !== undefined;
  if (disk !== undefined) {
    const inside = await disk.realPathInside(folder.uri.fsPath, uri.fsPath, name);
    if (inside === 'missing') return 'missing';
  }
  let info: vscode.FileStat;
  try {
    info = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return 'missing';
    throw error;
  }
  const isLink = (info.type & vscode.FileType.SymbolicLink) !== 0;
  if (isLink && !resolvesLinks) throw new RefusedFileError(name, 'a symbolic link, and where it leads cannot be checked on this file system');
  const kind = info.type & ~vscode.FileType.SymbolicLink;
  if (kind === vscode.FileType.Directory) throw new RefusedFileError(name, 'a folder, not a file');
  if (kind !== vscode.FileType.File) throw new RefusedFileError(name, isLink ? 'a symbolic link that leads nowhere' : 'not a regular file (a FIFO, a device or a socket)');
  return info;
}
