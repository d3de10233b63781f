/**
 * The study store's contract (test/contract/study-files-contract.ts) on the in-memory
 * adapter and on the CLI's adapter over a real folder; the same suite runs on the
 * extension's workspace.fs adapter in test/vscode/suite/store.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStudyFiles } from '../../src/core/store';
import { nodeStudyFiles } from '../../src/node/node-study-files';
import { studyFilesContract } from '../contract/study-files-contract';

studyFilesContract('in memory', async () => {
  const files = new MemoryStudyFiles();
  return { files, path: (name) => name, writeBehind: async (path, text) => files.writeBehind(path, text) };
});

const folders: string[] = [];
after(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

studyFilesContract('on the disk (the CLI)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tc-store-'));
  folders.push(root);
  return { files: nodeStudyFiles(root), path: (name) => name, writeBehind: (path, text) => writeFile(join(root, path), text) };
});
