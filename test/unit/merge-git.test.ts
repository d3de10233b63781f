/**
 * Team coding through real git (issue 8): two coders code the same transcript on two
 * branches, and `git merge` — with the driver `git-setup` configured — merges their
 * sidecars with no human step; a real conflict stops git but leaves a file that parses
 * and that `validate` and `resolve` understand; a merge without the driver leaves
 * markers that `resolve` merges by the same rules.
 */
import { strict as assert } from 'node:assert';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { runCli } from '../../src/cli/main';
import { BUILT_CLI, ensureBuiltCli, GitRepo } from './helpers/git-repo';
import { SMALL_CODEBOOK } from './helpers/temp-study';

const TRANSCRIPT = `Pewawancara: Apa kendala utama?
Kepala Badan: Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.
Pewawancara: Bagaimana koordinasi dengan dinas lain?
Kepala Badan: Koordinasi berjalan baik melalui rapat bulanan.
Kepala Badan: Anggaran juga terbatas karena banjir.
`;
const SIDECAR = 'kaban.txt.codes.yaml';

const K3 = `  - id: k3x9a2mq
    lines: [2, 2]
    code: jones/organization/apparatus-resources
    polarity: inhibiting
    factor: FACTOR
    quote: "Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI."
    coder: rina
`;
const P7 = `  - id: p7q2m4zz
    lines: [4, 4]
    code: jones/organization/coordination
    polarity: supporting
    factor: Rapat koordinasi bulanan
    quote: "Koordinasi berjalan baik melalui rapat bulanan."
    coder: rina
`;
const B5 = `  - id: b5d8e1aa
    lines: [5, 5]
    code: jones/application
    polarity: inhibiting
    factor: Anggaran terbatas
    quote: "Anggaran juga terbatas karena banjir."
    coder: budi
`;

function sidecar(codes: string[], factor = 'Tenaga ahli TI masih kurang'): string {
  return `version: 1
transcript: kaban.txt
attributes:
  agency: BKPSDMD Kabupaten Hulu Sungai Tengah
  informant: Kepala Badan
codes:
${codes.join('').replace('FACTOR', factor)}`;
}

async function validate(repo: GitRepo): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runCli(['validate', repo.root], { cwd: repo.root, stdout: (text) => (stdout += text), stderr: () => undefined });
  return { code, stdout };
}

/**
 * main with the study (and whatever `onMain` adds, committed); branches `rina` and
 * `budi` from it, each committing its sidecar; `rina` checked out.
 */
async function twoCoders(repo: GitRepo, rina: string, budi: string, onMain?: () => void): Promise<void> {
  await repo.write('codebook.yaml', SMALL_CODEBOOK);
  await repo.write('kaban.txt', TRANSCRIPT);
  await repo.write(SIDECAR, sidecar([K3]));
  onMain?.();
  await repo.commitAll('study');
  for (const [branch, text] of [['rina', rina], ['budi', budi]] as const) {
    repo.git('checkout', '-q', '-b', branch, 'main');
    await repo.write(SIDECAR, text);
    await repo.commitAll(`${branch} codes`);
  }
  repo.git('checkout', '-q', 'rina');
}

function unmerged(repo: GitRepo): string[] {
  return repo.git('diff', '--name-only', '--diff-filter=U').split('\n').filter((line) => line !== '');
}

