/**
 * The fast path for writing a sidecar over its previous text. The layout-keeping writer
 * (sidecar/write.ts) parses the previous text with the `yaml` library to know where each
 * key, attribute and code stands — about 1.4 MB/s, a third of a second for a 2,000-code
 * focus group, on every coding action. When the fast reader (sidecar/canonical-reader.ts) takes the
 * previous text — the writer's shape, known keys only, no end-of-line comment — it also
 * tells where each entry starts and where its content ends, and the layout writer's
 * result is plain to compute line by line: whole-line comments and blank lines go to
 * entries by the layout writer's own rules (`layoutEntries`), unchanged entries are
 * copied, a changed value is written after its key as that writer writes it, new codes
 * are written in the canonical style, removed ones left out. A changed code that holds a
 * comment or a blank line, top-level keys out of the written order, and anything the fast
 * reader does not take return undefined, and the layout writer does the work.
 *
 * Its answer is exactly the layout writer's, byte for byte:
 * test/unit/sidecar-write-fast.test.ts checks it on generated sidecars and edit
 * sequences, with hand comments, blank lines and hand layouts. Each rule below names the
 * part of LayoutWriter it mirrors; a change there must be made here too (or make this
 * path give up).
 */
import type { CodeEntry, SidecarData } from './model';
import { CODE_KEY_ORDER } from './model';
import { readCanonicalLayout, type CanonicalLayout, type LaidOut } from './canonical-reader';
import { appendLines, layoutEntries, outdentComments, type BlockLayout, type Entry } from './layout';
import {
  attributeOrder,
  indentLines,
  linesValue,
  placeItem,
  renderAttributesValue,
  renderCodeBody,
  renderCodesValue,
  renderPair,
  renderValue,
  type RenderedValue,
} from './render';

const TOP_LEVEL_ORDER = ['version', 'transcript', 'attributes', 'codes'];
/** Where the writer puts a code's keys, and the prefix of the item's first line. */
const CODE_KEY_COLUMN = 4;
const DASH_PREFIX = '  - ';
const KEY_PREFIX = ' '.repeat(CODE_KEY_COLUMN);
const ATTRIBUTE_COLUMN = 2;
/** Column of the `- ` of the codes, which the fast reader requires. */
const DASH_COLUMN = 2;

type LaidOutCode = CanonicalLayout['codes'][number];
type TopLevelEntry = Entry<CanonicalLayout['topLevel'][number]>;
type CodeKey = (typeof CODE_KEY_ORDER)[number];

/** Raised to give up; never leaves this module. */
class NotPlain extends Error {}

/**
 * `data` (codes sorted) written over `previousText` (LF line endings) as
 * `rewriteKeepingLayout` writes it, as lines; undefined when the text is not in the
 * writer's shape, or a changed code holds comments or blank lines.
 */
