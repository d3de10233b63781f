/**
 * The layout of a block-style sidecar as lines: which lines belong to which key, code or
 * attribute, so the writer can move, keep or replace whole entries and leave every other
 * byte — comments, blank lines, alignment, quoting — as the user wrote it.
 *
 * Who owns a comment: the comment and blank lines directly above an entry, indented no
 * deeper than the entry itself, are its leading lines and move with it. Lines indented
 * deeper stay with the entry above them (they look like part of it). After the last
 * entry, shallow comment lines are the collection's trailer and stay at its end. Before
 * the first top-level key, everything is the file's header and stays on top.
 */
import { isMap, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { contentEnd } from '../yaml';

export class TextLines {
  readonly lines: string[];
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.lines = text.split('\n');
    // A final line break ends the last line; it does not start an empty one.
    if (text.endsWith('\n')) this.lines.pop();
    this.starts = [];
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  /** 0-based line holding `offset` (a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  columnOf(offset: number): number {
    return offset - (this.starts[this.lineOf(offset)] ?? 0);
  }

  /** Last line holding content of `node` (not the comments after it). */
  lastLineOf(node: Node): number {
    const start = node.range?.[0] ?? 0;
    return this.lineOf(Math.max(contentEnd(node) - 1, start));
  }

  slice(from: number, to: number): string[] {
    return this.lines.slice(from, to);
  }
}

export interface Entry<T> {
  node: T;
  /** First of the comment and blank lines that belong to this entry, above it. */
  leadStart: number;
  /** The line the entry starts on: its key, or its `-`. */
  start: number;
  /** Last line of its content. */
  contentLast: number;
  /** One past the last line of everything that belongs to it. */
  end: number;
}

export interface BlockLayout<T> {
  entries: Entry<T>[];
  /** Column of the keys (maps) or of the dashes (lists). */
  indent: number;
  /** Lines after the last entry that stay at the end: [trailerStart, end). */
  trailerStart: number;
  end: number;
}

/** A pair whose key sits alone at the start of its line (after an optional `- `). */
export interface SimplePair {
  pair: Pair;
  keyLine: number;
  keyColumn: number;
  /** Column just past the `:` after the key. */
  colonEnd: number;
}

// Only spaces and tabs are white space to YAML; a no-break space is text.
const isBlank = (line: string): boolean => /^[ \t]*$/u.test(line);
const isComment = (line: string): boolean => /^[ \t]*#/u.test(line);
const isBlankOrComment = (line: string): boolean => isBlank(line) || isComment(line);
const indentOf = (line: string): number => /^ */u.exec(line)?.[0].length ?? 0;

/**
 * Splits the lines [regionStart, regionEnd) among entries starting on `starts` and ending
 * their content on `contentLasts`. `ownFirstLeading` is false at the top of the file,
 * where everything above the first key is the header.
 */
export function layoutEntries<T>(
  text: Pick<TextLines, 'lines'>,
  nodes: readonly T[],
  starts: readonly number[],
  contentLasts: readonly number[],
  indent: number,
  regionStart: number,
  regionEnd: number,
  ownFirstLeading: boolean,
): BlockLayout<T> {
  const leadingStart = (start: number, floor: number): number => {
    let line = start;
    while (line - 1 >= floor && line - 1 >= regionStart) {
      const above = text.lines[line - 1] ?? '';
      if (!isBlankOrComment(above) || (isComment(above) && indentOf(above) > indent)) break;
      line--;
    }
    return line;
  };
  const leadStarts = starts.map((start, index) => {
    if (index === 0) return ownFirstLeading ? leadingStart(start, regionStart) : start;
    return leadingStart(start, (contentLasts[index - 1] ?? 0) + 1);
  });
  const lastContent = contentLasts.length > 0 ? (contentLasts[contentLasts.length - 1] ?? 0) : regionStart - 1;
  // A line that is neither blank nor a comment after the content (the `...` document end
  // marker) closes the region the trailer is looked for in.
  let boundary = lastContent + 1;
  while (boundary < regionEnd && isBlankOrComment(text.lines[boundary] ?? '')) boundary++;
  const trailerStart = nodes.length === 0 ? regionStart : leadingStart(boundary, lastContent + 1);
  const entries = nodes.map((node, index) => ({
    node,
    leadStart: leadStarts[index] ?? 0,
    start: starts[index] ?? 0,
    contentLast: contentLasts[index] ?? 0,
    end: index + 1 < nodes.length ? (leadStarts[index + 1] ?? 0) : trailerStart,
  }));
  return { entries, indent, trailerStart, end: regionEnd };
}

/**
 * The pairs of a block map, each key a one-line scalar at the start of its line, or
 * undefined when the map is written some other way (flow style, `? ` keys…). With
 * `afterDash`, the first key may follow the `- ` of a list item.
 */
export function simplePairs(map: YAMLMap, text: TextLines, afterDash: boolean): SimplePair[] | undefined {
  if (map.flow) return undefined;
  const pairs: SimplePair[] = [];
  for (const [index, pair] of map.items.entries()) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || key.range === undefined || key.range === null) return undefined;
    const keyLine = text.lineOf(key.range[0]);
    const keyColumn = text.columnOf(key.range[0]);
    const line = text.lines[keyLine] ?? '';
    const prefix = line.slice(0, keyColumn);
    const prefixOk = /^ *$/u.test(prefix) || (afterDash && index === 0 && /^ *- +$/u.test(prefix));
    if (!prefixOk || text.lineOf(Math.max(key.range[1] - 1, key.range[0])) !== keyLine) return undefined;
    const afterKey = line.slice(text.columnOf(key.range[1]));
    const colon = /^ *:/u.exec(afterKey);
    if (colon === null) return undefined;
    pairs.push({ pair, keyLine, keyColumn, colonEnd: text.columnOf(key.range[1]) + colon[0].length });
  }
  const column = pairs[0]?.keyColumn;
  return pairs.every((p) => p.keyColumn === column) ? pairs : undefined;
}

