/**
 * The contract every adapter of the study store's port (src/core/store/files.ts) keeps,
 * and the write path on top of it — trust, the per-file queue, the sidecar's
 * read-compare-merge-write — run against that adapter. test/unit/store.test.ts runs it on
 * the in-memory adapter and the Node adapter; test/vscode/suite/store.test.ts runs it
 * on the extension's `workspace.fs` adapter inside a real VS Code, so the path a coding
 * act takes to the disk is tested where it ships.
 */
import { strict as assert } from 'node:assert';
import { CodingSession } from '../../src/core/session';
import { SessionSidecar, StudyStore, UntrustedWorkspaceError, type StudyFiles } from '../../src/core/store';

export interface ContractSubject {
  files: StudyFiles;
  /** The adapter's path for a file named `name` in a fresh, empty folder of the study. */
  path(name: string): string;
  /** Another writer (a second window, the CLI, git) puts `text` in the file behind the store's back. */
  writeBehind(path: string, text: string): Promise<void>;
}

const TRANSCRIPT = ['Pewawancara: Bagaimana koordinasi antar bidang?', 'Kepala Dinas: Koordinasi antar bidang belum jalan.', 'Sekretaris: Anggaran kami sangat terbatas.'].join('\n') + '\n';
const SIDECAR = `version: 1
transcript: kaban.txt
attributes:
  agency: Dinas Uji
codes:
  - id: aaaa1111
    lines: [2, 2]
    code: jones/organization
    polarity: inhibiting
    factor: Koordinasi belum jalan
    quote: "Koordinasi antar bidang belum jalan."
    coder: rina
`;
const THEIRS = SIDECAR + `  - id: cccc3333
    lines: [3, 3]
    code: jones/application
    polarity: inhibiting
    factor: Anggaran terbatas
    quote: "Anggaran kami sangat terbatas."
    coder: budi
`;
const FIELDS = { code: 'jones/interpretation', polarity: 'supporting', factor: 'Pertanyaan', coder: 'ani' };
let counter = 0;
const seeded = () => ((counter = (counter * 9301 + 49297) % 233280) / 233280);

/** A session open on the sidecar SIDECAR, written through a store over the subject's adapter. */
async function openedSidecar({ files, path, writeBehind }: ContractSubject) {
  const store = new StudyStore(files);
  const file = path('kaban.txt.codes.yaml');
  await store.writeText(file, SIDECAR);
  const session = CodingSession.open(TRANSCRIPT, SIDECAR, 'kaban.txt.codes.yaml', 'kaban.txt');
  return { store, file, session, sidecar: new SessionSidecar(store, file, session, SIDECAR), writeBehind };
}