export function rewriteCanonicalText(data: SidecarData, previousText: string): string[] | undefined {
  const scanned = readCanonicalLayout({ text: previousText, lineEnding: '\n' }, '');
  if (scanned === undefined) return undefined;
  const { layout } = scanned;
  if (layout.topLevel.map((entry) => entry.key).join() !== TOP_LEVEL_ORDER.join()) return undefined;
  try {
    return new FastWriter(layout).write(data, scanned.read.data);
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

/** LayoutWriter's rules over the fast reader's layout; see that class for the why of each. */
class FastWriter {
  private readonly lines: string[];

  constructor(private readonly layout: CanonicalLayout) {
    this.lines = layout.lines;
  }

  /** LayoutWriter.top: the header, then each key with the comments above it, then the trailer. */
  write(data: SidecarData, previous: SidecarData): string[] {
    const { lines } = this;
    const top = this.entries(this.layout.topLevel, 0, 0, lines.length, false);
    const [version, transcript, attributes, codes] = top.entries as [TopLevelEntry, TopLevelEntry, TopLevelEntry, TopLevelEntry];
    const out = lines.slice(0, version.start);
    appendLines(out, lines.slice(version.leadStart, version.end));
    appendLines(out, lines.slice(transcript.leadStart, transcript.start));
    // LayoutWriter.scalarEntry: untouched when the value reads the same.
    if (previous.transcript === data.transcript) appendLines(out, lines.slice(transcript.start, transcript.end));
    else appendLines(out, this.replaceValue('transcript:', renderValue(data.transcript, 'text'), 0, transcript));
    appendLines(out, lines.slice(attributes.leadStart, attributes.start));
    appendLines(out, this.attributesEntry(attributes, data.attributes));
    appendLines(out, lines.slice(codes.leadStart, codes.start));
    appendLines(out, this.codesEntry(codes, data.codes));
    appendLines(out, lines.slice(top.trailerStart, top.end));
    return out;
  }

  /** layoutEntries over laid-out entries: who owns which comment and blank line. */
  private entries<T extends LaidOut<object>>(items: readonly T[], indent: number, regionStart: number, regionEnd: number, ownFirstLeading: boolean): BlockLayout<T> {
    return layoutEntries(
      this.layout,
      items,
      items.map((item) => item.start),
      items.map((item) => item.contentEnd - 1),
      indent,
      regionStart,
      regionEnd,
      ownFirstLeading,
    );
  }

  /**
   * LayoutWriter.replaceValue for a key alone on its line with its value after one space
   * and no comment (the fast reader takes no other): the key, the new value with its
   * further lines indented to the key, then the lines after the old value's content.
   */
  private replaceValue(keyAndColon: string, value: RenderedValue, keyColumn: number, entry: Entry<{ contentEnd: number }>): string[] {
    const [first, ...following] = valueLines(keyAndColon, value, keyColumn);
    const rest = this.lines.slice(entry.node.contentEnd, entry.end);
    return [first as string, ...following, ...(following.length > 0 ? outdentComments(rest, keyColumn) : rest)];
  }

  /** LayoutWriter.attributesEntry. */
  private attributesEntry(entry: TopLevelEntry, attributes: Readonly<Record<string, string>>): string[] {
    const { lines } = this;
    const names = Object.keys(attributes);
    const existingAttributes = this.layout.attributes;
    if (existingAttributes.length === 0) {
      // `attributes: {}`, or `attributes:` with nothing below (null).
      if (names.length === 0) return lines.slice(entry.start, entry.end);
      return this.replaceValue('attributes:', renderAttributesValue(attributes, []), 0, entry);
    }
    if (names.length === 0) return this.replaceValue('attributes:', { inline: '{}', following: [] }, 0, entry);
    const layout = this.entries(existingAttributes, ATTRIBUTE_COLUMN, entry.start + 1, entry.end, true);
    const byName = new Map(layout.entries.map((e) => [e.node.name, e]));
    const out = lines.slice(entry.start, layout.entries[0]?.leadStart ?? layout.trailerStart);
    for (const name of attributeOrder(names, [...byName.keys()])) {
      const value = attributes[name] ?? '';
      const existing = byName.get(name);
      if (existing === undefined) {
        out.push(...indentLines(renderPair(name, value, 'attribute'), ATTRIBUTE_COLUMN));
        continue;
      }
      out.push(...lines.slice(existing.leadStart, existing.start));
      if (existing.node.value === value) out.push(...lines.slice(existing.start, existing.end));
      else out.push(...this.replaceValue(`${' '.repeat(ATTRIBUTE_COLUMN)}${name}:`, renderValue(value, 'attribute'), ATTRIBUTE_COLUMN, existing));
    }
    out.push(...lines.slice(layout.trailerStart, layout.end));
    return out;
  }

  /** LayoutWriter.codesEntry. */
  private codesEntry(entry: TopLevelEntry, codes: readonly CodeEntry[]): string[] {
    const { lines } = this;
    const existingCodes = this.layout.codes;
    if (existingCodes.length === 0) {
      // `codes: []`, or `codes:` with nothing below (null).
      if (codes.length === 0) return lines.slice(entry.start, entry.end);
      return this.replaceValue('codes:', renderCodesValue(codes, () => []), 0, entry);
    }
    if (codes.length === 0) return this.replaceValue('codes:', { inline: '[]', following: [] }, 0, entry);
    const layout = this.entries(existingCodes, DASH_COLUMN, entry.start + 1, entry.end, true);
    const byId = new Map(layout.entries.map((e) => [e.node.code.id, e]));
    const out = lines.slice(entry.start, layout.entries[0]?.leadStart ?? layout.trailerStart);
    for (const code of codes) {
      const existing = byId.get(code.id);
      if (existing === undefined) out.push(...placeItem(renderCodeBody(code, []), DASH_PREFIX, CODE_KEY_COLUMN));
      else if (existing.node.keysInWrittenOrder && sameCode(existing.node.code, code)) {
        // Nothing changed and the keys already stand in the written order (LayoutWriter.codeItem
        // then copies each key as it is): the item as it is, with the lines that belong to it.
        // Copied line by line: most of a large file takes this way.
        for (let line = existing.leadStart; line < existing.end; line++) out.push(lines[line] as string);
      } else out.push(...lines.slice(existing.leadStart, existing.start), ...codeItem(lines, existing, code));
    }
    out.push(...lines.slice(layout.trailerStart, layout.end));
    return out;
  }
}

/** A key and its new value: on the key's line, then the value's further lines indented to the key. */
function valueLines(keyAndColon: string, value: RenderedValue, keyColumn: number): string[] {
  return [value.inline === '' ? keyAndColon : `${keyAndColon} ${value.inline}`, ...indentLines(value.following, keyColumn)];
}

/** LayoutWriter.codeItem: the keys in the written order, each copied or given its new value. */
function codeItem(lines: readonly string[], entry: Entry<LaidOutCode>, code: CodeEntry): string[] {
  const old = entry.node;
  const { end } = entry;
  // Comments inside a code, or after it, move with its keys: left to the layout writer.
  if (old.looseLinesInside || old.contentEnd !== end) throw new NotPlain();
  const keys = keyLines(lines, old.start, end);
  const existingByKey = new Map(keys.map((entry, index) => [entry.key, { start: entry.start, end: keys[index + 1]?.start ?? end }]));
  // Each key's lines; the first line without its prefix (`  - ` or four spaces).
  const written: string[][] = [];
  for (const key of CODE_KEY_ORDER) {
    if (key === 'memo' && code.memo === undefined) continue;
    const existing = existingByKey.get(key);
    const value = key === 'lines' ? undefined : key === 'memo' ? (code.memo ?? '') : code[key];
    if (existing === undefined) {
      const body = key === 'lines' ? [`lines: ${linesValue(code.lines)}`] : renderPair(key, value ?? '', key === 'quote' ? 'quote' : 'text');
      written.push(indentLines(body, CODE_KEY_COLUMN).map((line, index) => (index === 0 ? line.slice(CODE_KEY_COLUMN) : line)));
    } else if (sameValue(old.code, code, key)) {
      const kept = lines.slice(existing.start, existing.end);
      kept[0] = (kept[0] ?? '').slice(CODE_KEY_COLUMN);
      written.push(kept);
    } else {
      const rendered = key === 'lines' ? { inline: linesValue(code.lines), following: [] } : renderValue(value ?? '', key === 'quote' ? 'quote' : 'text');
      written.push(valueLines(`${key}:`, rendered, CODE_KEY_COLUMN));
    }
  }
  // The first key shares the `- ` line; the others are indented to the key column.
  return written.flatMap(([first = '', ...rest], index) => [(index === 0 ? DASH_PREFIX : KEY_PREFIX) + first, ...rest]);
}

/** The keys of the code on lines [start, end), each with its line (see CanonicalLayout.codes). */
function keyLines(lines: readonly string[], start: number, end: number): { key: CodeKey; start: number }[] {
  const keys: { key: CodeKey; start: number }[] = [];
  for (let index = start; index < end; index++) {
    const line = lines[index] ?? '';
    if (index > start && !(line.startsWith(KEY_PREFIX) && line.charCodeAt(CODE_KEY_COLUMN) !== 0x20)) continue;
    // The fast reader took only the known keys, each a plain word before its colon.
    keys.push({ key: line.slice(CODE_KEY_COLUMN, line.indexOf(':', CODE_KEY_COLUMN)) as CodeKey, start: index });
  }
  return keys;
}

/** LayoutWriter.scalarEntry and linesEntry: a value is kept when it reads as the one to write. */
function sameValue(old: CodeEntry, next: CodeEntry, key: CodeKey): boolean {
  if (key === 'lines') return old.lines[0] === next.lines[0] && old.lines[1] === next.lines[1];
  return old[key] === next[key];
}

function sameCode(old: CodeEntry, next: CodeEntry): boolean {
  return (
    old.id === next.id &&
    old.lines[0] === next.lines[0] &&
    old.lines[1] === next.lines[1] &&
    old.code === next.code &&
    old.polarity === next.polarity &&
    old.factor === next.factor &&
    old.quote === next.quote &&
    old.memo === next.memo &&
    old.coder === next.coder
  );
}
