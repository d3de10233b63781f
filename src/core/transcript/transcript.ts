/**
 * The line model of a transcript that the editor, the summary and the exporters share
 * (DESIGN §3 "Transcripts"): which lines are front matter, blank, speaker turns or
 * other text; where the speaker label, the timestamp, the non-verbal notes and the
 * spoken text (the body, which quotes are made from) lie on each line.
 *
 * Input is decoded text (see encoding.ts): LF line endings, no BOM. A line is what a
 * sidecar's `lines` count: the text between line breaks, where a final line break ends
 * the last line rather than starting an empty one — `'a\nb\n'` has 2 lines, `'a'` has
 * 1, and an empty file has 0. (This is how `wc -l` and git count; an editor shows one
 * more, empty, line after a final newline, which nothing can be coded on.)
 */
import { parseDocument } from 'yaml';
import { lineColumnAt, MAX_FRONT_MATTER_CHARS, problem, type Problem } from '../problems';
import { yamlBoundsProblem } from '../yaml';
import { speakerLabelAt, timestampAt, timestampInside, type Span, type Timestamp } from './lines';

export type { Span } from './lines';

type LineKind = 'front-matter' | 'blank' | 'turn' | 'text';

export interface TranscriptLine {
  /** 1-based. */
  number: number;
  text: string;
  kind: LineKind;
  /** `Name: text`, `**Name:** text` or `**Name**: text`; `name` without asterisks and colon, the span covers the whole label. */
  speaker?: { name: string; span: Span };
  /** At the start of the line, before or after the speaker label. `text` is the time without brackets; the span includes them. */
  timestamp?: Timestamp;
  /** Bracketed non-verbal notes anywhere on the line, e.g. `[tertawa]`: `text` is the inside, trimmed; the span includes the brackets. */
  notes: Array<{ text: string; span: Span }>;
  /** The spoken text: after the speaker label and timestamp, trimmed. Empty for front matter and blank lines. */
  body: Span;
}

interface FrontMatter {
  data: Record<string, unknown>;
  /** Always 1: front matter opens on the first line. */
  firstLine: number;
  /** The closing `---` (or `...`) line. */
  lastLine: number;
}

export interface Transcript {
  lines: TranscriptLine[];
  frontMatter?: FrontMatter;
  /** Distinct speaker names, in order of first appearance. */
  speakers: string[];
}

;

/** Splits LF text into lines; see the module comment for how lines are counted. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `splitLines(text).length`, without building the lines. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  let breaks = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks++;
  return text.endsWith('\n') ? breaks : breaks + 1;
}

/** The body text of each line (front matter and blank lines give ''), for quoteOfLines. */
export function lineBodies(transcript: Transcript): string[] {
  return transcript.lines.map((line) => line.text.slice(line.body.start, line.body.end));
}

export function parseTranscript(text: string, file: string): { transcript: Transcript; problems: Problem[] } {
  const texts = splitLines(text);
  const problems: Problem[] = [];
  const frontMatter = readFrontMatter(texts, file, problems);
  const parser = new LineParser(frontMatter?.lastLine ?? 0);
  const lines = texts.map((lineText, index) => parser.parse(lineText, index + 1));
  return { transcript: parser.transcript(lines, frontMatter), problems };
}

/** Lines parsed between two pauses of parseTranscriptInSteps. */
const LINES_PER_STEP = 2_000;

/**
 * parseTranscript's result, with `pause()` awaited after every LINES_PER_STEP lines: the
 * editor parses a 100,000-line transcript in its extension host without holding it for
 * more than a few milliseconds at a time (issue 19). The pause is given, so this stays
 * free of any runtime.
 */
export async function parseTranscriptInSteps(
  text: string,
  file: string,
  pause: () => Promise<void>,
  linesPerStep = LINES_PER_STEP,
): Promise<{ transcript: Transcript; problems: Problem[] }> {
  const texts = splitLines(text);
  const problems: Problem[] = [];
  const frontMatter = readFrontMatter(texts, file, problems);
  const parser = new LineParser(frontMatter?.lastLine ?? 0);
  const lines: TranscriptLine[] = [];
  for (let start = 0; start < texts.length; start += linesPerStep) {
    if (start > 0) await pause();
    const end = Math.min(texts.length, start + linesPerStep);
    for (let index = start; index < end; index++) lines.push(parser.parse(texts[index] as string, index + 1));
  }
  return { transcript: parser.transcript(lines, frontMatter), problems };
}

