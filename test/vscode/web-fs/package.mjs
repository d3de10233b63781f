// Packages test/vscode/web-fs (the vscode-vfs://tc-test/ file system of `run-ui-tests.mjs --virtual`) as a
// .vsix under .vscode-test/, with the repo's own vsce.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from '../../../scripts/real-vscode/paths.mjs';

/** The folder URI of `path` on the test file system: github.dev's scheme, an authority of our own. */
export const webFsUri = (absolutePath) => `vscode-vfs://tc-test${absolutePath}`;
export const WEB_FS_EXTENSION_ID = 'transcript-coder-tests.web-fs';
const SOURCE = path.join(REPO_ROOT, 'test', 'vscode', 'web-fs');

export function packageWebFs() {
  const vsix = path.join(WORK_DIR, 'web-fs', 'web-fs.vsix');
  mkdirSync(path.dirname(vsix), { recursive: true });
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  // --skip-license: a test-only extension; the repo's LICENSE covers it.
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], { cwd: SOURCE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 || !existsSync(vsix)) throw new Error(`vsce could not package ${SOURCE}:\n${result.stdout}${result.stderr}`);
  return vsix;
}
