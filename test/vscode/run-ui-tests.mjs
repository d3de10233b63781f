// Runs test/vscode/ui/*.test.mjs: the packaged extension, installed from its .vsix into
// code-server, driven through the workbench in headless Chromium as a user would.
//
//   1. `npm run package` -> dist/transcript-coder.vsix (UI_TEST_VSIX=<file> skips this)
//   2. `code-server --install-extension` it into a fresh, test-only profile
//   3. start code-server on 127.0.0.1 WITHOUT the smoke-test flag: that flag hides
//      notification toasts, which these tests look for
//   4. run the mocha files in this process; they open Chromium through ui/workbench.mjs,
//      which reads the server's address from TC_WORKBENCH_URL and the folder from TC_WORKSPACE
//   5. stop code-server and exit non-zero if any test failed
//
// Usage: node test/vscode/run-ui-tests.mjs [--grep <pattern>]
// Screenshots: test-artifacts/ui/ (a FAILED-*.png for each failing test).
// Logs: .vscode-test/logs/code-server-ui.log and .vscode-test/profiles/ui/user-data/logs/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { freshProfile, installVsix, startCodeServer } from '../../scripts/real-vscode/code-server.mjs';
import { REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';
import { prepareWorkspace } from '../../scripts/real-vscode/workspace.mjs';
import { SCREENSHOT_DIR } from './ui/workbench.mjs';

const UI_TESTS_DIR = path.join(REPO_ROOT, 'test', 'vscode', 'ui');
const RESULT_FILE = path.join(WORK_DIR, 'results', 'ui.json');
const started = Date.now();
const log = (message) => console.log(`[ui-tests ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function packageExtension() {
  if (process.env.UI_TEST_VSIX) return path.resolve(process.env.UI_TEST_VSIX);
  log('npm run package');
  // stdin closed: vsce must not wait on a prompt (it asks when LICENSE is missing).
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  const vsix = path.join(REPO_ROOT, 'dist', 'transcript-coder.vsix');
  if (result.status !== 0 || !existsSync(vsix)) throw new Error('`npm run package` did not produce dist/transcript-coder.vsix (see vsce output above)');
  return vsix;
}

async function runMocha(grep) {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const name of readdirSync(UI_TESTS_DIR).filter((file) => file.endsWith('.test.mjs')).sort()) {
    mocha.addFile(path.join(UI_TESTS_DIR, name));
  }
  await mocha.loadFilesAsync(); // ES modules cannot be require()d by mocha's default loader
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
}

async function main() {
  const grepIndex = process.argv.indexOf('--grep');
  const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : undefined;

  const vsix = packageExtension();
  const profile = freshProfile('ui');
  log(`installing ${path.relative(REPO_ROOT, vsix)} into ${path.relative(REPO_ROOT, profile.extensionsDir)}`);
  installVsix(vsix, profile);
  const workspace = prepareWorkspace('ui');
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true }); // only this run's screenshots

  const server = await startCodeServer({ name: 'ui', profile });
  log(`code-server on ${server.url} (log: ${path.relative(REPO_ROOT, server.logFile)})`);
  try {
    process.env.TC_WORKBENCH_URL = server.url;
    process.env.TC_WORKSPACE = workspace;
    const stats = await runMocha(grep);
    log(`screenshots in ${path.relative(REPO_ROOT, SCREENSHOT_DIR)}/`);
    return stats;
  } finally {
    await server.stop();
  }
}

let stats;
try {
  stats = await main();
} catch (error) {
  console.error(`[ui-tests] FAILED: ${error.stack ?? error}`);
}
const { passes = 0, failures = 1, pending = 0 } = stats ?? {};
// run-all.mjs adds these counts to the host tests' for one closing line.
mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
writeFileSync(RESULT_FILE, JSON.stringify({ passes, failures, pending }));
process.exit(stats && failures === 0 && passes > 0 ? 0 : 1);
