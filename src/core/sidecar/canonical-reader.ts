/**
 * The fast path for reading a sidecar: a line scanner for the shape the writer produces
 * (DESIGN §3) — `version`, `transcript`, `attributes` and `codes` at column 0, attributes
 * two spaces in, each code a `  - id: …` item with its keys four spaces in, every value
 * plain, double-quoted, single-quoted, a `[first, last]` pair or a `|`/`|-` literal
 * block, and whole-line comments and empty lines anywhere between entries.
 *
 * It reads such a file at about 100 MB/s, where the `yaml` library's parser reads 2–3
 * MB/s — too slow to index a study of 200,000 codes (bench/RESULTS.md). It
 * answers only when its answer is certain to be the precise parser's: on anything else —
 * a style it does not know, a value that would draw a warning or an error, a tab, a
 * control character, a conflict marker — it returns undefined, and `parseSidecar` reads
 * the file with the precise parser, so messages about broken files keep their exact
 * positions and wording. Property tests check that both agree on every sidecar the
 * writer can produce, and that odd input is left to the precise parser.
 *
 * Longer than the house's 400 lines on purpose: the scanner and its scalar readers are
 * one hot loop, and split across modules every call to an imported function costs a
 * getter under the transpilers the tests and the bench run (the figures in bench/ are
 * taken on this file as it is).
 */
import { CODE_ID_PATTERN, CODE_PATH_PATTERN, POLARITY_PATTERN } from './read-codes';
import { SIDECAR_SUFFIX, SIDECAR_VERSION, SOURCE_TYPES } from './model';
import type { CodeEntry, SidecarData, SourcePosition } from './model';
import type { ParsedSidecarSource } from './yaml-nodes';
import { MAX_YAML_CHARS, MAX_YAML_NESTING, type Problem } from '../problems';
import { containsConflictMarker } from '../text';
import { yamlBoundsProblem } from '../yaml';

/** What the fast path returns: exactly the precise parser's result for a clean file. */
export interface FastSidecarRead {
  status: 'ok';
  data: SidecarData;
  problems: Problem[];
  codePositions: Map<string, SourcePosition>;
  source: ParsedSidecarSource;
}

/**
 * Characters after which the fast path gives up at once: tabs (indentation errors and
 * white space rules), C0/C1 controls and other characters YAML treats specially (NEL,
 * line and paragraph separators, BOM, non-characters), and lone surrogates.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNUSUAL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** `key: value` / `key:` at the start of `rest`; keys are plain words. */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/su;
