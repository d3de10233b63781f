// Runs test/vscode/suite/*.test.ts inside code-server's real extension host, the way
// VS Code's --extensionDevelopmentPath/--extensionTestsPath do on the desktop:
//
//   1. bundle the suite into out/test/vscode/suite/ (needs dist/ built: `npm run build`)
//   2. start code-server with `--vscode-option enable-smoke-test-driver`, which makes the
//      workbench honour a `payload` URL parameter carrying both paths
//   3. open that URL in headless Chromium; the workbench loads the repo as a development
//      extension, runs index.js's run(), relays every console line to
//      window.codeAutomationLog and reports the end through window.codeAutomationExit
//   4. print mocha's report, exit with the runner's code (1 on the hard timeout), and stop
//      code-server either way
//
// Usage: node test/vscode/run-host-tests.mjs [--untrusted]
//   --untrusted           run test/vscode/untrusted/*.test.ts instead, in a workspace VS Code
//                         does not trust (restricted mode: workspace trust on, no prompt)
//   HOST_TEST_TIMEOUT_MS  hard limit for the whole suite (default 180000)
//   VSCODE_TEST_VERBOSE=1 also print the workbench's own console lines
//   HOST_TEST_GREP=<regexp> run only the tests whose full title matches
//   HOST_TEST_TRACE=1 code-server logs at trace level (file watcher events included)
// Logs: .vscode-test/logs/host-workbench.log (workbench console), code-server-host.log,
// and the extension host's logs under .vscode-test/profiles/host/user-data/logs/.
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { format } from 'node:util';
import { launchBrowser } from '../../scripts/real-vscode/browser.mjs';
import { freshProfile, startCodeServer } from '../../scripts/real-vscode/code-server.mjs';
import { LOGS_DIR, REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';
import { prepareWorkspace } from '../../scripts/real-vscode/workspace.mjs';
import { buildSuite } from './build-suite.mjs';

const TIMEOUT_MS = Number(process.env.HOST_TEST_TIMEOUT_MS ?? 180_000);
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === '1';
// Written by suite/index.ts in front of mocha's lines and of its final counts.
const REPORT_PREFIX = '[mocha] ';
const RESULT_PREFIX = '[mocha-result] ';
const UNTRUSTED = process.argv.includes('--untrusted');
const KIND = UNTRUSTED ? 'host-untrusted' : 'host';
const RESULT_FILE = path.join(WORK_DIR, 'results', `${KIND}.json`);
// Workspace trust on, and no prompt or banner: the folder simply opens in restricted mode.
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

const started = Date.now();
const log = (message) => console.log(`[host-tests ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

async function main() {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first.');
  }
  const testsEntry = await buildSuite({ grep: process.env.HOST_TEST_GREP, suite: UNTRUSTED ? 'untrusted' : 'suite' });
  const workspace = prepareWorkspace(KIND);
  const profile = freshProfile(KIND, UNTRUSTED ? UNTRUSTED_SETTINGS : {});
  const server = await startCodeServer({
    name: KIND,
    profile,
    workspaceTrust: UNTRUSTED,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver', ...(process.env.HOST_TEST_TRACE === '1' ? ['--log', 'trace'] : [])],
  });
  log(`code-server on ${server.url} (log: ${path.relative(REPO_ROOT, server.logFile)})`);
  let browser;
  try {
    browser = await launchBrowser(KIND);
    return await runSuite(browser.page, server.url, workspace, testsEntry);
  } finally {
    await browser?.context.close().catch(() => {});
    await server.stop();
  }
}

async function runSuite(page, baseUrl, workspace, testsEntry) {
  // Paths in the payload are URIs on the "remote", whose authority is host:port exactly as
  // the page was loaded; anything else and the workbench cannot resolve them.
  const remote = (absolutePath) => `vscode-remote://${new URL(baseUrl).host}${absolutePath}`;
  const url = new URL(baseUrl);
  url.searchParams.set('folder', workspace);
  url.searchParams.set(
    'payload',
    JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(testsEntry)],
    ]),
  );

  const workbenchLogFile = path.join(LOGS_DIR, `${KIND}-workbench.log`);
  const workbenchLog = createWriteStream(workbenchLogFile);
  let counts;
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (text.startsWith(REPORT_PREFIX)) console.log(text.slice(REPORT_PREFIX.length));
    else if (text.startsWith(RESULT_PREFIX)) counts = JSON.parse(text.slice(RESULT_PREFIX.length));
    else {
      workbenchLog.write(`[${type}] ${text}\n`);
      if (VERBOSE) console.log(`[workbench ${type}] ${text}`);
    }
  });
  page.on('pageerror', (error) => workbenchLog.write(`[pageerror] ${error.stack ?? error}\n`));

  log('opening the workbench with the test payload');
  try {
    await page.goto(url.href, { waitUntil: 'domcontentloaded' });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error(`[host-tests] no result within ${TIMEOUT_MS / 1000}s (HOST_TEST_TIMEOUT_MS)`);
    } else {
      log(`extension host test runner exited with code ${code}`);
    }
    // A run that never reached mocha's end (the suite failed to load) also fails.
    const ok = code === 0 && counts !== undefined;
    if (!ok) console.error(`[host-tests] workbench console: ${workbenchLogFile}`);
    return { ok, counts };
  } finally {
    workbenchLog.end();
  }
}

let outcome = { ok: false, counts: undefined };
try {
  outcome = await main();
} catch (error) {
  console.error(`[host-tests] FAILED: ${error.stack ?? error}`);
}
// run-all.mjs adds these counts to the UI tests' for one closing line.
mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
writeFileSync(RESULT_FILE, JSON.stringify(outcome.counts ?? { passes: 0, failures: 1, pending: 0 }));
process.exit(outcome.ok ? 0 : 1);
