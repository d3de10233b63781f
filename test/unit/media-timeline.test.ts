import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { clockOf, lineAtTime, mediaTimeline, segmentSpan, timeOfLine } from '../../src/core/media';
import { parseTranscript } from '../../src/core/transcript';

const options = { file: 'kaban.txt', media: 'kaban.wav' };

function timelineOf(text: string, duration?: number) {
  const { transcript } = parseTranscript(text, 'kaban.txt');
  return mediaTimeline(transcript, duration === undefined ? options : { ...options, duration });
}

const STAMPED = [
  '---', 'agency: BKPSDM', '---', // lines 1-3
  '[00:00:05] P: Selamat pagi, Pak.', // 4
  'I: Pagi.', // 5
  '', // 6
  'P: Apa kendala utama?', // 7
  '[00:00:11] I: Pegawai TI kurang.', // 8
  '00:00:20 - I: Anggaran juga.', // 9
].join('\n') + '\n';

describe('media: lines of a transcript against the recording', () => {
  it('puts a stamped line at its timestamp and interpolates the spoken lines between, blank lines not counted', () => {
    const { timeline, problems } = timelineOf(STAMPED);
    assert.deepEqual(problems, []);
    assert.equal(timeOfLine(timeline, 4), 5);
    assert.equal(timeOfLine(timeline, 5), 7);
    assert.equal(timeOfLine(timeline, 7), 9);
    // A blank line plays from the next spoken line.
    assert.equal(timeOfLine(timeline, 6), 9);
    assert.equal(timeOfLine(timeline, 8), 11);
    assert.equal(timeOfLine(timeline, 9), 20);
    // Front matter plays from the first spoken line.
    assert.equal(timeOfLine(timeline, 1), 5);
  });

  it('runs lines before the first timestamp from 0 s and lines after the last to the end of the recording', () => {
    const text = 'Wawancara\nP: Mulai.\n[00:00:10] I: Ya.\nP: Lalu?\nI: Selesai.\n';
    const unknownLength = timelineOf(text).timeline;
    assert.deepEqual([1, 2, 3, 4, 5].map((line) => timeOfLine(unknownLength, line)), [0, 5, 10, 10, 10]);
    const known = timelineOf(text, 40).timeline;
    assert.deepEqual([1, 2, 3, 4, 5].map((line) => timeOfLine(known, line)), [0, 5, 10, 20, 30]);
  });

  it('finds the line being spoken at a time', () => {
    const { timeline } = timelineOf(STAMPED);
    assert.equal(lineAtTime(timeline, 0), 4);
    assert.equal(lineAtTime(timeline, 5), 4);
    assert.equal(lineAtTime(timeline, 6.9), 4);
    assert.equal(lineAtTime(timeline, 7), 5);
    assert.equal(lineAtTime(timeline, 10.5), 7);
    assert.equal(lineAtTime(timeline, 19), 8);
    assert.equal(lineAtTime(timeline, 500), 9);
  });

  it('gives a coded segment its span: from its first line to the next spoken line after its last', () => {
    const { timeline } = timelineOf(STAMPED);
    assert.deepEqual(segmentSpan(timeline, 7, 8), { start: 9, end: 20 });
    assert.deepEqual(segmentSpan(timeline, 5, 6), { start: 7, end: 9 });
    assert.deepEqual(segmentSpan(timeline, 9, 9), { start: 20 });
  });

  it('says so, on the line, when timestamps go backwards, and does not use them', () => {
    const { timeline, problems } = timelineOf('[00:01:00] A: satu\n[00:00:30] B: dua\n[00:02:00] A: tiga\n');
    assert.deepEqual(problems.map((p) => [p.kind, p.line, p.column]), [['media-timestamp-order', 2, 1]]);
    assert.match(problems[0]?.message ?? '', /timestamp 00:00:30 is earlier than 00:01:00 on line 1: timestamps go backwards.*kaban\.wav/u);
    assert.equal(timeOfLine(timeline, 2), 90);
  });

  it('says so when a timestamp is past the end of the recording', () => {
    const { timeline, problems } = timelineOf('[00:00:01] A: satu\n[01:10:00] B: dua\n', 62);
    assert.deepEqual(problems.map((p) => [p.kind, p.line]), [['media-timestamp-past-end', 2]]);
    assert.match(problems[0]?.message ?? '', /01:10:00 is past the end of kaban\.wav \(1:02 long\)/u);
    assert.equal(timeOfLine(timeline, 2), 31.5);
  });

  it('gives one warning for every timestamp past the end (a shorter or wrong recording), on the first, counting the rest', () => {
    const { problems } = timelineOf('[00:00:01] A: satu\n[00:01:10] B: dua\n[00:01:20] A: tiga\n[00:01:30] B: empat\n', 62);
    assert.deepEqual(problems.map((p) => [p.kind, p.line]), [['media-timestamp-past-end', 2]]);
    assert.match(problems[0]?.message ?? '', /00:01:10 is past the end of kaban\.wav \(1:02 long\), and so are 2 more after it \(lines 3–4\)/u);
  });

  it('says so when there are no timestamps, and spreads the lines over the recording when its length is known', () => {
    const unknown = timelineOf('A: satu\nB: dua\n');
    assert.deepEqual(unknown.problems.map((p) => [p.kind, p.line]), [['media-no-timestamps', 1]]);
    assert.match(unknown.problems[0]?.message ?? '', /playing starts at the beginning/u);
    assert.equal(timeOfLine(unknown.timeline, 2), 0);
    const known = timelineOf('A: satu\nB: dua\n', 60);
    assert.match(known.problems[0]?.message ?? '', /spreading the lines evenly over its 1:00/u);
    assert.equal(timeOfLine(known.timeline, 2), 30);
    assert.equal(timeOfLine(timelineOf('').timeline, 1), undefined);
    assert.equal(lineAtTime(timelineOf('').timeline, 3), undefined);
  });

  it('writes times as a player shows them', () => {
    assert.equal(clockOf(5), '0:05');
    assert.equal(clockOf(3725.9), '1:02:05');
  });

  describe('for all transcripts', () => {
    const line = fc.oneof(
      fc.constant(''),
      fc.constant('P: kata'),
      fc.integer({ min: 0, max: 3 * 3600 }).map((s) => `[${clockText(s)}] I: jawab`),
    );
    const transcript = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n') + '\n');
    const duration = fc.option(fc.integer({ min: 1, max: 4 * 3600 }), { nil: undefined });

    it('line → time is monotone, and time → line → time comes back to the same time', () => {
      fc.assert(
        fc.property(transcript, duration, (text, length) => {
          const { timeline } = timelineOf(text, length);
          const count = text.split('\n').length;
          let previous = -Infinity;
          for (let n = 1; n <= count; n++) {
            const time = timeOfLine(timeline, n);
            if (time === undefined) return timeline.spoken.length === 0;
            assert.ok(time >= previous, `line ${n}: ${time} < ${previous}`);
            assert.ok(time >= 0 && (length === undefined || time <= length));
            previous = time;
            const back = lineAtTime(timeline, time);
            assert.ok(back !== undefined);
            // The line found is a spoken line at or after this one with the same time.
            assert.equal(timeOfLine(timeline, back), time);
            if (timeline.spoken.includes(n)) assert.ok(back >= n);
          }
          return true;
        }),
      );
    });

    it('time → line is monotone', () => {
      fc.assert(
        fc.property(transcript, duration, fc.array(fc.double({ min: 0, max: 5 * 3600, noNaN: true }), { minLength: 2, maxLength: 10 }), (text, length, times) => {
          const { timeline } = timelineOf(text, length);
          const lines = [...times].sort((a, b) => a - b).map((t) => lineAtTime(timeline, t) ?? 0);
          for (let i = 1; i < lines.length; i++) assert.ok((lines[i] as number) >= (lines[i - 1] as number));
        }),
      );
    });
  });
});

function clockText(seconds: number): string {
  return [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60].map((v) => String(v).padStart(2, '0')).join(':');
}
