import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTranscript } from '../../src/core/transcript-import/import-transcript';
import { quoteHolds, readQuote } from '../../src/core/anchoring/quote-rule';
import { lineBodyOf, parseTranscript } from '../../src/core/transcript/transcript';
import { strFromU8, unzipSync } from 'fflate';

const FIXTURES = join(__dirname, '..', 'fixtures', 'subtitles');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/**
 * The cues of the original, read without the importer: timing line, then text up to a blank line
 * or up to the next line holding "-->" (the W3C WebVTT parser ends a cue's text there).
 */
function originalCues(source: string): Array<{ start: number; text: string; voice?: string }> {
  const lines = source.replace(/\r\n?/gu, '\n').split('\n');
  const cues: Array<{ start: number; text: string; voice?: string }> = [];
  lines.forEach((line, index) => {
    const timing = /^(?:(\d+):)?(\d+):(\d+)[.,]\d+\s*-->/u.exec(line);
    if (timing === null) return;
    const text: string[] = [];
    for (let next = index + 1; next < lines.length && (lines[next] ?? '').trim() !== '' && !(lines[next] ?? '').includes('-->'); next++) {
      text.push(lines[next] ?? '');
    }
    const raw = text.join('\n');
    const voice = /<v\s+(?:\/\/)?([^>]+)>/u.exec(raw)?.[1];
    const plain = collapse(raw.replace(/<[^>]*>/gu, ' ').replace(/&amp;/gu, '&'));
    const start = Number(timing[1] ?? 0) * 3600 + Number(timing[2]) * 60 + Number(timing[3]);
    cues.push(voice === undefined ? { start, text: plain } : { start, text: plain, voice });
  });
  return cues;
}

interface Imported {
  lines: Array<{ seconds?: number; speaker?: string; body: string }>;
  notices: string[];
}

function imported(name: string): Imported {
  const result = importTranscript(name, readFileSync(join(FIXTURES, name)), {});
  const lines = parseTranscript(result.text, name).transcript.lines.map((line) => {
    const entry: { seconds?: number; speaker?: string; body: string } = { body: line.text.slice(line.body.start, line.body.end) };
    if (line.timestamp !== undefined) entry.seconds = line.timestamp.seconds;
    if (line.speaker !== undefined) entry.speaker = line.speaker.name;
    return entry;
  });
  return { lines, notices: result.notices };
}

/** Every cue's text arrives, in order, in the bodies (a cue repeated by karaoke may arrive at the same place). */
function assertEveryCueArrives(name: string, speakerPrefix?: RegExp): { cues: number; imported: Imported } {
  const cues = originalCues(read(name));
  const result = imported(name);
  const bodies = result.lines.map((line) => line.body).join(' ');
  let cursor = 0;
  for (const cue of cues) {
    const text = speakerPrefix === undefined ? cue.text : cue.text.replace(speakerPrefix, '');
    const at = bodies.indexOf(text, cursor);
    assert.ok(at >= 0, `${name}: cue "${text}" (at ${cue.start} s) did not arrive after position ${cursor}`);
    cursor = at;
  }
  // Every line starts with a timestamp that is a cue's start, in order.
  const starts = new Set(cues.map((cue) => cue.start));
  let previous = -1;
  for (const line of result.lines) {
    assert.ok(line.seconds !== undefined && starts.has(line.seconds), `${name}: line "${line.body.slice(0, 40)}" has no cue's start time`);
    assert.ok(line.seconds >= previous, `${name}: timestamps out of order`);
    previous = line.seconds;
  }
  return { cues: cues.length, imported: result };
}

