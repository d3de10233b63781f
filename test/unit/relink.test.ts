import { strict as assert } from 'node:assert';
import { describeRelink, isMostCodes, matchTranscript, relinkedSidecarText } from '../../src/core/follow/relink';
import { parseSidecar } from '../../src/core/sidecar';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

const KABAN_BODIES = [
  'Apa kendala utama?',
  'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.',
  'Bagaimana koordinasi dengan dinas lain?',
  'Koordinasi berjalan baik melalui rapat bulanan.',
];
const OTHER_BODIES = ['Pegawai yang paham TI sedikit sekali.', 'Anggaran terbatas.'];
const CODES = [
  { id: 'a', lines: [2, 2] as const, quote: 'Masih kurangnya pegawai yang memiliki basis keilmuan dan skill TI.' },
  { id: 'b', lines: [4, 4] as const, quote: 'Koordinasi berjalan baik melalui rapat bulanan.' },
];

describe('relink: a sidecar whose transcript was renamed outside VS Code finds it by its quotes', () => {
  it('matches the one transcript that holds its quotes', () => {
    const match = matchTranscript(CODES, [
      { path: 'other.txt', bodies: OTHER_BODIES },
      { path: 'bkpsdmd/kepala-badan.txt', bodies: KABAN_BODIES },
    ]);
    assert.deepEqual(match, { kind: 'match', transcriptPath: 'bkpsdmd/kepala-badan.txt', newSidecarPath: 'bkpsdmd/kepala-badan.txt.codes.yaml', onText: 2, quoted: 2 });
  });

  it('counts a quote found elsewhere in the transcript (lines shifted) as on its text', () => {
    const shifted = ['Pembukaan.', ...KABAN_BODIES];
    const match = matchTranscript(CODES, [{ path: 'moved.txt', bodies: shifted }]);
    assert.equal(match.kind, 'match');
  });

  it('reports both and changes nothing when two transcripts hold the quotes (a copy)', () => {
    const match = matchTranscript(CODES, [
      { path: 'a.txt', bodies: KABAN_BODIES },
      { path: 'copy of a.txt', bodies: KABAN_BODIES },
    ]);
    assert.equal(match.kind, 'ambiguous');
    assert.deepEqual(match.kind === 'ambiguous' && match.candidates.map((c) => c.path), ['a.txt', 'copy of a.txt']);
    assert.match(describeRelink('old.txt.codes.yaml', match), /a\.txt: 2 of 2; copy of a\.txt: 2 of 2\); nothing changed/);
  });

  it('needs most codes on their text: half is not enough', () => {
    const half = [KABAN_BODIES[0]!, KABAN_BODIES[1]!, 'changed', 'changed too'];
    const match = matchTranscript(CODES, [{ path: 'half.txt', bodies: half }]);
    assert.deepEqual(match, { kind: 'none', best: { path: 'half.txt', onText: 1 }, quoted: 2 });
    assert.equal(isMostCodes(2, 3), true);
    assert.equal(isMostCodes(0, 0), false);
  });

  it('does not match on codes without a quote', () => {
    const match = matchTranscript([{ id: 'x', lines: [1, 1], quote: '' }], [{ path: 'any.txt', bodies: KABAN_BODIES }]);
    assert.deepEqual(match, { kind: 'none', quoted: 0 });
  });

  it('rewrites only the transcript field, keeping comments and unknown keys', () => {
    const text = '# notes by rina\nversion: 1\ntranscript: kaban.txt # old name\nattributes:\n  agency: X\nreviewer: budi\ncodes: []\n';
    const parsed = parseSidecar(text, 'kaban.txt.codes.yaml');
    assert.equal(parsed.status, 'ok');
    if (parsed.status !== 'ok') return;
    const next = relinkedSidecarText(parsed, 'bkpsdmd/kepala-badan.txt');
    assert.match(next, /^# notes by rina\n/);
    assert.match(next, /transcript: kepala-badan\.txt/);
    assert.match(next, /reviewer: budi/);
    assert.doesNotMatch(next, /kaban\.txt/);
  });
});

