import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { quoteOfLines } from '../../src/core/transcript/quote';
import {
  lineBodies,
  lineBodyOf,
  lineCount,
  parseTranscript,
  parseTranscriptInSteps,
  splitLines,
  type Span,
  type TranscriptLine,
} from '../../src/core/transcript/transcript';
import { isSpeakerName } from '../../src/core/transcript/lines';

function parseOne(text: string): TranscriptLine {
  const { transcript, problems } = parseTranscript(text, 'wawancara.txt');
  assert.deepEqual(problems, []);
  assert.equal(transcript.lines.length, 1);
  const line = transcript.lines[0];
  assert.ok(line !== undefined);
  return line;
}

const slice = (line: TranscriptLine, span: Span | undefined): string | undefined =>
  span === undefined ? undefined : line.text.slice(span.start, span.end);
const bodyOf = (line: TranscriptLine): string => line.text.slice(line.body.start, line.body.end);

describe('splitLines and lineCount', () => {
  const cases: Array<[string, string[]]> = [
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\nb\n', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    ['a\n\n', ['a', '']],
    ['\n', ['']],
    ['\n\n', ['', '']],
  ];
  for (const [text, lines] of cases) {
    it(`${JSON.stringify(text)} has ${lines.length} line(s)`, () => {
      assert.deepEqual(splitLines(text), lines);
      assert.equal(lineCount(text), lines.length);
    });
  }
});

describe('parseTranscript: speaker labels', () => {
  const speakers: Array<[string, string, string]> = [
    ['P: Selamat pagi, Pak.', 'P', 'Selamat pagi, Pak.'],
    ['I: Pagi.', 'I', 'Pagi.'],
    ['Q: What is the budget?', 'Q', 'What is the budget?'],
    ['A: Limited.', 'A', 'Limited.'],
    ['Informan 1: Kami kekurangan pegawai.', 'Informan 1', 'Kami kekurangan pegawai.'],
    ['Kepala Bidang: Anggarannya dialihkan.', 'Kepala Bidang', 'Anggarannya dialihkan.'],
    ['Pewawancara: Bagaimana koordinasinya?', 'Pewawancara', 'Bagaimana koordinasinya?'],
    ['Bapak H. Ahmad: Sudah ada SOP.', 'Bapak H. Ahmad', 'Sudah ada SOP.'],
    ['Kepala Dinas Komunikasi dan Informatika: Betul.', 'Kepala Dinas Komunikasi dan Informatika', 'Betul.'],
    ['Informan 2 (Kabid): Iya.', 'Informan 2 (Kabid)', 'Iya.'],
    ['**Informan 1:** Baik, Pak.', 'Informan 1', 'Baik, Pak.'],
    ['**Informan 1**: Baik, Pak.', 'Informan 1', 'Baik, Pak.'],
    ['  Pewawancara  :   indented  ', 'Pewawancara', 'indented'],
    ['Pewawancara:', 'Pewawancara', ''],
    ['Ibu Ṣāliḥah: Ya, betul 😊', 'Ibu Ṣāliḥah', 'Ya, betul 😊'],
  ];
  for (const [text, name, body] of speakers) {
    it(`reads ${JSON.stringify(text)} as a turn by ${name}`, () => {
      const line = parseOne(text);
      assert.equal(line.kind, 'turn');
      assert.equal(line.speaker?.name, name);
      assert.equal(bodyOf(line), body);
      assert.match(slice(line, line.speaker?.span) ?? '', /:(\*\*)?$/);
    });
  }

  const prose = [
    'Dengan demikian dapat disimpulkan bahwa: anggaran kurang.',
    'Jadi begini: kami belum punya tenaga ahli.',
    'Berikut ini adalah: daftar kendala.',
    'Intinya: anggarannya dialihkan untuk banjir.',
    'Tanggal: 7 Januari 2022',
    'Hari/Tanggal: Jumat, 7 Januari 2022',
    'Pukul 10.30: rapat dimulai',
    'Lihat https://diskominfo.hst.go.id: portal resmi',
    'Rapat mulai 10:30 di aula',
    'Apa kendalanya? Jawab: anggaran',
    'sekretaris: lowercase names are prose',
    '- Catatan lapangan: kantor tutup',
    'Sebagaimana disampaikan oleh Kepala Badan Kepegawaian Daerah Kabupaten: ya',
    '# Sesi 2: Kendala',
  ];
  for (const text of prose) {
    it(`does not take ${JSON.stringify(text)} for a speaker`, () => {
      const line = parseOne(text);
      assert.equal(line.kind, 'text');
      assert.equal(line.speaker, undefined);
      assert.equal(bodyOf(line), text.trim());
    });
  }

  it('allows at most five words and forty characters in a name', () => {
    assert.equal(isSpeakerName('Kabid Data dan Sistem Informasi'), true);
    assert.equal(isSpeakerName('Kabid Data dan Sistem Informasi Daerah'), false);
    assert.equal(isSpeakerName('A'.repeat(40)), true);
    assert.equal(isSpeakerName('A'.repeat(41)), false);
    assert.equal(isSpeakerName('2022'), false);
  });

  it('lists distinct speakers in order of first appearance', () => {
    const { transcript } = parseTranscript('P: satu\nI: dua\n**P:** tiga\nInforman 2: empat\nI: lima\n', 'w.txt');
    assert.deepEqual(transcript.speakers, ['P', 'I', 'Informan 2']);
  });
});