describe('subtitle files written by other tools (test/fixtures/subtitles)', () => {
  it('noScribe WebVTT: 56 cues, every text kept, one line per turn with its voice', () => {
    const { cues, imported: result } = assertEveryCueArrives('noscribe-interview.vtt');
    assert.equal(cues, 56);
    const voices = originalCues(read('noscribe-interview.vtt')).map((cue) => cue.voice);
    const turns = voices.filter((voice, index) => voice === undefined || voice !== voices[index - 1]).length;
    assert.equal(result.lines.length, turns);
    assert.deepEqual([...new Set(result.lines.map((line) => line.speaker).filter((s) => s !== undefined))], ['S01', 'S00', 'S02']);
    assert.deepEqual(result.notices, []);
  });

  it('noScribe text: label before timestamp, the timestamp never in the body', () => {
    const source = read('noscribe-interview.txt');
    const turns = source.split('\n').filter((line) => /^S\d\d: \[\d\d:\d\d:\d\d\] /u.test(line));
    assert.equal(turns.length, 55);
    const { transcript } = parseTranscript(importTranscript('noscribe-interview.txt', readFileSync(join(FIXTURES, 'noscribe-interview.txt')), {}).text, 'x');
    const parsed = transcript.lines.filter((line) => line.kind === 'turn');
    assert.equal(parsed.length, turns.length);
    for (const [index, line] of parsed.entries()) {
      const expected = /^(S\d\d): \[(\d\d:\d\d:\d\d)\] (.*)$/u.exec(turns[index] ?? '');
      assert.equal(line.speaker?.name, expected?.[1]);
      assert.equal(line.timestamp?.text, expected?.[2]);
      assert.equal(lineBodyOf(line.text), expected?.[3]);
      // The same line with the timestamp first reads the same.
      assert.equal(lineBodyOf(`[${expected?.[2]}] ${expected?.[1]}: ${expected?.[3]}`), expected?.[3]);
    }
    // A quote copied with the label and timestamp, in either order, sits on its line.
    const first = parsed[0];
    assert.ok(first !== undefined);
    const bodyAt = (line: number): string => lineBodyOf(transcript.lines[line - 1]?.text ?? '');
    for (const quote of ['S01: [00:00:12] Guten Tag, ich habe heute die große', '[00:00:12] S01: Guten Tag, ich habe heute die große']) {
      assert.ok(quoteHolds(readQuote(quote), bodyAt, first.number, first.number), quote);
    }
    assert.ok(!quoteHolds(readQuote('S01: [00:00:12] Guten Tag, ich habe heute die große'), bodyAt, first.number + 2, first.number + 2));
  });

  it('stable-ts karaoke SRT: 31 cues, each repeating its sentence, become the 5 sentences of the WebVTT with inline timestamps', () => {
    const karaoke = assertEveryCueArrives('stable-ts-karaoke.srt');
    assert.equal(karaoke.cues, 31);
    const inline = assertEveryCueArrives('stable-ts-inline-timestamps.vtt');
    assert.equal(inline.cues, 5);
    assert.deepEqual(karaoke.imported.lines.map((line) => line.body), inline.imported.lines.map((line) => line.body));
    assert.equal(karaoke.imported.lines.length, 5);
    assert.match(karaoke.imported.notices.join('\n'), /26 cue\(s\) repeating the cue before them/u);
  });

  it('whisper-timestamped word SRT: 232 one-word cues become the 13 sentences of its segment SRT', () => {
    const words = assertEveryCueArrives('whisper-timestamped-radio-words.srt');
    assert.equal(words.cues, 232);
    const segments = assertEveryCueArrives('whisper-timestamped-radio.srt');
    assert.equal(segments.cues, 13);
    assert.deepEqual(words.imported.lines.map((line) => line.body), originalCues(read('whisper-timestamped-radio.srt')).map((cue) => cue.text));
    assert.deepEqual(words.imported.lines.map((line) => line.seconds), segments.imported.lines.map((line) => line.seconds));
  });

  it('whisperX: 156 word cues become sentences holding the same words as its 35 segments', () => {
    const words = assertEveryCueArrives('whisperx-sample01-words.srt');
    assert.equal(words.cues, 156);
    assert.equal(words.imported.lines.length, 33);
    const segments = assertEveryCueArrives('whisperx-sample01.srt');
    assert.equal(segments.cues, 35);
    assert.equal(segments.imported.lines.length, 35);
    const wordsOf = (lines: Imported['lines']): string[] => lines.flatMap((line) => line.body.split(' '));
    assert.deepEqual(wordsOf(words.imported.lines), originalCues(read('whisperx-sample01-words.srt')).map((cue) => cue.text));
  });

  it('Whisper SRT: 35 cues, one line each', () => {
    const whisper = assertEveryCueArrives('whisper-sample01.srt');
    assert.equal(whisper.cues, 35);
    assert.equal(whisper.imported.lines.length, 35);
  });

  it('Zoom layout: 4 cues, "Name: text" read as speakers, consecutive cues of one speaker one turn', () => {
    const zoom = assertEveryCueArrives('zoom-layout-example.vtt', /^[^:]{1,40}: /u);
    assert.equal(zoom.cues, 4);
    assert.deepEqual(zoom.imported.lines.map((line) => [line.seconds, line.speaker]), [[5, 'Christina'], [16, 'Chris']]);
  });

  it('youtube-dl download of YouTube captions: 13 two-line cues, one line each, nothing noticed', () => {
    const youtube = assertEveryCueArrives('youtube-dl-crash-course.vtt');
    assert.equal(youtube.cues, 13);
    assert.deepEqual(youtube.imported.lines.map((line) => line.body), originalCues(read('youtube-dl-crash-course.vtt')).map((cue) => cue.text));
    assert.deepEqual(youtube.imported.notices, []);
  });

  it('Word document (QualCoder example, Microsoft Office Word): every paragraph with text is one line, in order', () => {
    const bytes = readFileSync(join(FIXTURES, 'qualcoder-example-id1.docx'));
    // Its own reader: the paragraphs of word/document.xml and the text of their runs.
    const documentXml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml'] ?? new Uint8Array());
    const paragraphs = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)]
      .map((match) => collapse([...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((run) => run[1]).join('')))
      .filter((text) => text !== '');
    assert.equal(paragraphs.length, 3);
    const result = importTranscript('qualcoder-example-id1.docx', bytes, {});
    const lines = result.text.split('\n').filter((line) => line.trim() !== '');
    assert.deepEqual(lines.map(collapse), paragraphs);
  });

  it('YouTube automatic captions (rolling two-line cues, word timings, 10 ms repeats): every word once, in order', () => {
    const name = 'youtube-auto-captions-rolling.vtt';
    const rolling = assertEveryCueArrives(name);
    assert.equal(rolling.cues, 4);
    // Its own reading: each new caption line comes once, as the line carrying the <c> word timings.
    const source = read(name).split('\n');
    const timedLines = source.filter((line) => line.includes('<c>')).map((line) => collapse(line.replace(/<[^>]*>/gu, ' ')));
    assert.equal(timedLines.length, 2);
    assert.deepEqual(rolling.imported.lines.map((line) => line.body), timedLines);
    assert.deepEqual(rolling.imported.lines.map((line) => line.seconds), [0, 1]);
    assert.match(rolling.imported.notices.join('\n'), /2 cue\(s\) repeating the cue before them/u);
  });

  it('YouTube automatic captions through youtube-dl (colour classes, a timing line straight after a cue): 4 cues, no timing line kept as text', () => {
    const name = 'youtube-auto-captions-webvtt-py.vtt';
    const youtube = assertEveryCueArrives(name);
    assert.equal(youtube.cues, 4);
    assert.equal(read(name).split('\n').filter((line) => line.includes('-->')).length, 4);
    assert.deepEqual(youtube.imported.lines.map((line) => [line.seconds, line.body]), [
      [286, 'yeah'],
      [286, 'what'],
      [304, "this will happen is I'm telling"],
    ]);
    assert.ok(youtube.imported.lines.every((line) => !line.body.includes('-->') && !line.body.includes('align:')));
  });

  it('Teams layout (cue ids "uuid/32-0", <v Name>…</v>): 12 cues, 12 turns, each speaker from its voice tag, no cue id in the text', () => {
    const name = 'teams-layout-formatter-example.vtt';
    const teams = assertEveryCueArrives(name);
    assert.equal(teams.cues, 12);
    const voices = originalCues(read(name)).map((cue) => cue.voice);
    assert.deepEqual(teams.imported.lines.map((line) => line.speaker), voices);
    assert.ok(teams.imported.lines.every((line) => !/[0-9a-f]{8}-[0-9a-f]{4}/u.test(line.body) && !line.body.includes('<')));
    assert.deepEqual(teams.imported.notices, []);
  });

  it('old Teams file (one-digit timings, two voices in overlapping cues): both cues, both speakers', () => {
    const name = 'teams-old-timings-webvtt-py.vtt';
    const teams = assertEveryCueArrives(name);
    assert.equal(teams.cues, 2);
    assert.deepEqual(teams.imported.lines, [
      { seconds: 0, speaker: 'Yuri Bakulin', body: 'There you go.' },
      { seconds: 0, speaker: 'Adrian Petrescu', body: 'Why hello there, Yuri.' },
    ]);
    assert.match(teams.imported.notices.join('\n'), /2 cue timing\(s\) written with one-digit fields/u);
  });

  it('Teams through the Graph API: one-digit timings read, with a notice', () => {
    const teams = assertEveryCueArrives('teams-graph-api-example.vtt');
    assert.equal(teams.cues, 1);
    assert.deepEqual(teams.imported.lines, [{ seconds: 0, speaker: 'User Name', body: 'This is a transcript test.' }]);
    assert.match(teams.imported.notices.join('\n'), /1 cue timing\(s\) written with one-digit fields/u);
  });
});
