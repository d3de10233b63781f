/**
 * The `conflict:` keys a merge writes into a sidecar (docs/merging.md): reading them
 * back, with the line each belongs to, and rewriting them in a file the sidecar writer
 * produced. The sidecar reader keeps unknown keys, so a file with conflict records
 * still reads as a sidecar; these functions are what give the key its meaning.
 *
 * Records are edited line by line, like the rest of the writer: everything outside the
 * `conflict:` keys keeps its bytes.
 */
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { problem, type Problem } from '../problems';
import { indentLines, layoutItems, layoutMap, normalizeSidecarText, parseSidecarYaml, renderNodePair, simpleItems, simplePairs, type SourcePosition, TextLines } from '../sidecar';
import { findPair, keyText, scalarText } from '../yaml';
import {
  MERGED_CODE_FIELDS,
  type CodeConflictRecord,
  type ConflictRecords,
  type FieldValue,
  type FieldValues,
  type MergedCodeField,
  type Side,
  type TopConflictRecord,
  type ValueConflictRecord,
} from './model';

export const CONFLICT_KEY = 'conflict';

interface RecordPositions {
  codes: Map<string, SourcePosition>;
  transcript?: SourcePosition;
  attributes: Map<string, SourcePosition>;
  /** The top-level `conflict:` key. */
  top?: SourcePosition;
}

export interface ReadRecords {
  records: ConflictRecords;
  positions: RecordPositions;
  /** Records that are there but cannot be read (edited by hand): each is an error. */
  problems: Problem[];
}

class BadRecord extends Error {}

/** The conflict records of a sidecar's text. Text that is not a YAML map has none. */
export function readConflictRecords(rawText: string, file: string): ReadRecords {
  const result: ReadRecords = { records: { codes: new Map() }, positions: { codes: new Map(), attributes: new Map() }, problems: [] };
  // Most sidecars have no record; a YAML parse costs more than this look.
  if (!mayHoldRecords(rawText)) return result;
  const { text } = normalizeSidecarText(rawText);
  const { document, lineCounter } = parseSidecarYaml(text);
  const at = (node: Node | null | undefined): SourcePosition => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const root = document.contents as Node | null;
  if (!isMap(root)) return result;
  const complain = (where: SourcePosition, whose: string, why: string, codeId?: string) =>
    result.problems.push(
      problem(
        'conflict-recorded',
        file,
        where.line,
        where.column,
        'error',
        `the \`conflict:\` record of ${whose} cannot be read (${why}): decide the values by hand and delete the \`conflict:\` key`,
        codeId,
      ),
    );

  const codes = findPair(root, 'codes', text)?.value as Node | null | undefined;
  if (isSeq(codes)) {
    for (const item of codes.items as (Node | null)[]) {
      if (!isMap(item)) continue;
      const recordPair = findPair(item, CONFLICT_KEY, text);
      if (recordPair === undefined) continue;
      const idNode = findPair(item, 'id', text)?.value as Node | null | undefined;
      const id = isScalar(idNode) ? scalarText(idNode, text) : '?';
      const where = at(item);
      try {
        result.records.codes.set(id, readCodeRecord(recordPair.value as Node | null, text));
        result.positions.codes.set(id, where);
      } catch (error) {
        if (!(error instanceof BadRecord)) throw error;
        complain(where, `code ${id}`, error.message, id);
      }
    }
  }

  const topPair = findPair(root, CONFLICT_KEY, text);
  if (topPair !== undefined) {
    const where = at(topPair.key as Node | null);
    result.positions.top = where;
    try {
      result.records.top = readTopRecord(topPair.value as Node | null, text);
    } catch (error) {
      if (!(error instanceof BadRecord)) throw error;
      complain(where, 'this sidecar', error.message);
    }
    const transcriptNode = findPair(root, 'transcript', text)?.value as Node | null | undefined;
    if (result.records.top?.transcript !== undefined) result.positions.transcript = transcriptNode ? at(transcriptNode) : where;
    const attributes = findPair(root, 'attributes', text)?.value as Node | null | undefined;
    for (const name of Object.keys(result.records.top?.attributes ?? {})) {
      const attributePair = isMap(attributes) ? findPair(attributes, name, text) : undefined;
      result.positions.attributes.set(name, attributePair ? at(attributePair.key as Node | null) : where);
    }
  }
  return result;
}

/** False only when the text cannot hold a `conflict:` key (its name appears nowhere). */
function mayHoldRecords(text: string): boolean {
  return text.includes(CONFLICT_KEY);
}

