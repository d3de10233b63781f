/**
 * Web twin of local-disk.ts: a browser has no local disk to resolve links on, so every
 * file goes through `workspace.fs`, and a symbolic link is refused (study-files.ts).
 */
import type { LocalDisk } from './ports';

export const localDisk: LocalDisk | undefined = undefined;