/** Parses lines one by one in order, gathering the speakers in order of first appearance. */
class LineParser {
  private readonly speakers: string[] = [];
  private readonly seenSpeakers = new Set<string>();

  constructor(private readonly frontMatterEnd: number) {}

  parse(lineText: string, number: number): TranscriptLine {
    if (number <= this.frontMatterEnd) {
      return { number, text: lineText, kind: 'front-matter', notes: [], body: { start: 0, end: 0 } };
    }
    const line = parseLine(lineText, number);
    if (line.speaker !== undefined && !this.seenSpeakers.has(line.speaker.name)) {
      this.seenSpeakers.add(line.speaker.name);
      this.speakers.push(line.speaker.name);
    }
    return line;
  }

  transcript(lines: TranscriptLine[], frontMatter: FrontMatter | undefined): Transcript {
    const speakers = this.speakers;
    return frontMatter === undefined ? { lines, speakers } : { lines, frontMatter, speakers };
  }
}

/** One line outside the front matter. Linear in the line's length, however long. */
export function parseLine(text: string, number: number): TranscriptLine {
  const head = lineHead(text);
  const line: TranscriptLine = { number, text, kind: head.kind, notes: findNotes(text), body: head.body };
  if (head.speaker !== undefined) line.speaker = head.speaker;
  if (head.timestamp !== undefined) line.timestamp = head.timestamp;
  return line;
}

/**
 * The body of one line outside the front matter, as parseLine finds it. For checking
 * quotes, which read only bodies: it skips the notes parseLine collects.
 */
export function lineBodyOf(text: string): string {
  const { body } = lineHead(text);
  return text.slice(body.start, body.end);
}

/** What starts a line — timestamp, speaker label — and so where its body is. */
function lineHead(text: string): Pick<TranscriptLine, 'kind' | 'body' | 'speaker' | 'timestamp'> {
  const contentStart = skipWhitespace(text, 0);
  if (contentStart === text.length) return { kind: 'blank', body: { start: 0, end: 0 } };
  // A Markdown heading is structure, not a turn, even when it ends with a colon.
  if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(text)) return { kind: 'text', body: trimmedSpan(text, contentStart, text.length) };

  let position = contentStart;
  let timestamp = timestampAt(text, position);
  if (timestamp !== undefined) position = skipSeparator(text, timestamp.span.end);

  const speaker = speakerLabelAt(text, position);
  if (speaker !== undefined) {
    position = skipWhitespace(text, speaker.span.end);
    if (timestamp === undefined) {
      timestamp = timestampAt(text, position);
      if (timestamp !== undefined) position = skipSeparator(text, timestamp.span.end);
    }
  }

  const head: ReturnType<typeof lineHead> = { kind: speaker === undefined ? 'text' : 'turn', body: trimmedSpan(text, position, text.length) };
  if (speaker !== undefined) head.speaker = speaker;
  if (timestamp !== undefined) head.timestamp = timestamp;
  return head;
}

/**
 * Bracketed notes: `[inaudible]`, `[tertawa]`, `[jeda 3 detik]`. Not timestamps, not
 * Markdown links or images (`[x](y)`), not footnote references (`[^1]`), not empty
 * brackets. A `[` with another `[` before its `]` is dropped in favour of the inner one,
 * which keeps the scan linear.
 */
function findNotes(text: string): Array<{ text: string; span: Span }> {
  const notes: Array<{ text: string; span: Span }> = [];
  let open = text.indexOf('[');
  while (open >= 0) {
    let close = open + 1;
    while (close < text.length && text[close] !== ']' && text[close] !== '[') close++;
    if (close >= text.length) break;
    if (text[close] === '[') {
      open = close;
      continue;
    }
    const inside = text.slice(open + 1, close);
    const noteText = inside.trim();
    const isLink = text[close + 1] === '(';
    if (noteText !== '' && !isLink && !noteText.startsWith('^') && !timestampInside(inside)) {
      notes.push({ text: noteText, span: { start: open, end: close + 1 } });
    }
    open = text.indexOf('[', close + 1);
  }
  return notes;
}

const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
/** Front matter has no use for aliases; a small bound stops "billion laughs" expansion. */
const FRONT_MATTER_MAX_ALIASES = 10;

