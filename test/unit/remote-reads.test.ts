/**
 * Issue 15, bad input: a sidecar or transcript that a remote file system fails to give
 * (a network error, a rate limit) is asked once more, then named — never taken for an
 * empty or missing file, never written over.
 */
import { strict as assert } from 'node:assert';
import { UnreadableFileError } from '../../src/core/problems';
import { CodingSession } from '../../src/core/session';
import { MemoryStudyFiles, SessionSidecar, StudyStore } from '../../src/core/store';
import { loadRecord, type StudyReader } from '../../src/core/study';
import { readTwice } from '../../src/extension/read-twice';

const TRANSCRIPT = 'Rina: Anggaran dialihkan ke banjir.\nBudi: Servernya sering mati.\n';
const SIDECAR =
  'version: 1\ntranscript: kaban.txt\ncodes:\n  - id: c1\n    lines: [1, 1]\n    code: jones/organization\n    polarity: inhibiting\n    factor: budget moved\n    quote: "Anggaran dialihkan ke banjir."\n    coder: rina\n';
const NETWORK = new Error('fetch failed: 429 Too Many Requests');
const noAnswer = () => false;

describe('reads through a remote file system (issue 15)', () => {
  it('asks a failing read once more, and takes what the second read gives', async () => {
    let reads = 0;
    const bytes = await readTwice(async () => (++reads === 1 ? Promise.reject(NETWORK) : new Uint8Array([1, 2])), 'kaban.txt.codes.yaml', noAnswer, 0);
    assert.deepEqual([...bytes], [1, 2]);
    assert.equal(reads, 2);
  });

  it('names the file after a second failure, with what the file system said', async () => {
    let reads = 0;
    await assert.rejects(
      readTwice(() => (++reads, Promise.reject(NETWORK)), 'interviews/kaban.txt.codes.yaml', noAnswer, 0),
      (error: unknown) => {
        assert.ok(error instanceof UnreadableFileError);
        assert.equal(error.path, 'interviews/kaban.txt.codes.yaml');
        assert.match(error.message, /^interviews\/kaban\.txt\.codes\.yaml could not be read, twice \(fetch failed: 429 Too Many Requests\); nothing was taken from it and nothing is written over it/u);
        return true;
      },
    );
    assert.equal(reads, 2);
  });

  it('does not ask again when the failure is the file system\'s answer (no such file, no permission)', async () => {
    let reads = 0;
    const answer = new Error('NoPermissions');
    await assert.rejects(readTwice(() => (++reads, Promise.reject(answer)), 'kaban.txt', (error) => error === answer, 0), (error) => error === answer);
    assert.equal(reads, 1);
  });

  it('a sidecar that cannot be read is a broken record with a problem on it, not a transcript without codes', async () => {
    const reader: StudyReader = {
      listFiles: async () => ['kaban.txt.codes.yaml'],
      readFile: async (file) => {
        if (file === 'kaban.txt.codes.yaml') throw new UnreadableFileError(file, NETWORK.message);
        return new TextEncoder().encode(TRANSCRIPT);
      },
    };
    const record = await loadRecord(reader, 'kaban.txt.codes.yaml', 'all');
    assert.equal(record.sidecar.status, 'broken');
    assert.deepEqual(
      record.problems.map((problem) => [problem.kind, problem.file, problem.line, problem.severity]),
      [['file-unreadable', 'kaban.txt.codes.yaml', 1, 'error']],
    );
  });

  it('knows the error by its name when another bundle\'s copy of the class threw it (dist/interop.js and dist/extension.js each hold the core)', async () => {
    class UnreadableFileErrorOfAnotherBundle extends Error {
      override readonly name = 'UnreadableFileError';
    }
    const reader: StudyReader = {
      listFiles: async () => ['kaban.txt.codes.yaml'],
      readFile: async (file) => {
        if (file === 'kaban.txt.codes.yaml') throw new UnreadableFileErrorOfAnotherBundle('kaban.txt.codes.yaml could not be read, twice (timeout)');
        return new TextEncoder().encode(TRANSCRIPT);
      },
    };
    const record = await loadRecord(reader, 'kaban.txt.codes.yaml', 'all');
    assert.deepEqual(record.problems.map((problem) => [problem.kind, problem.message]), [['file-unreadable', 'kaban.txt.codes.yaml could not be read, twice (timeout)']]);
  });

  it('a transcript that cannot be read keeps its sidecar\'s codes and says why it has no text', async () => {
    const reader: StudyReader = {
      listFiles: async () => ['kaban.txt.codes.yaml'],
      readFile: async (file) => {
        if (file === 'kaban.txt') throw new UnreadableFileError(file, NETWORK.message);
        return new TextEncoder().encode(SIDECAR);
      },
    };
    const record = await loadRecord(reader, 'kaban.txt.codes.yaml', 'all');
    assert.equal(record.sidecar.status, 'ok');
    assert.equal(record.sidecar.status === 'ok' && record.sidecar.data.codes.length, 1);
    assert.equal(record.transcript, undefined);
    assert.deepEqual(record.problems.map((problem) => [problem.kind, problem.file]), [['file-unreadable', 'kaban.txt']]);
  });

  it('a save whose look at the sidecar on disk fails writes nothing', async () => {
    class FailingReads extends MemoryStudyFiles {
      failing = false;
      override readBytes(path: string): Promise<Uint8Array | undefined> {
        return this.failing ? Promise.reject(new UnreadableFileError(path, NETWORK.message)) : super.readBytes(path);
      }
    }
    const files = new FailingReads({ 'kaban.txt': TRANSCRIPT, 'kaban.txt.codes.yaml': SIDECAR });
    const session = CodingSession.open(TRANSCRIPT, SIDECAR, 'kaban.txt.codes.yaml', 'kaban.txt');
    const sidecar = new SessionSidecar(new StudyStore(files), 'kaban.txt.codes.yaml', session, SIDECAR);
    session.addCodes([[2, 2]], { code: 'jones/organization', polarity: 'inhibiting', factor: 'server down', coder: 'rina' }, () => 0.5);
    files.failing = true;
    await assert.rejects(sidecar.save(() => TRANSCRIPT), UnreadableFileError);
    assert.deepEqual(files.writes, []);
    assert.equal(files.text('kaban.txt.codes.yaml'), SIDECAR);
  });
  it('reads the transcript while the sidecar is read, not after it (each read is a round trip), and keeps the sidecar\'s problems first', async () => {
    const asked: string[] = [];
    let transcriptAsked: () => void = () => {};
    const transcriptWasAsked = new Promise<void>((resolve) => (transcriptAsked = resolve));
    const reader: StudyReader = {
      listFiles: async () => ['kaban.txt.codes.yaml'],
      readFile: async (file) => {
        asked.push(file);
        if (file === 'kaban.txt') {
          transcriptAsked();
          return undefined; // gone: its problem comes after the sidecar's
        }
        // The sidecar's read answers only once the transcript's was asked too: read one after the other, this would wait for ever.
        await Promise.race([transcriptWasAsked, new Promise((_resolve, reject) => setTimeout(() => reject(new Error('the transcript was not asked for while the sidecar was being read')), 2_000))]);
        throw new UnreadableFileError(file, NETWORK.message);
      },
    };
    const record = await loadRecord(reader, 'kaban.txt.codes.yaml', 'all');
    assert.deepEqual(asked.sort(), ['kaban.txt', 'kaban.txt.codes.yaml']);
    assert.deepEqual(record.problems.map((problem) => [problem.kind, problem.file]), [
      ['file-unreadable', 'kaban.txt.codes.yaml'],
      ['transcript-missing', 'kaban.txt.codes.yaml'],
    ]);
  });
});