/** The indicators the nesting estimate counts at the start of a line (see limits.ts). */
const LEADING_INDICATORS = /^(?:[-?:](?:[ \t]+|$))*/u;
/** What the nesting estimate reads as the start of a quote or a flow collection. */
const QUOTE_OR_BRACKET = /["'[\]{}]/u;
/** Keys that YAML reads as something other than text, and so could collide as values. */
const NON_TEXT_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
/** Characters a plain value may not start with (YAML indicators, quotes, space). */
const PLAIN_START_FORBIDDEN = new Set([...'-?:,[]{}#&*!|>\'"%@` ']);

/** Each key of a code, as a bit: a key seen twice is a duplicate key, which YAML refuses. */
const KEY_ID = 1;
const KEY_LINES = 2;
const KEY_CODE = 4;
const KEY_POLARITY = 8;
const KEY_FACTOR = 16;
const KEY_QUOTE = 32;
const KEY_MEMO = 64;
const KEY_CODER = 128;

/**
 * Which key of a code stands at column 4 and ends at `colon`; unknown keys give up (the
 * writer keeps them, and their values can be anything). Compared in place: slicing each
 * key out and looking it up costs more than the rest of reading a line.
 */
function codeKeyAt(line: string, colon: number): number {
  const length = colon - 4;
  switch (line.charCodeAt(4)) {
    case 0x69: // i
      if (length === 2 && line.charCodeAt(5) === 0x64) return KEY_ID;
      break;
    case 0x6c: // l
      if (length === 5 && line.startsWith('lines', 4)) return KEY_LINES;
      break;
    case 0x63: // c
      if (length === 4 && line.startsWith('code', 4)) return KEY_CODE;
      if (length === 5 && line.startsWith('coder', 4)) return KEY_CODER;
      break;
    case 0x70: // p
      if (length === 8 && line.startsWith('polarity', 4)) return KEY_POLARITY;
      break;
    case 0x66: // f
      if (length === 6 && line.startsWith('factor', 4)) return KEY_FACTOR;
      break;
    case 0x71: // q
      if (length === 5 && line.startsWith('quote', 4)) return KEY_QUOTE;
      break;
    case 0x6d: // m
      if (length === 4 && line.startsWith('memo', 4)) return KEY_MEMO;
      break;
  }
  return giveUp();
}
// Local copies: an imported binding read in a loop can cost a getter call per read when transpiled.
const ID = new RegExp(CODE_ID_PATTERN);
const CODE_PATH = new RegExp(CODE_PATH_PATTERN);
const POLARITY = new RegExp(POLARITY_PATTERN);

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Thrown inside the scanner to give up; never escapes this module. */
class Unusual extends Error {}
const UNUSUAL = new Unusual();
function giveUp(): never {
  throw UNUSUAL;
}

/** `dir/kaban.txt.codes.yaml` → `kaban.txt`; undefined when the name is not a sidecar's. */
export function transcriptNameOf(file: string): string | undefined {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.endsWith(SIDECAR_SUFFIX) && base.length > SIDECAR_SUFFIX.length ? base.slice(0, -SIDECAR_SUFFIX.length) : undefined;
}

/**
 * The precise parser's result for `source` when the file has the writer's shape and
 * reads without a single problem; undefined otherwise (read it with the precise parser).
 */
export function readCanonicalSidecar(source: ParsedSidecarSource, file: string): FastSidecarRead | undefined {
  return scan(source, file, undefined);
}

/**
 * Where each part of a sidecar read by the fast path stands, as 0-based line indices
 * into `lines` (the text split at LF, a final line break ending the last line): the line
 * an entry starts on, and one past the last line of its content (`contentEnd`), before
 * the loose lines — whole-line comments and empty lines — that may follow it. For the
 * fast writer (sidecar/canonical-writer.ts), which edits the text line by line.
 */
export interface CanonicalLayout {
  lines: string[];
  /** Top-level keys in file order. */
  topLevel: LaidOut<{ key: string }>[];
  attributes: LaidOut<{ name: string; value: string }>[];
  /**
   * Codes in file order, from their `- ` line. Inside a code with no loose line, a key's
   * line is the `- ` line or one indented by exactly four spaces: a literal block's lines
   * are indented deeper.
   */
  codes: LaidOut<{ code: CodeEntry; keysInWrittenOrder: boolean; looseLinesInside: boolean }>[];
}

export type LaidOut<T> = T & { start: number; contentEnd: number };

/**
 * The fast path's reading of `source` with the layout of its lines; undefined where the
 * fast path gives up. `file` may be '' to skip the check of the transcript's name.
 */
export function readCanonicalLayout(source: ParsedSidecarSource, file: string): { read: FastSidecarRead; layout: CanonicalLayout } | undefined {
  const layout: CanonicalLayout = { lines: [], topLevel: [], attributes: [], codes: [] };
  const read = scan(source, file, layout);
  return read === undefined ? undefined : { read, layout };
}

function scan(source: ParsedSidecarSource, file: string, layout: CanonicalLayout | undefined): FastSidecarRead | undefined {
  const { text } = source;
  // The precise parser refuses larger files outright (limits.ts).
  if (text.length > MAX_YAML_CHARS || UNUSUAL_CHARACTER.test(text) || containsConflictMarker(text)) return undefined;
  try {
    return new Scanner(text, file, layout).read(source);
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

class Scanner {
  private readonly lines: string[];
  private readonly endsWithBreak: boolean;
  private index = 0;
  /** Distinct indentations of the lines read, and the most `- `/`? `/`: ` indicators one starts with (see checkNesting). */
  private readonly indents = new Set<number>([0]);
  private maxIndicators = 0;
  /** A plain value or block line holds a quote or bracket, or a single-quoted value a `''`: see checkNesting. */
  private nestingUnclear = false;
  /** Whole-line comments and empty lines skipped so far (not those inside literal blocks). */
  private looseLines = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    /** Filled in as the lines are read, when the caller wants the layout. */
    private readonly layout: CanonicalLayout | undefined,
  ) {
    this.lines = text.split('\n');
    // A final line break ends the last line rather than starting an empty one.
    this.endsWithBreak = this.lines[this.lines.length - 1] === '';
    if (this.endsWithBreak) this.lines.pop();
    if (layout !== undefined) layout.lines = this.lines;
  }

  read(source: ParsedSidecarSource): FastSidecarRead {
    let version = false;
    let transcript: string | undefined;
    let attributes: Record<string, string> | undefined;
    let codes: { codes: CodeEntry[]; codePositions: Map<string, SourcePosition> } | undefined;
    const seen = new Set<string>();
    for (;;) {
      const line = this.nextEntryLine();
      if (line === undefined) break;
      if (line.charCodeAt(0) === 0x20) giveUp();
      const match = KEY.exec(line) ?? giveUp();
      const key = match[1] as string;
      const rest = match[2];
      if (seen.has(key)) giveUp();
      seen.add(key);
      const start = this.index;
      this.index++;
      switch (key) {
        case 'version':
          if (rest !== String(SIDECAR_VERSION)) giveUp();
          version = true;
          break;
        case 'transcript':
          transcript = this.value(rest, 0);
          break;
        case 'attributes':
          if (rest === '{}') attributes = {};
          else if (rest === undefined) attributes = this.attributes();
          else giveUp();
          break;
        case 'codes':
          if (rest === '[]') codes = { codes: [], codePositions: new Map() };
          else if (rest === undefined) codes = this.codes();
          else giveUp();
          break;
        default:
          // Unknown top-level keys are kept by the writer; their values can be anything.
          giveUp();
      }
      if (this.layout !== undefined) this.layout.topLevel.push({ key, start, contentEnd: this.topLevelContentEnd(key, start) });
    }
    if (!version || transcript === undefined || transcript === '') giveUp();
    const expected = transcriptNameOf(this.file);
    if (expected !== undefined && transcript !== expected) giveUp();
    const data: SidecarData = {
      version: SIDECAR_VERSION,
      transcript,
      attributes: attributes ?? {},
      codes: codes?.codes ?? [],
    };
    this.checkNesting();
    return { status: 'ok', data, problems: [], codePositions: codes?.codePositions ?? new Map(), source };
  }

  /** Where the content of the top-level entry `key` just read ends: its value's, or its last attribute's or code's. */
  private topLevelContentEnd(key: string, start: number): number {
    const layout = this.layout as CanonicalLayout;
    const children = key === 'attributes' ? layout.attributes : key === 'codes' ? layout.codes : undefined;
    if (children === undefined) return this.index;
    return children.length === 0 ? start + 1 : (children[children.length - 1] as { contentEnd: number }).contentEnd;
  }

  /**
   * The precise parser first refuses YAML nested deeper than MAX_YAML_NESTING, by a
   * line-by-line estimate (`yamlBoundsProblem`): indentation levels, `- `/`? `/`: `
   * indicators at a line's start, and `[`/`{` open outside quotes, carried from line to
   * line. Running it costs as much as this whole scanner, so for a file in the writer's
   * shape it is bounded instead: when no plain value or block line holds a quote or a
   * bracket and no single-quoted value an escaped quote, the estimate starts every line
   * outside quotes and brackets, so its indentation stack holds at most the distinct
   * indentations seen, and its bracket depth is at most one (`lines: [a, b]`, `{}`, `[]`).
   * Otherwise the estimate itself is run.
   */
  private checkNesting(): void {
    if (this.indents.size + this.maxIndicators + 1 > MAX_YAML_NESTING) giveUp();
    if (this.nestingUnclear && yamlBoundsProblem(this.text, 'This sidecar') !== undefined) giveUp();
  }

  /** The next line that is not empty and not a whole-line comment, without consuming it. */
  private nextEntryLine(): string | undefined {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (line === '') {
        this.looseLines++;
        this.index++;
        continue;
      }
      const spaces = leadingSpaces(line);
      if (line.charCodeAt(spaces) === 0x23) {
        // A whole-line comment ('#').
        this.looseLines++;
        this.indents.add(spaces);
        this.index++;
        continue;
      }
      this.indents.add(spaces);
      return line;
    }
    return undefined;
  }

  /** Lines of `name: value` two spaces in, up to the next line at column 0. */
  private attributes(): Record<string, string> {
    const entries: [string, string][] = [];
    const seen = new Set<string>();
    for (;;) {
      const line = this.nextEntryLine();
      if (line === undefined || line.charCodeAt(0) !== 0x20) break;
      if (line.charCodeAt(1) !== 0x20 || line.charCodeAt(2) === 0x20) giveUp();
      const match = KEY.exec(line.slice(2)) ?? giveUp();
      const name = match[1] as string;
      if (seen.has(name) || NON_TEXT_KEYS.has(name)) giveUp();
      seen.add(name);
      const start = this.index;
      this.index++;
      const value = this.value(match[2], 2);
      // Any other source type draws a warning from the precise parser.
      if (name === 'source' && !(SOURCE_TYPES as readonly string[]).includes(value)) giveUp();
      entries.push([name, value]);
      this.layout?.attributes.push({ name, value, start, contentEnd: this.index });
    }
    return Object.fromEntries(entries);
  }

  /** Items `  - key: value` with further keys four spaces in, up to the next line at column 0. */
  private codes(): { codes: CodeEntry[]; codePositions: Map<string, SourcePosition> } {
    const codes: CodeEntry[] = [];
    const codePositions = new Map<string, SourcePosition>();
    for (;;) {
      let line = this.nextEntryLine();
      if (line === undefined || line.charCodeAt(0) !== 0x20) break;
      if (!line.startsWith('  - ') || line.charCodeAt(4) === 0x20) giveUp();
      this.maxIndicators = Math.max(this.maxIndicators, 1);
      const lineNumber = this.index + 1;
      let seen = 0;
      // The key bits grow in the written key order (CODE_KEY_ORDER).
      let keysInWrittenOrder = true;
      const looseLinesBefore = this.looseLines;
      let looseLinesInside: boolean;
      let contentEnd: number;
      let id: string | undefined;
      let code: string | undefined;
      let polarity: string | undefined;
      let factor: string | undefined;
      let quote: string | undefined;
      let memo: string | undefined;
      let coder: string | undefined;
      let lines: [number, number] | undefined;
      for (;;) {
        const colon = keyEnd(line, 4);
        const key = codeKeyAt(line, colon);
        if ((seen & key) !== 0) giveUp();
        if (key < seen) keysInWrittenOrder = false;
        seen |= key;
        const rest = colon + 1 === line.length ? undefined : line.slice(colon + 2);
        this.index++;
        switch (key) {
          case KEY_ID:
            id = this.value(rest, 4);
            break;
          case KEY_LINES:
            lines = linesValue(rest);
            break;
          case KEY_CODE:
            code = this.value(rest, 4);
            break;
          case KEY_POLARITY:
            polarity = this.value(rest, 4);
            break;
          case KEY_FACTOR:
            factor = this.value(rest, 4);
            break;
          case KEY_QUOTE:
            quote = this.value(rest, 4);
            break;
          case KEY_MEMO:
            memo = this.value(rest, 4);
            break;
          default:
            coder = this.value(rest, 4);
        }
        // Loose lines skipped from here on are inside the code only if another key follows.
        contentEnd = this.index;
        looseLinesInside = this.looseLines !== looseLinesBefore;
        const next = this.nextEntryLine();
        if (next === undefined || next.charCodeAt(3) !== 0x20 || next.charCodeAt(4) === 0x20 || !next.startsWith('    ')) break;
        line = next;
      }
      if (
        id === undefined ||
        lines === undefined ||
        code === undefined ||
        polarity === undefined ||
        factor === undefined ||
        quote === undefined ||
        coder === undefined ||
        !ID.test(id) ||
        !CODE_PATH.test(code) ||
        !POLARITY.test(polarity) ||
        codePositions.has(id)
      ) {
        giveUp();
      }
      // Same keys in the same order as the precise reader builds them.
      const entry: CodeEntry = { id, lines, code, polarity, factor, quote, coder };
      if (memo !== undefined) entry.memo = memo;
      codes.push(entry);
      this.layout?.codes.push({ code: entry, keysInWrittenOrder, looseLinesInside, start: lineNumber - 1, contentEnd });
      // The item's map starts after "  - ", at column 5.
      codePositions.set(id, { line: lineNumber, column: 5 });
    }
    return { codes, codePositions };
  }

  /**
   * A scalar value written after `key: ` on the line just consumed (`keyIndent` is the
   * key's column): the text it stands for, as `scalarText` reads it. A literal block
   * consumes its lines.
   */
  private value(rest: string | undefined, keyIndent: number): string {
    if (rest === undefined || rest === '') giveUp();
    const first = rest.charAt(0);
    if (first === '"') return doubleQuoted(rest);
    if (first === "'") {
      if (rest.includes("''")) this.nestingUnclear = true;
      return singleQuoted(rest);
    }
    if (rest === '|' || rest === '|-') return this.literalBlock(rest === '|-', keyIndent);
    if (QUOTE_OR_BRACKET.test(rest)) this.nestingUnclear = true;
    return plain(rest);
  }

  /** The lines of a `|` or `|-` block after the header line, indentation detected from its first line. */
  private literalBlock(strip: boolean, keyIndent: number): string {
    const firstLine = this.lines[this.index];
    if (firstLine === undefined) giveUp();
    const indent = leadingSpaces(firstLine);
    if (indent <= keyIndent || indent === firstLine.length) giveUp();
    const content: string[] = [];
    let trailingEmpty = 0;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (line === '') {
        trailingEmpty++;
        content.push('');
        this.index++;
        continue;
      }
      const spaces = leadingSpaces(line);
      if (spaces === line.length) giveUp(); // a line of spaces only: its meaning depends on its length
      if (spaces < indent) break;
      trailingEmpty = 0;
      content.push(line.slice(indent));
      // Measured as the nesting estimate measures lines (checkNesting).
      const body = line.trimStart();
      this.indents.add(line.length - body.length);
      if (QUOTE_OR_BRACKET.test(body)) this.nestingUnclear = true;
      const indicators = (LEADING_INDICATORS.exec(body)?.[0] ?? '').replace(/[ \t]/gu, '').length;
      this.maxIndicators = Math.max(this.maxIndicators, indicators);
      this.index++;
    }
    // A block that runs to the end of a file without a final line break has no final
    // line break of its own either; not worth following.
    if (this.index === this.lines.length && !this.endsWithBreak) giveUp();
    // Empty lines after the block's text are not part of it (clip and strip chomping)
    // and are read again as the blank lines between entries.
    content.length -= trailingEmpty;
    this.index -= trailingEmpty;
    return strip ? content.join('\n') : content.join('\n') + '\n';
  }
}