function entriesOf(node: Node | null, text: string, what: string): [string, Node | null][] {
  if (!isMap(node)) throw new BadRecord(`${what} must be a map`);
  return node.items.map((pair): [string, Node | null] => {
    const key = keyText(pair, text);
    if (key === undefined) throw new BadRecord(`${what} has a key that is not text`);
    return [key, pair.value as Node | null];
  });
}

function readSide(node: Node | null, text: string): Side {
  const value = isScalar(node) ? scalarText(node, text) : undefined;
  if (value !== 'ours' && value !== 'theirs') throw new BadRecord('`deleted-by` must be ours or theirs');
  return value;
}

function readText(node: Node | null, text: string, what: string): string | null {
  if (node === null || (isScalar(node) && node.value === null)) return null;
  if (!isScalar(node)) throw new BadRecord(`${what} must be text`);
  return scalarText(node, text);
}

function readFieldValues(node: Node | null, text: string, what: string): FieldValues {
  const values: FieldValues = {};
  for (const [key, value] of entriesOf(node, text, what)) {
    if (!(MERGED_CODE_FIELDS as readonly string[]).includes(key)) throw new BadRecord(`${what} names an unknown field \`${key}\``);
    values[key as MergedCodeField] = key === 'lines' ? readLines(value) : readText(value, text, `${what}.${key}`);
  }
  return values;
}

function readLines(node: Node | null): FieldValue {
  const numbers = isSeq(node) ? (node.items as (Node | null)[]).map((item) => (isScalar(item) ? item.value : undefined)) : [];
  const [first, last] = numbers;
  if (numbers.length !== 2 || typeof first !== 'number' || typeof last !== 'number') throw new BadRecord('`lines` must be two line numbers');
  return [first, last];
}

function readCodeRecord(node: Node | null, text: string): CodeConflictRecord {
  const record: CodeConflictRecord = {};
  for (const [key, value] of entriesOf(node, text, '`conflict`')) {
    if (key === 'theirs') record.theirs = readFieldValues(value, text, '`theirs`');
    else if (key === 'base') record.base = readFieldValues(value, text, '`base`');
    else if (key === 'deleted-by') record['deleted-by'] = readSide(value, text);
    else throw new BadRecord(`unknown key \`${key}\``);
  }
  if ((record.theirs === undefined) === (record['deleted-by'] === undefined)) {
    throw new BadRecord('it needs either `theirs:` or `deleted-by:`');
  }
  return record;
}

function readValueRecord(node: Node | null, text: string, what: string): ValueConflictRecord {
  const record: ValueConflictRecord = {};
  for (const [key, value] of entriesOf(node, text, what)) {
    if (key === 'theirs' || key === 'base') {
      const read = readText(value, text, `${what}.${key}`);
      if (read === null) throw new BadRecord(`${what}.${key} is empty`);
      record[key] = read;
    } else if (key === 'deleted-by') record['deleted-by'] = readSide(value, text);
    else throw new BadRecord(`${what} has an unknown key \`${key}\``);
  }
  if ((record.theirs === undefined) === (record['deleted-by'] === undefined)) {
    throw new BadRecord(`${what} needs either \`theirs:\` or \`deleted-by:\``);
  }
  return record;
}

function readTopRecord(node: Node | null, text: string): TopConflictRecord {
  const record: TopConflictRecord = {};
  for (const [key, value] of entriesOf(node, text, '`conflict`')) {
    if (key === 'transcript') record.transcript = readValueRecord(value, text, '`transcript`');
    else if (key === 'attributes') {
      const entries = entriesOf(value, text, '`attributes`').map(([name, attribute]): [string, ValueConflictRecord] => [
        name,
        readValueRecord(attribute, text, `\`attributes.${name}\``),
      ]);
      record.attributes = Object.fromEntries(entries);
    } else throw new BadRecord(`unknown key \`${key}\``);
  }
  return record;
}

export interface RecordEdits {
  /** The records the file must hold afterwards; any others are removed. */
  records: ConflictRecords;
  /** Pairs to add to a code (theirs' unknown keys of a code only theirs had). */
  extraCodePairs?: ReadonlyMap<string, readonly Pair[]>;
}

/**
 * `text` (as the sidecar writer produced it) with exactly the conflict records given.
 * Throws when the file is laid out in a way the line editor does not follow; the
 * caller then refuses the merge rather than write something it cannot check.
 */
