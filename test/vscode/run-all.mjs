// `npm run test:vscode`: the extension tested in a real VS Code (code-server 1.139) driven
// by a real browser (Debian's Chromium), from a fresh clone, with nothing installed by hand.
//
//   1. setup   scripts/real-vscode/setup.mjs: apt packages, Node 24 and code-server into
//              .vscode-test/tools/ (first time ~2.5 min, then ~0.1 s)
//   2. build   npm run build (dist/extension.js)
//   3. host    test/vscode/run-host-tests.mjs: test/vscode/suite/*.test.ts run inside the
//              real extension host, with the repo as the development extension
//   4. ui      test/vscode/run-ui-tests.mjs: `npm run package`, the .vsix installed into
//              code-server, test/vscode/ui/*.test.mjs drive the workbench; screenshots in
//              test-artifacts/ui/
//   5. web     the same UI tests and .vsix with the extension in the browser's web worker
//              extension host (run-ui-tests.mjs --web); screenshots in test-artifacts/ui-web/
//   6. virtual the same again on a workspace without a local file system, served as
//              vscode-vfs://tc-test/<folder> (github.dev's scheme) by test/vscode/web-fs/
//              (run-ui-tests.mjs --virtual); screenshots in test-artifacts/ui-virtual/
//
// Steps 3 to 6 all run even if one fails; the exit code is non-zero if any failed,
// and the last line adds up their tests. Each step has a hard time limit. See
// test/vscode/README.md for debugging.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';

const MINUTE = 60_000;
const RESULTS_DIR = path.join(WORK_DIR, 'results');
const started = Date.now();

function step(name, command, args, timeoutMs, env = process.env) {
  console.log(`\n=== ${name} (${((Date.now() - started) / 1000).toFixed(0)}s) ===`);
  // No stdin: nothing may wait on a prompt in CI.
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: timeoutMs, env });
  if (result.error?.code === 'ETIMEDOUT') console.error(`=== ${name}: killed after ${timeoutMs / MINUTE} min ===`);
  else if (result.error) console.error(`=== ${name}: ${result.error.message} ===`);
  return result.status === 0;
}

function counts(kind) {
  const file = path.join(RESULTS_DIR, `${kind}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passes: 0, failures: 0, pending: 0 };
}

const node = process.execPath;
rmSync(RESULTS_DIR, { recursive: true, force: true }); // no counts from an earlier run
const ready =
  step('setup', node, ['scripts/real-vscode/setup.mjs'], 40 * MINUTE) &&
  step('build', 'npm', ['run', 'build'], 5 * MINUTE);
const trustedOk = ready && step('extension host tests', node, ['test/vscode/run-host-tests.mjs'], 10 * MINUTE);
const untrustedOk = ready && step('extension host tests in restricted mode', node, ['test/vscode/run-host-tests.mjs', '--untrusted'], 5 * MINUTE);
const hostOk = trustedOk && untrustedOk;
const uiOk = ready && step('UI tests', node, ['test/vscode/run-ui-tests.mjs'], 10 * MINUTE);
// The web runs install the .vsix the UI step (or the first web run) packaged in this run; without one they package it.
const vsix = path.join(REPO_ROOT, 'dist', 'transcript-coder.vsix');
const packagedNow = () => existsSync(vsix) && statSync(vsix).mtimeMs >= started;
const packagedEnv = () => (packagedNow() ? { ...process.env, UI_TEST_VSIX: vsix } : process.env);
const webOk = ready && step('UI tests in the web worker extension host', node, ['test/vscode/run-ui-tests.mjs', '--web'], 10 * MINUTE, packagedEnv());
// About 6 minutes on 2 cores: every read and write goes through the test's file system provider.
const virtualOk = ready && step('UI tests on a virtual file system', node, ['test/vscode/run-ui-tests.mjs', '--virtual'], 15 * MINUTE, packagedEnv());

const trusted = counts('host');
const untrusted = counts('host-untrusted');
const host = { passes: trusted.passes + untrusted.passes, failures: trusted.failures + untrusted.failures, pending: trusted.pending + untrusted.pending };
const ui = counts('ui');
const webCounts = counts('ui-web');
const virtualCounts = counts('ui-virtual');
const passed = host.passes + ui.passes + webCounts.passes + virtualCounts.passes;
const ok = ready && hostOk && uiOk && webOk && virtualOk;
// A step that failed without a failing test (a crash, a timeout) still counts as one.
const failed = Math.max(host.failures + ui.failures + webCounts.failures + virtualCounts.failures, ok ? 0 : 1);
const skipped = host.pending + ui.pending + webCounts.pending + virtualCounts.pending;
const verdict = (stepOk) => (!ready ? 'not run' : stepOk ? 'ok' : 'FAILED');
console.log(
  `\n=== real VS Code: setup+build ${ready ? 'ok' : 'FAILED'}, host tests ${verdict(hostOk)}, UI tests ${verdict(uiOk)}, ` +
    `web worker UI tests ${verdict(webOk)}, virtual file system UI tests ${verdict(virtualOk)} ` +
    `(${((Date.now() - started) / 1000).toFixed(0)}s) ===`,
);
console.log(`vscode: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
