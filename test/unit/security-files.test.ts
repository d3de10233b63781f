/**
 * Nothing leaves the study (issue 19, item 2), on real files: symbolic links made with
 * symlink(2), FIFOs made with mkfifo, link loops, in a temp folder. The CLI reader, the
 * atomic writer and git-setup refuse them with a message naming the file; nothing is
 * read from outside, nothing is written there.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/core/study/study';
import { RefusedFileError } from '../../src/core/problems/refused-file';
import { openZip } from '../../src/core/zip/zip-reader';
import { WriteRefusedError, writeFileAtomic } from '../../src/node/atomic-write';
import { createFsStudyReader } from '../../src/node/fs-study-reader';
import { readStudyFile } from '../../src/node/study-file';
import { besideReader } from '../../src/node/beside-reader';
import { GitRepo, ensureBuiltCli } from './helpers/git-repo';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

const SECRET = 'PRIVATE KEY 8f3a: never leaves this folder\n';
const TRANSCRIPT = 'Kaban: Masih kurangnya pegawai yang memiliki basis keilmuan dan skill di bidang TI.\n';
const sidecarOf = (name: string, quote: string): string =>
  `version: 1\ntranscript: ${name}\nattributes:\n  agency: BKPSDMD\ncodes:\n  - id: k3x9a2mq\n    lines: [1, 1]\n    code: jones/organization\n    polarity: inhibiting\n    factor: Tenaga ahli TI\n    quote: "${quote}"\n`;

async function refusal(promise: Promise<unknown>): Promise<RefusedFileError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RefusedFileError) return error;
    throw error;
  }
  assert.fail('expected the read to be refused');
}

describe('security: nothing is read or written through a link leaving the study', function () {
  this.timeout(60_000);
  let outside: string;
  let secretPath: string;
  let study: TempStudy;

  beforeEach(async () => {
    outside = await fs.mkdtemp(join(tmpdir(), 'tc-outside-'));
    secretPath = join(outside, 'id_rsa');
    await fs.writeFile(secretPath, SECRET);
    study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'transcripts/kaban.txt': TRANSCRIPT, 'transcripts/kaban.txt.codes.yaml': sidecarOf('kaban.txt', 'Masih kurangnya pegawai') });
  });
  afterEach(async () => {
    await study.dispose();
    await fs.rm(outside, { recursive: true, force: true });
  });

  describe('the study reader (CLI)', () => {
    it('reads a link whose target is inside the study, and refuses one leading outside, naming the link', async () => {
      await fs.symlink(join(study.root, 'transcripts', 'kaban.txt'), study.path('inside-link.txt'));
      await fs.symlink(secretPath, study.path('transcripts/key.txt'));
      const root = await fs.realpath(study.root);
      assert.equal(new TextDecoder().decode(await readStudyFile(root, 'inside-link.txt')), TRANSCRIPT);
      const refused = await refusal(readStudyFile(root, 'transcripts/key.txt'));
      assert.equal(refused.path, 'transcripts/key.txt');
      assert.match(refused.message, /^transcripts\/key\.txt is a symbolic link to .*id_rsa, outside the study folder/u);
    });

    it('refuses a file under a linked folder that leads outside, paths with .. and absolute paths', async () => {
      await fs.symlink(outside, study.path('linked'));
      const root = await fs.realpath(study.root);
      assert.match((await refusal(readStudyFile(root, 'linked/id_rsa'))).message, /outside the study folder/u);
      for (const path of ['../' + 'x', 'transcripts/../../x', secretPath, 'C:\\Windows\\win.ini']) {
        assert.match((await refusal(readStudyFile(root, path))).message, /a path leaving the study folder/u, path);
      }
    });

    it('refuses a symbolic link loop, and a FIFO without blocking on it', async () => {
      await fs.symlink('loop-b.txt', study.path('loop-a.txt'));
      await fs.symlink('loop-a.txt', study.path('loop-b.txt'));
      execFileSync('mkfifo', [study.path('transcripts/pipe.txt')]);
      const root = await fs.realpath(study.root);
      assert.match((await refusal(readStudyFile(root, 'loop-a.txt'))).message, /symbolic link loop/u);
      // Opening a FIFO for reading without O_NONBLOCK waits for a writer forever: the mocha timeout would fire.
      assert.match((await refusal(readStudyFile(root, 'transcripts/pipe.txt'))).message, /a FIFO \(named pipe\), not a file/u);
      assert.match((await refusal(readStudyFile(root, 'transcripts'))).message, /a folder/u);
    });

    it('loads a study whose transcript links outside: the sidebar and validate list a Problem naming the link, and no byte of the target is read', async () => {
      await fs.symlink(secretPath, study.path('transcripts/key.txt'));
      await study.write('transcripts/key.txt.codes.yaml', sidecarOf('key.txt', 'PRIVATE KEY'));
      await fs.symlink(secretPath, study.path('transcripts/linked.txt.codes.yaml'));
      const loaded = await loadStudy(createFsStudyReader(study.root), { transcripts: 'all' });
      const key = loaded.records.find((record) => record.sidecarPath === 'transcripts/key.txt.codes.yaml');
      assert.equal(key?.transcript, undefined);
      assert.ok(key?.problems.some((found) => found.file === 'transcripts/key.txt' && found.severity === 'error' && /symbolic link/u.test(found.message)));
      const linked = loaded.records.find((record) => record.sidecarPath === 'transcripts/linked.txt.codes.yaml');
      assert.equal(linked?.sidecar.status, 'broken', 'a linked sidecar is listed and refused, not skipped');
      assert.doesNotMatch(JSON.stringify(loaded), /8f3a|never leaves/u);
      const validate = await study.cli('validate');
      assert.equal(validate.code, 1);
      assert.match(validate.stdout + validate.stderr, /transcripts\/key\.txt:1:1: error: transcripts\/key\.txt is a symbolic link/u);
    });

    it('a study folder that is itself a link is the folder it names', async () => {
      const link = join(outside, 'study-link');
      await fs.symlink(study.root, link);
      const loaded = await loadStudy(createFsStudyReader(link), { transcripts: 'all' });
      assert.equal(loaded.records.length, 1);
      assert.equal(loaded.records[0]?.problems.filter((found) => found.severity === 'error').length, 0);
    });

    it("a sidecar whose transcript: names a path with .. or an absolute path is told so, and nothing is read from it", async () => {
      await study.write('transcripts/kaban.txt.codes.yaml', sidecarOf('../../../id_rsa', 'Masih kurangnya pegawai'));
      const reads: string[] = [];
      const reader = createFsStudyReader(study.root);
      const loaded = await loadStudy({ listFiles: () => reader.listFiles(), readFile: (path) => (reads.push(path), reader.readFile(path)) }, { transcripts: 'all' });
      assert.deepEqual(reads.sort(), ['codebook.yaml', 'transcripts/kaban.txt', 'transcripts/kaban.txt.codes.yaml']);
      assert.ok(loaded.records[0]?.problems.some((found) => /`transcript: \.\.\/\.\.\/\.\.\/id_rsa` is a path; .*nothing is read from the path named/u.test(found.message)));
    });
  });

  describe("an import's sources beside the project", () => {
    it('refuses a source that is a link leading outside the project folder, and reads nothing from a FIFO', async () => {
      const folder = join(study.root, 'transcripts');
      await fs.symlink(secretPath, join(folder, 'linked.txt'));
      execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
      const read = besideReader(folder);
      assert.equal(read('linked.txt', false), 'linked.txt links outside the folder of the project; it was not read');
      assert.equal(read(join(folder, 'linked.txt'), true), `${join(folder, 'linked.txt')} links outside the folder of the project; it was not read`);
      assert.equal(read('pipe.txt', false), undefined, 'a FIFO is not a file: reported as a source not found, never opened');
      assert.deepEqual(read('kaban.txt', false), new TextEncoder().encode(TRANSCRIPT));
    });
  });

  describe('the CLI', () => {
    it('export --format qdpx leaves a transcript linked outside out of the archive and names it', async () => {
      await fs.symlink(secretPath, study.path('transcripts/key.txt'));
      await study.write('transcripts/key.txt.codes.yaml', sidecarOf('key.txt', 'PRIVATE KEY'));
      const result = await study.cli('export', '--format', 'qdpx', '-o', 'out.qdpx');
      assert.match(result.stderr, /transcripts\/key\.txt\.codes\.yaml:1:1: error: left out of the export: its transcript transcripts\/key\.txt could not be read/u);
      const archive = await study.readBytes('out.qdpx');
      const zip = openZip(new Uint8Array(archive), 'out.qdpx');
      assert.ok(zip.entries.length > 1, 'the rest of the study is exported');
      for (const entry of zip.entries) assert.doesNotMatch(new TextDecoder().decode(zip.read(entry)), /8f3a/u, entry.name);
    });

    it('reanchor --write does not write a sidecar that is a link, and leaves its target as it was', async () => {
      const target = join(outside, 'elsewhere.codes.yaml');
      await fs.writeFile(target, sidecarOf('kaban.txt', 'Masih kurangnya pegawai'));
      await fs.rm(study.path('transcripts/kaban.txt.codes.yaml'));
      await fs.symlink(target, study.path('transcripts/kaban.txt.codes.yaml'));
      await study.write('transcripts/kaban.txt', `Pewawancara: Selamat pagi.\n${TRANSCRIPT}`);
      const before = await fs.readFile(target, 'utf8');
      const result = await study.cli('reanchor', '--write');
      assert.match(result.stdout + result.stderr, /kaban\.txt\.codes\.yaml: skipped, the sidecar is broken/u);
      assert.match((await study.cli('validate')).stdout, /kaban\.txt\.codes\.yaml is a symbolic link to .*outside the study folder/u);
      assert.equal(await fs.readFile(target, 'utf8'), before);
      assert.ok((await fs.lstat(study.path('transcripts/kaban.txt.codes.yaml'))).isSymbolicLink());
    });
  });

  describe('the atomic writer', () => {
    it('refuses a path that is a link or a FIFO, and a folder on the way that leads outside `within`', async () => {
      await fs.symlink(secretPath, study.path('codebook-link.yaml'));
      await assert.rejects(writeFileAtomic(study.path('codebook-link.yaml'), 'x'), (error: unknown) => error instanceof WriteRefusedError && /a symbolic link/u.test(error.message));
      assert.equal(await fs.readFile(secretPath, 'utf8'), SECRET);
      execFileSync('mkfifo', [study.path('pipe.yaml')]);
      await assert.rejects(writeFileAtomic(study.path('pipe.yaml'), 'x'), WriteRefusedError);
      await fs.symlink(outside, study.path('linked'));
      await assert.rejects(writeFileAtomic(study.path('linked/new.yaml'), 'x', { within: study.root }), (error: unknown) => error instanceof WriteRefusedError && /outside/u.test(error.message));
      assert.deepEqual((await fs.readdir(outside)).sort(), ['id_rsa']);
      assert.equal(await writeFileAtomic(study.path('transcripts/new.yaml'), 'x', { within: study.root }), 'written');
    });
  });
});

describe('security: git-setup edits only the repository', function () {
  this.timeout(60_000);
  let repo: GitRepo;
  let outside: string;
  before(() => ensureBuiltCli());
  beforeEach(async () => {
    repo = await GitRepo.create();
    outside = await fs.mkdtemp(join(tmpdir(), 'tc-outside-'));
  });
  afterEach(async () => {
    await repo.dispose();
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('refuses a .gitattributes that is a symbolic link (as git does), writing nothing', async () => {
    const target = join(outside, 'authorized_keys');
    await fs.writeFile(target, 'ssh-ed25519 AAAA user\n');
    await fs.symlink(target, join(repo.root, '.gitattributes'));
    const result = repo.cli(['git-setup']);
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, /\.gitattributes is a symbolic link \(git itself does not read \.gitattributes through a link\); nothing was written/u);
    assert.equal(await fs.readFile(target, 'utf8'), 'ssh-ed25519 AAAA user\n');
    assert.equal(repo.tryGit('config', '--local', '--get', 'merge.transcript-coder.driver').code, 1, 'no config written either');
  });

  it('refuses a .git/config that is a symbolic link, which git config would write through', async () => {
    const config = join(repo.root, '.git', 'config');
    const target = join(outside, 'config');
    await fs.copyFile(config, target);
    await fs.rm(config);
    await fs.symlink(target, config);
    const before = await fs.readFile(target, 'utf8');
    const result = repo.cli(['git-setup']);
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, /config is a symbolic link, and git config would write to where it points; nothing was written/u);
    assert.equal(await fs.readFile(target, 'utf8'), before);
    await assert.rejects(fs.lstat(join(repo.root, '.gitattributes')), 'no .gitattributes created');
  });
});
