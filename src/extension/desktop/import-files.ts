/**
 * Desktop adapter (web twin: import-files.web.ts): on this machine's disk an import is
 * placed by the Node writer, which links or renames finished files into place, and a
 * project's outside sources are read with their links resolved (src/node). Elsewhere
 * (a remote or virtual workspace) it goes through `workspace.fs` as in the browser.
 */
import { besideReader } from '../../node/beside-reader';
import { addFilesWithoutOverwriting, writeNewFolder } from '../../node/import-writer';
import { addFilesThroughFs, readBesideThroughFs, writeNewFolderThroughFs } from '../imports-in-workspace';
import type { ImportFiles } from './ports';

export const importFiles: ImportFiles = {
  writeNewFolder: (target, files) => (target.scheme === 'file' ? writeNewFolder(target.fsPath, files) : writeNewFolderThroughFs(target, files)),
  addFilesWithoutOverwriting: (target, files) => (target.scheme === 'file' ? addFilesWithoutOverwriting(target.fsPath, files) : addFilesThroughFs(target, files)),
  besideReader: async (folder, wanted) => (folder.scheme === 'file' ? besideReader(folder.fsPath) : readBesideThroughFs(folder, wanted)),
};
