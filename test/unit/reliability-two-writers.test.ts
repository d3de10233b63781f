/**
 * Two writers on one sidecar (issue 7): the extension holds a coding change it has not
 * written while the CLI or a second window writes the same file. CodedDocuments.write
 * reads the file before writing; when it changed since it was last read or written, the
 * session merges the disk version with its own by code id
 * (CodingSession.reloadSidecarKeepingLocalChanges → merge/mergeSidecars) instead of
 * overwriting it. These tests run that write path — the study store's SessionSidecar,
 * the class the extension writes through — on the in-memory adapter, against the real
 * CLI, in-process.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkIntegrity } from '../../src/core/study/integrity';
import { mergeSidecars, readConflictRecords } from '../../src/core/merge';
import { CodingSession } from '../../src/core/session';
import { MemoryStudyFiles, SessionSidecar, StudyStore } from '../../src/core/store';
import { createFsStudyReader } from '../../src/node/fs-study-reader';
import { TempStudy } from './helpers/temp-study';
import { CODEBOOK, expectedMergeIds, parseOk, scaled, seeded } from './reliability-fixtures';

const TRANSCRIPT = [
  'Pewawancara: Bagaimana koordinasi antar bidang?',
  'Kepala Dinas: Koordinasi antar bidang belum jalan.',
  'Sekretaris: Anggaran kami sangat terbatas.',
  '**Operator:** Server sering mati [tertawa].',
  'Ani: Kami sudah mengajukan tambahan tenaga ahli TI.',
].join('\n') + '\n';
const PATH = 'transcripts/kaban.txt';
const SIDECAR_PATH = `${PATH}.codes.yaml`;

const SIDECAR = `version: 1
transcript: kaban.txt
attributes:
  agency: BKPSDMD
codes:
  # checked by the supervisor
  - id: aaaa1111
    lines: [2, 2]
    code: jones/organization/coordination
    polarity: inhibiting
    factor: Koordinasi belum jalan
    quote: "Koordinasi antar bidang belum jalan."
    coder: rina
  - id: bbbb2222
    lines: [3, 3]
    code: jones/application
    polarity: inhibiting
    factor: Anggaran terbatas
    quote: "Anggaran kami sangat terbatas."
    coder: rina
`;

const FIELDS = { code: 'jones/organization', polarity: 'supporting', factor: 'Pengajuan tenaga ahli', coder: 'budi' };

interface EditorWindow {
  session: CodingSession;
  known: string | undefined;
  text: string;
}

/** The extension's write path (SessionSidecar.save through a StudyStore) on a disk holding `disk`: returns what ends up there. */
async function write(window: EditorWindow, disk: string | undefined): Promise<string | undefined> {
  const files = new MemoryStudyFiles(disk === undefined ? {} : { [SIDECAR_PATH]: disk });
  const sidecar = new SessionSidecar(new StudyStore(files), SIDECAR_PATH, window.session, window.known);
  await sidecar.save(() => window.text);
  window.known = sidecar.knownText;
  return files.text(SIDECAR_PATH);
}

