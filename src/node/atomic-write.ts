/**
 * Writing a file so that a crash, a kill or a full disk leaves either the old content or
 * the new one, never a mix (DESIGN §3: sidecars are written atomically). The new content
 * goes to a temporary file in the same directory — a rename is only atomic within one
 * file system — which is flushed to disk and then renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<'written' | 'unchanged'> {
  // Through a symbolic link, replace the file it points at and keep the link.
  const target = await fs.realpath(path).catch(() => path);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const existing = await statOrUndefined(target);
  if (existing?.isFile() === true && existing.size === bytes.byteLength) {
    const current = await fs.readFile(target);
    // Not rewriting an unchanged file keeps its mtime, so watchers and git stay quiet.
    if (Buffer.compare(current, bytes) === 0) return 'unchanged';
  }

  const directory = dirname(target);
  // Starts with '.' and ends with '.tmp' so file watchers and globs skip it.
  const temporary = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx', existing?.isFile() === true ? existing.mode & 0o7777 : 0o666);
    await handle.writeFile(bytes);
    // The umask applies at creation; set the old mode explicitly so it survives.
    if (existing?.isFile() === true) await handle.chmod(existing.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
  return 'written';
}

async function statOrUndefined(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await fs.stat(path);
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
