/**
 * The lines of an open document, kept in chunks so that one keystroke costs
 * O(chunks + chunk size) — a few hundred steps for 20,000 lines — instead of a scan of
 * the whole text. Each chunk knows its character count, so turning an offset into a
 * line and column walks chunks first and lines only inside one chunk.
 *
 * Lines are LF-separated; a line's text never contains '\n'. Every line, the last one
 * included, is counted with one extra character for its line break, so the document's
 * length is the sum of those counts minus one.
 */

/** Chunks are cut to this many lines when rebuilt... */
const TARGET_CHUNK_LINES = 128;
/** ...may grow to this many by edits before they are cut again... */
const MAX_CHUNK_LINES = 256;
/** ...and are merged into a neighbour when edits shrink them below this. */
const MIN_CHUNK_LINES = 32;

/**
 * A run of lines. A store made from a whole text keeps each chunk as offsets into that
 * text until an edit needs its lines as strings: opening a 20,000-line transcript then
 * makes the few thousand line strings that are read (the coded lines), not 20,000, and
 * leaves far less for the garbage collector to copy.
 */
class Chunk {
  /** The lines as strings, once made. */
  private made: string[] | undefined;
  /** Until then: line k is source[starts[k], starts[k + 1] - 1). */
  private source: string;
  private starts: Uint32Array | undefined;
  private count: number;

  private constructor(
    lines: string[] | undefined,
    source: string,
    starts: Uint32Array | undefined,
    count: number,
    /** Σ (line length + 1) over the chunk's lines. */
    public chars: number,
  ) {
    this.made = lines;
    this.source = source;
    this.starts = starts;
    this.count = count;
  }

  static ofLines(lines: string[]): Chunk {
    let chars = 0;
    for (const text of lines) chars += text.length + 1;
    return new Chunk(lines, '', undefined, lines.length, chars);
  }

  /** Lines of `source` starting at starts[0..count-1]; starts[count] is one past the last line's break. */
  static ofText(source: string, starts: Uint32Array): Chunk {
    const count = starts.length - 1;
    return new Chunk(undefined, source, starts, count, (starts[count] as number) - (starts[0] as number));
  }

  get lineCount(): number {
    return this.made === undefined ? this.count : this.made.length;
  }

  line(index: number): string {
    if (this.made !== undefined) return this.made[index] as string;
    const starts = this.starts as Uint32Array;
    return this.source.slice(starts[index], (starts[index + 1] as number) - 1);
  }

  lineLength(index: number): number {
    if (this.made !== undefined) return (this.made[index] as string).length;
    const starts = this.starts as Uint32Array;
    return (starts[index + 1] as number) - (starts[index] as number) - 1;
  }

  /** The lines as an array the store may change in place. */
  lines(): string[] {
    if (this.made === undefined) {
      const made: string[] = [];
      for (let index = 0; index < this.count; index++) made.push(this.line(index));
      this.made = made;
      this.source = '';
      this.starts = undefined;
    }
    return this.made;
  }

  /** The chunk's lines joined with line breaks. */
  text(): string {
    if (this.made !== undefined) return this.made.join('\n');
    const starts = this.starts as Uint32Array;
    return this.source.slice(starts[0], (starts[this.count] as number) - 1);
  }
}

export interface LinePosition {
  /** 1-based. */
  line: number;
  /** 0-based UTF-16 column. */
  column: number;
}

export class LineStore {
  private chunks: Chunk[];
  private count: number;
  private totalChars: number;
  /** Chunks and lines stepped over, for tests and benchmarks that check the per-edit cost. */
  private steps = 0;

  constructor(text: string) {
    this.chunks = chunksOfText(text);
    this.count = 0;
    for (const chunk of this.chunks) this.count += chunk.lineCount;
    this.totalChars = text.length + 1;
  }

  get lineCount(): number {
    return this.count;
  }

  /** Length of the text in UTF-16 code units. */
  get length(): number {
    return this.totalChars - 1;
  }

  /** Chunks and lines stepped over since the store was made. */
  get work(): number {
    return this.steps;
  }

