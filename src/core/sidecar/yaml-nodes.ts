/**
 * The sidecar's own YAML plumbing, shared by its reader and writer: how the text is
 * prepared for the `yaml` library (BOM, line endings, the core schema, strict keys) and
 * what a broken sidecar says. How scalars and keys are read as the text the user wrote,
 * and where a node's content ends, are core/yaml's (nodes.ts), the same for every file:
 * the reader and the writer cannot disagree about what a value is.
 */
import { parseDocument, LineCounter, YAMLParseError } from 'yaml';
import type { Document, ParsedNode } from 'yaml';
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