/** The index of the ':' ending a plain key that starts at `start` and is followed by ' ' or the line's end. */
function keyEnd(line: string, start: number): number {
  let i = start;
  let char = line.charCodeAt(i);
  if (!(isLetter(char) || char === 0x5f)) giveUp();
  for (i++; i < line.length; i++) {
    char = line.charCodeAt(i);
    if (!(isLetter(char) || (char >= 0x30 && char <= 0x39) || char === 0x5f || char === 0x2d)) break;
  }
  if (char !== 0x3a || (i + 1 < line.length && line.charCodeAt(i + 1) !== 0x20)) giveUp();
  return i;
}

function isLetter(char: number): boolean {
  return (char >= 0x61 && char <= 0x7a) || (char >= 0x41 && char <= 0x5a);
}

/** `[first, last]` as the writer writes it: whole numbers from 1, no leading zeros, at most 15 digits so they stay exact. */
function linesValue(rest: string | undefined): [number, number] {
  if (rest === undefined || rest.charCodeAt(0) !== 0x5b || rest.charCodeAt(rest.length - 1) !== 0x5d) giveUp();
  const comma = rest.indexOf(', ');
  if (comma < 0) giveUp();
  const first = wholeNumber(rest, 1, comma);
  const last = wholeNumber(rest, comma + 2, rest.length - 1);
  if (first > last) giveUp();
  return [first, last];
}

