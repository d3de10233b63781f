// The study store's contract (test/contract/study-files-contract.ts) on the extension's
// own adapter over workspace.fs (src/extension/workspace-files.ts), inside a real VS Code:
// the same suite the unit tests run on the in-memory and the Node adapters.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { workspaceFiles } from '../../../src/extension/workspace-files';
import { studyFilesContract } from '../../contract/study-files-contract';
import { studyUri } from './helpers';

describe('the write path in a real VS Code', () => {
  let runs = 0;
  // The contract's files are not a study of their own: gone before the next suite counts the study's files.
  after(() => rmSync(studyUri('store-contract').fsPath, { recursive: true, force: true }));

  studyFilesContract('workspace.fs (the extension)', async () => {
    const folder = `store-contract/run-${++runs}`;
    mkdirSync(studyUri(folder).fsPath, { recursive: true });
    return {
      files: workspaceFiles,
      path: (name) => studyUri(`${folder}/${name}`).toString(),
      writeBehind: async (path, text) => writeFileSync(vscode.Uri.parse(path).fsPath, text),
    };
  });
});
