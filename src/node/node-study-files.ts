/**
 * The CLI's adapter of the core's write port (core/store/files.ts): paths are
 * study-relative, '/'-separated, under one study root on the local disk. Reads refuse
 * links leaving the study, loops, FIFOs and devices (study-file.ts); writes are atomic
 * and never go through a link (atomic-write.ts).
 */
import { join } from 'node:path';
import { StudyStore, type StudyFiles } from '../core/store';
import { writeFileAtomic } from './atomic-write';
import { readStudyFile, realStudyRoot } from './study-file';

export function nodeStudyFiles(root: string): StudyFiles {
  let realRoot: Promise<string> | undefined;
  return {
    readBytes: async (path) => readStudyFile(await (realRoot ??= realStudyRoot(root)), path),
    writeBytes: (path, bytes) => writeFileAtomic(join(root, ...path.split('/')), bytes, { within: root }),
    describe: (path) => path,
  };
}

/** The store the CLI writes a study through (the CLI is always trusted: it runs what the user typed). */
export function nodeStudyStore(root: string): StudyStore {
  return new StudyStore(nodeStudyFiles(root));
}
