/**
 * Running git for the CLI's git commands: the repository root and its local config.
 * git is called by name (it is on PATH wherever someone runs git-setup); its output
 * is read as UTF-8 and its exit code is returned, not thrown, so callers can tell
 * "not a repository" and "key not set" from real failures.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitError extends Error {}

function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolvePromise, rejectPromise) => {
    execFile('git', [...args], { cwd, encoding: 'utf8', windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        const missing = error.code === 'ENOENT';
        rejectPromise(new GitError(missing ? 'git was not found on PATH: install git first' : `git ${args.join(' ')} failed: ${error.message}`));
        return;
      }
      resolvePromise({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** The top folder of the working tree holding `dir`. */
export async function repositoryRoot(dir: string): Promise<string> {
  const result = await runGit(['rev-parse', '--show-toplevel'], dir);
  if (result.code !== 0 || result.stdout.trim() === '') {
    throw new GitError(`${dir} is not inside a git repository (${result.stderr.trim() || 'git rev-parse failed'}); run \`git init\` there first`);
  }
  return result.stdout.replace(/\r?\n$/u, '');
}

/** The repository's own config file (`.git/config`, or the common one of a worktree), as an absolute path. */
export async function localConfigPath(root: string): Promise<string> {
  // Not `--git-path config`: git resolves a link there, and the link is what must be seen.
  const result = await runGit(['rev-parse', '--path-format=absolute', '--git-common-dir'], root);
  if (result.code !== 0) throw new GitError(`git rev-parse --git-common-dir failed: ${result.stderr.trim()}`);
  return join(result.stdout.replace(/\r?\n$/u, ''), 'config');
}

/** A key of the repository's own config (`--local`), or undefined when it is not set. */
export async function localConfigValue(root: string, key: string): Promise<string | undefined> {
  const result = await runGit(['config', '--local', '--get', key], root);
  if (result.code === 1) return undefined;
  if (result.code !== 0) throw new GitError(`git config --get ${key} failed: ${result.stderr.trim()}`);
  return result.stdout.replace(/\r?\n$/u, '');
}

export async function setLocalConfigValue(root: string, key: string, value: string): Promise<void> {
  const result = await runGit(['config', '--local', key, value], root);
  if (result.code !== 0) throw new GitError(`git config ${key} failed: ${result.stderr.trim()}`);
}

/**
 * git's user.name as seen from `dir` (its repository's config, else the user's), or
 * undefined when it is not set or git is missing: the coder a CLI command writes when
 * none is named, as the extension takes it when its setting is empty.
 */
export async function gitUserName(dir: string): Promise<string | undefined> {
  const result = await runGit(['config', 'user.name'], dir).catch(() => undefined);
  const name = result?.code === 0 ? result.stdout.trim() : '';
  return name === '' ? undefined : name;
}