export function writeConflictRecords(rawText: string, { records, extraCodePairs }: RecordEdits): string {
  const nothingToWrite = records.codes.size === 0 && records.top === undefined && (extraCodePairs?.size ?? 0) === 0;
  if (nothingToWrite && !mayHoldRecords(rawText)) return rawText;
  const source = normalizeSidecarText(rawText);
  const lines = new TextLines(source.text);
  const root = parseSidecarYaml(source.text).document.contents as Node | null;
  const rootPairs = isMap(root) ? simplePairs(root, lines, false) : undefined;
  if (rootPairs === undefined) throw new Error('writeConflictRecords: the sidecar is not a block map of simple keys');
  const rootLayout = layoutMap(rootPairs, lines, 0, lines.lines.length, false);
  const edits: { from: number; to: number; insert: string[] }[] = [];

  const codesEntry = rootLayout.entries.find((entry) => keyText(entry.node.pair, source.text) === 'codes');
  const codes = codesEntry?.node.pair.value as Node | null | undefined;
  if (codesEntry !== undefined && isSeq(codes) && codes.items.length > 0) {
    const items = simpleItems(codes, lines);
    if (items === undefined) throw new Error('writeConflictRecords: codes are not a block list of maps');
    for (const itemEntry of layoutItems(items, lines, codesEntry.start + 1, codesEntry.end).entries) {
      const { map, pairs, dashLine } = itemEntry.node;
      const id = idOf(map, source.text);
      if (pairs === undefined || id === undefined) throw new Error('writeConflictRecords: a code is not a block map with an id');
      const layout = layoutMap(pairs, lines, dashLine, itemEntry.end, true);
      const existing = layout.entries.findIndex((entry) => keyText(entry.node.pair, source.text) === CONFLICT_KEY);
      const record = records.codes.get(id);
      const extra = extraCodePairs?.get(id) ?? [];
      if (existing < 0 && record === undefined && extra.length === 0) continue;
      if (existing === 0) throw new Error(`writeConflictRecords: code ${id} starts with its conflict key`);
      const removed = existing < 0 ? undefined : layout.entries[existing];
      const others = layout.entries.filter((_, index) => index !== existing);
      const insertAt = (others[others.length - 1]?.contentLast ?? dashLine) + 1;
      const keyColumn = pairs[0]?.keyColumn ?? 0;
      const inserted = [
        ...extra.flatMap((pair) => indentLines(renderNodePair(pair), keyColumn)),
        ...(record === undefined ? [] : renderRecord(record, keyColumn)),
      ];
      const out: string[] = [];
      for (let line = dashLine; line <= itemEntry.end; line++) {
        if (line === insertAt) out.push(...inserted);
        const kept = removed === undefined || line < removed.leadStart || line >= removed.end;
        if (line < itemEntry.end && kept) out.push(lines.lines[line] ?? '');
      }
      edits.push({ from: dashLine, to: itemEntry.end, insert: out });
    }
  }

  const topEntry = rootLayout.entries.find((entry) => keyText(entry.node.pair, source.text) === CONFLICT_KEY);
  if (topEntry !== undefined) edits.push({ from: topEntry.leadStart, to: topEntry.end, insert: [] });
  if (records.top !== undefined && (records.top.transcript !== undefined || records.top.attributes !== undefined)) {
    edits.push({ from: lines.lines.length, to: lines.lines.length, insert: renderRecord(records.top, 0) });
  }

  const result = [...lines.lines];
  for (const edit of edits.sort((a, b) => b.from - a.from)) result.splice(edit.from, edit.to - edit.from, ...edit.insert);
  const text = result.join('\n') + '\n';
  return source.lineEnding === '\r\n' ? text.replace(/\n/gu, '\r\n') : text;
}

function idOf(map: YAMLMap, text: string): string | undefined {
  const value = findPair(map, 'id', text)?.value as Node | null | undefined;
  return isScalar(value) ? scalarText(value, text) : undefined;
}

/** `conflict:` and its record in block style, line ranges in flow style, at `keyColumn`. */
function renderRecord(record: CodeConflictRecord | TopConflictRecord, keyColumn: number): string[] {
  const document = new Document({ [CONFLICT_KEY]: record }, { version: '1.2', schema: 'core' });
  visit(document, {
    Seq(_, node) {
      node.flow = true;
    },
  });
  const rendered = document
    .toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, indent: 2, indentSeq: true })
    .split('\n');
  if (rendered[rendered.length - 1] === '') rendered.pop();
  return indentLines(rendered, keyColumn);
}