/** Layout of a block map's pairs within [regionStart, regionEnd). */
export function layoutMap(
  pairs: readonly SimplePair[],
  text: TextLines,
  regionStart: number,
  regionEnd: number,
  ownFirstLeading: boolean,
): BlockLayout<SimplePair> {
  return layoutEntries(
    text,
    pairs,
    pairs.map((p) => p.keyLine),
    pairs.map((p) => lastLineOfPair(p.pair, text, p.keyLine)),
    pairs[0]?.keyColumn ?? 0,
    regionStart,
    regionEnd,
    ownFirstLeading,
  );
}

function lastLineOfPair(pair: Pair, text: TextLines, keyLine: number): number {
  const value = pair.value as Node | null;
  return value === null ? keyLine : Math.max(keyLine, text.lastLineOf(value));
}

/** A list item that is a block map starting on its `- ` line, with that line's prefix. */
export interface SimpleItem {
  map: YAMLMap;
  /** The map's pairs, or undefined when the map itself is not simple (flow style…). */
  pairs: SimplePair[] | undefined;
  dashLine: number;
  dashColumn: number;
}

/** The items of a block list of maps, each starting on its `- ` line; else undefined. */
export function simpleItems(seq: YAMLSeq, text: TextLines): SimpleItem[] | undefined {
  if (seq.flow) return undefined;
  const items: SimpleItem[] = [];
  for (const item of seq.items as (Node | null)[]) {
    if (!isMap(item) || item.range === undefined || item.range === null) return undefined;
    const dashLine = text.lineOf(item.range[0]);
    const prefix = (text.lines[dashLine] ?? '').slice(0, text.columnOf(item.range[0]));
    const dash = /^( *)- +$/u.exec(prefix);
    if (dash === null) return undefined;
    items.push({ map: item, pairs: simplePairs(item, text, true), dashLine, dashColumn: dash[1]?.length ?? 0 });
  }
  return items;
}

/** Layout of a list's items within [regionStart, regionEnd). */
export function layoutItems(items: readonly SimpleItem[], text: TextLines, regionStart: number, regionEnd: number): BlockLayout<SimpleItem> {
  return layoutEntries(
    text,
    items,
    items.map((item) => item.dashLine),
    items.map((item) => Math.max(item.dashLine, text.lastLineOf(item.map))),
    items[0]?.dashColumn ?? 0,
    regionStart,
    regionEnd,
    true,
  );
}

/**
 * Comment lines kept after newly written lines, moved out to `column` where they are
 * indented deeper: a comment indented like the text of a literal block just written
 * would become part of that text.
 */
export function outdentComments(lines: readonly string[], column: number): string[] {
  return lines.map((line) => (isComment(line) && indentOf(line) > column ? ' '.repeat(column) + line.slice(indentOf(line)) : line));
}

/**
 * Appends `lines` to `out` one by one: `out.push(...lines)` passes each line as an
 * argument, which overflows the stack past about 120,000 lines (a sidecar of some
 * 15,000 codes).
 */
export function appendLines(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line);
}

export { indentOf, isBlankOrComment, isComment };
