/** Web twin of import-files.ts: every import goes through `workspace.fs` (imports-in-workspace.ts). */
import { addFilesThroughFs, readBesideThroughFs, writeNewFolderThroughFs } from '../imports-in-workspace';
import type { ImportFiles } from './ports';

export const importFiles: ImportFiles = {
  writeNewFolder: writeNewFolderThroughFs,
  addFilesWithoutOverwriting: addFilesThroughFs,
  besideReader: readBesideThroughFs,
};
