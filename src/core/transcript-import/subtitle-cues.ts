/**
 * The cues of a WebVTT or SRT file, read by the W3C's own WebVTT parser (`webvtt-parser`,
 * the parser behind the W3C validator: pure JavaScript, no Node built-ins), so cue
 * timings without a blank line before them, NOTE/STYLE blocks, `<v>` voices, inline
 * timestamps, class spans and entities are read as the WebVTT specification says.
 *
 * Three things are done before the parser sees the text, each keeping every line where it
 * was so the parser's line numbers stay the file's:
 * - Timings other tools write that the specification rejects are rewritten in its form:
 *   one-digit fields (`0:0:0.0 --> 0:0:0.570`, Microsoft Teams before 2021, whose fraction
 *   is a count of milliseconds written without padding: `0:0:6.90` is 6.090 s) and SRT's
 *   comma before the milliseconds.
 * - SRT is SubRip's de facto format, which has no specification: it is read as WebVTT
 *   without the header line; a cue number standing right above a timing line, with no
 *   blank line before it, is a cue number and not the last line of the cue before; a `<`
 *   that opens no tag (`<3`) is text; `{\an8}` placement codes are dropped.
 * - REGION blocks, which this parser does not know, are set aside as the specification
 *   does with them (they place cues on screen and hold no text).
 *
 * What is left out is said, with its line: text outside any cue, cues whose timing cannot
 * be read.
 */
import { WebVTTParser, type Tree, type TreeNode, type TreeNodeObjectTagNameWithRt } from 'webvtt-parser';

export type SubtitleFormat = 'vtt' | 'srt';

export interface CuePart {
  speaker?: string;
  text: string;
}

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  /** The cue's text by voice, whitespace collapsed: Teams may put two voices in one cue. */
  parts: CuePart[];
  /** The cue's text lines without markup, trimmed, empty ones left out: what a viewer sees. */
  lines: string[];
}

export class SubtitleError extends Error {}

/** One timestamp as any tool writes it: hours optional, fields of one or two digits, `.` or `,`. */
const LOOSE_TIME = String.raw`(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?`;
const LOOSE_TIMING = new RegExp(String.raw`^([ \t]*)${LOOSE_TIME}[ \t]*-->[ \t]*${LOOSE_TIME}(?=$|[ \t])(.*)$`, 'u');

/** Entities the specification names, and the two HTML ones tools write anyway. */
const ENTITIES = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
  '&nbsp;': '\u00a0',
  '&quot;': '"',
  '&apos;': "'",
} as const;

/** Parser messages that mean a line of text was not taken into any cue. */
const TEXT_OUTSIDE_CUES = new Set(['Cue identifier cannot be standalone.', 'Cue identifier needs to be followed by timestamp.']);

export function readCues(source: string, format: SubtitleFormat, file: string): { cues: Cue[]; notices: string[] } {
  const lines = source.replace(/^\ufeff/u, '').split(/\r\n|\r|\n/u);
  const notices: string[] = [];
  let kind = format;
  if (kind === 'vtt' && !/^WEBVTT(?:[ \t]|$)/u.test(lines[0] ?? '')) {
    const looksLikeSrt = lines.some((line) => /^\s*\d+:\d+:\d+,\d+\s*-->/u.test(line));
    throw new SubtitleError(
      `${file}:1:1: a WebVTT file starts with "WEBVTT"; this one does not${looksLikeSrt ? ' (its timings use commas, as SubRip does: rename it to .srt)' : ''}`,
    );
  }
  if (kind === 'srt' && /^WEBVTT(?:[ \t]|$)/u.test(lines[0] ?? '')) {
    notices.push(`${file}:1: starts with "WEBVTT": read as WebVTT`);
    kind = 'vtt';
  }
  // SRT gets a header line of its own; every line number the parser reports is one more.
  const offset = kind === 'srt' ? 1 : 0;
  const prepared = prepareLines(lines, kind, file, notices);
  const setAside = regionLines(prepared);
  const parsed = new WebVTTParser({ ...ENTITIES }).parse((kind === 'srt' ? ['WEBVTT', ...prepared] : prepared).join('\n'), 'subtitles');

  for (const error of parsed.errors) {
    // The parser reports these one line late: after stepping past the line it could not use.
    const line = error.line - 1 - offset;
    if (!TEXT_OUTSIDE_CUES.has(error.message) || setAside.has(line)) continue;
    const text = (lines[line - 1] ?? '').trim();
    if (text !== '') notices.push(`${file}:${line}: "${preview(text)}" is outside any cue (no timing line above it); left out`);
  }
  const cues: Cue[] = [];
  for (const cue of parsed.cues) {
    const read = readTree(cue.tree);
    if (read.lines.length > 0) cues.push({ start: cue.startTime, end: cue.endTime, parts: read.parts, lines: read.lines });
  }
  return { cues, notices };
}