  /** The line and column of an offset; `length` is the end of the last line. */
  positionAt(offset: number): LinePosition {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.length) {
      throw new RangeError(`offset ${offset} is outside the text (length ${this.length})`);
    }
    let remaining = offset;
    let lineBefore = 0;
    for (const chunk of this.chunks) {
      this.steps++;
      if (remaining >= chunk.chars) {
        remaining -= chunk.chars;
        lineBefore += chunk.lineCount;
        continue;
      }
      for (let index = 0; index < chunk.lineCount; index++) {
        this.steps++;
        const lineLength = chunk.lineLength(index);
        if (remaining <= lineLength) return { line: lineBefore + index + 1, column: remaining };
        remaining -= lineLength + 1;
      }
    }
    // Unreachable while the chunk counts are right; fail loudly rather than misplace codes.
    throw new Error('line store is inconsistent: offset not found');
  }

  lineText(line: number): string {
    const { chunk, index } = this.locate(line);
    return chunk.line(index);
  }

  /** Texts of lines first..last (1-based, inclusive). */
  lineTexts(first: number, last: number): string[] {
    const texts: string[] = [];
    if (last < first) return texts;
    let { chunkIndex, index } = this.locate(first);
    while (texts.length < last - first + 1) {
      const chunk = this.chunks[chunkIndex] as Chunk;
      for (; index < chunk.lineCount && texts.length < last - first + 1; index++) {
        this.steps++;
        texts.push(chunk.line(index));
      }
      chunkIndex++;
      index = 0;
    }
    return texts;
  }

  /** Replace one line's text (no line breaks in `text`). The fast path for typing. */
  setLine(line: number, text: string): void {
    const { chunk, index } = this.locate(line);
    const delta = text.length - chunk.lineLength(index);
    chunk.lines()[index] = text;
    chunk.chars += delta;
    this.totalChars += delta;
  }

  /** Replace lines first..last (1-based, inclusive) with `replacement` (at least one line). */
  replaceLines(first: number, last: number, replacement: readonly string[]): void {
    if (first < 1 || last > this.count || last < first || replacement.length === 0) {
      throw new RangeError(`cannot replace lines ${first}..${last} of ${this.count} with ${replacement.length} lines`);
    }
    const { chunkIndex: firstChunk, index: firstIndex } = this.locate(first);
    let lastChunk = firstChunk;
    let start = firstIndex;
    let toRemove = last - first + 1;
    let removedChars = 0;
    let suffix: string[] | undefined;
    while (suffix === undefined) {
      const chunk = this.chunks[lastChunk] as Chunk;
      const taken = Math.min(chunk.lineCount - start, toRemove);
      for (let index = start; index < start + taken; index++) {
        this.steps++;
        removedChars += chunk.lineLength(index) + 1;
      }
      toRemove -= taken;
      if (toRemove === 0) {
        suffix = chunk.lines().slice(start + taken);
      } else {
        lastChunk++;
        start = 0;
      }
    }
    const prefix = (this.chunks[firstChunk] as Chunk).lines().slice(0, firstIndex);
    this.steps += prefix.length + suffix.length + replacement.length;
    const rebuilt = cutIntoChunks(prefix.concat(replacement, suffix));
    this.chunks = this.chunks.slice(0, firstChunk).concat(rebuilt, this.chunks.slice(lastChunk + 1));
    this.mergeSmallChunk(firstChunk, rebuilt.length);
    let addedChars = 0;
    for (const text of replacement) addedChars += text.length + 1;
    this.count += replacement.length - (last - first + 1);
    this.totalChars += addedChars - removedChars;
  }

  /** The whole text. O(length): for tests and for handing the text back, not per keystroke. */
  text(): string {
    return this.chunks.map((chunk) => chunk.text()).join('\n');
  }

  private locate(line: number): { chunk: Chunk; chunkIndex: number; index: number } {
    if (!Number.isInteger(line) || line < 1 || line > this.count) {
      throw new RangeError(`line ${line} is outside the text (${this.count} lines)`);
    }
    let remaining = line - 1;
    for (let chunkIndex = 0; chunkIndex < this.chunks.length; chunkIndex++) {
      this.steps++;
      const chunk = this.chunks[chunkIndex] as Chunk;
      if (remaining < chunk.lineCount) return { chunk, chunkIndex, index: remaining };
      remaining -= chunk.lineCount;
    }
    throw new Error('line store is inconsistent: line not found');
  }

  /**
   * Keep lookups short after many deletions: a lone small chunk joins a neighbour when
   * the two fit in one chunk.
   */
  private mergeSmallChunk(at: number, rebuiltCount: number): void {
    if (rebuiltCount !== 1) return;
    const chunk = this.chunks[at] as Chunk;
    if (chunk.lineCount >= MIN_CHUNK_LINES) return;
    const previous = this.chunks[at - 1];
    const next = this.chunks[at + 1];
    if (previous !== undefined && previous.lineCount + chunk.lineCount <= MAX_CHUNK_LINES) {
      this.steps += chunk.lineCount;
      previous.lines().push(...chunk.lines());
      previous.chars += chunk.chars;
      this.chunks.splice(at, 1);
    } else if (next !== undefined && next.lineCount + chunk.lineCount <= MAX_CHUNK_LINES) {
      this.steps += chunk.lineCount;
      chunk.lines().push(...next.lines());
      chunk.chars += next.chars;
      this.chunks.splice(at + 1, 1);
    }
  }
}

/** How many chunks, of how many lines, a run of `lineCount` lines is cut into: even pieces, so a long paste leaves no tiny trailing chunk behind. */
function chunkSize(lineCount: number): number {
  const pieces = lineCount <= MAX_CHUNK_LINES ? 1 : Math.ceil(lineCount / TARGET_CHUNK_LINES);
  return Math.ceil(lineCount / pieces);
}

function cutIntoChunks(lines: readonly string[]): Chunk[] {
  if (lines.length === 0) return [];
  const size = chunkSize(lines.length);
  const chunks: Chunk[] = [];
  for (let start = 0; start < lines.length; start += size) chunks.push(Chunk.ofLines(lines.slice(start, start + size)));
  return chunks;
}

/** The chunks cutIntoChunks(text.split('\n')) would make, as offsets into `text`: no line string is made. */
function chunksOfText(text: string): Chunk[] {
  // Where every line starts, and one past the end of the last (as if it ended in a break).
  let lineCount = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCount++;
  const starts = new Uint32Array(lineCount + 1);
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  starts[lineCount] = text.length + 1;
  const size = chunkSize(lineCount);
  const chunks: Chunk[] = [];
  for (let start = 0; start < lineCount; start += size) {
    chunks.push(Chunk.ofText(text, starts.subarray(start, Math.min(start + size, lineCount) + 1)));
  }
  return chunks;
}