describe('reliability: two writers, no lost update', function () {
  this.timeout(120_000);
  let study: TempStudy;

  beforeEach(async () => {
    study = await TempStudy.create({ 'codebook.yaml': CODEBOOK, [PATH]: TRANSCRIPT, [SIDECAR_PATH]: SIDECAR });
  });
  afterEach(async () => study.dispose());

  it('the CLI re-anchors while the editor codes: the moves and the new code are both kept, and the study is consistent', async () => {
    const editor = { session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT };
    const [added] = editor.session.addCodes([[5, 5]], FIELDS, seeded(7));
    editor.session.updateCode('aaaa1111', { factor: 'Koordinasi lemah' });

    // Meanwhile the transcript gains two lines at the top (git pull) and the CLI moves the codes.
    const moved = `Catatan: rekaman dimulai.\n\n${TRANSCRIPT}`;
    await study.write(PATH, moved);
    const cli = await study.cli('reanchor', '--write');
    assert.equal(cli.code, 0, cli.stderr);
    const disk = await study.read(SIDECAR_PATH);
    assert.notEqual(disk, SIDECAR);

    // The editor's write finds the file changed: it merges (its own typing view of the text is the old one).
    const written = await write(editor, disk);
    assert.ok(written !== undefined);
    await study.write(SIDECAR_PATH, written);
    const codes = new Map(parseOk(written, SIDECAR_PATH).data.codes.map((code) => [code.id, code]));
    assert.deepEqual([...codes.keys()].sort(), ['aaaa1111', added, 'bbbb2222'].sort(), 'no code of either writer is lost');
    assert.equal(codes.get('aaaa1111')?.factor, 'Koordinasi lemah', "the editor's edit is kept");
    assert.deepEqual(codes.get('aaaa1111')?.lines, [4, 4], "the CLI's move is kept");
    assert.deepEqual(codes.get('bbbb2222')?.lines, [5, 5]);
    assert.match(written, /# checked by the supervisor/u, 'comments survive the merge');
    assert.equal(readConflictRecords(written, SIDECAR_PATH).records.codes.size, 0, 'independent changes do not conflict');

    // The editor's new code was made on the old text, at line 5; the CLI never saw it. check-integrity says so, no more.
    const report = await checkIntegrity(createFsStudyReader(study.root));
    const errors = report.problems.filter((found) => found.severity === 'error');
    assert.deepEqual(errors.map((found) => found.codeId), [added]);
    const again = await study.cli('reanchor', '--write');
    assert.equal(again.code, 0);
    assert.equal((await checkIntegrity(createFsStudyReader(study.root))).problems.length, 0, 'after reanchor the study is consistent');
  });

  it('a code both writers changed keeps the editor value and records the other in the file, where validate and check-integrity show it', async () => {
    const editor = { session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT };
    editor.session.updateCode('bbbb2222', { factor: 'Anggaran dipangkas (editor)' });
    const disk = SIDECAR.replace('factor: Anggaran terbatas', 'factor: Anggaran dialihkan (CLI)');
    const reload = editor.session.reloadSidecarKeepingLocalChanges(disk, SIDECAR, TRANSCRIPT);
    assert.equal(reload.status, 'merged');
    assert.equal(reload.status === 'merged' ? reload.conflicts.length : -1, 1);
    const written = editor.session.sidecarText();
    assert.ok(written !== undefined);
    assert.equal(parseOk(written, SIDECAR_PATH).data.codes.find((code) => code.id === 'bbbb2222')?.factor, 'Anggaran dipangkas (editor)');
    assert.deepEqual(readConflictRecords(written, SIDECAR_PATH).records.codes.get('bbbb2222')?.theirs, { factor: 'Anggaran dialihkan (CLI)' });
    await study.write(SIDECAR_PATH, written);
    const validate = await study.cli('validate');
    assert.equal(validate.code, 1);
    assert.match(validate.stdout, /kaban\.txt\.codes\.yaml:\d+:\d+: error: .*conflict.*\[code bbbb2222\]/u);
    const integrity = await study.cli('check-integrity');
    assert.equal(integrity.code, 1);
    assert.match(integrity.stdout, /\[code bbbb2222\]/u);
    const resolved = await study.cli('resolve', SIDECAR_PATH, '--take', 'theirs');
    assert.equal(resolved.code, 0, resolved.stdout);
    assert.equal((await study.cli('check-integrity')).code, 0);
  });

  it('a code one writer deleted and the other changed is kept, with the deletion recorded; one the editor deleted and nobody changed is gone', async () => {
    const editor = { session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT };
    editor.session.removeCodes(['aaaa1111']);
    editor.session.updateCode('bbbb2222', { polarity: 'effort' });
    // The other window deleted bbbb2222 and left aaaa1111 alone.
    const disk = SIDECAR.replace(/ {2}- id: bbbb2222[\s\S]*$/u, '');
    const written = await write(editor, disk);
    assert.ok(written !== undefined);
    const codes = parseOk(written, SIDECAR_PATH).data.codes;
    assert.deepEqual(codes.map((code) => code.id), ['bbbb2222']);
    assert.equal(codes[0]?.polarity, 'effort');
    assert.equal(readConflictRecords(written, SIDECAR_PATH).records.codes.get('bbbb2222')?.['deleted-by'], 'theirs');
    assert.deepEqual(new Set(codes.map((code) => code.id)), expectedMergeIds(SIDECAR, editor.session.sidecarText() ?? '', disk, SIDECAR_PATH));
  });

  it('an editor with nothing to write takes the disk version byte for byte, comments and layout included', () => {
    const editor = { session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT };
    const disk = SIDECAR.replace('codes:\n', 'codes:   # edited in another editor\n').replace('factor: Anggaran terbatas', "factor: 'Anggaran terbatas sekali'");
    const reload = editor.session.reloadSidecarKeepingLocalChanges(disk, SIDECAR, TRANSCRIPT);
    assert.deepEqual(reload, { status: 'merged', conflicts: [] });
    assert.equal(editor.session.sidecarText(), disk);
  });

  it('a broken sidecar on disk (git conflict markers) is never written over; the editor goes read-only', async () => {
    const editor = { session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT };
    editor.session.addCodes([[1, 1]], FIELDS, seeded(3));
    const disk = SIDECAR.replace('  - id: bbbb2222', '<<<<<<< HEAD\n  - id: bbbb2222').replace(/coder: rina\n$/u, 'coder: rina\n=======\n>>>>>>> theirs\n');
    const reload = editor.session.reloadSidecarKeepingLocalChanges(disk, SIDECAR, TRANSCRIPT);
    assert.equal(reload.status, 'broken');
    assert.equal(editor.session.readOnly, true);
    assert.equal(editor.session.sidecarText(), undefined, 'nothing is written over the broken file');
    assert.equal(await write(editor, disk), disk);
  });

  it(`two windows coding the same sidecar in any interleaving lose no code (${scaled(200)} runs)`, async () => {
    type Action = { window: 0 | 1; kind: 'add' | 'edit' | 'remove' | 'write'; pick: number; seed: number };
    const action: fc.Arbitrary<Action> = fc.record({
      window: fc.constantFrom(0 as const, 1 as const),
      kind: fc.constantFrom('add' as const, 'add' as const, 'edit' as const, 'remove' as const, 'write' as const, 'write' as const),
      pick: fc.nat({ max: 100 }),
      seed: fc.integer(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), async (actions) => {
        let disk: string | undefined = SIDECAR;
        const windows = [0, 1].map(() => ({ session: CodingSession.open(TRANSCRIPT, SIDECAR, SIDECAR_PATH, 'kaban.txt'), known: SIDECAR as string | undefined, text: TRANSCRIPT }));
        const added = new Set(['aaaa1111', 'bbbb2222']);
        const removedSomewhere = new Set<string>();
        const flush = async (index: 0 | 1): Promise<void> => {
          const window = windows[index];
          if (window === undefined) return;
          const before = disk;
          const ours = window.session.sidecarText();
          const base = window.known;
          disk = await write(window, disk);
          // When the merge refuses (a code with an unresolved record conflicts again), the
          // session replays its own changes on the disk version instead (documented in
          // session.ts); the invariant below, that no code nobody removed is lost, still holds.
          const refused = ours !== undefined && before !== undefined && mergeSidecars(base, ours, before, SIDECAR_PATH).status === 'failed';
          if (ours !== undefined && before !== undefined && before !== base && before !== ours && disk !== undefined && !refused) {
            const ids = parseOk(disk, SIDECAR_PATH).data.codes.map((code) => code.id).sort();
            assert.deepEqual(ids, [...expectedMergeIds(base, ours, before, SIDECAR_PATH)].sort(), 'a write over a changed file merges by code id');
          }
        };
        for (const step of actions) {
          const window = windows[step.window];
          if (window === undefined) continue;
          const ids = window.session.codes().map((code) => code.entry.id);
          const id = ids[step.pick % Math.max(1, ids.length)];
          if (step.kind === 'add') {
            for (const fresh of window.session.addCodes([[1 + (step.pick % 5), 1 + (step.pick % 5)]], FIELDS, seeded(step.seed))) added.add(fresh);
          } else if (step.kind === 'edit' && id !== undefined) {
            window.session.updateCode(id, { factor: `Faktor ${step.seed % 7}` });
          } else if (step.kind === 'remove' && id !== undefined) {
            window.session.removeCodes([id]);
            removedSomewhere.add(id);
          }
          // The extension writes after every coding operation; a 'write' step is the other window's turn coming late.
          if (step.kind !== 'write') await flush(step.window);
          else await flush(step.window === 0 ? 1 : 0);
        }
        await flush(0);
        await flush(1);
        const onDisk = new Set(disk === undefined ? [] : parseOk(disk, SIDECAR_PATH).data.codes.map((code) => code.id));
        for (const id of added) if (!removedSomewhere.has(id)) assert.ok(onDisk.has(id), `code ${id} was never removed, and is on disk`);
        for (const id of onDisk) assert.ok(added.has(id), `code ${id} on disk was made by a window`);
      }),
      { numRuns: scaled(200) },
    );
  });
});
