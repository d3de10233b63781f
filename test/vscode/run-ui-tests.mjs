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
// Usage: node test/vscode/run-ui-tests.mjs [--web | --virtual] [--grep <pattern>]
//
// --web: the same .vsix, but the profile's `remote.extensionKind` sends the extension to the
//   browser's web worker extension host (its `browser` entry), as in vscode.dev. Tests whose
//   title holds @desktop-only (each says why) are left out, and at the end the server's
//   extension host logs of every window must not show our activation (extension-hosts.mjs).
// --virtual: --web, on a folder without a local file system: test/vscode/web-fs/, a web
//   extension, serves the workspace copy as vscode-vfs://tc-test/<folder> (github.dev's
//   scheme), and the workbench opens that. Tests marked @desktop-only or
//   @file-scheme-only are left out.
// Screenshots: test-artifacts/ui/ (ui-web/, ui-virtual/), a FAILED-*.png for each failing test.
// Logs: .vscode-test/logs/code-server-<mode>.log and .vscode-test/profiles/<mode>/user-data/logs/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { freshProfile, installVsix, startCodeServer } from '../../scripts/real-vscode/code-server.mjs';
import { ARTIFACTS_DIR, REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';
import { prepareWorkspace } from '../../scripts/real-vscode/workspace.mjs';
import { EXTENSION_ID, serverActivations } from './ui/extension-hosts.mjs';
import { packageWebFs, WEB_FS_EXTENSION_ID, webFsUri } from './web-fs/package.mjs';

const UI_TESTS_DIR = path.join(REPO_ROOT, 'test', 'vscode', 'ui');
const virtual = process.argv.includes('--virtual');
const web = virtual || process.argv.includes('--web');
/** 'ui', 'ui-web' or 'ui-virtual': the profile, log, screenshot folder and result file of this run. */
const MODE = virtual ? 'ui-virtual' : web ? 'ui-web' : 'ui';
// Tests that cannot hold in this mode, by the tag in their title (each says why there).
const EXCLUDED_TAGS = [...(web ? ['@desktop-only'] : []), ...(virtual ? ['@file-scheme-only'] : [])];
const RESULT_FILE = path.join(WORK_DIR, 'results', `${MODE}.json`);
const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, MODE);
const started = Date.now();
const log = (message) => console.log(`[${MODE}-tests ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function packageExtension() {
  if (process.env.UI_TEST_VSIX) return path.resolve(process.env.UI_TEST_VSIX);
  log('npm run package');
  // stdin closed: vsce must not wait on a prompt (it asks when LICENSE is missing).
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  const vsix = path.join(REPO_ROOT, 'dist', 'transcript-coder.vsix');
  if (result.status !== 0 || !existsSync(vsix)) throw new Error('`npm run package` did not produce dist/transcript-coder.vsix (see vsce output above)');
  return vsix;
}

/** The user's --grep, less the tests this mode excludes, as one pattern for mocha. */
function testFilter(grep) {
  const excluded = EXCLUDED_TAGS.length > 0 ? `(?!.*(?:${EXCLUDED_TAGS.join('|')}))` : '';
  const wanted = grep ? `(?=.*(?:${grep}))` : '';
  return excluded || wanted ? new RegExp(`^${excluded}${wanted}`) : undefined;
}

async function runMocha(grep) {
  const filter = testFilter(grep);
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, ...(filter ? { grep: filter } : {}) });
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
  // --web: the extension kind "web" makes the workbench run an extension installed on the
  // server in the browser's web worker extension host (code-server 4.139.1's
  // pickRunningLocation: "web" and installed remotely -> LocalWebWorker).
  const profile = freshProfile(MODE, web ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {});
  log(`installing ${path.relative(REPO_ROOT, vsix)} into ${path.relative(REPO_ROOT, profile.extensionsDir)}`);
  installVsix(vsix, profile);
  if (virtual) installVsix(packageWebFs(), profile);
  const workspace = prepareWorkspace(MODE);
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true }); // only this run's screenshots

  // The test file system offers Quick Open and workspace.findFiles through a proposed API.
  const extraArgs = virtual ? ['--enable-proposed-api', WEB_FS_EXTENSION_ID] : [];
  const server = await startCodeServer({ name: MODE, profile, extraArgs });
  log(`code-server on ${server.url} (log: ${path.relative(REPO_ROOT, server.logFile)})`);
  try {
    process.env.TC_WORKBENCH_URL = server.url;
    process.env.TC_WORKSPACE = workspace;
    process.env.TC_USER_DATA = profile.userDataDir;
    process.env.TC_SCREENSHOT_DIR = SCREENSHOT_DIR;
    process.env.TC_EXTENSION_HOST = web ? 'web' : 'node';
    if (virtual) process.env.TC_WORKBENCH_FOLDER = webFsUri(workspace);
    if (EXCLUDED_TAGS.length > 0) log(`leaving out the tests tagged ${EXCLUDED_TAGS.join(', ')}`);
    const stats = await runMocha(grep);
    log(`screenshots in ${path.relative(REPO_ROOT, SCREENSHOT_DIR)}/`);
    return web ? { ...stats, ...noServerActivation(stats) } : stats;
  } finally {
    await server.stop();
  }
}

/**
 * A --web run fails if the server's Node extension host activated the extension in any
 * window a test opened: each test would pass just as well there.
 */
function noServerActivation(stats) {
  const lines = serverActivations();
  if (lines.length === 0) {
    log(`no remoteexthost.log of ${path.relative(REPO_ROOT, process.env.TC_USER_DATA)}/logs activated ${EXTENSION_ID}: it ran in the web worker only`);
    return {};
  }
  console.error(`[${MODE}-tests] FAILED: the server's extension host activated ${EXTENSION_ID}:\n${lines.join('\n')}`);
  return { failures: stats.failures + 1 };
}

let stats;
try {
  stats = await main();
} catch (error) {
  console.error(`[${MODE}-tests] FAILED: ${error.stack ?? error}`);
}
const { passes = 0, failures = 1, pending = 0 } = stats ?? {};
// run-all.mjs adds these counts to the host tests' for one closing line.
mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
writeFileSync(RESULT_FILE, JSON.stringify({ passes, failures, pending }));
process.exit(stats && failures === 0 && passes > 0 ? 0 : 1);
