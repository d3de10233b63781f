/**
 * The file-system side of the study index for the CLI: lists the study folder and
 * reads files as bytes. Decoding and everything after it is the core's job.
 *
 * The study root is its real path (a study folder that is itself a link is the folder
 * it names), and nothing is read from outside it: files are read through
 * `readStudyFile`, which refuses links leaving the study, link loops, FIFOs and devices
 * (issue 19). Listing does not follow links into folders; a link, a FIFO or a device is
 * listed like a file, so that a sidecar of that kind is reported, not skipped in silence.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { StudyReader } from '../core/study/study';
import { readStudyFile, realStudyRoot } from './study-file';

/** Folders that never hold a study's files and can be very large. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'dist', 'out']);

export function createFsStudyReader(root: string): StudyReader {
  let real: Promise<string> | undefined;
  const realRoot = (): Promise<string> => (real ??= realStudyRoot(root));
  return {
    async listFiles() {
      const files: string[] = [];
      const top = await realRoot();
      await walk(top, top, files);
      return files.sort();
    },
    async readFile(path) {
      return readStudyFile(await realRoot(), path);
    },
  };
}

async function walk(root: string, folder: string, into: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(root, join(folder, entry.name), into);
    } else {
      into.push(relative(root, join(folder, entry.name)).split(sep).join('/'));
    }
  }
}

export function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
