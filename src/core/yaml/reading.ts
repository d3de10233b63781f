/**
 * Helpers for reading a YAML file a person wrote by hand: problems with line and column,
 * aliases resolved, unknown and duplicate keys, foreign tags, git conflict markers and
 * nesting too deep for the parser.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  visit,
  type Document,
  type LineCounter,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml';
import { problem, type Problem, type ProblemKind, type Severity } from '../problems';
import { conflictMarkerLines } from '../text';
import { scalarText } from './nodes';

/** Tags of the YAML core schema; any other tag would make the file mean something we cannot check. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface Reader {
  file: string;
  /** What the file is, for messages: "a codebook". */
  fileKind: string;
  /** The kind of the problems found in its content. */
  problemKind: ProblemKind;
  /** The text that was parsed (without a byte order mark). */
  source: string;
  doc: Document.Parsed;
  lines: LineCounter;
  problems: Problem[];
}

/** A key/value pair read from a mapping; `value` has aliases resolved. */
export interface Field {
  key: YamlNode;
  value: YamlNode | undefined;
}
export type Fields = Map<string, Field>;

/** Git conflict markers (the one rule in core/text), each an error on its line. */
export function conflictMarkerProblems(source: string, file: string): Problem[] {
  return conflictMarkerLines(source).map(({ line, marker }) =>
    problem('conflict-marker', file, line, 1, 'error',
      `git merge conflict marker '${marker}': this file is conflicted and must be resolved — keep the lines you want, delete the markers, then save`));
}

/** Reports duplicate keys and non-core tags anywhere in the file; returns the first alias, if any. */
export function checkNodes(reader: Reader): YamlNode | undefined {
  let firstAlias: YamlNode | undefined;
  visit(reader.doc, {
    Node(_, node) {
      if (isAlias(node)) firstAlias ??= node;
      if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        reportAt(reader, tagOffset(reader, node), 'error',
          `YAML tag '${node.tag}' is not allowed in ${reader.fileKind}; remove it and write the plain value`);
      }
      if (!isMap(node)) return;
      const seen = new Map<string, YamlNode>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, pair.key);
        else report(reader, pair.key, 'error', `key '${key}' appears twice in this mapping (first on line ${lineOf(reader, first)}); keep only one`);
      }
    },
  });
  return firstAlias;
}

/** Where the tag written before a node starts: the node's own range begins after it. */
function tagOffset(reader: Reader, node: YamlNode): number {
  const valueStart = node.range?.[0] ?? 0;
  let start = reader.source.lastIndexOf('!', valueStart - 1);
  if (start < 0) return valueStart;
  while (start > 0 && !/\s/.test(reader.source[start - 1] ?? ' ')) start--;
  return start;
}

/** False when the aliases would expand beyond `maxAliasCount` nodes (a "billion laughs" file). */
export function aliasesStayBounded(doc: Document.Parsed, maxAliasCount: number): boolean {
  try {
    // mapAsMap: a list used as a key would otherwise make the library print a warning.
    doc.toJS({ maxAliasCount, mapAsMap: true });
    return true;
  } catch {
    return false;
  }
}

/** Reads the known keys of a mapping (the first of duplicates) and warns about unknown ones. */
export function readFields(reader: Reader, map: YAMLMap, allowed: readonly string[], ownerName: string): Fields {
  const fields: Fields = new Map();
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyNode = isScalar(pair.key) ? pair.key : map;
    if (key === undefined || !allowed.includes(key)) {
      const near = key === undefined ? undefined : allowed.find((candidate) => editDistance(candidate, key) <= 2);
      report(reader, keyNode, 'warning',
        `unknown key '${key ?? describeValue(resolveNode(reader, pair.key))}' in ${ownerName}${near === undefined ? '' : ` (did you mean '${near}'?)`}; allowed keys are ${allowed.join(', ')}`);
      continue;
    }
    if (!fields.has(key)) fields.set(key, { key: keyNode, value: resolveNode(reader, pair.value) });
  }
  return fields;
}

export function resolveNode(reader: Reader, value: unknown): YamlNode | undefined {
  if (isAlias(value)) return value.resolve(reader.doc);
  return isScalar(value) || isMap(value) || isSeq(value) ? value : undefined;
}

export function isEmpty(node: YamlNode | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null);
}

/**
 * Text of a scalar holding text, a number or a boolean, as typed (`id: 2024` reads as
 * '2024', the same reading as the sidecar's: nodes.ts); undefined for anything else.
 */
export function textValue(reader: Reader, node: YamlNode): string | undefined {
  return isScalar(node) && node.value !== null ? scalarText(node, reader.source) : undefined;
}

/**
 * How codebook and memos messages name a value: 'a mapping', 'nothing' or the value in
 * quotes. (Sidecar messages keep their own fuller wording, nodes.ts `describeNode`.)
 */
export function describeValue(node: YamlNode | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `'${String(node.value)}'`;
  return 'nothing';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function lineOf(reader: Reader, node: YamlNode): number {
  return reader.lines.linePos(node.range?.[0] ?? 0).line;
}

export function report(reader: Reader, node: YamlNode | undefined, severity: Severity, message: string): void {
  reportAt(reader, node?.range?.[0] ?? 0, severity, message);
}

export function reportAt(reader: Reader, offset: number, severity: Severity, message: string): void {
  const { line, col } = reader.lines.linePos(offset);
  reader.problems.push(problem(reader.problemKind, reader.file, line, col, severity, message));
}

/** An aliased node is read once per alias; its problems are reported once. */
export function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.severity}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

