/**
 * How new or changed sidecar values are written, in the canonical style. Quoting is
 * left to the `yaml` library, which quotes exactly when a plain value would be misread;
 * the choices made here are which style to ask for:
 * - a `quote` is always in double quotes: it is copied transcript text, which often
 *   starts with `[`, `-`, `"` or holds `: `, and one style for all quotes keeps diffs calm;
 * - other text is plain where YAML allows it;
 * - attribute values are plain even when they look like a number, a date or `yes`,
 *   because attributes are read as the text written (`informant: 007` stays `007`);
 * - text with line breaks is a literal block (`|`), never folded; text a literal block
 *   cannot hold safely (a carriage return, spaces at a line end, several final line
 *   breaks) is double-quoted, with `\n` escapes, on one line.
 * Lines are never folded, however long.
 */
import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import type { Node } from 'yaml';
import { ATTRIBUTE_ORDER, CODE_KEY_ORDER } from './model';
import type { CodeEntry } from './model';

export type ScalarKind = 'text' | 'quote' | 'attribute';

/** A value as written after `key:` — on the key's line, and on the lines below it. */
export interface RenderedValue {
  inline: string;
  /** Lines below the key, indented relative to the key's column. */
  following: string[];
}

const STRINGIFY_OPTIONS = {
  lineWidth: 0,
  minContentWidth: 0,
  // Otherwise a long double-quoted text with line breaks is written over several lines.
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
  flowCollectionPadding: false,
  indent: 2,
  indentSeq: true,
} as const;

function scalarType(value: string, kind: ScalarKind): Scalar.Type {
  if (value.includes('\n')) {
    // More than one final line break needs `|+`, which would also take in any blank line
    // written after it — such as the one above the next code.
    const literalHoldsIt = !value.includes('\r') && !/[ \t](?:\n|$)/u.test(value) && !/(?:^|\n)\n$/u.test(value);
    return literalHoldsIt ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
  }
  return kind === 'quote' ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN;
}

function stringifyPair(pair: Pair, schema: 'core' | 'failsafe'): string[] {
  const document = new Document(null, { schema, version: '1.2' });
  const map = new YAMLMap();
  map.items.push(pair);
  document.contents = map;
  const lines = document.toString(STRINGIFY_OPTIONS).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `key: value` as lines at column 0 (a literal block's lines indented by two). */
export function renderPair(key: string, value: string, kind: ScalarKind): string[] {
  const scalar = new Scalar(value);
  scalar.type = scalarType(value, kind);
  const keyedByCore = stringifyPair(new Pair(new Scalar(key), scalar), 'core');
  if (kind !== 'attribute') return keyedByCore;
  // Attribute values are read back as written, so they need quotes only where YAML's
  // syntax does: the failsafe schema knows no numbers, dates or booleans to avoid. Their
  // names keep the core schema's quoting, so that `null` and `~` (both a null to YAML)
  // cannot collide as keys.
  const [keyLine, ...more] = stringifyPair(new Pair(new Scalar(key), new Scalar('v')), 'core');
  if (more.length > 0 || keyLine === undefined || !keyLine.endsWith(': v')) return keyedByCore;
  const valueLines = stringifyPair(new Pair(new Scalar('k'), scalar), 'failsafe');
  const [first = 'k:', ...following] = valueLines;
  return [keyLine.slice(0, -': v'.length) + first.slice(1), ...following];
}

export function renderValue(value: string, kind: ScalarKind): RenderedValue {
  const [first = '', ...following] = renderPair('k', value, kind);
  return { inline: first.startsWith('k: ') ? first.slice(3) : first.slice(2), following };
}

/** A pair kept from the file but written anew (its owner changed style), by the library. */
export function renderNodePair(pair: Pair): string[] {
  return stringifyPair(new Pair(pair.key as Node, pair.value as Node | null), 'core');
}

export function indentLines(lines: readonly string[], columns: number): string[] {
  const indent = ' '.repeat(columns);
  return lines.map((line) => (line === '' ? '' : indent + line));
}

export function linesValue(lines: readonly [number, number]): string {
  return `[${lines[0]}, ${lines[1]}]`;
}

/** A code's keys and values at column 0, in the written order, then kept unknown keys. */
export function renderCodeBody(code: CodeEntry, unknownPairs: readonly Pair[]): string[] {
  const body: string[] = [];
  for (const key of CODE_KEY_ORDER) {
    if (key === 'lines') body.push(`lines: ${linesValue(code.lines)}`);
    else if (key === 'memo') {
      if (code.memo !== undefined) body.push(...renderPair(key, code.memo, 'text'));
    } else body.push(...renderPair(key, code[key], key === 'quote' ? 'quote' : 'text'));
  }
  for (const pair of unknownPairs) body.push(...renderNodePair(pair));
  return body;
}

/** A list item: the first line after `dashPrefix`, the others indented to the keys. */
export function placeItem(body: readonly string[], dashPrefix: string, keyColumn: number): string[] {
  const [first = '', ...rest] = body;
  return [dashPrefix + first, ...indentLines(rest, keyColumn)];
}

/**
 * Attribute names in written order: the known ones in their order, then the others as
 * they stand in the file, then new ones as given.
 */
export function attributeOrder(names: readonly string[], existing: readonly string[]): string[] {
  const wanted = new Set(names);
  const known: readonly string[] = ATTRIBUTE_ORDER;
  const ordered = known.filter((name) => wanted.has(name));
  for (const name of [...existing, ...names]) {
    if (wanted.has(name) && !ordered.includes(name)) ordered.push(name);
  }
  return ordered;
}

export function renderAttributesValue(attributes: Readonly<Record<string, string>>, existing: readonly string[]): RenderedValue {
  const names = attributeOrder(Object.keys(attributes), existing);
  if (names.length === 0) return { inline: '{}', following: [] };
  return {
    inline: '',
    following: indentLines(
      names.flatMap((name) => renderPair(name, attributes[name] ?? '', 'attribute')),
      2,
    ),
  };
}

export function renderCodesValue(codes: readonly CodeEntry[], unknownPairsOf: (id: string) => readonly Pair[]): RenderedValue {
  if (codes.length === 0) return { inline: '[]', following: [] };
  return { inline: '', following: codes.flatMap((code) => placeItem(renderCodeBody(code, unknownPairsOf(code.id)), '  - ', 4)) };
}
