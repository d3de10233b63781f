/**
 * YAML plumbing shared by the sidecar reader and writer: how the text is prepared for
 * the `yaml` library, how scalars and keys are read as the text the user wrote, and
 * where a node's content ends. Kept in one place so the reader and the writer cannot
 * disagree about what a value is — the writer keeps a line untouched exactly when
 * reading it gives the value it is asked to write.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, LineCounter, YAMLParseError } from 'yaml';
import type { Document, Node, Pair, ParsedNode, Scalar, YAMLMap } from 'yaml';
import { yamlBoundsProblem } from '../yaml';
import type { Problem, ProblemKind } from '../problems';
import type { SourcePosition } from './model';

/** Said after every error that makes a sidecar broken. */
export const READ_ONLY = 'Until it is fixed, the codes of this transcript are read-only.';

/** What the readers of the parts of a sidecar share: the text, and where problems go. */
export interface ReadContext {
  text: string;
  problems: Problem[];
  at(offset: number): SourcePosition;
  /** A problem at `offset`; its kind is `sidecar-invalid` unless told. */
  report(offset: number, severity: 'error' | 'warning', message: string, codeId?: string, kind?: ProblemKind): Problem;
}

/**
 * What the writer needs from a parsed sidecar to keep the user's comments, spacing,
 * quoting and unknown keys. Opaque to callers: pass it back to `serializeSidecar`.
 * It holds the text rather than the syntax tree, so a study index that keeps many parses
 * stays small; the writer parses again, which costs little next to a save.
 */
export interface ParsedSidecarSource {
  /** The text as parsed: a leading BOM removed and every line ending turned into LF. */
  readonly text: string;
  /** The line ending the file used, so a rewrite does not turn every line into a diff. */
  readonly lineEnding: '\n' | '\r\n';
}

export type ParsedDocument = Document.Parsed<ParsedNode, true>;

/**
 * YAML 1.2 core schema: `2022-01-07` stays a string and `yes` is not a boolean, so
 * values read the way most users expect. Numbers and nulls are still recognised, which
 * is why scalars are read through `scalarText` below.
 */
export function parseSidecarYaml(text: string): { document: ParsedDocument; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // Too large or too deep for the parser (limits.ts): an empty document with one error,
  // so every reader reports the file as broken and nothing writes over it.
  const bounds = yamlBoundsProblem(text, 'This sidecar');
  if (bounds !== undefined) {
    let offset = 0;
    lineCounter.addNewLine(0);
    for (let at = text.indexOf('\n'), line = 1; at >= 0; at = text.indexOf('\n', at + 1)) {
      lineCounter.addNewLine(at + 1);
      if (++line === bounds.line) offset = at + 1;
    }
    const document = parseDocument('', { schema: 'core', version: '1.2' }) as ParsedDocument;
    document.errors.push(new YAMLParseError([offset, offset], 'IMPOSSIBLE', bounds.message));
    return { document, lineCounter };
  }
  const document = parseDocument(text, {
    schema: 'core',
    version: '1.2',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    keepSourceTokens: false,
  }) as ParsedDocument;
  return { document, lineCounter };
}

/** Removes a leading BOM and turns CRLF and lone CR line endings into LF. */
export function normalizeSidecarText(raw: string): ParsedSidecarSource {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // Most sidecars are written by us with LF: one scan for '\r' spares them the regexps
  // (a 500 KB sidecar is read on every open).
  if (withoutBom.indexOf('\r') === -1) return { text: withoutBom, lineEnding: '\n' };
  const firstBreak = withoutBom.search(/\r\n|\r|\n/u);
  const lineEnding = firstBreak >= 0 && withoutBom.startsWith('\r\n', firstBreak) ? '\r\n' : '\n';
  return { text: withoutBom.replace(/\r\n?/gu, '\n'), lineEnding };
}

/**
 * The text a scalar stands for. Strings are taken as parsed (quotes and escapes
 * resolved); a number, boolean or null is taken as the characters the user typed, so
 * `informant: 007` stays `007` and `date: 2022-01-07` stays the date as written.
 * An empty value reads as ''.
 */
export function scalarText(node: Scalar, text: string): string {
  if (typeof node.value === 'string') return node.value;
  const range = node.range;
  if (range === undefined || range === null) return node.value === null ? '' : String(node.value);
  return text.slice(range[0], range[1]);
}

/** The text of a map key, or undefined when the key is not a plain value (e.g. a list). */
export function keyText(pair: Pair, text: string): string | undefined {
  const key = pair.key as Node | null;
  if (key === null) return '';
  return isScalar(key) ? scalarText(key, text) : undefined;
}

/** The first pair of `map` whose key reads as `name`. */
export function findPair(map: YAMLMap, name: string, text: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair, text) === name);
}

/**
 * Offset just past the last character that belongs to `node` itself — not the comments
 * or blank lines the parser attaches after it. For a block scalar this includes its
 * final line break (and, with `|+`, the blank lines it keeps).
 */
export function contentEnd(node: Node): number {
  if (isMap(node) && !node.flow) {
    let end = node.range?.[0] ?? 0;
    for (const pair of node.items) {
      const part = (pair.value as Node | null) ?? (pair.key as Node | null);
      if (part !== null) end = Math.max(end, contentEnd(part));
    }
    return end;
  }
  if (isSeq(node) && !node.flow) {
    let end = node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item) || item === null) continue;
      end = Math.max(end, contentEnd(item as Node));
    }
    return end;
  }
  return node.range?.[1] ?? 0;
}

/** Whether `node` or anything inside it is an alias or carries an anchor. */
export function findAnchorOrAlias(node: Node | null): Node | undefined {
  if (node === null) return undefined;
  if (isAlias(node) || node.anchor !== undefined) return node;
  if (isMap(node)) {
    for (const pair of node.items) {
      const found = findAnchorOrAlias(pair.key as Node | null) ?? findAnchorOrAlias(pair.value as Node | null);
      if (found !== undefined) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = findAnchorOrAlias(item as Node | null);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Where to point at an alias or anchor: the `&name` itself, which stands before its node. */
export function anchorOffset(node: Node, text: string): number {
  const start = node.range?.[0] ?? 0;
  if (isAlias(node) || node.anchor === undefined) return start;
  const found = text.lastIndexOf(`&${node.anchor}`, start);
  return found >= 0 ? found : start;
}

/** How a value that is not text is described in a message: "a list", "a map"… */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a map (keys indented under it)';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  if (isScalar(node)) {
    if (node.value === null) return 'an empty value';
    if (typeof node.value === 'string') return `the text ${JSON.stringify(node.value)}`;
    return `the value ${String(node.value)}`;
  }
  return 'an unexpected value';
}
