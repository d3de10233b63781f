import { strict as assert } from 'node:assert';
import { planSidecarFollows, sidecarTextAfterMove } from '../../src/core/follow/sidecar-follow';
import { loadRecord, lostTranscriptOf, type StudyReader } from '../../src/core/study/study';

const has = (...paths: string[]) => (path: string) => paths.includes(path);

describe('a sidecar follows its transcript when the editor renames or moves it', () => {
  it('moves the sidecar of a renamed transcript to the new name', () => {
    assert.deepEqual(planSidecarFollows([{ from: 'bkpsdm/kaban.txt', to: 'bkpsdm/kepala-badan.txt' }], has('bkpsdm/kaban.txt.codes.yaml')), [
      { kind: 'move', transcriptFrom: 'bkpsdm/kaban.txt', transcriptTo: 'bkpsdm/kepala-badan.txt', sidecarFrom: 'bkpsdm/kaban.txt.codes.yaml', sidecarTo: 'bkpsdm/kepala-badan.txt.codes.yaml' },
    ]);
  });

  it('refuses to move onto an existing sidecar, and says which', () => {
    const [follow] = planSidecarFollows([{ from: 'a.txt', to: 'b.txt' }], has('a.txt.codes.yaml', 'b.txt.codes.yaml'));
    assert.equal(follow?.kind, 'refused');
    assert.equal(follow?.sidecarTo, 'b.txt.codes.yaml');
  });

  it('refuses a sidecar name that is taken when the follow runs, even if the operation frees it later', () => {
    const follows = planSidecarFollows(
      [
        { from: 'b.txt', to: 'c.txt' },
        { from: 'a.txt', to: 'b.txt' },
      ],
      has('a.txt.codes.yaml', 'b.txt.codes.yaml'),
    );
    assert.deepEqual(follows.map((follow) => follow.kind), ['move', 'refused']);
  });

  it('leaves alone a sidecar the operation moves itself: a collapsed Explorer nest, a folder, a sidecar renamed by hand', () => {
    const nest = [
      { from: 'a.txt', to: 'x/a.txt' },
      { from: 'a.txt.codes.yaml', to: 'x/a.txt.codes.yaml' },
    ];
    assert.deepEqual(planSidecarFollows(nest, has('a.txt.codes.yaml')), []);
    assert.deepEqual(planSidecarFollows([{ from: 'bkpsdm', to: 'arsip/bkpsdm' }], has('bkpsdm/kaban.txt.codes.yaml')), []);
    assert.deepEqual(planSidecarFollows([{ from: 'a.txt.codes.yaml', to: 'b.txt.codes.yaml' }], has('a.txt.codes.yaml')), []);
  });

  it('does nothing for a transcript without a sidecar', () => {
    assert.deepEqual(planSidecarFollows([{ from: 'a.txt', to: 'b.txt' }], has()), []);
  });

  it('rewrites only `transcript:`, keeping comments and unknown keys; the same name changes nothing', () => {
    const text = '# rina\nversion: 1\ntranscript: kaban.txt  # lama\nreviewer: budi\ncodes: []\n';
    const after = sidecarTextAfterMove(text, 'kaban.txt.codes.yaml', 'bkpsdm/kepala-badan.txt');
    assert.equal(after.kind, 'changed');
    assert.equal(after.kind === 'changed' && after.text, text.replace('transcript: kaban.txt', 'transcript: kepala-badan.txt'));
    assert.deepEqual(sidecarTextAfterMove(text, 'kaban.txt.codes.yaml', 'arsip/kaban.txt'), { kind: 'same' });
  });

  it('reports a sidecar that does not parse with its line, so it moves unchanged', () => {
    const after = sidecarTextAfterMove('version: 1\ntranscript: a.txt\ncodes: [\n', 'a.txt.codes.yaml', 'b.txt');
    assert.equal(after.kind, 'broken');
    assert.ok(after.kind === 'broken' && after.line >= 1 && after.message.length > 0);
  });
});

describe('a sidecar whose transcript is gone is a problem even when its agency needs no transcript', () => {
  const sidecar = 'version: 1\ntranscript: kaban.txt\nattributes:\n  agency: BKPSDM\ncodes: []\n';
  const reader = (files: Record<string, string>): StudyReader => ({
    listFiles: async () => Object.keys(files),
    readFile: async (path) => (files[path] === undefined ? undefined : new TextEncoder().encode(files[path])),
    exists: async (path) => files[path] !== undefined,
  });

  it('names the missing transcript, by a problem the editor recognises', async () => {
    const record = await loadRecord(reader({ 'kaban.txt.codes.yaml': sidecar }), 'kaban.txt.codes.yaml', 'when-needed');
    const lost = record.problems.map(lostTranscriptOf).filter((path) => path !== undefined);
    assert.deepEqual(lost, ['kaban.txt']);
    assert.equal(record.problems[0]?.kind, 'transcript-missing');
    assert.match(record.problems[0]?.message ?? '', /transcript-coder relink/);
  });

  it('says nothing when the transcript is there', async () => {
    const record = await loadRecord(reader({ 'kaban.txt.codes.yaml': sidecar, 'kaban.txt': 'Halo.\n' }), 'kaban.txt.codes.yaml', 'when-needed');
    assert.deepEqual(record.problems, []);
  });
});

describe('the new `transcript:` keeps the line endings and the quoting style of the rest of the file', () => {
  it('keeps CRLF', () => {
    const text = 'version: 1\r\ntranscript: kaban.txt\r\ncodes: []\r\n';
    const after = sidecarTextAfterMove(text, 'kaban.txt.codes.yaml', 'kepala badan: 2.txt');
    assert.equal(after.kind === 'changed' && after.text, 'version: 1\r\ntranscript: "kepala badan: 2.txt"\r\ncodes: []\r\n');
  });
});