describe('parseTranscript: timestamps', () => {
  const stamped: Array<[string, string, number, string | undefined, string]> = [
    ['[00:12:34] P: Selamat pagi', '00:12:34', 754, 'P', 'Selamat pagi'],
    ['00:12:34 P: Selamat pagi', '00:12:34', 754, 'P', 'Selamat pagi'],
    ['[12:34] Informan: Ya', '12:34', 754, 'Informan', 'Ya'],
    ['(00:12:34) Informan: Ya', '00:12:34', 754, 'Informan', 'Ya'],
    ['[1:02:03.5] P: fraksi', '1:02:03.5', 3723.5, 'P', 'fraksi'],
    ['P: [00:00:07] setelah label', '00:00:07', 7, 'P', 'setelah label'],
    ['**Kepala Bidang**: (01:00) setelah label tebal', '01:00', 60, 'Kepala Bidang', 'setelah label tebal'],
    ['00:01:02 - P: dengan pemisah', '00:01:02', 62, 'P', 'dengan pemisah'],
    ['[00:12:34] tanpa pembicara', '00:12:34', 754, undefined, 'tanpa pembicara'],
    ['[00:12:34]', '00:12:34', 754, undefined, ''],
  ];
  for (const [text, time, seconds, speaker, body] of stamped) {
    it(`reads the timestamp of ${JSON.stringify(text)}`, () => {
      const line = parseOne(text);
      assert.equal(line.timestamp?.text, time);
      assert.equal(line.timestamp?.seconds, seconds);
      assert.ok((slice(line, line.timestamp?.span) ?? '').includes(time));
      assert.equal(line.speaker?.name, speaker);
      assert.equal(line.kind, speaker === undefined ? 'text' : 'turn');
      assert.equal(bodyOf(line), body);
      assert.equal(line.notes.length, 0, 'a timestamp is not a note');
    });
  }

  for (const text of ['10:30 rapat dimulai', '12:34:56789 bukan waktu', '[00:75] menit tidak sah', 'pada [00:12:34] di tengah']) {
    it(`finds no leading timestamp in ${JSON.stringify(text)}`, () => {
      const line = parseOne(text);
      assert.equal(line.timestamp, undefined);
      assert.equal(bodyOf(line), text);
    });
  }
});

describe('parseTranscript: notes', () => {
  it('finds bracketed notes anywhere on the line', () => {
    const line = parseOne('I: Anggarannya [tertawa] ya begitu [jeda] lalu [inaudible]');
    assert.deepEqual(
      line.notes.map((note) => [note.text, slice(line, note.span)]),
      [
        ['tertawa', '[tertawa]'],
        ['jeda', '[jeda]'],
        ['inaudible', '[inaudible]'],
      ],
    );
  });

  it('skips Markdown links, footnotes, mid-line timestamps and empty brackets', () => {
    const line = parseOne('Lihat [Perbup 12](https://jdih.go.id) dan ![foto](a.png) [^1] [00:12:34] [ ] [suara motor]');
    assert.deepEqual(line.notes.map((note) => note.text), ['suara motor']);
  });

  it('takes the inner bracket when brackets nest and ignores an unclosed one', () => {
    const line = parseOne('P: [[batuk] lalu [tidak ditutup');
    assert.deepEqual(line.notes.map((note) => [note.text, slice(line, note.span)]), [['batuk', '[batuk]']]);
  });

  it('keeps notes inside the body, so quotes read as the line was transcribed', () => {
    const line = parseOne('[00:01:00] Informan 3: [tertawa] Iya, Pak.');
    assert.equal(bodyOf(line), '[tertawa] Iya, Pak.');
    assert.deepEqual(line.notes.map((note) => note.text), ['tertawa']);
  });
});

