import { strict as assert } from 'node:assert';
import { readdir } from 'node:fs/promises';
import { parseSidecar } from '../../src/core/sidecar';
import { importTranscript, TranscriptImportError } from '../../src/core/transcript-import/import-transcript';
import { parseTranscript } from '../../src/core/transcript/transcript';
import { makeDocx, paragraph } from './helpers/refi-qda';
import { SMALL_CODEBOOK, TempStudy } from './helpers/temp-study';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function converted(fileName: string, content: Uint8Array | string): string {
  return importTranscript(fileName, typeof content === 'string' ? bytes(content) : content, {}).text;
}

describe('importing transcripts from Word, Zoom, Teams, Whisper and plain text', () => {
  describe('Word (.docx)', () => {
    it('makes one line per paragraph, joining runs and keeping bold speaker labels, tabs and breaks', () => {
      const docx = makeDocx(
        [
          paragraph('**Pewawancara:**', ' Apa kendala ', 'utama?'),
          paragraph('**Kepala Dinas**', '\tPegawai TI kurang.'),
          paragraph(''),
          paragraph(''),
          paragraph('Catatan lapangan', '\n', 'baris kedua setelah Shift+Enter'),
          '<w:p><w:r><w:t>Ada </w:t></w:r><w:del><w:r><w:delText>dihapus </w:delText></w:r></w:del><w:ins><w:r><w:t>disisipkan</w:t></w:r></w:ins>' +
            '<w:r><w:br w:type="page"/><w:t> teks.</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>',
          '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Informan 2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Jaringan sering putus.</w:t></w:r></w:p><w:p><w:r><w:t>Apalagi saat hujan.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
        ].join(''),
      );
      const result = importTranscript('wawancara.docx', docx, {});
      assert.equal(result.transcriptName, 'wawancara.txt');
      assert.equal(
        result.text,
        [
          'Pewawancara: Apa kendala utama?',
          'Kepala Dinas: Pegawai TI kurang.',
          '',
          'Catatan lapangan',
          'baris kedua setelah Shift+Enter',
          'Ada disisipkan teks.',
          'Informan 2: Jaringan sering putus. Apalagi saat hujan.',
          '',
        ].join('\n'),
      );
      assert.deepEqual(result.notices, ['1 deleted passage(s) of tracked changes left out; accept or reject the changes in Word to be sure']);
      const speakers = parseTranscript(result.text, 'x').transcript.speakers;
      assert.deepEqual(speakers, ['Pewawancara', 'Kepala Dinas', 'Informan 2']);
    });

    it('refuses a file that is not a Word document, with the reason', () => {
      assert.throws(() => importTranscript('rusak.docx', bytes('not a zip'), {}), (error: unknown) => error instanceof TranscriptImportError && /rusak\.docx: not a zip archive/u.test(error.message));
    });
  });

  describe('captions (.vtt, .srt)', () => {
    it('reads Teams voices, merges consecutive cues of one speaker and keeps the turn start', () => {
      const vtt = [
        'WEBVTT',
        '',
        '3f6a-0',
        '00:00:01.000 --> 00:00:04.120',
        '<v Budi Santoso>Selamat pagi, Bu.</v>',
        '',
        '3f6a-1',
        '00:00:04.120 --> 00:00:09.500',
        '<v Budi Santoso>Kita mulai dengan anggaran.</v>',
        '',
        'NOTE Teams adds notes like this one',
        '',
        '3f6a-2',
        '00:01:02.900 --> 00:01:07.000',
        '<v Siti Aminah>Anggaran kami &amp; SDM terbatas.</v>',
        '',
      ].join('\r\n');
      assert.equal(converted('rapat.vtt', vtt), '[00:00:01] Budi Santoso: Selamat pagi, Bu. Kita mulai dengan anggaran.\n[00:01:02] Siti Aminah: Anggaran kami & SDM terbatas.\n');
    });

    it('reads Zoom "Name: text" cues, including display names that do not look like names', () => {
      const vtt = [
        'WEBVTT',
        '',
        '1',
        '01:02:03.456 --> 01:02:05.000',
        'budi.s: Halo semua.',
        '',
        '2',
        '01:02:05.000 --> 01:02:07.000',
        'budi.s: Bisa dengar saya?',
        '',
        '3',
        '01:02:08.000 --> 01:02:10.000',
        'Kepala Bidang: Bisa, Pak.',
        '',
        '4',
        '01:02:11.000 --> 01:02:12.000',
        'budi.s: Baik.',
      ].join('\n');
      assert.equal(converted('zoom.vtt', vtt), '[01:02:03] budi.s: Halo semua. Bisa dengar saya?\n[01:02:08] Kepala Bidang: Bisa, Pak.\n[01:02:11] budi.s: Baik.\n');
    });

    it('keeps each Whisper cue as its own line and names diarized speakers', () => {
      const whisper = 'WEBVTT\n\n00:00.000 --> 00:04.000\nJadi intinya begini.\n\n00:04.000 --> 00:07.500\nAnggaran tidak cukup.\n';
      assert.equal(converted('whisper.vtt', whisper), '[00:00:00] Jadi intinya begini.\n[00:00:04] Anggaran tidak cukup.\n');
      const diarized = '1\n00:00:00,000 --> 00:00:02,000\n[SPEAKER_00]: Selamat siang.\n\n2\n00:00:02,000 --> 00:00:05,000\n[SPEAKER_00]: Mari mulai.\n\n3\n00:00:05,000 --> 00:00:06,000\n[SPEAKER_01]: Ya.\n';
      const text = converted('whisperx.srt', diarized);
      assert.equal(text, '[00:00:00] Speaker 00: Selamat siang. Mari mulai.\n[00:00:05] Speaker 01: Ya.\n');
      assert.deepEqual(parseTranscript(text, 'x').transcript.speakers, ['Speaker 00', 'Speaker 01']);
    });

    it('reads SRT with multi-line cues and refuses a .vtt without its header', () => {
      const srt = '1\n00:00:01,500 --> 00:00:03,000\nPak Hadi: Sistem kepegawaian\nsudah online.\n\n2\n00:00:03,000 --> 00:00:04,000\nPak Hadi: Sejak 2021.\n';
      assert.equal(converted('a.srt', srt), '[00:00:01] Pak Hadi: Sistem kepegawaian sudah online. Sejak 2021.\n');
      assert.throws(() => converted('a.vtt', srt), /a\.vtt:1:1: a WebVTT file starts with "WEBVTT"/u);
      assert.throws(() => converted('b.srt', 'hello\n'), /b\.srt: no cues found/u);
    });
  });

  describe('captions as their specifications say (W3C WebVTT parsing rules, SubRip)', () => {
    it('reads STYLE, REGION and NOTE blocks as no text, a timing line with no blank line before it, voices with classes, inline timestamps and class spans, hour-less and ruby text', () => {
      const vtt = [
        'WEBVTT - rapat',
        '',
        'STYLE',
        '::cue { color: red }',
        '',
        'REGION',
        'id:fred',
        'width:40%',
        '',
        'NOTE a comment',
        'spanning two lines',
        '',
        '00:01.000 --> 00:04.000 region:fred align:left',
        '<v.loud Budi Santoso>Selamat <c.yellow>pagi</c>, <i>Bu</i>.',
        '00:05.000 --> 00:07.000',
        '<v Siti><00:05.500>Anggaran <00:06.000>kurang &amp; <b>SDM</b> juga.</v>',
        '',
        '1:00:00.000 --> 1:00:02.000',
        '<ruby>漢<rt>kan</rt></ruby> ok',
      ].join('\n');
      const result = importTranscript('rapat.vtt', bytes(vtt), {});
      assert.equal(result.text, '[00:00:01] Budi Santoso: Selamat pagi, Bu.\n[00:00:05] Siti: Anggaran kurang & SDM juga.\n[01:00:00] 漢(kan) ok\n');
      assert.deepEqual(result.notices, []);
    });

    it('reads old Teams one-digit timings, whose fraction counts milliseconds, and says so', () => {
      const teams = 'WEBVTT\n\n0:0:0.0 --> 0:0:0.570\n<v Budi>Halo.</v>\n\n0:0:6.90 --> 0:0:6.500\n<v Siti>Ya.</v>\n\n0:1:2.5 --> 0:1:4.0\n<v Budi>Lanjut.</v>\n';
      const result = importTranscript('teams.vtt', bytes(teams), {});
      assert.equal(result.text, '[00:00:00] Budi: Halo.\n[00:00:06] Siti: Ya.\n[00:01:02] Budi: Lanjut.\n');
      assert.match(result.notices.join('\n'), /teams\.vtt: 3 cue timing\(s\) written with one-digit fields/u);
    });

    it('keeps rolling YouTube captions once: no repeated line, no timing line kept as text', () => {
      const youtube = [
        'WEBVTT', 'Kind: captions', 'Language: en', '',
        '00:00:00.000 --> 00:00:02.350 align:start position:0%', ' ', 'hello<00:00:00.690><c> everyone</c><00:00:01.050><c> welcome</c>', '',
        '00:00:02.350 --> 00:00:02.360 align:start position:0%', 'hello everyone welcome', ' ', '',
        '00:00:02.360 --> 00:00:05.000 align:start position:0%', 'hello everyone welcome', 'to<00:00:02.700><c> the</c><00:00:03.000><c> channel</c>',
        '00:00:05.000 --> 00:00:05.010 align:start position:0%', 'to the channel', ' ', '',
        '00:00:05.010 --> 00:00:08.000 align:start position:0%', 'to the channel', 'today<00:00:05.500><c> we</c><00:00:06.000><c> talk</c>',
      ].join('\n');
      const result = importTranscript('auto.en.vtt', bytes(youtube), {});
      assert.equal(result.text, '[00:00:00] hello everyone welcome\n[00:00:02] to the channel\n[00:00:05] today we talk\n');
      assert.match(result.notices.join('\n'), /2 cue\(s\) repeating the cue before them/u);
      assert.match(result.notices.join('\n'), /2 cue\(s\) opening with the last line of the cue before them/u);
    });

    it('keeps a real repetition in an ordinary file', () => {
      const srt = '1\n00:00:01,000 --> 00:00:02,000\nYa.\n\n2\n00:00:02,000 --> 00:00:03,000\nYa.\n\n3\n00:00:03,000 --> 00:00:04,000\nBetul, jalan rusak.\n\n4\n00:00:04,000 --> 00:00:05,000\nSudah lama.\n\n5\n00:00:05,000 --> 00:00:06,000\nIya.\n';
      assert.equal(converted('jawab.srt', srt), '[00:00:01] Ya.\n[00:00:02] Ya.\n[00:00:03] Betul, jalan rusak.\n[00:00:04] Sudah lama.\n[00:00:05] Iya.\n');
    });

    it('reads SRT with a missing blank line, "<3", placement codes and font tags', () => {
      const srt = '1\n00:00:01,000 --> 00:00:02,000\nHalo <3\n2\n00:00:02,500 --> 00:00:03,000\n{\\an8}Ya, Pak.\n\n3\n00:00:04,000 --> 00:00:05,000\n<font color="#fff">Baik</font> & lanjut\n';
      assert.equal(converted('a.srt', srt), '[00:00:01] Halo <3\n[00:00:02] Ya, Pak.\n[00:00:04] Baik & lanjut\n');
    });

    it('names the file and line of a timing it cannot read and of text outside any cue, and imports the rest', () => {
      const srt = '1\n00:00:01,000 --> 00:00:02,000\nHalo\n\n2\n00:00:xx,000 --> 00:00:03,000\nHilang?\n\nteks yatim\n\n3\n00:00:04,000 --> 00:00:05,000\nBaik\n';
      const result = importTranscript('rusak.srt', bytes(srt), {});
      assert.equal(result.text, '[00:00:01] Halo\n[00:00:04] Baik\n');
      assert.deepEqual(result.notices, [
        'rusak.srt:6: cue timing "00:00:xx,000 --> 00:00:03,000" not understood; its text "Hilang?" left out',
        'rusak.srt:9: "teks yatim" is outside any cue (no timing line above it); left out',
      ]);
      assert.throws(() => converted('salah.vtt', '1\n00:00:01,000 --> 00:00:02,000\nHalo\n'), /salah\.vtt:1:1: .*rename it to \.srt/u);
      assert.throws(() => converted('kosong.srt', '1\n00:00:zz --> x\nHalo\n'), /kosong\.srt: no cues found; .*kosong\.srt:2: cue timing "00:00:zz --> x" not understood/u);
    });
  });

  describe('plain text', () => {
    it('converts Windows-1252 and UTF-16 with CRLF to UTF-8 with LF, saying how it was read', () => {
      const cp1252 = Uint8Array.from([...'Pak Jos'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x3a, 0x20, 0x93, 0x42, 0x61, 0x69, 0x6b, 0x94, 0x0d, 0x0a]));
      const result = importTranscript('catatan.txt', cp1252, {});
      assert.equal(result.text, 'Pak José: “Baik”\n');
      assert.match(result.notices.join('\n'), /catatan\.txt: not valid UTF-8 .*read as Windows-1252; written as UTF-8/u);

      const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Ibu Siti: Ya 😀\r\n'].flatMap((char) => {
        const units = [];
        for (let i = 0; i < char.length; i++) units.push(char.charCodeAt(i) & 0xff, char.charCodeAt(i) >> 8);
        return units;
      })]);
      const fromWord = importTranscript('word.md', utf16, {});
      assert.equal(fromWord.transcriptName, 'word.md');
      assert.equal(fromWord.text, 'Ibu Siti: Ya 😀\n');
    });

    it('refuses other file types and empty files', () => {
      assert.throws(() => importTranscript('audio.mp3', bytes('x'), {}), /audio\.mp3: not a format that can be imported as a transcript/u);
      assert.throws(() => importTranscript('kosong.txt', bytes('  \n'), {}), /kosong\.txt: holds no text to import/u);
    });
  });

  describe('the command line', () => {
    let study: TempStudy;
    afterEach(async () => study?.dispose());

    it('writes the transcript and an empty sidecar with the attributes given as flags', async () => {
      study = await TempStudy.create({ 'codebook.yaml': SMALL_CODEBOOK, 'incoming/rapat.vtt': 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ani>Halo.</v>\n' });
      const result = await study.cli(
        'import', 'incoming/rapat.vtt', '-o', 'transcripts/dinas',
        '--agency', 'Dinas Kominfo', '--informant', 'Ani', '--role', 'staf', '--date', '2023-05-02', '--source', 'focus-group',
      );
      assert.equal(result.code, 0, result.stderr);
      assert.equal(await study.read('transcripts/dinas/rapat.txt'), '[00:00:01] Ani: Halo.\n');
      const sidecar = parseSidecar(await study.read('transcripts/dinas/rapat.txt.codes.yaml'), 'rapat.txt.codes.yaml');
      assert.ok(sidecar.status === 'ok');
      assert.deepEqual(sidecar.data, {
        version: 1,
        transcript: 'rapat.txt',
        attributes: { agency: 'Dinas Kominfo', informant: 'Ani', role: 'staf', date: '2023-05-02', source: 'focus-group' },
        codes: [],
      });
      const validated = await study.cli('validate');
      assert.equal(validated.code, 0, validated.stdout + validated.stderr);
    });

    it('never overwrites a transcript or sidecar, naming them, and writes nothing', async () => {
      study = await TempStudy.create({ 'catatan.txt': 'Teks baru.\n', 'out/catatan.txt.codes.yaml': 'version: 1\ntranscript: catatan.txt\ncodes: []\n' });
      const result = await study.cli('import', 'catatan.txt', '-o', 'out');
      assert.equal(result.code, 1);
      assert.match(result.stderr, /catatan\.txt\.codes\.yaml already exists in .*out; nothing was written/u);
      assert.deepEqual(await readdir(study.path('out')), ['catatan.txt.codes.yaml']);
      assert.equal(await study.read('out/catatan.txt.codes.yaml'), 'version: 1\ntranscript: catatan.txt\ncodes: []\n');
    });

    it('asks for -o and refuses transcript flags on a .qdpx', async () => {
      study = await TempStudy.create({ 'a.txt': 'x\n', 'p.qdpx': 'x' });
      assert.match((await study.cli('import', 'a.txt')).stderr, /import needs -o DIR/u);
      assert.match((await study.cli('import', 'a.txt', '-o', 'p.qdpx')).stderr, /p\.qdpx is a file; -o names the folder to import into/u);
      const flags = await study.cli('import', 'p.qdpx', '-o', 'x', '--agency', 'A');
      assert.equal(flags.code, 2);
      assert.match(flags.stderr, /a \.qdpx brings its own cases and variables/u);
    });
  });
});
