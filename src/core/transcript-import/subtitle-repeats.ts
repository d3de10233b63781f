/**
 * Captions written for watching, read as a transcript: what a viewer sees twice is kept
 * once, and cues of one word each are put back into sentences.
 *
 * - Karaoke: Whisper tools (whisper `--highlight_words`, stable-ts) write one cue per word,
 *   each repeating the whole sentence with that word underlined or coloured.
 * - Rolling captions: YouTube's automatic captions show two lines, each cue repeating the
 *   line the cue before ended with, plus 10 ms cues repeating the last line alone.
 * - Word-level cues: whisperX and whisper-timestamped write a cue per word.
 *
 * Repeats are only dropped in a file that repeats itself often (see REPEATS_TO_TRUST), so
 * an ordinary file where someone says "Ya." twice in a row keeps both.
 */
import type { Cue } from './subtitle-cues';

/** A file is taken as karaoke or rolling when at least this share of its cues repeat the cue before. */
const REPEATS_TO_TRUST = 0.1;
/** A file is word-level when at least this share of its cues hold a single word. */
const SINGLE_WORD_SHARE = 0.8;
/** Fewer cues than this are too few to tell a word-level file from short answers. */
const MIN_WORD_CUES = 10;
/** A pause this long (seconds) between word cues ends a sentence that has no full stop. */
const SENTENCE_PAUSE = 1.5;
/** A sentence of word cues that never ends is cut after this many words, so lines stay codable. */
const MAX_SENTENCE_WORDS = 60;

export function dropRepeats(cues: readonly Cue[], file: string): { cues: Cue[]; notices: string[] } {
  const overlaps = cues.map((cue, index) => (index === 0 ? 0 : repeatedLines(cues[index - 1] as Cue, cue)));
  const repeating = overlaps.filter((overlap) => overlap > 0).length;
  if (repeating === 0 || repeating < Math.max(2, cues.length * REPEATS_TO_TRUST)) return { cues: [...cues], notices: [] };

  const kept: Cue[] = [];
  let whole = 0;
  let partly = 0;
  cues.forEach((cue, index) => {
    const overlap = overlaps[index] ?? 0;
    if (overlap === 0) kept.push(cue);
    else if (overlap >= cue.lines.length) whole++;
    else {
      partly++;
      const lines = cue.lines.slice(overlap);
      const speaker = cue.parts[0]?.speaker;
      const text = lines.join(' ');
      kept.push({ ...cue, lines, parts: [speaker === undefined ? { text } : { speaker, text }] });
    }
  });
  const notices: string[] = [];
  if (whole > 0) notices.push(`${file}: ${whole} cue(s) repeating the cue before them (karaoke word highlighting or rolling captions) kept once`);
  if (partly > 0) notices.push(`${file}: ${partly} cue(s) opening with the last line of the cue before them (rolling captions) kept from their first new line`);
  return { cues: kept, notices };
}

/**
 * How many of the cue's first lines repeat the last lines of the cue before, when both are
 * one speaker's (or no one's) and the same one's. 0 when none do.
 */
function repeatedLines(before: Cue, cue: Cue): number {
  const speaker = singleSpeaker(cue);
  if (speaker === false || speaker !== singleSpeaker(before)) return 0;
  for (let count = Math.min(before.lines.length, cue.lines.length); count > 0; count--) {
    const tail = before.lines.slice(before.lines.length - count);
    if (tail.every((line, index) => line === cue.lines[index])) return count;
  }
  return 0;
}

/** The one speaker of all the cue's parts (undefined: no one named), or false when there are several. */
function singleSpeaker(cue: Cue): string | undefined | false {
  const speakers = new Set(cue.parts.map((part) => part.speaker));
  return speakers.size === 1 ? [...speakers][0] : false;
}

/** Whether most cues hold one word each: a word-level file. */
export function isWordLevel(cues: readonly Cue[]): boolean {
  if (cues.length < MIN_WORD_CUES) return false;
  const single = cues.filter((cue) => cue.parts.length === 1 && !/\s/u.test(cue.parts[0]?.text ?? ' ')).length;
  return single >= cues.length * SINGLE_WORD_SHARE;
}

/**
 * Word cues joined into sentences: a sentence ends at a full stop, question or exclamation
 * mark (closing quotes and brackets may follow), a change of speaker, or a pause.
 */
export function sentencesOf(cues: readonly Cue[]): Cue[] {
  const sentences: Cue[] = [];
  let current: { cue: Cue; words: string[]; speaker: string | undefined } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const text = current.words.join(' ');
    sentences.push({ ...current.cue, parts: [current.speaker === undefined ? { text } : { speaker: current.speaker, text }], lines: [text] });
    current = undefined;
  };
  for (const cue of cues) {
    const speaker = cue.parts[0]?.speaker;
    const sameSpeaker = cue.parts.every((part) => part.speaker === speaker);
    if (current !== undefined && (!sameSpeaker || speaker !== current.speaker || cue.start - current.cue.end >= SENTENCE_PAUSE)) flush();
    if (!sameSpeaker) {
      sentences.push(cue);
      continue;
    }
    const words = cue.parts.map((part) => part.text);
    if (current === undefined) current = { cue: { ...cue }, words, speaker };
    else {
      current.words.push(...words);
      current.cue.end = cue.end;
    }
    const last = words[words.length - 1] ?? '';
    if (/[.?!…。？！]["'”’»)\]]*$/u.test(last) || current.words.length >= MAX_SENTENCE_WORDS) flush();
  }
  flush();
  return sentences;
}
