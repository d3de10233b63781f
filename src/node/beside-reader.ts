/**
 * Reads a source file that a REFI-QDA project names outside its archive (relative://,
 * absolute://, a bare name), but only inside one folder: the folder holding the project
 * file, the study root of the import. A path with `..` that leaves it, an absolute path
 * elsewhere, or a symbolic link that points out of it is refused with a sentence, never
 * read: a project from someone else must not make the importer read ~/.ssh or /etc.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** At most this much is read from one source beside the project. */
const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

export function besideReader(root: string): (path: string, absolute: boolean) => Uint8Array | string | undefined {
  const realRoot = safeRealpath(root) ?? resolve(root);
  return (path, absolute) => {
    const wanted = absolute ? resolve(path) : resolve(realRoot, path);
    if (!inside(realRoot, wanted)) return `${path} is outside the folder of the project (${realRoot}); it was not read`;
    const real = safeRealpath(wanted);
    if (real === undefined) return undefined;
    if (!inside(realRoot, real)) return `${path} links outside the folder of the project; it was not read`;
    const info = statSync(real);
    if (!info.isFile()) return undefined;
    if (info.size > MAX_SOURCE_BYTES) return `${path} is larger than 256 MiB; it was not read`;
    return new Uint8Array(readFileSync(real));
  };
}

function inside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