describe('parseTranscript: line kinds, bodies and Indonesian text', () => {
  it('classifies blank, heading, turn and text lines with UTF-16 spans', () => {
    const text = '# Wawancara BKPSDMD\n\nInforman 1: Saya senang 😀 — café [tertawa]\nlanjutan tanpa label\n   \t\n';
    const { transcript } = parseTranscript(text, 'w.txt');
    assert.deepEqual(
      transcript.lines.map((line) => line.kind),
      ['text', 'blank', 'turn', 'text', 'blank'],
    );
    const turn = transcript.lines[2];
    assert.ok(turn !== undefined);
    assert.equal(bodyOf(turn), 'Saya senang 😀 — café [tertawa]');
    assert.equal(slice(turn, turn.notes[0]?.span), '[tertawa]');
    assert.deepEqual(lineBodies(transcript), ['# Wawancara BKPSDMD', '', 'Saya senang 😀 — café [tertawa]', 'lanjutan tanpa label', '']);
  });

  it('gives quoteOfLines what the informant said, without labels and timestamps', () => {
    const { transcript } = parseTranscript('---\nagency: Diskominfo\n---\n[00:00:05] P: Apa kendalanya?\nI: Tenaga ahli TI masih kurang.\n', 'w.txt');
    assert.equal(quoteOfLines(lineBodies(transcript), 4, 5), 'Apa kendalanya? Tenaga ahli TI masih kurang.');
    assert.equal(quoteOfLines(lineBodies(transcript), 1, 3), '');
  });

  it('parses a 5 MB single line in one pass and keeps all of it in the body', () => {
    const long = `Informan 1: ${'kami belum punya tenaga ahli [jeda] '.repeat(150_000)}`;
    assert.ok(long.length > 5_000_000);
    const line = parseOne(long);
    assert.equal(line.speaker?.name, 'Informan 1');
    assert.equal(line.body.end, long.length - 1);
    assert.equal(line.notes.length, 150_000);
  });

  it('stays linear on 5 MB lines of brackets, colons and asterisks', () => {
    for (const long of ['['.repeat(5_000_000), 'A:'.repeat(2_500_000), '*'.repeat(5_000_000), ' '.repeat(5_000_000)]) {
      const line = parseOne(long);
      assert.ok(line.body.end <= long.length);
    }
  });
});

describe('parseTranscript: front matter', () => {
  it('reads YAML front matter and marks its lines', () => {
    const text = '---\nagency: BKPSDMD Kabupaten Hulu Sungai Tengah\ndate: 2022-01-07\n---\nP: Selamat pagi\n';
    const { transcript, problems } = parseTranscript(text, 'kaban.txt');
    assert.deepEqual(problems, []);
    assert.deepEqual(transcript.frontMatter, {
      data: { agency: 'BKPSDMD Kabupaten Hulu Sungai Tengah', date: '2022-01-07' },
      firstLine: 1,
      lastLine: 4,
    });
    assert.deepEqual(
      transcript.lines.map((line) => line.kind),
      ['front-matter', 'front-matter', 'front-matter', 'front-matter', 'turn'],
    );
    assert.deepEqual(transcript.speakers, ['P']);
  });

  it("accepts '...' as the closing line and an empty front matter", () => {
    assert.equal(parseTranscript('---\nagency: X\n...\nteks\n', 'w.txt').transcript.frontMatter?.lastLine, 3);
    assert.deepEqual(parseTranscript('---\n---\nteks\n', 'w.txt').transcript.frontMatter, { data: {}, firstLine: 1, lastLine: 2 });
  });

  it('reports front matter that does not parse at its file line and column, keeping the lines as front matter', () => {
    const text = '---\nagency: Dinas\ninformant: [Kepala\n---\nP: halo\n';
    const { transcript, problems } = parseTranscript(text, 'studi/kaban.txt');
    assert.equal(problems.length > 0, true);
    const first = problems[0];
    assert.equal(first?.file, 'studi/kaban.txt');
    assert.equal(first?.severity, 'error');
    assert.equal(first?.line, 3);
    assert.ok((first?.column ?? 0) >= 1);
    assert.match(first?.message ?? '', /front matter is not valid YAML/);
    assert.deepEqual(transcript.frontMatter, { data: {}, firstLine: 1, lastLine: 4 });
    assert.equal(transcript.lines[2]?.kind, 'front-matter');
    assert.equal(transcript.lines[4]?.kind, 'turn');
  });

  it('reports duplicate keys, a list instead of a mapping, and alias bombs as errors', () => {
    const duplicate = parseTranscript('---\nagency: A\nagency: B\n---\n', 'w.txt').problems;
    assert.deepEqual(duplicate.map((p) => [p.line, p.severity]), [[3, 'error']]);
    const list = parseTranscript('---\n- a\n- b\n---\n', 'w.txt').problems;
    assert.match(list[0]?.message ?? '', /a YAML mapping/);
    const bomb = ['---', 'a: &a [x, x, x, x]', 'b: &b [*a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b]', 'd: [*c, *c, *c, *c]', '---'];
    const bombed = parseTranscript(bomb.join('\n'), 'w.txt');
    assert.equal(bombed.problems[0]?.severity, 'error');
    assert.deepEqual(bombed.transcript.frontMatter?.data, {});
  });

  it('warns about an unknown tag rather than inventing a type for it', () => {
    const { transcript, problems } = parseTranscript('---\nagency: !kantor Dinas\n---\n', 'w.txt');
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[2, 9, 'warning']]);
    assert.equal(transcript.frontMatter?.data.agency, 'Dinas');
  });

  it("treats an unclosed '---' as text with a warning", () => {
    const { transcript, problems } = parseTranscript('---\nP: halo\nI: hai\n', 'w.txt');
    assert.equal(transcript.frontMatter, undefined);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column, p.severity]), [['w.txt', 1, 1, 'warning']]);
    assert.deepEqual(transcript.lines.map((line) => line.kind), ['text', 'turn', 'turn']);
  });

  it("needs '---' on line 1: a later rule is not front matter", () => {
    const { transcript, problems } = parseTranscript('P: halo\n---\nagency: X\n---\n', 'w.txt');
    assert.equal(transcript.frontMatter, undefined);
    assert.deepEqual(problems, []);
    assert.equal(transcript.lines[2]?.speaker, undefined, "'agency: X' is lowercase, so not a speaker either");
  });
});

