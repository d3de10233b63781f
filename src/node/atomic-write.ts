/**
 * Writing a file so that a crash, a kill or a full disk leaves either the old content or
 * the new one, never a mix (DESIGN §3: sidecars are written atomically). The new content
 * goes to a temporary file in the same directory — a rename is only atomic within one
 * file system — which is flushed to disk and then renamed over the target.
 *
 * Never through a link (issue 19). This writer used to resolve a symbolic link and
 * replace the file it pointed at, so that a linked sidecar or codebook stayed linked;
 * with a study from someone else that wrote wherever the sender's link pointed (a
 * `.gitattributes` linked to a file in `~/.ssh`). Now a path that is a link, a FIFO or
 * a device is refused, and with `within` a path whose folder resolves outside that
 * folder is refused too. Refusing rather than replacing the link with a file: the
 * user's link stays as they made it, nothing they wrote is lost, and they are told.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Whether `path` (a real path) is `root` or inside it. Here, not in study-file.ts, because
 * this module must stand alone: the crash test runs it by itself in a child process.
 */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A write refused before anything was written; the message names the path and why. */
export class WriteRefusedError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} was not written: it is ${reason}`);
  }
}

export interface AtomicWriteOptions {
  /** A folder the file must be in, links resolved (the study or the repository). */
  within?: string;
}

export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<'written' | 'unchanged'> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const existing = await lstatOrUndefined(path);
  if (existing?.isSymbolicLink() === true) throw new WriteRefusedError(path, 'a symbolic link; Transcript Coder does not write through links');
  if (existing !== undefined && !existing.isFile()) throw new WriteRefusedError(path, 'not a regular file (a folder, FIFO or device)');
  const directory = dirname(path);
  if (options.within !== undefined) {
    const [realFolder, realWithin] = await Promise.all([fs.realpath(directory), fs.realpath(options.within)]);
    if (!isInside(realWithin, realFolder)) throw new WriteRefusedError(path, `in ${realFolder}, outside ${realWithin} (a folder on the way is a link)`);
  }
  if (existing !== undefined && existing.size === bytes.byteLength) {
    const current = await fs.readFile(path);
    // Not rewriting an unchanged file keeps its mtime, so watchers and git stay quiet.
    if (Buffer.compare(current, bytes) === 0) return 'unchanged';
  }

  // Starts with '.' and ends with '.tmp' so file watchers and globs skip it.
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx', existing !== undefined ? existing.mode & 0o7777 : 0o666);
    await handle.writeFile(bytes);
    // The umask applies at creation; set the old mode explicitly so it survives.
    if (existing !== undefined) await handle.chmod(existing.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
  return 'written';
}

async function lstatOrUndefined(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Makes the rename itself durable. Windows cannot open a directory; there it is skipped. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system: the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