/** Timings put in the specification's form and SRT's quirks settled, line for line. */
function prepareLines(lines: readonly string[], format: SubtitleFormat, file: string, notices: string[]): string[] {
  const prepared = [...lines];
  let teamsTimings = 0;
  for (let index = 0; index < prepared.length; index++) {
    const line = prepared[index] ?? '';
    if (!line.includes('-->')) {
      if (format === 'srt') prepared[index] = srtText(line);
      continue;
    }
    const timing = LOOSE_TIMING.exec(line);
    if (timing === null) {
      notices.push(`${file}:${index + 1}: cue timing "${preview(line.trim())}" not understood; ${cueTextPreview(lines, index)} left out`);
      continue;
    }
    const [, indent = '', h1, m1, s1, f1, h2, m2, s2, f2, settings = ''] = timing;
    const teamsStyle = [m1, s1, m2, s2].some((field) => field?.length === 1);
    if (teamsStyle) teamsTimings++;
    prepared[index] = `${indent}${canonicalTime(h1, m1, s1, f1, teamsStyle)} --> ${canonicalTime(h2, m2, s2, f2, teamsStyle)}${settings}`;
    // SubRip numbers cues; a number right above a timing line belongs to that cue even
    // when the blank line before it is missing.
    if (format === 'srt' && index >= 2 && /^\s*\d+\s*$/u.test(prepared[index - 1] ?? '') && (prepared[index - 2] ?? '').trim() !== '') {
      prepared[index - 1] = '';
    }
  }
  if (teamsTimings > 0) {
    notices.push(`${file}: ${teamsTimings} cue timing(s) written with one-digit fields (as Microsoft Teams wrote them) read as hours:minutes:seconds.milliseconds`);
  }
  return prepared;
}

function canonicalTime(hours: string | undefined, minutes: string | undefined, seconds: string | undefined, fraction: string | undefined, teamsStyle: boolean): string {
  // Teams writes milliseconds as a number ("5.90" is 5.090 s); everyone else writes a decimal fraction.
  const millis = fraction === undefined ? '000' : teamsStyle ? fraction.padStart(3, '0') : fraction.padEnd(3, '0');
  return `${(hours ?? '0').padStart(2, '0')}:${(minutes ?? '0').padStart(2, '0')}:${(seconds ?? '0').padStart(2, '0')}.${millis}`;
}

/** SRT cue text as WebVTT cue text: `<` that opens no tag is text; `{\an8}` placement codes go. */
function srtText(line: string): string {
  return line.replace(/\{\\[^{}]*\}/gu, '').replace(/<(?![/a-zA-Z])/gu, '&lt;');
}

/** Lines of REGION blocks (1-based): settings for placing cues, no text. */
function regionLines(lines: readonly string[]): Set<number> {
  const set = new Set<number>();
  let inRegion = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') inRegion = false;
    else if (/^REGION(?:[ \t]|$)/u.test(line) && (index === 0 || (lines[index - 1] ?? '').trim() === '')) inRegion = true;
    if (inRegion) set.add(index + 1);
  });
  return set;
}

/** The cue's text by voice, and its visible lines. */
function readTree(tree: Tree): { parts: CuePart[]; lines: string[] } {
  const raw: Array<{ speaker?: string; text: string }> = [];
  const push = (speaker: string | undefined, text: string): void => {
    const last = raw[raw.length - 1];
    if (last !== undefined && last.speaker === speaker) last.text += text;
    else raw.push(speaker === undefined ? { text } : { speaker, text });
  };
  const walk = (nodes: ReadonlyArray<TreeNode<TreeNodeObjectTagNameWithRt>>, speaker: string | undefined): void => {
    for (const node of nodes) {
      if (node.type === 'text') push(speaker, node.value);
      else if (node.type === 'object') {
        if (node.name === 'v') walk(node.children, voiceName(node.value) ?? speaker);
        else if (node.name === 'rt') {
          // Ruby text is how the base text is read: kept, in brackets after it.
          push(speaker, '(');
          walk(node.children, speaker);
          push(speaker, ')');
        } else walk(node.children, speaker);
      }
      // Inline timestamps (karaoke timing within a cue) carry no text.
    }
  };
  walk(tree.children, undefined);
  const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();
  const parts = raw.map((part) => ({ ...part, text: collapse(part.text) })).filter((part) => part.text !== '');
  const lines = raw.map((part) => part.text).join('').split('\n').map(collapse).filter((line) => line !== '');
  return { parts, lines };
}

/** noScribe marks overlapping speech with "//", and sometimes writes it into the voice name. */
function voiceName(annotation: string | undefined): string | undefined {
  const name = (annotation ?? '').replace(/^\s*(?:\/\/)?\s*|\s*(?:\/\/)?\s*$/gu, '').replace(/\s+/gu, ' ');
  return name === '' ? undefined : name;
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function cueTextPreview(lines: readonly string[], timingIndex: number): string {
  const text: string[] = [];
  for (let index = timingIndex + 1; index < lines.length && (lines[index] ?? '').trim() !== ''; index++) text.push((lines[index] ?? '').trim());
  return text.length === 0 ? 'the cue' : `its text "${preview(text.join(' '))}"`;
}
