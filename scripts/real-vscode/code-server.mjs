// Starts and stops code-server (VS Code 1.139 served to a browser) for the real-VS Code tests.
/* global fetch -- Node's built-in fetch, which ESLint's default globals do not list */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';
import { CODE_SERVER_BIN, LOGS_DIR, REPO_ROOT, WORK_DIR, isolatedDirs, isolatedEnv } from './paths.mjs';

// User settings that silence every first-run prompt, walkthrough and network feature.
const SETTINGS_FILE = path.join(REPO_ROOT, 'test', 'vscode', 'profile-settings.json');

// Flags that keep the workbench quiet and offline: no auth page, no trust prompt, no
// walkthroughs, no update or telemetry calls, and no restoring of the last session.
const QUIET_FLAGS = [
  '--auth', 'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--disable-proxy',
  '--ignore-last-opened',
  // The extension host outlives the browser tab for this long; keep it short so a run ends promptly.
  '--reconnection-grace-time', '10',
];

export function assertCodeServerInstalled() {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_BIN}. Run: node scripts/real-vscode/setup.mjs`);
  }
}

/**
 * A fresh profile for one kind of run: user data with the quiet settings.json, and an
 * extensions folder. Both live under .vscode-test/profiles/<name> and are wiped first, so
 * no state leaks from a previous run.
 */
export function freshProfile(name, extraSettings = {}) {
  const root = path.join(WORK_DIR, 'profiles', name);
  rmSync(root, { recursive: true, force: true });
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = { ...JSON.parse(readFileSync(SETTINGS_FILE, 'utf8')), ...extraSettings };
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return { userDataDir, extensionsDir };
}

/** Installs a .vsix into a profile's extensions folder with code-server's own CLI. */
export function installVsix(vsixPath, profile) {
  assertCodeServerInstalled();
  const result = spawnSync(
    CODE_SERVER_BIN,
    ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsixPath],
    { env: isolatedEnv(), encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || /failed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsixPath} failed:\n${output}`);
  }
  return output;
}

/** Asks the kernel for a free port; code-server then binds it a moment later. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 and resolves once /healthz answers. `workspaceTrust`
 * keeps VS Code's workspace trust on (for the restricted-mode suite); otherwise every
 * folder is trusted and no trust prompt appears.
 * Returns { url, port, logFile, stop }. stop() ends code-server and everything it spawned
 * (extension host, file watcher, pty host): they share the process group we create here.
 */
export async function startCodeServer({ name, profile, extraArgs = [], startupTimeoutMs = 60_000, workspaceTrust = false }) {
  assertCodeServerInstalled();
  for (const dir of isolatedDirs()) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const logFile = path.join(LOGS_DIR, `code-server-${name}.log`);
  const log = createWriteStream(logFile);
  const args = [
    ...QUIET_FLAGS.filter((flag) => !(workspaceTrust && flag === '--disable-workspace-trust')),
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    ...extraArgs,
  ];
  const child = spawn(CODE_SERVER_BIN, args, { env: isolatedEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exitCode;
  child.on('exit', (code, signal) => (exitCode = code ?? signal));

  // If the runner dies (an exception, or a timeout's SIGTERM from run-all.mjs), take
  // code-server down with it: its process group would otherwise outlive us.
  const stopOnExit = () => killGroup(child.pid, 'SIGKILL');
  const stopOnSignal = (signal) => {
    stopOnExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', stopOnExit);
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopOnExit);
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    if (exitCode === undefined) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // Children that ignored SIGTERM (a busy extension host) must not outlive the run.
    killGroup(child.pid, 'SIGKILL');
    log.end();
  };

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) break;
    try {
      const response = await fetch(new URL('healthz', url));
      if (response.ok) return { url, port, logFile, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(
    exitCode !== undefined
      ? `code-server exited (${exitCode}) during start-up; see ${logFile}`
      : `code-server did not answer on ${url} within ${startupTimeoutMs / 1000}s; see ${logFile}`,
  );
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // negative pid: the whole process group started above
  } catch {
    // already gone
  }
}