describe('merging sidecars with real git', function () {
  this.timeout(120_000);
  let repo: GitRepo;

  before(ensureBuiltCli);
  beforeEach(async () => {
    repo = await GitRepo.create();
  });
  afterEach(async () => repo.dispose());

  it('two coders’ codes and an edited factor merge with no human step, even with nothing on PATH but git', async () => {
    // The CLI copied to a folder whose name needs quoting in sh, to prove the driver command's quoting.
    const cliFolder = join(repo.homeFolder, "it's tc");
    await mkdir(cliFolder);
    const cli = join(cliFolder, 'cli.js');
    await copyFile(BUILT_CLI, cli);
    await twoCoders(repo, sidecar([K3, P7], 'SDM TI sedikit'), sidecar([K3, B5]), () => {
      const setup = repo.cli(['git-setup'], cli);
      assert.equal(setup.code, 0, setup.stderr);
    });
    assert.match(repo.git('show', '--stat', 'main'), /\.gitattributes/u, '.gitattributes is committed with the study');

    const onlyGit = join(repo.homeFolder, 'bin');
    await mkdir(onlyGit);
    await symlink(repo.run('sh', ['-c', 'command -v git']).stdout.trim(), join(onlyGit, 'git'));
    const merge = repo.run(join(onlyGit, 'git'), ['-c', 'core.hooksPath=/dev/null', 'merge', '--no-edit', 'budi'], { PATH: onlyGit });
    assert.equal(merge.code, 0, `${merge.stdout}\n${merge.stderr}`);

    assert.deepEqual(unmerged(repo), []);
    assert.equal(repo.git('log', '-1', '--format=%P').trim().split(' ').length, 2, 'a merge commit was made');
    const parse = parseSidecar(await repo.read(SIDECAR), SIDECAR);
    assert.equal(parse.status, 'ok');
    if (parse.status !== 'ok') return;
    assert.deepEqual(parse.data.codes.map((code) => [code.id, code.coder]), [
      ['k3x9a2mq', 'rina'],
      ['p7q2m4zz', 'rina'],
      ['b5d8e1aa', 'budi'],
    ]);
    assert.equal(parse.data.codes[0]?.factor, 'SDM TI sedikit');
    assert.deepEqual(await validate(repo), { code: 0, stdout: '' });
  });

  it('a real conflict stops git, leaves a file that parses, is listed by validate at the code’s line, and resolve --take theirs fixes it', async () => {
    await twoCoders(repo, sidecar([K3, P7], 'SDM TI sedikit'), sidecar([K3, B5], 'Pegawai TI kurang'));
    assert.equal(repo.cli(['git-setup']).code, 0);
    const merge = repo.tryGit('merge', '--no-edit', 'budi');
    assert.notEqual(merge.code, 0, 'git must stop for a person');
    assert.match(merge.stdout, /CONFLICT \(content\): Merge conflict in kaban\.txt\.codes\.yaml/u);
    assert.match(merge.stderr, /merge conflict on code k3x9a2mq: ours factor "SDM TI sedikit", theirs factor "Pegawai TI kurang"/u);
    assert.deepEqual(unmerged(repo), [SIDECAR]);

    const text = await repo.read(SIDECAR);
    const parse = parseSidecar(text, SIDECAR);
    assert.equal(parse.status, 'ok', text);
    if (parse.status !== 'ok') return;
    assert.deepEqual(parse.data.codes.map((code) => code.id), ['k3x9a2mq', 'p7q2m4zz', 'b5d8e1aa']);
    const line = text.split('\n').indexOf('  - id: k3x9a2mq') + 1;
    const validated = await validate(repo);
    assert.equal(validated.code, 1);
    assert.match(
      validated.stdout,
      new RegExp(`^kaban\\.txt\\.codes\\.yaml:${line}:5: error: merge conflict on code k3x9a2mq: ours factor "SDM TI sedikit", theirs factor "Pegawai TI kurang"`, 'mu'),
    );

    const resolved = repo.cli(['resolve', SIDECAR, '--take', 'theirs']);
    assert.equal(resolved.code, 0, resolved.stdout + resolved.stderr);
    const after = parseSidecar(await repo.read(SIDECAR), SIDECAR);
    assert.equal(after.status === 'ok' && after.data.codes[0]?.factor, 'Pegawai TI kurang');
    assert.deepEqual(await validate(repo), { code: 0, stdout: '' });
    repo.git('add', SIDECAR);
    repo.git('commit', '-q', '--no-edit');
    assert.deepEqual(unmerged(repo), []);
  });

  it('a side that does not parse: the driver leaves ours, git stops, and the message says why', async () => {
    await twoCoders(repo, sidecar([K3, P7]), sidecar([K3, B5]).replace('codes:\n', 'codes: [\n'));
    assert.equal(repo.cli(['git-setup']).code, 0);
    const ours = await repo.read(SIDECAR);
    const merge = repo.tryGit('merge', '--no-edit', 'budi');
    assert.notEqual(merge.code, 0);
    assert.match(merge.stderr, /transcript-coder: kaban\.txt\.codes\.yaml: cannot merge: theirs of kaban\.txt\.codes\.yaml is not a readable sidecar/u);
    assert.equal(await repo.read(SIDECAR), ours);
    assert.deepEqual(unmerged(repo), [SIDECAR]);
  });

  for (const style of ['merge', 'diff3'] as const) {
    it(`without the driver (conflictStyle ${style}) git leaves markers; validate reports them, and resolve merges them`, async () => {
      await twoCoders(repo, sidecar([K3, P7], 'SDM TI sedikit'), sidecar([K3, B5]));
      repo.git('config', 'merge.conflictStyle', style);
      const merge = repo.tryGit('merge', '--no-edit', 'budi');
      assert.notEqual(merge.code, 0);
      const text = await repo.read(SIDECAR);
      const markerLines = text.split('\n').flatMap((line, index) => (/^(<{7}|={7}|>{7}|\|{7})/u.test(line) ? [index + 1] : []));
      assert.ok(markerLines.length >= 3, text);

      const validated = await validate(repo);
      assert.equal(validated.code, 1);
      for (const line of markerLines) assert.match(validated.stdout, new RegExp(`^kaban\\.txt\\.codes\\.yaml:${line}:1: error: Git conflict marker`, 'mu'));

      const resolved = repo.cli(['resolve', SIDECAR]);
      assert.equal(resolved.code, 0, resolved.stdout + resolved.stderr);
      assert.match(resolved.stdout, style === 'diff3' ? /with the base from the diff3 sections/u : /without a base/u);
      const after = parseSidecar(await repo.read(SIDECAR), SIDECAR);
      assert.equal(after.status, 'ok');
      if (after.status !== 'ok') return;
      assert.deepEqual(after.data.codes.map((code) => code.id), ['k3x9a2mq', 'p7q2m4zz', 'b5d8e1aa']);
      assert.equal(after.data.codes[0]?.factor, 'SDM TI sedikit');
      assert.deepEqual(await validate(repo), { code: 0, stdout: '' });
    });
  }
});
