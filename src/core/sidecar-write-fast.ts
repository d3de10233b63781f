/**
 * The fast path for writing a sidecar over its previous text. The layout-keeping writer
 * (sidecar-write.ts) parses the previous text with the `yaml` library to know where each
 * key, attribute and code stands — about 1.4 MB/s, a third of a second for a 2,000-code
 * focus group, on every coding action. When the previous text is in the writer's own
 * shape with nothing a person added — no comment, no blank line (sidecar-fast.ts reads
 * it and tells where each part stands), keys in the written order, no unknown key — the
 * layout writer's result is plain to compute line by line: unchanged entries are copied,
 * a changed value is written after its key as that writer writes it, new codes are
 * written in the canonical style, removed ones left out. Anything else returns undefined,
 * and the layout writer does the work.
 *
 * Its answer is exactly the layout writer's, byte for byte:
 * test/unit/sidecar-write-fast.test.ts checks it on generated sidecars and edit
 * sequences, and that it gives up on comments and hand layout. Each rule below names the
 * part of LayoutWriter it mirrors; a change there must be made here too (or make this
 * path give up).
 */
import type { CodeEntry, SidecarData } from './sidecar-model';
import { CODE_KEY_ORDER } from './sidecar-model';
import { readCanonicalLayout, type CanonicalLayout, type CodeKey } from './sidecar-fast';
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
} from './sidecar-render';

const TOP_LEVEL_ORDER = ['version', 'transcript', 'attributes', 'codes'];
/** Where the writer puts a code's keys, and the prefix of the item's first line. */
const CODE_KEY_COLUMN = 4;
const DASH_PREFIX = '  - ';
const KEY_PREFIX = ' '.repeat(CODE_KEY_COLUMN);
const ATTRIBUTE_COLUMN = 2;

type Layout = CanonicalLayout;
type LaidOutCode = Layout['codes'][number];

/**
 * `data` (codes sorted) written over `previousText` (LF line endings) as
 * `rewriteKeepingLayout` writes it, as lines; undefined when the text is not in the
 * writer's plain shape.
 */
export function rewriteCanonicalText(data: SidecarData, previousText: string): string[] | undefined {
  const scanned = readCanonicalLayout({ text: previousText, lineEnding: '\n' }, '');
  if (scanned === undefined) return undefined;
  const { layout } = scanned;
  const previous = scanned.read.data;
  if (layout.looseLines || layout.topLevel.map((entry) => entry.key).join() !== TOP_LEVEL_ORDER.join()) return undefined;
  const [version, transcript, attributes, codes] = layout.topLevel.map((entry) => entry.start) as [number, number, number, number];
  const { lines } = layout;
  const out = lines.slice(version, transcript);
  // LayoutWriter.scalarEntry: untouched when the value reads the same.
  if (previous.transcript === data.transcript) out.push(...lines.slice(transcript, attributes));
  else out.push(...replacedValue('transcript:', renderValue(data.transcript, 'text'), 0));
  out.push(...attributesPart(layout, data.attributes, attributes, codes));
  out.push(...codesPart(layout, data.codes, codes));
  return out;
}

/**
 * LayoutWriter.replaceValue for a key alone on its line, its value after one space with
 * no comment, and no line between the value's end and the next entry: the key, then the
 * new value, its further lines indented to the key.
 */
function replacedValue(keyAndColon: string, value: RenderedValue, keyColumn: number): string[] {
  return [value.inline === '' ? keyAndColon : `${keyAndColon} ${value.inline}`, ...indentLines(value.following, keyColumn)];
}

/** LayoutWriter.attributesEntry. */
function attributesPart(layout: Layout, attributes: Readonly<Record<string, string>>, start: number, end: number): string[] {
  const { lines } = layout;
  const names = Object.keys(attributes);
  if (layout.attributes.length === 0) {
    // `attributes: {}`, or `attributes:` with nothing below (null).
    if (names.length === 0) return lines.slice(start, end);
    return replacedValue('attributes:', renderAttributesValue(attributes, []), 0);
  }
  if (names.length === 0) return ['attributes: {}'];
  const byName = new Map(
    layout.attributes.map((entry, index) => [entry.name, { ...entry, end: layout.attributes[index + 1]?.start ?? end }]),
  );
  const out = lines.slice(start, layout.attributes[0]?.start ?? end);
  for (const name of attributeOrder(names, [...byName.keys()])) {
    const value = attributes[name] ?? '';
    const existing = byName.get(name);
    if (existing === undefined) out.push(...indentLines(renderPair(name, value, 'attribute'), ATTRIBUTE_COLUMN));
    else if (existing.value === value) out.push(...lines.slice(existing.start, existing.end));
    else out.push(...replacedValue(`${' '.repeat(ATTRIBUTE_COLUMN)}${name}:`, renderValue(value, 'attribute'), ATTRIBUTE_COLUMN));
  }
  return out;
}

/** LayoutWriter.codesEntry. */
function codesPart(layout: Layout, codes: readonly CodeEntry[], start: number): string[] {
  const { lines } = layout;
  const end = lines.length;
  if (layout.codes.length === 0) {
    // `codes: []`, or `codes:` with nothing below (null).
    if (codes.length === 0) return lines.slice(start, end);
    return replacedValue('codes:', renderCodesValue(codes, () => []), 0);
  }
  if (codes.length === 0) return ['codes: []'];
  const byId = new Map(layout.codes.map((entry, index) => [entry.code.id, { entry, end: layout.codes[index + 1]?.start ?? end }]));
  const out = lines.slice(start, layout.codes[0]?.start ?? end);
  for (const code of codes) {
    const existing = byId.get(code.id);
    if (existing === undefined) out.push(...placeItem(renderCodeBody(code, []), DASH_PREFIX, CODE_KEY_COLUMN));
    else out.push(...codeItem(lines, existing.entry, existing.end, code));
  }
  return out;
}

/** LayoutWriter.codeItem: the keys in the written order, each copied or given its new value. */
function codeItem(lines: readonly string[], old: LaidOutCode, end: number, code: CodeEntry): string[] {
  // Nothing changed and the keys already stand in the written order: the item as it is.
  if (inWrittenOrder(old) && sameCode(old.code, code)) return lines.slice(old.start, end);
  const keyEnd = (index: number): number => old.keys[index + 1]?.start ?? end;
  const existingByKey = new Map(old.keys.map((entry, index) => [entry.key, { start: entry.start, end: keyEnd(index) }]));
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
      written.push(replacedValue(`${key}:`, rendered, CODE_KEY_COLUMN));
    }
  }
  // The first key shares the `- ` line; the others are indented to the key column.
  return written.flatMap(([first = '', ...rest], index) => [(index === 0 ? DASH_PREFIX : KEY_PREFIX) + first, ...rest]);
}

function inWrittenOrder(old: LaidOutCode): boolean {
  let last = -1;
  for (const { key } of old.keys) {
    const place = CODE_KEY_ORDER.indexOf(key);
    if (place <= last) return false;
    last = place;
  }
  return true;
}

/** LayoutWriter.scalarEntry and linesEntry: a value is kept when it reads as the one to write. */
function sameValue(old: CodeEntry, next: CodeEntry, key: CodeKey): boolean {
  if (key === 'lines') return old.lines[0] === next.lines[0] && old.lines[1] === next.lines[1];
  return old[key] === next[key];
}

function sameCode(old: CodeEntry, next: CodeEntry): boolean {
  return CODE_KEY_ORDER.every((key) => sameValue(old, next, key));
}
