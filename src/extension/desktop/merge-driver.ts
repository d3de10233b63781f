/**
 * Desktop adapter (web twin: merge-driver.web.ts): git's merge driver for sidecars runs
 * the bundled CLI with the editor's own runtime, so nothing needs to be on PATH. In the
 * desktop editor that runtime is Electron, which acts as node with ELECTRON_RUN_AS_NODE.
 */
import path from 'node:path';
import { setUpMergeDriver } from '../../node/git-setup';
import type { MergeDriverPort } from './ports';

export const mergeDriver: MergeDriverPort | undefined = {
  setUp: (folderPath, extensionPath) =>
    setUpMergeDriver({
      dir: folderPath,
      nodePath: process.execPath,
      cliPath: path.join(extensionPath, 'dist', 'cli.js'),
      environment: process.versions['electron'] === undefined ? {} : { ELECTRON_RUN_AS_NODE: '1' },
    }),
};
