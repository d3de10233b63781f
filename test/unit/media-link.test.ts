import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  importedRecordingLink,
  mediaFormatName,
  mediaKindOf,
  mediaLineIn,
  mediaLinkOf,
  mediaMissingProblem,
  recordingBeside,
  relativeMediaPath,
  resolveMediaPath,
} from '../../src/core/media';
import { parseSidecar } from '../../src/core/sidecar';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

describe('media: the link from a transcript to its recording', () => {
  it('reads media: from the sidecar attributes first, else from the front matter', () => {
    assert.deepEqual(mediaLinkOf({ media: ' kaban.m4a ' }, { media: 'other.mp3' }), { written: 'kaban.m4a', from: 'sidecar' });
    assert.deepEqual(mediaLinkOf({ agency: 'X' }, { media: '../audio/kaban.mp3' }), { written: '../audio/kaban.mp3', from: 'front-matter' });
    assert.equal(mediaLinkOf({}, { media: 12 }), undefined);
    assert.equal(mediaLinkOf(undefined, undefined), undefined);
  });

  it('resolves the link relative to the transcript, inside the workspace only', () => {
    assert.deepEqual(resolveMediaPath('transcripts/bkpsdm/kaban.txt', 'kaban.m4a'), { ok: true, path: 'transcripts/bkpsdm/kaban.m4a' });
    assert.deepEqual(resolveMediaPath('transcripts/bkpsdm/kaban.txt', '../../audio/./kaban.m4a'), { ok: true, path: 'audio/kaban.m4a' });
    assert.deepEqual(resolveMediaPath('transcripts/bkpsdm/kaban.txt', '..\\audio\\kaban.m4a'), { ok: true, path: 'transcripts/audio/kaban.m4a' });
    assert.deepEqual(resolveMediaPath('kaban.txt', 'kaban.m4a'), { ok: true, path: 'kaban.m4a' });
    const refused = (link: string) => {
      const result = resolveMediaPath('transcripts/kaban.txt', link);
      return result.ok ? 'accepted' : result.reason;
    };
    assert.match(refused('../../kaban.m4a'), /leads outside the workspace folder/u);
    assert.match(refused('https://example.org/kaban.m4a'), /is a URL/u);
    assert.match(refused('file:///home/rina/kaban.m4a'), /is a URL/u);
    assert.match(refused('/home/rina/kaban.m4a'), /absolute path/u);
    assert.match(refused('C:\\Rekaman\\kaban.m4a'), /absolute path/u);
    assert.match(refused('..'), /names a folder/u);
    assert.match(refused('  '), /empty/u);
  });

  it('writes a link that resolves back to the recording, for all paths', () => {
    const segment = fc.constantFrom('a', 'b', 'audio', 'transcripts', 'x y');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(path, path, (transcript, media) => {
        const transcriptPath = [...transcript, 'kaban.txt'].join('/');
        const mediaPath = [...media, 'kaban.m4a'].join('/');
        const link = relativeMediaPath(transcriptPath, mediaPath);
        assert.deepEqual(resolveMediaPath(transcriptPath, link), { ok: true, path: mediaPath });
      }),
    );
    assert.equal(relativeMediaPath('transcripts/bkpsdm/kaban.txt', 'transcripts/bkpsdm/kaban.m4a'), 'kaban.m4a');
  });

  it('knows audio from video by the file name, and names a format for messages', () => {
    assert.equal(mediaKindOf('a/kaban.M4A'), 'audio');
    assert.equal(mediaKindOf('kaban.wav'), 'audio');
    assert.equal(mediaKindOf('rapat.mp4'), 'video');
    assert.equal(mediaKindOf('kaban.txt'), undefined);
    assert.equal(mediaFormatName('audio/kaban.amr'), 'AMR');
    assert.equal(mediaFormatName('audio/rekaman'), 'rekaman');
  });

  it('finds the recording beside captions of the same name, audio first', () => {
    assert.equal(recordingBeside('kaban.vtt', ['kaban.vtt', 'kaban.mp4', 'kaban.M4A', 'kabanx.mp3', 'lain.wav']), 'kaban.M4A');
    assert.equal(recordingBeside('kaban.srt', ['kaban.srt', 'kaban.txt']), undefined);
    assert.equal(importedRecordingLink('kaban.vtt', ['kaban.mp3'], '/s/incoming', '/s/transcripts/bkpsdm'), '../../incoming/kaban.mp3');
    assert.equal(importedRecordingLink('kaban.vtt', ['kaban.mp3'], 'C:\\s\\in', 'C:\\s\\in\\'), 'kaban.mp3');
    assert.equal(importedRecordingLink('kaban.docx', ['kaban.mp3'], '/s', '/s'), undefined);
  });

  it('points a missing recording at its media: line', () => {
    const sidecar = 'version: 1\ntranscript: kaban.txt\nattributes:\n  agency: X\n  media: kaban.wav\ncodes:\n  - id: a\n    memo: "media: none"\n';
    assert.equal(mediaLineIn(sidecar, 'sidecar'), 5);
    assert.equal(mediaLineIn('---\nagency: X\nmedia: k.wav\n---\nmedia: not this\n', 'front-matter'), 3);
    assert.equal(mediaLineIn('version: 1\n', 'sidecar'), 1);
    const problem = mediaMissingProblem('t/kaban.txt.codes.yaml', 5, 'kaban.wav', 't/kaban.wav');
    assert.equal(problem.kind, 'media-missing');
    assert.match(problem.message, /the recording "kaban\.wav" \(t\/kaban\.wav\) does not exist/u);
  });

  describe('importing captions beside a recording (the command line)', () => {
    let study: TempStudy;
    afterEach(async () => study?.dispose());

    it('links the recording of the same name in the new sidecar', async () => {
      study = await TempStudy.create({
        'codebook.yaml': SMALL_CODEBOOK,
        'incoming/rapat.vtt': 'WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v Ani>Halo.</v>\n',
        'incoming/rapat.wav': new Uint8Array([0x52, 0x49, 0x46, 0x46]),
      });
      const result = await study.cli('import', 'incoming/rapat.vtt', '-o', 'transcripts/dinas', '--agency', 'Dinas Kominfo');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /linked the recording \.\.\/\.\.\/incoming\/rapat\.wav/u);
      const sidecar = parseSidecar(await study.read('transcripts/dinas/rapat.txt.codes.yaml'), 'rapat.txt.codes.yaml');
      assert.ok(sidecar.status === 'ok');
      assert.deepEqual(sidecar.data.attributes, { agency: 'Dinas Kominfo', media: '../../incoming/rapat.wav' });
      assert.equal(await study.read('transcripts/dinas/rapat.txt'), '[00:00:05] Ani: Halo.\n');
    });

    it('links nothing when no recording has the captions\' name', async () => {
      study = await TempStudy.create({ 'in/rapat.srt': '1\n00:00:05,000 --> 00:00:06,000\nHalo.\n', 'in/lain.wav': 'x' });
      const result = await study.cli('import', 'in/rapat.srt', '-o', 'in');
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(await study.read('in/rapat.txt.codes.yaml'), /media/u);
    });
  });
});
