/**
 * Real git repositories in the temp folder, for the merge tests, run with the built
 * CLI the way git runs the merge driver: `node dist/cli.js`. Nothing here reads the
 * user's git configuration: global and system config are switched off, hooks too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
export const BUILT_CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

/** Builds dist/cli.js when it is missing or older than a source file, so the tests run today's code. */
export function ensureBuiltCli(): void {
  const built = existsSync(BUILT_CLI) ? statSync(BUILT_CLI).mtimeMs : -1;
  if (built >= newestMtime(join(PROJECT_ROOT, 'src'))) return;
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { cwd: PROJECT_ROOT, stdio: 'pipe' });
}

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class GitRepo {
  private constructor(
    readonly root: string,
    private readonly home: string,
  ) {}

  static async create(): Promise<GitRepo> {
    const home = await mkdtemp(join(tmpdir(), 'tc-git-home-'));
    const repo = new GitRepo(join(home, 'study'), home);
    await mkdir(repo.root);
    await writeFile(join(home, 'gitconfig'), '');
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Test Coder');
    repo.git('config', 'user.email', 'coder@example.invalid');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** The environment git and the CLI run in: this repository only, no user or system config. */
  env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('GIT_')) env[name] = value;
    return {
      ...env,
      HOME: this.home,
      GIT_CONFIG_GLOBAL: join(this.home, 'gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      LC_ALL: 'C',
      ...overrides,
    };
  }

  /** Runs git; throws unless it exits 0. */
  git(...args: string[]): string {
    const result = this.tryGit(...args);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  tryGit(...args: string[]): RunResult {
    return this.run('git', ['-c', 'core.hooksPath=/dev/null', ...args]);
  }

  run(command: string, args: readonly string[], env: Record<string, string> = {}): RunResult {
    const result = spawnSync(command, [...args], { cwd: this.root, env: this.env(env), encoding: 'utf8' });
    if (result.error !== undefined) throw result.error;
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  /** The built CLI (or `cli`, a copy of it), run as git would run it. */
  cli(args: readonly string[], cli = BUILT_CLI): RunResult {
    return this.run(process.execPath, [cli, ...args]);
  }

  path(relative: string): string {
    return join(this.root, ...relative.split('/'));
  }

  async write(relative: string, content: string): Promise<void> {
    await mkdir(dirname(this.path(relative)), { recursive: true });
    await writeFile(this.path(relative), content);
  }

  read(relative: string): Promise<string> {
    return readFile(this.path(relative), 'utf8');
  }

  async commitAll(message: string): Promise<void> {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  get homeFolder(): string {
    return this.home;
  }

  async dispose(): Promise<void> {
    await rm(this.home, { recursive: true, force: true });
  }
}
