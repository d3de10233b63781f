/**
 * The git commands of the CLI, in-process: `git-setup` (idempotent, quoting for sh),
 * `merge-driver` (exit codes and what it leaves in %A) and `resolve`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { readConflictRecords } from '../../src/core/merge';
import { hasDriverAttribute, mergeDriverCommand, shellQuote, withDriverAttribute } from '../../src/node/git-setup';
import { GitRepo } from './helpers/git-repo';
import { code, FILE, parsed, sidecar } from './merge-fixtures';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const exit = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code: exit, stdout, stderr };
}

const A = { id: 'aaaa1111', lines: '[2, 2]' };
const B = { id: 'bbbb2222', lines: '[4, 4]', factor: 'Rapat bulanan' };
const C = { id: 'cccc3333', lines: '[5, 5]', factor: 'Anggaran', coder: 'budi' };

describe('git-setup', function () {
  this.timeout(30_000);
  let repo: GitRepo;
  beforeEach(async () => {
    repo = await GitRepo.create();
  });
  afterEach(async () => repo.dispose());

  it('writes the attribute and the config once, keeps the rest of .gitattributes, and says when all is set', async () => {
    await repo.write('.gitattributes', '*.txt text eol=lf\r\n*.docx binary');
    await repo.write('study/a.txt', '');
    const first = repo.cli(['git-setup', 'study']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /added a line to .*\.gitattributes: \*\.codes\.yaml merge=transcript-coder/u);
    assert.equal(await repo.read('.gitattributes'), '*.txt text eol=lf\r\n*.docx binary\r\n*.codes.yaml merge=transcript-coder\r\n');
    const driver = repo.git('config', '--local', '--get', 'merge.transcript-coder.driver').trim();
    assert.match(driver, /^\S+ \S+cli\.js merge-driver %O %A %B %P$/u);
    assert.equal(repo.git('config', '--local', '--get', 'merge.transcript-coder.name').trim(), 'Transcript Coder: merge sidecars by code id');

    const attributes = await repo.read('.gitattributes');
    const config = repo.git('config', '--local', '--list');
    const second = repo.cli(['git-setup']);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /already set up/u);
    assert.equal(await repo.read('.gitattributes'), attributes);
    assert.equal(repo.git('config', '--local', '--list'), config);
  });

  it('points the driver at the CLI it is given, absolute, and updates a driver that moved', async () => {
    const moved = await cli(repo.root, 'git-setup', '--cli-path', 'tools/cli.js');
    assert.equal(moved.code, 0, moved.stderr);
    const driver = repo.git('config', '--get', 'merge.transcript-coder.driver').trim();
    assert.equal(driver, `${shellQuote(process.execPath)} ${shellQuote(join(repo.root, 'tools', 'cli.js'))} merge-driver %O %A %B %P`);
    const again = await cli(repo.root, 'git-setup', '--cli-path', 'other/cli.js');
    assert.match(again.stdout, /^updated git config merge\.transcript-coder\.driver = /mu);
  });

  it('refuses when it cannot tell which CLI runs (here, TypeScript in the test runner)', async () => {
    const result = await cli(repo.root, 'git-setup');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /pass --cli-path/u);
  });

  it('says so outside a git repository', async () => {
    const outside = repo.homeFolder;
    const result = await cli(outside, 'git-setup', '--cli-path', '/x/cli.js');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not inside a git repository/u);
  });
});

describe('the driver command for sh', () => {
  it('quotes every path so that sh gives it back unchanged', () => {
    for (const word of ["/opt/it's here/node", '/a b/$HOME/`x`/"q"/\\', '/plain/path-1.2/cli.js', 'C:\\Program Files\\nodejs\\node.exe']) {
      const echoed = spawnSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' });
      assert.equal(echoed.stdout, word);
    }
  });

  it('puts environment variables in front, and refuses relative paths', () => {
    assert.equal(
      mergeDriverCommand({ nodePath: '/Apps/Code Helper', cliPath: '/ext/dist/cli.js', environment: { ELECTRON_RUN_AS_NODE: '1' } }),
      "ELECTRON_RUN_AS_NODE=1 '/Apps/Code Helper' /ext/dist/cli.js merge-driver %O %A %B %P",
    );
    assert.throws(() => mergeDriverCommand({ nodePath: 'node', cliPath: '/x/cli.js' }), /absolute paths/u);
  });

  it('knows whether .gitattributes already routes sidecars to the driver (the last line for the pattern wins)', () => {
    assert.equal(hasDriverAttribute('*.codes.yaml merge=transcript-coder\n'), true);
    assert.equal(hasDriverAttribute('# *.codes.yaml merge=transcript-coder\n'), false);
    assert.equal(hasDriverAttribute('*.codes.yaml merge=transcript-coder\n*.codes.yaml -merge\n'), false);
    assert.equal(hasDriverAttribute('*.codes.yaml binary\n*.codes.yaml  merge=transcript-coder  \n*.codes.yaml -text\n'), true);
    assert.equal(withDriverAttribute(''), '*.codes.yaml merge=transcript-coder\n');
  });
});

describe('merge-driver', () => {
  let repo: GitRepo;
  beforeEach(async () => {
    repo = await GitRepo.create();
  });
  afterEach(async () => repo.dispose());

  async function files(base: string | undefined, ours: string, theirs: string): Promise<string[]> {
    if (base !== undefined) await repo.write('.merge_O', base);
    await repo.write('.merge_A', ours);
    await repo.write('.merge_B', theirs);
    return ['merge-driver', '.merge_O', '.merge_A', '.merge_B', FILE];
  }
  const base = sidecar([code(A), code(B)]);

  it('exits 0 and writes the merge into %A when it is clean', async () => {
    const result = await cli(repo.root, ...(await files(base, sidecar([code(A), code(B), code(C)]), sidecar([code(A)]))));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, `transcript-coder: ${FILE}: merged by code id, no conflicts\n`);
    assert.deepEqual(parsed(await repo.read('.merge_A')).data.codes.map((c) => c.id), ['aaaa1111', 'cccc3333']);
  });

  it('exits 1 with the conflicts listed when it recorded some; %A parses and holds them', async () => {
    const result = await cli(repo.root, ...(await files(base, sidecar([code({ ...A, factor: 'X' }), code(B)]), sidecar([code({ ...A, factor: 'Y' }), code(B)]))));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /with 1 conflict\(s\) recorded/u);
    assert.match(result.stderr, /^ {2}merge conflict on code aaaa1111: ours factor "X", theirs factor "Y" \(base factor "Tenaga TI kurang"\)$/mu);
    const merged = await repo.read('.merge_A');
    parsed(merged);
    assert.equal(readConflictRecords(merged, FILE).records.codes.size, 1);
  });

  it('merges without a base when %O is missing (both sides added the file)', async () => {
    const result = await cli(repo.root, ...(await files(undefined, sidecar([code(A)]), sidecar([code(C)]))));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(parsed(await repo.read('.merge_A')).data.codes.map((c) => c.id), ['aaaa1111', 'cccc3333']);
  });

  it('exits 4 and leaves %A as ours when a side does not parse', async () => {
    const ours = sidecar([code(A)]);
    const result = await cli(repo.root, ...(await files(base, ours, '<<<<<<< x\n')));
    assert.equal(result.code, 4);
    assert.match(result.stderr, /cannot merge: theirs of kaban\.txt\.codes\.yaml is not a readable sidecar \(conflict\)/u);
    assert.equal(await repo.read('.merge_A'), ours);
  });

  it('exits 2 on a wrong command line', async () => {
    assert.equal((await cli(repo.root, 'merge-driver', 'a', 'b')).code, 2);
  });
});

describe('resolve', () => {
  let repo: GitRepo;
  beforeEach(async () => {
    repo = await GitRepo.create();
  });
  afterEach(async () => repo.dispose());

  it('says there is nothing to do in a clean sidecar, and leaves it alone', async () => {
    const text = sidecar([code(A)]);
    await repo.write(FILE, text);
    const result = await cli(repo.root, 'resolve', FILE);
    assert.deepEqual(result, { code: 0, stdout: `${FILE}: no conflicts to resolve\n`, stderr: '' });
    assert.equal(await repo.read(FILE), text);
  });

  it('lists recorded conflicts without --take and exits 1; --take ours then clears them', async () => {
    const text = sidecar([code({ ...A, extra: '    conflict:\n      theirs:\n        factor: Y\n' })]);
    await repo.write(FILE, text);
    const listed = await cli(repo.root, 'resolve', FILE);
    assert.equal(listed.code, 1);
    assert.match(listed.stdout, /merge conflict on code aaaa1111: ours factor "Tenaga TI kurang", theirs factor "Y"/u);
    assert.equal(await repo.read(FILE), text);
    const taken = await cli(repo.root, 'resolve', FILE, '--take', 'ours');
    assert.equal(taken.code, 0, taken.stderr);
    assert.equal(await repo.read(FILE), sidecar([code(A)]));
  });

  it('merges markers and decides what still conflicts in one go with --take', async () => {
    const head = 'version: 1\ntranscript: kaban.txt\ncodes:\n';
    await repo.write(FILE, `${head}<<<<<<< HEAD\n${code({ ...A, factor: 'X' })}||||||| base\n${code(A)}=======\n${code({ ...A, factor: 'Y' })}${code(C)}>>>>>>> budi\n`);
    const result = await cli(repo.root, 'resolve', FILE, '--take', 'theirs');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const data = parsed(await repo.read(FILE)).data;
    assert.deepEqual(data.codes.map((c) => [c.id, c.factor]), [['aaaa1111', 'Y'], ['cccc3333', 'Anggaran']]);
  });

  it('leaves the file alone when the markers are malformed or a side does not parse', async () => {
    for (const text of ['version: 1\n<<<<<<< HEAD\ncodes: []\n', 'version: 1\ntranscript: kaban.txt\n<<<<<<< HEAD\ncodes: [\n=======\ncodes: []\n>>>>>>> b\n']) {
      await writeFile(repo.path(FILE), text);
      const result = await cli(repo.root, 'resolve', FILE);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /kaban\.txt\.codes\.yaml/u);
      assert.equal(await readFile(repo.path(FILE), 'utf8'), text);
    }
  });

  it('rejects a wrong --take and a missing file', async () => {
    await repo.write(FILE, sidecar([code(A)]));
    assert.equal((await cli(repo.root, 'resolve', FILE, '--take', 'mine')).code, 2);
    assert.equal((await cli(repo.root, 'resolve', 'nope.codes.yaml')).code, 2);
    assert.equal((await cli(repo.root, 'resolve')).code, 2);
  });
});
