// The folder the tests open in VS Code: always a fresh copy, so a test that codes a
// transcript or saves a file can never change examples/ or the fixtures.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from './paths.mjs';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const FIXTURE_DIR = path.join(REPO_ROOT, 'test', 'vscode', 'fixtures', 'study');

/**
 * Copies the example study (or, while examples/ has no codebook.yaml yet, the tiny
 * fixture study) to .vscode-test/workspaces/<name> and returns that folder.
 */
export function prepareWorkspace(name) {
  const source = existsSync(path.join(EXAMPLES_DIR, 'codebook.yaml')) ? EXAMPLES_DIR : FIXTURE_DIR;
  const target = path.join(WORK_DIR, 'workspaces', name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  console.log(`[workspace] ${path.relative(REPO_ROOT, target)} <- copy of ${path.relative(REPO_ROOT, source)}`);
  return target;
}