/**
 * YAML front matter: line 1 is `---` and a later line is `---` or `...` (trailing
 * spaces allowed, as editors leave them invisibly). Parsed with YAML's core schema, so
 * `date: 2022-01-07` stays the text the user wrote. A front matter that does not parse
 * keeps its lines as front matter (they are not interview text) with empty data and an
 * error; a `---` first line that is never closed is ordinary text, with a warning.
 */
/**
 * The last line of the front matter (0 when there is none) given a way to read lines:
 * the editor's live text asks this without building the whole transcript.
 */
export function frontMatterLastLine(lineAt: (line: number) => string | undefined): number {
  const first = lineAt(1);
  if (first === undefined || !FRONT_MATTER_OPEN.test(first)) return 0;
  for (let line = 2; ; line++) {
    const text = lineAt(line);
    if (text === undefined) return 0;
    if (FRONT_MATTER_CLOSE.test(text)) return line;
  }
}

function readFrontMatter(lines: readonly string[], file: string, problems: Problem[]): FrontMatter | undefined {
  const first = lines[0];
  if (first === undefined || !FRONT_MATTER_OPEN.test(first)) return undefined;
  const closeIndex = lines.findIndex((line, index) => index > 0 && FRONT_MATTER_CLOSE.test(line));
  if (closeIndex < 0) {
    problems.push(
      problem('front-matter-invalid', file, 1, 1, 'warning', "line 1 opens front matter with '---' but no later '---' or '...' line closes it; read as ordinary text"),
    );
    return undefined;
  }

  const lastLine = closeIndex + 1;
  const source = lines.slice(1, closeIndex).join('\n');
  // Source line 1 is file line 2, just below the opening '---'.
  const at = (offset: number): { line: number; column: number } => {
    const position = lineColumnAt(source, offset);
    return { line: position.line + 1, column: position.column };
  };
  const report = (severity: 'error' | 'warning', offset: number, message: string): void => {
    const { line, column } = at(offset);
    problems.push(problem('front-matter-invalid', file, line, column, severity, message));
  };

  // Too large or too deep for the YAML parser (limits.ts): its lines stay front matter, unread.
  const bounds = yamlBoundsProblem(source, 'The front matter', { maxChars: MAX_FRONT_MATTER_CHARS });
  if (bounds !== undefined) {
    problems.push(problem('too-large', file, bounds.line + 1, 1, 'error', bounds.message));
    return { data: {}, firstLine: 1, lastLine };
  }
  const document = parseDocument(source, { schema: 'core', prettyErrors: false, uniqueKeys: true });
  for (const warning of document.warnings) report('warning', warning.pos[0], `front matter: ${warning.message}`);
  if (document.errors.length > 0) {
    for (const error of document.errors) report('error', error.pos[0], `front matter is not valid YAML: ${error.message}`);
    return { data: {}, firstLine: 1, lastLine };
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: FRONT_MATTER_MAX_ALIASES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(problem('front-matter-invalid', file, 1, 1, 'error', `front matter could not be read: ${reason}`));
    return { data: {}, firstLine: 1, lastLine };
  }
  if (value === null || value === undefined) return { data: {}, firstLine: 1, lastLine };
  if (typeof value !== 'object' || Array.isArray(value)) {
    report('error', 0, `front matter must be 'key: value' lines (a YAML mapping), not ${Array.isArray(value) ? 'a list' : 'a single value'}`);
    return { data: {}, firstLine: 1, lastLine };
  }
  return { data: value as Record<string, unknown>, firstLine: 1, lastLine };
}

/** After a timestamp: whitespace, then optionally a dash or bar separator (`00:12:34 - P: …`). */
function skipSeparator(text: string, from: number): number {
  const afterSpace = skipWhitespace(text, from);
  const separator = text[afterSpace];
  if ((separator === '-' || separator === '–' || separator === '—' || separator === '|') && afterSpace > from) {
    const next = text[afterSpace + 1];
    if (next === undefined || isWhitespace(next)) return skipWhitespace(text, afterSpace + 1);
  }
  return afterSpace;
}

function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && isWhitespace(text[index] ?? '')) index++;
  return index;
}

/** The span `start..end` without leading and trailing whitespace (the same set as String.prototype.trim). */
function trimmedSpan(text: string, start: number, end: number): Span {
  let from = start;
  let to = end;
  while (from < to && isWhitespace(text[from] ?? '')) from++;
  while (to > from && isWhitespace(text[to - 1] ?? '')) to--;
  return { start: from, end: to };
}

function isWhitespace(char: string): boolean {
  return char !== '' && char.trim() === '';
}