describe('parseTranscript properties', () => {
  const tokens = [
    '---', '...', '\n', '\n', ' ', '\t', ':', ': ', '**', '[', ']', '(', ')', 'P', 'Informan 1', 'jadi', 'Bapak H.', '00:12:34',
    '12:34', '.5', 'agency: X', '- a', '#', 'é', '😀', '\u00a0', '[tertawa]', 'https://x', 'Kepala Bidang', 'dan',
  ];
  const transcriptText = fc.oneof(
    fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('parsed in steps (as the editor parses, pausing between them), gives what one parse gives', async () => {
    await fc.assert(
      fc.asyncProperty(transcriptText, fc.integer({ min: 1, max: 7 }), async (text, linesPerStep) => {
        let pauses = 0;
        const stepped = await parseTranscriptInSteps(text, 'w.txt', async () => void pauses++, linesPerStep);
        assert.deepEqual(stepped, parseTranscript(text, 'w.txt'));
        assert.equal(pauses, Math.max(0, Math.ceil(splitLines(text).length / linesPerStep) - 1), 'a pause between steps');
      }),
    );
  });

  it('never throws, and has as many lines as splitLines and lineCount say', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const { transcript } = parseTranscript(text, 'w.txt');
        assert.equal(transcript.lines.length, splitLines(text).length);
        assert.equal(transcript.lines.length, lineCount(text));
        transcript.lines.forEach((line, index) => assert.equal(line.number, index + 1));
      }),
    );
  });

  it('keeps every span within its line, and bodies trimmed', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        for (const line of parseTranscript(text, 'w.txt').transcript.lines) {
          const spans = [line.body, line.speaker?.span, line.timestamp?.span, ...line.notes.map((note) => note.span)];
          for (const span of spans) {
            if (span === undefined) continue;
            assert.ok(0 <= span.start && span.start <= span.end && span.end <= line.text.length, JSON.stringify({ line, span }));
          }
          const body = bodyOf(line);
          assert.equal(body, body.trim());
          if (line.speaker !== undefined) assert.ok(line.speaker.span.end <= line.body.start);
        }
      }),
    );
  });

  it('reports every speaker of a turn line in the speakers list', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const { transcript } = parseTranscript(text, 'w.txt');
        const names = transcript.lines.flatMap((line) => (line.speaker === undefined ? [] : [line.speaker.name]));
        assert.deepEqual(transcript.speakers, [...new Set(names)]);
      }),
    );
  });

  it('finds the body of a line on its own (lineBodyOf, for quote checks) as the whole parse does', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const { transcript } = parseTranscript(text, 'w.txt');
        const frontMatterEnd = transcript.frontMatter?.lastLine ?? 0;
        for (const line of transcript.lines) if (line.number > frontMatterEnd) assert.equal(lineBodyOf(line.text), bodyOf(line), JSON.stringify(line.text));
      }),
    );
  });
});