export function studyFilesContract(adapter: string, subject: () => Promise<ContractSubject>): void {
  describe(`the study store's port: ${adapter}`, function () {
    this.timeout(20_000);

    it('reads a missing file as undefined and gives back the bytes it was given, a BOM and CRLF included', async () => {
      const { files, path } = await subject();
      assert.equal(await files.readBytes(path('missing.yaml')), undefined);
      const written = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
      assert.equal(await files.writeBytes(path('bom.txt'), written), 'written');
      // Compared as numbers: an adapter may hand back a Buffer, which is a Uint8Array too.
      assert.deepEqual(Array.from((await files.readBytes(path('bom.txt'))) ?? []), Array.from(written));
      assert.equal(await files.writeBytes(path('bom.txt'), written), 'unchanged');
      assert.notEqual(files.describe(path('bom.txt')), '');
    });

    it('writes nothing in an untrusted workspace and says which file it refused', async () => {
      const { files, path } = await subject();
      const store = new StudyStore(files, () => false);
      await assert.rejects(store.writeText(path('codebook.yaml'), 'version: 1\n'), (error: unknown) => error instanceof UntrustedWorkspaceError && error.message.includes('codebook.yaml'));
      await assert.rejects(store.updateText(path('codebook.yaml'), () => 'x'), UntrustedWorkspaceError);
      assert.equal(await files.readBytes(path('codebook.yaml')), undefined);
    });

    it('runs the read-change-write steps of one file one after the other: no update is lost', async () => {
      const { files, path } = await subject();
      const store = new StudyStore(files);
      const file = path('counter.txt');
      await Promise.all(Array.from({ length: 8 }, () => store.updateText(file, (text) => String(Number(text ?? '0') + 1))));
      assert.equal(await store.readText(file), '8');
    });

    it("merges by code id when someone else wrote the sidecar: neither side's code is lost", async () => {
      const { store, file, session, sidecar, writeBehind } = await openedSidecar(await subject());
      const [mine] = session.addCodes([[1, 1]], FIELDS, seeded);
      await writeBehind(file, THEIRS);
      const save = await sidecar.save(() => TRANSCRIPT);
      assert.ok(save.status === 'written', `written, not ${save.status}`);
      assert.equal(save.reload?.status, 'merged');
      const onDisk = (await store.readText(file)) ?? '';
      for (const id of ['aaaa1111', 'cccc3333', mine ?? '?']) assert.ok(onDisk.includes(`id: ${id}`), `${id} on disk:\n${onDisk}`);
      assert.equal(sidecar.knownText, onDisk);
    });

    it('takes in a sidecar changed on disk, and writes nothing back when there is nothing of its own to add', async () => {
      const { store, file, session, sidecar, writeBehind } = await openedSidecar(await subject());
      assert.deepEqual(await sidecar.takeInFromDisk(() => TRANSCRIPT), { changed: false });
      await writeBehind(file, THEIRS);
      const takeIn = await sidecar.takeInFromDisk(() => TRANSCRIPT);
      assert.equal(takeIn.changed, true);
      assert.equal(takeIn.changed && takeIn.save, undefined);
      assert.deepEqual(session.codes().map((code) => code.entry.id).sort(), ['aaaa1111', 'cccc3333']);
      assert.equal(await store.readText(file), THEIRS);
    });

    it('takes in a burst of change reports with one read: a save asked after 50 reports waits for one take-in, not 50', async () => {
      // A file system may report one change many times (a remote one, a watcher echoing
      // its own events): a read queued per report would keep the file's queue busy and
      // hold the next write back for as long as the reports come.
      const given = await subject();
      let reads = 0;
      const files: StudyFiles = {
        readBytes: (path) => {
          reads++;
          return given.files.readBytes(path);
        },
        writeBytes: (path, bytes) => given.files.writeBytes(path, bytes),
        describe: (path) => given.files.describe(path),
      };
      const { store, file, session, sidecar, writeBehind } = await openedSidecar({ ...given, files });
      const [mine] = session.addCodes([[1, 1]], FIELDS, seeded);
      await writeBehind(file, THEIRS);
      reads = 0;
      const reports = Array.from({ length: 50 }, () => sidecar.takeInFromDisk(() => TRANSCRIPT));
      const save = sidecar.save(() => TRANSCRIPT);
      const takeIns = await Promise.all(reports);
      await save;
      assert.equal(takeIns.filter((takeIn) => takeIn.changed).length, 1, 'the burst is taken in once');
      assert.ok(reads <= 3, `${reads} reads for 50 reports and a save`);
      const onDisk = (await store.readText(file)) ?? '';
      for (const id of ['aaaa1111', 'cccc3333', mine ?? '?']) assert.ok(onDisk.includes(`id: ${id}`), `${id} on disk:\n${onDisk}`);
    });

    it('takes in a hand-written sidecar as it is: no line of it is rewritten when the session has nothing to add', async () => {
      const { store, file, sidecar, writeBehind } = await openedSidecar(await subject());
      // As a researcher types it: no attributes, a comment, the fields in their own order.
      const handWritten = '# Kaban, second reading\nversion: 1\ntranscript: kaban.txt\ncodes:\n  - {id: dddd4444, lines: [3, 3], code: jones/application, polarity: inhibiting, factor: Anggaran, quote: "Anggaran kami", coder: budi}\n';
      await writeBehind(file, handWritten);
      const takeIn = await sidecar.takeInFromDisk(() => TRANSCRIPT);
      assert.equal(takeIn.changed && takeIn.reload.status, 'merged');
      assert.equal(takeIn.changed && takeIn.save, undefined);
      assert.equal(await store.readText(file), handWritten);
      assert.equal(sidecar.knownText, handWritten);
    });

    it('in an untrusted workspace a coding act is not written, and the user is told once', async () => {
      const { files, path } = await subject();
      const store = new StudyStore(files, () => false);
      const file = path('kaban.txt.codes.yaml');
      const session = CodingSession.open(TRANSCRIPT, undefined, 'kaban.txt.codes.yaml', 'kaban.txt');
      const sidecar = new SessionSidecar(store, file, session, undefined);
      session.addCodes([[2, 2]], FIELDS, seeded);
      assert.deepEqual(await sidecar.save(() => TRANSCRIPT), { status: 'untrusted', tellUser: true });
      assert.deepEqual(await sidecar.save(() => TRANSCRIPT), { status: 'untrusted', tellUser: false });
      assert.equal(await files.readBytes(file), undefined);
    });
  });
}
