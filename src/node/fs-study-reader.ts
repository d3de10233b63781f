/**
 * The file-system side of the study index for the CLI: lists the study folder and
 * reads files as bytes. Decoding and everything after it is the core's job.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { StudyReader } from '../core/study';

/** Folders that never hold a study's files and can be very large. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'dist', 'out']);

export function createFsStudyReader(root: string): StudyReader {
  return {
    async listFiles() {
      const files: string[] = [];
      await walk(root, root, files);
      return files.sort();
    },
    async readFile(path) {
      try {
        const buffer = await readFile(join(root, ...path.split('/')));
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
  };
}

async function walk(root: string, folder: string, into: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(root, join(folder, entry.name), into);
    } else if (entry.isFile()) {
      into.push(relative(root, join(folder, entry.name)).split(sep).join('/'));
    }
  }
}

export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