function wholeNumber(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15 || text.charCodeAt(start) === 0x30) giveUp();
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) giveUp();
    value = value * 10 + digit;
  }
  return value;
}

function leadingSpaces(line: string): number {
  let spaces = 0;
  while (line.charCodeAt(spaces) === 0x20) spaces++;
  return spaces;
}

/** A plain value on one line, read as the characters written (as `scalarText` reads it). */
function plain(rest: string): string {
  if (PLAIN_START_FORBIDDEN.has(rest.charAt(0))) giveUp();
  // ": " or a final ":" would start a map, " #" a comment; trailing spaces are not part of a value.
  if (rest.includes(': ') || rest.includes(' #') || rest.endsWith(':') || rest.endsWith(' ')) giveUp();
  return rest;
}

/** A double-quoted value that ends on its own line, escapes resolved. */
function doubleQuoted(rest: string): string {
  // Most quotes hold no escape and no other quote: the text between the quotes, as is.
  const last = rest.length - 1;
  if (last > 0 && rest.charCodeAt(last) === 0x22) {
    const inner = rest.slice(1, last);
    if (!inner.includes('"') && !inner.includes('\\')) return inner;
  }
  let value = '';
  let runStart = 1;
  for (let i = 1; i < rest.length; i++) {
    const char = rest.charCodeAt(i);
    if (char === 0x22) {
      if (i !== rest.length - 1) giveUp();
      return value + rest.slice(runStart, i);
    }
    if (char !== 0x5c) continue;
    value += rest.slice(runStart, i);
    const escape = rest.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      i += 1;
    } else {
      const length = HEX_LENGTH[escape] ?? giveUp();
      const hex = rest.slice(i + 2, i + 2 + length);
      if (hex.length !== length || !/^[0-9a-fA-F]+$/u.test(hex)) giveUp();
      const codePoint = parseInt(hex, 16);
      if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) giveUp();
      value += String.fromCodePoint(codePoint);
      i += 1 + length;
    }
    runStart = i + 1;
  }
  // No closing quote on this line: the value goes on, which the fast path does not follow.
  return giveUp();
}

/** A single-quoted value that ends on its own line, `''` read as `'`. */
function singleQuoted(rest: string): string {
  let value = '';
  let runStart = 1;
  for (let i = 1; i < rest.length; i++) {
    if (rest.charCodeAt(i) !== 0x27) continue;
    if (rest.charCodeAt(i + 1) === 0x27) {
      value += rest.slice(runStart, i + 1);
      i++;
      runStart = i + 1;
      continue;
    }
    if (i !== rest.length - 1) giveUp();
    return value + rest.slice(runStart, i);
  }
  return giveUp();
}