const KABAN = KABAN_BODIES.map((body, index) => (index % 2 === 0 ? `Pewawancara: ${body}` : `Kepala Badan: ${body}`)).join('\n') + '\n';
const SIDECAR = `version: 1
transcript: kaban.txt
attributes:
  agency: BKPSDMD
codes:
  - id: k3x9a2mq
    lines: [2, 2]
    code: jones/organization
    polarity: inhibiting
    factor: Tenaga ahli TI masih kurang
    quote: "${CODES[0]!.quote}"
    coder: rina
  - id: p7q2m4zz
    lines: [4, 4]
    code: jones/organization
    polarity: supporting
    factor: Rapat koordinasi bulanan
    quote: "${CODES[1]!.quote}"
    coder: rina
`;

describe('transcript-coder relink (after git mv of a transcript)', () => {
  let study: TempStudy;
  afterEach(async () => study?.dispose());

  it('prints the move without --write, exits 1 and changes nothing', async () => {
    study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'bkpsdmd/kepala-badan.txt': KABAN, 'bkpsdmd/kaban.txt.codes.yaml': SIDECAR });
    const { code, stdout, stderr } = await study.cli('relink');
    assert.equal(code, 1);
    assert.match(stdout, /bkpsdmd\/kaban\.txt\.codes\.yaml -> bkpsdmd\/kepala-badan\.txt\.codes\.yaml: 2 of 2 quoted codes/);
    assert.match(stderr, /1 matched, 0 need a person; nothing moved \(add --write/);
    assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), SIDECAR);
  });

  it('with --write moves the sidecar, updates transcript: and exits 0; validate is clean after', async () => {
    study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'bkpsdmd/kepala-badan.txt': KABAN, 'bkpsdmd/kaban.txt.codes.yaml': SIDECAR });
    const { code } = await study.cli('relink', '--write');
    assert.equal(code, 0);
    assert.equal(await study.read('bkpsdmd/kepala-badan.txt.codes.yaml'), SIDECAR.replace('transcript: kaban.txt', 'transcript: kepala-badan.txt'));
    await assert.rejects(study.read('bkpsdmd/kaban.txt.codes.yaml'));
    assert.equal((await study.cli('relink')).code, 0);
    assert.equal((await study.cli('check-integrity')).code, 0);
  });

  it('moves nothing when the transcript was copied: both candidates are named, exit 1', async () => {
    study = await TempStudy.create({
      'codebook.yaml': SMALL_CODEBOOK,
      'bkpsdmd/kepala-badan.txt': KABAN,
      'arsip/kepala-badan-salinan.txt': KABAN,
      'bkpsdmd/kaban.txt.codes.yaml': SIDECAR,
    });
    const { code, stdout } = await study.cli('relink', '--write');
    assert.equal(code, 1);
    assert.match(stdout, /arsip\/kepala-badan-salinan\.txt: 2 of 2; bkpsdmd\/kepala-badan\.txt: 2 of 2/);
    assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), SIDECAR);
  });

  it('never relinks onto a transcript that has its own sidecar', async () => {
    study = await TempStudy.create({
      'codebook.yaml': SMALL_CODEBOOK,
      'bkpsdmd/kepala-badan.txt': KABAN,
      'bkpsdmd/kepala-badan.txt.codes.yaml': SIDECAR.replace('transcript: kaban.txt', 'transcript: kepala-badan.txt'),
      'bkpsdmd/kaban.txt.codes.yaml': SIDECAR,
    });
    const { code, stdout } = await study.cli('relink', '--write');
    assert.equal(code, 1);
    assert.match(stdout, /no transcript holds most of its 2 quoted codes; nothing changed/);
    assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), SIDECAR);
  });

  it('reports a broken sidecar without a transcript and leaves it be', async () => {
    study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'bkpsdmd/kepala-badan.txt': KABAN, 'bkpsdmd/kaban.txt.codes.yaml': 'version: 1\ncodes: [\n' });
    const { code, stdout } = await study.cli('relink', '--write');
    assert.equal(code, 1);
    assert.match(stdout, /kaban\.txt\.codes\.yaml: its transcript bkpsdmd\/kaban\.txt is gone and the sidecar does not parse/);
    assert.equal(await study.read('bkpsdmd/kaban.txt.codes.yaml'), 'version: 1\ncodes: [\n');
  });

  it('says there is nothing to relink in a study where every transcript is in place (exit 0)', async () => {
    study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'bkpsdmd/kaban.txt': KABAN, 'bkpsdmd/kaban.txt.codes.yaml': SIDECAR });
    const { code, stderr } = await study.cli('relink');
    assert.equal(code, 0);
    assert.match(stderr, /0 sidecars without their transcript/);
  });
});
