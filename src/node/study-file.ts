/**
 * Reading a file of a study without leaving it (issue 19). Every file of a study is the
 * sender's: a transcript may be a symbolic link to `~/.ssh/id_rsa` (git checks links
 * out), a link loop, a FIFO that would block the reader forever, or a device. Here a
 * study-relative path is read only when its real path (all links resolved) lies inside
 * the study's real root, and only when it is a regular file; anything else throws
 * RefusedFileError naming the path as the study names it.
 *
 * A link whose target is inside the study is read: it leaks nothing, and people link
 * a shared codebook into several studies of one repository.
 */
import { constants, promises as fs } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isInside } from './atomic-write';
import { RefusedFileError } from '../core/problems';
import { normalizeStudyPath } from '../core/follow';

;

/** Not on Windows; there links need privileges to create and FIFOs do not live in folders. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** Opening a FIFO for reading without a writer would wait for one; with O_NONBLOCK it returns at once. */
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

/** The study root as the study index understands it: its real path, so a study folder that is itself a link is the folder it names. */
export async function realStudyRoot(root: string): Promise<string> {
  return fs.realpath(root);
}

/**
 * The bytes of `studyPath` under `realRoot` (a real path), or undefined when there is no
 * such file. Throws RefusedFileError for a path leaving the study, a link resolving
 * outside it, a link loop, and anything but a regular file.
 */
export async function readStudyFile(realRoot: string, studyPath: string): Promise<Uint8Array | undefined> {
  const normal = normalizeStudyPath(studyPath);
  if (normal === undefined || normal === '' || isAbsolute(studyPath) || /^[A-Za-z]:|\\/u.test(studyPath)) {
    throw new RefusedFileError(studyPath, 'a path leaving the study folder');
  }
  const real = await realPathOf(studyPath, join(realRoot, ...normal.split('/')));
  if (real === undefined) return undefined;
  if (!isInside(realRoot, real)) throw new RefusedFileError(studyPath, `a symbolic link to ${real}, outside the study folder ${realRoot}`);

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, constants.O_RDONLY | NON_BLOCKING | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    // The real path was swapped for a link between realpath and open.
    if (code === 'ELOOP') throw new RefusedFileError(studyPath, 'a symbolic link that changed while it was read');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new RefusedFileError(studyPath, kindOf(info));
    const buffer = await handle.readFile();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } finally {
    await handle.close();
  }
}

async function realPathOf(studyPath: string, path: string): Promise<string | undefined> {
  try {
    return await fs.realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') throw new RefusedFileError(studyPath, 'a symbolic link loop (a link that leads back to itself)');
    throw error;
  }
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe), not a file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device, not a file';
  if (info.isSocket()) return 'a socket, not a file';
  if (info.isDirectory()) return 'a folder, not a file';
  return 'not a regular file';
}

/**
 * For the extension, which reads through `workspace.fs`: whether `path` (absolute) lies,
 * links resolved, inside `root`. 'missing' when it does not exist; throws
 * RefusedFileError (naming `studyPath`) for a link loop or a link leaving the root.
 */
export async function realPathInside(root: string, path: string, studyPath: string): Promise<'inside' | 'missing'> {
  const [realRoot, real] = await Promise.all([fs.realpath(root), realPathOf(studyPath, path)]);
  if (real === undefined) return 'missing';
  if (!isInside(realRoot, real)) throw new RefusedFileError(studyPath, `a symbolic link to ${real}, outside the study folder ${realRoot}`);
  return 'inside';
}
