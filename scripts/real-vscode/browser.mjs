// Launches Debian's Chromium through playwright-core (Playwright's own browser builds
// cannot be downloaded here) with a throw-away profile inside .vscode-test/.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_BIN, WORK_DIR, isolatedEnv } from './paths.mjs';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox', // we run as root in CI, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // small /dev/shm in containers crashes tabs otherwise
  // VS Code desktop plays media without a click; a browser wants one. The media panel's tests play from a command.
  '--autoplay-policy=no-user-gesture-required',
];

/** Returns { context, page }; close with context.close(). */
export async function launchBrowser(name, { viewport = { width: 1400, height: 900 } } = {}) {
  const env = isolatedEnv();
  // Playwright puts its own scratch files in os.tmpdir(), which reads TMPDIR.
  process.env.TMPDIR = env.TMPDIR;
  mkdirSync(env.TMPDIR, { recursive: true });
  const profileDir = path.join(WORK_DIR, 'profiles', name, 'chromium');
  rmSync(profileDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    viewport,
    args: CHROMIUM_FLAGS,
    env,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
