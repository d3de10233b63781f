/**
 * Writing what an import produced so that a failure leaves nothing half-written and an
 * import never replaces a file the user has. Files are written into a temporary folder
 * beside the target (same file system, so the final step is a rename or a hard link,
 * both atomic), and only then put in place.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { type FileToWrite, TargetNotFreeError } from '../core/problems';
import { isMissing } from './fs-study-reader';

/**
 * A new folder `target` holding `files`. The target must not exist or be an empty
 * folder; the files appear all at once by renaming a finished folder into place.
 */
export async function writeNewFolder(target: string, files: readonly FileToWrite[]): Promise<void> {
  const existing = await folderEntries(target);
  if (existing === 'not-a-folder') throw new TargetNotFreeError(target, [target], `${target} exists and is not a folder`);
  if (Array.isArray(existing) && existing.length > 0) {
    throw new TargetNotFreeError(target, existing, `${target} is not empty (it has ${listNames(existing)}); import a project into a new or empty folder`);
  }
  await fs.mkdir(dirname(target), { recursive: true });
  const temporary = await makeTemporaryFolder(dirname(target), basename(target));
  try {
    await writeAll(temporary, files);
    // rename() cannot replace a folder on every platform; an empty one is removed first.
    if (existing !== 'missing') await fs.rmdir(target);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `files` added to the folder `target` (created if missing), none of which may exist.
 * Each is hard-linked into place, which fails rather than replace a file that appeared
 * meanwhile; where hard links are not supported, it is renamed after a last check.
 */
export async function addFilesWithoutOverwriting(target: string, files: readonly FileToWrite[]): Promise<void> {
  const present = await existingPaths(target, files);
  if (present.length > 0) {
    throw new TargetNotFreeError(target, present, `${listNames(present)} already exist${present.length === 1 ? 's' : ''} in ${target}; nothing was written`);
  }
  await fs.mkdir(target, { recursive: true });
  const temporary = await makeTemporaryFolder(target, 'import');
  const placed: string[] = [];
  try {
    await writeAll(temporary, files);
    for (const file of files) {
      const from = join(temporary, ...file.path.split('/'));
      const to = insideFolder(target, file.path);
      await fs.mkdir(dirname(to), { recursive: true });
      await placeWithoutReplacing(from, to);
      placed.push(to);
    }
  } catch (error) {
    // Only files this call created are removed: an import is all or nothing.
    await Promise.all(placed.map((path) => fs.rm(path, { force: true })));
    throw error;
  } finally {
    await fs.rm(temporary, { recursive: true, force: true });
  }
}

async function placeWithoutReplacing(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetNotFreeError(dirname(to), [to], `${to} appeared while importing; nothing was written`);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if ((await fs.lstat(to).catch(() => undefined)) !== undefined) {
      throw new TargetNotFreeError(dirname(to), [to], `${to} appeared while importing; nothing was written`);
    }
    await fs.rename(from, to);
  }
}

async function writeAll(folder: string, files: readonly FileToWrite[]): Promise<void> {
  for (const file of files) {
    const path = insideFolder(folder, file.path);
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(path, file.content, { flag: 'wx' });
  }
}

/** `folder/relativePath`, refusing a path that would leave the folder (the core sanitises names; this is the second lock). */
function insideFolder(folder: string, relativePath: string): string {
  const path = resolve(folder, ...relativePath.split('/'));
  const inside = relative(resolve(folder), path);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..') || resolve(inside) === inside) {
    throw new Error(`refusing to write ${relativePath}: it is not inside ${folder}`);
  }
  return path;
}

async function makeTemporaryFolder(parent: string, name: string): Promise<string> {
  // Starts with '.' so the study index and file watchers skip it while it exists.
  const path = join(parent, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.mkdir(path);
  return path;
}

async function folderEntries(path: string): Promise<string[] | 'missing' | 'not-a-folder'> {
  try {
    return (await fs.readdir(path)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'not-a-folder';
    throw error;
  }
}

async function existingPaths(folder: string, files: readonly FileToWrite[]): Promise<string[]> {
  const present: string[] = [];
  for (const file of files) {
    try {
      await fs.lstat(insideFolder(folder, file.path));
      present.push(file.path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  return present;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
