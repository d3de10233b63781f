// The last step of `npm run demo`: open the example study in a real VS Code with the
// packaged extension (dist/transcript-coder.vsix) installed.
//
//   node scripts/open-example.mjs                 open it; with code-server, serve until Ctrl+C
//   node scripts/open-example.mjs --check         (or CI=true) start, check, print the address, stop
//   node scripts/open-example.mjs --code-server   use code-server even when `code` exists
//
// 1. A local VS Code (`code --version` works): `code --install-extension` the .vsix, then
//    `code examples`. With --check, only install and confirm with `code --list-extensions`.
// 2. Otherwise the code-server the tests use (scripts/real-vscode/setup.mjs installs it
//    into .vscode-test/tools/ on first use): the .vsix goes into a fresh profile under
//    .vscode-test/profiles/demo, and code-server serves the real examples/ folder on
//    127.0.0.1 on a free port. It prints the address to open in a browser and runs until
//    Ctrl+C. With --check it fetches the workbench page (HTTP 200, VS Code's workbench
//    HTML), prints the address, stops code-server and exits 0.
//
// Codes made in the demo are written to examples/ (it is the real folder, not a copy).
/* global fetch -- Node's built-in fetch, which ESLint's default globals do not list */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { URL } from 'node:url';
import { freshProfile, installVsix, startCodeServer } from './real-vscode/code-server.mjs';
import { REPO_ROOT } from './real-vscode/paths.mjs';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const VSIX = path.join(REPO_ROOT, 'dist', 'transcript-coder.vsix');
const EXTENSION_ID = 'transcript-coder.transcript-coder';
const args = process.argv.slice(2);
const check = args.includes('--check') || /^(1|true)$/i.test(process.env.CI ?? '');
const forceCodeServer = args.includes('--code-server');
const started = Date.now();

const say = (message) => console.log(`[open-example ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

class DemoError extends Error {}

/** Runs a command with the terminal's output; returns its exit status. */
function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new DemoError(`${command} ${commandArgs.join(' ')}: ${result.error.message}`);
  return result.status;
}

/** The local VS Code CLI, when `code --version` works. */
function localCode() {
  if (forceCodeServer) return undefined;
  const result = spawnSync('code', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  return result.status === 0 ? result.stdout.split('\n')[0].trim() : undefined;
}

function openInLocalCode(version) {
  say(`VS Code ${version} found: installing ${path.relative(REPO_ROOT, VSIX)}`);
  if (run('code', ['--install-extension', VSIX, '--force']) !== 0) throw new DemoError('code --install-extension failed (see above)');
  if (check) {
    const listed = spawnSync('code', ['--list-extensions'], { encoding: 'utf8' });
    if (!(listed.stdout ?? '').split('\n').some((line) => line.trim().toLowerCase() === EXTENSION_ID)) {
      throw new DemoError(`code --list-extensions does not list ${EXTENSION_ID}`);
    }
    say(`--check: ${EXTENSION_ID} is installed; not opening a window. Open the study with: code ${EXAMPLES_DIR}`);
    return;
  }
  if (run('code', [EXAMPLES_DIR]) !== 0) throw new DemoError(`code ${EXAMPLES_DIR} failed (see above)`);
  say(`opened ${EXAMPLES_DIR} in VS Code`);
}

async function openInCodeServer() {
  say('no local `code` CLI: using code-server (scripts/real-vscode/setup.mjs installs it on first use, ~3 min)');
  if (run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'real-vscode', 'setup.mjs')], { cwd: REPO_ROOT }) !== 0) {
    throw new DemoError('the code-server setup failed (see above)');
  }
  const profile = freshProfile('demo');
  say(`installing ${path.relative(REPO_ROOT, VSIX)} into ${path.relative(REPO_ROOT, profile.extensionsDir)}`);
  installVsix(VSIX, profile);
  const server = await startCodeServer({ name: 'demo', profile });
  const address = `${server.url}?folder=${encodeURI(EXAMPLES_DIR)}`;
  try {
    const response = await fetch(address);
    const html = await response.text();
    if (response.status !== 200 || !html.includes('vscode-workbench-web-configuration')) {
      throw new DemoError(`${address} answered HTTP ${response.status} without VS Code's workbench page; see ${server.logFile}`);
    }
    say(`the workbench answers (HTTP ${response.status}); code-server log: ${path.relative(REPO_ROOT, server.logFile)}`);
  } catch (error) {
    await server.stop();
    throw error;
  }

  console.log(`\nThe example study in VS Code (code-server) with Transcript Coder installed:\n\n  ${address}\n`);
  if (check) {
    await server.stop();
    say('--check: stopped code-server');
    return;
  }
  console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.\n');
  // Keep running while code-server answers; Ctrl+C stops it (startCodeServer handles SIGINT).
  let misses = 0;
  const watch = setInterval(async () => {
    try {
      misses = (await fetch(new URL('healthz', server.url))).ok ? 0 : misses + 1;
    } catch {
      misses++;
    }
    if (misses >= 3) {
      clearInterval(watch);
      console.error(`[open-example] code-server stopped answering; see ${server.logFile}`);
      await server.stop();
      process.exit(1);
    }
  }, 5_000);
}

try {
  if (!existsSync(VSIX)) throw new DemoError(`${path.relative(REPO_ROOT, VSIX)} is missing: run \`npm run package\` first (npm run demo does).`);
  if (!existsSync(path.join(EXAMPLES_DIR, 'codebook.yaml'))) throw new DemoError(`${EXAMPLES_DIR} has no codebook.yaml`);
  const version = localCode();
  if (version !== undefined) openInLocalCode(version);
  else await openInCodeServer();
} catch (error) {
  console.error(`[open-example] FAILED: ${error instanceof DemoError ? error.message : (error.stack ?? error)}`);
  process.exit(1);
}
