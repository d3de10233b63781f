/**
 * Setting a repository up to merge sidecars with the Transcript Coder merge driver
 * (issue 8, docs/merging.md): the `.gitattributes` line that routes `*.codes.yaml` to
 * the driver, and the repository's git config entry that says how to run it.
 *
 * The driver command names the node executable and the CLI script by absolute path,
 * so it works from that repository as it is — with nothing on PATH, from a GUI client,
 * from an editor. The extension calls `setUpMergeDriver` with its own runtime and its
 * bundled CLI; the CLI passes the node and the script that are running it.
 */
import { promises as fs } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { GitError, localConfigPath, localConfigValue, repositoryRoot, setLocalConfigValue } from './git';

const MERGE_DRIVER_ID = 'transcript-coder';
const GITATTRIBUTES_LINE = `*.codes.yaml merge=${MERGE_DRIVER_ID}`;
const MERGE_DRIVER_NAME = 'Transcript Coder: merge sidecars by code id';

export interface MergeDriverSetup {
  /** Any folder inside the repository. */
  dir: string;
  /** The program that runs the CLI script: node, or an Electron binary with ELECTRON_RUN_AS_NODE=1. */
  nodePath: string;
  /** The CLI script (the bundled dist/cli.js). */
  cliPath: string;
  /** Variables the program needs, set in front of the command (e.g. ELECTRON_RUN_AS_NODE=1). */
  environment?: Readonly<Record<string, string>>;
}

export interface MergeDriverSetupResult {
  root: string;
  command: string;
  /** What was changed, one sentence each; empty when everything was already set up. */
  changes: string[];
}

/** `word` quoted for sh: the command git runs through the shell. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/u.test(word) ? word : `'${word.replace(/'/gu, `'\\''`)}'`;
}

export function mergeDriverCommand(setup: Pick<MergeDriverSetup, 'nodePath' | 'cliPath' | 'environment'>): string {
  for (const path of [setup.nodePath, setup.cliPath]) {
    if (!isAbsolute(path)) throw new Error(`the merge driver needs absolute paths, got ${path}`);
  }
  const environment = Object.entries(setup.environment ?? {}).map(([name, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(name)) throw new Error(`not an environment variable name: ${name}`);
    return `${name}=${shellQuote(value)}`;
  });
  // git fills in %O %A %B (its temporary files) and %P (the path, already quoted by git).
  return [...environment, shellQuote(setup.nodePath), shellQuote(setup.cliPath), 'merge-driver', '%O', '%A', '%B', '%P'].join(' ');
}

export async function setUpMergeDriver(setup: MergeDriverSetup): Promise<MergeDriverSetupResult> {
  const root = await repositoryRoot(setup.dir);
  const command = mergeDriverCommand(setup);
  const changes: string[] = [];

  const attributesPath = join(root, '.gitattributes');
  await refuseLinks(attributesPath, await localConfigPath(root));
  const existing = await fs.readFile(attributesPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing === undefined || !hasDriverAttribute(existing)) {
    await writeFileAtomic(attributesPath, withDriverAttribute(existing ?? ''), { within: root });
    changes.push(`${existing === undefined ? 'created' : 'added a line to'} ${attributesPath}: ${GITATTRIBUTES_LINE}`);
  }
  for (const [key, value] of [
    [`merge.${MERGE_DRIVER_ID}.name`, MERGE_DRIVER_NAME],
    [`merge.${MERGE_DRIVER_ID}.driver`, command],
  ] as const) {
    const current = await localConfigValue(root, key);
    if (current === value) continue;
    await setLocalConfigValue(root, key, value);
    changes.push(`${current === undefined ? 'set' : 'updated'} git config ${key} = ${value}`);
  }
  return { root, command, changes };
}

/**
 * A cloned repository is its sender's: `.gitattributes` may be a symbolic link to a file
 * in `~/.ssh` (git checks links out, and itself refuses to read `.gitattributes` through
 * one), and a copied folder's `.git/config` may be a link too, which `git config` writes
 * through. Either would make git-setup write outside the repository (issue 19): refused
 * before anything is written.
 */
async function refuseLinks(attributesPath: string, configPath: string): Promise<void> {
  const attributes = await fs.lstat(attributesPath).catch(() => undefined);
  if (attributes !== undefined && !attributes.isFile()) {
    const what = attributes.isSymbolicLink() ? 'a symbolic link (git itself does not read .gitattributes through a link)' : 'not a regular file';
    throw new GitError(`${attributesPath} is ${what}; nothing was written. Replace it with a plain file and run git-setup again`);
  }
  const config = await fs.lstat(configPath).catch(() => undefined);
  if (config?.isSymbolicLink() === true) {
    throw new GitError(`${configPath} is a symbolic link, and git config would write to where it points; nothing was written`);
  }
}

/**
 * Whether a later line of `.gitattributes` already gives `*.codes.yaml` our driver.
 * Later lines win in .gitattributes, so only the last line naming a merge for the
 * pattern counts.
 */
export function hasDriverAttribute(text: string): boolean {
  let ours = false;
  for (const line of text.split(/\r?\n/u)) {
    const [pattern, ...attributes] = line.trim().split(/\s+/u);
    if (pattern !== '*.codes.yaml') continue;
    const merge = attributes.find((attribute) => /^(?:merge(?:=.*)?|-merge|!merge)$/u.test(attribute));
    if (merge !== undefined) ours = merge === `merge=${MERGE_DRIVER_ID}`;
  }
  return ours;
}

/** `text` with the driver line appended, in the file's own line ending. */
export function withDriverAttribute(text: string): string {
  const lineEnding = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : lineEnding;
  return `${text}${separator}${GITATTRIBUTES_LINE}${lineEnding}`;
}

/**
 * The CLI script running now, or undefined when it is not a plain script node can
 * run (e.g. TypeScript run through a loader, as in tests). In the bundle,
 * `__filename` is dist/cli.js itself, resolved through any symbolic link on PATH;
 * `process.argv[1]` is only a fallback for an ES module build, which has no
 * `__filename` (in tests it names the test runner, not the CLI).
 */
export function runningCliScript(): string | undefined {
  const candidate = typeof __filename === 'string' ? __filename : process.argv[1];
  return candidate !== undefined && /\.(?:c|m)?js$/u.test(candidate) ? resolve(candidate) : undefined;
}
