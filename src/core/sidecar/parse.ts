/**
 * Reading a sidecar (`<transcript>.codes.yaml`, DESIGN §3). A sidecar either reads
 * cleanly — possibly with warnings — or is broken: it does not parse, holds git conflict
 * markers, has a missing or unknown `version`, or its structure is invalid. A broken
 * sidecar is never written and its codes are read-only until the user fixes it, so every
 * problem names the file, line and column and says what to do.
 */
import { isAlias, isMap, isScalar } from 'yaml';
import type { Node, YAMLError, YAMLMap } from 'yaml';
import { problem, type Problem } from '../problems';
import { conflictMarkerLines } from '../text';
import { SIDECAR_VERSION, SOURCE_TYPES } from './model';
import type { SidecarData, SourcePosition } from './model';
import { readCodes } from './read-codes';
import { readCanonicalSidecar, transcriptNameOf } from './canonical-reader';
import { anchorOffset, describeNode, findAnchorOrAlias, findPair, keyText, scalarText } from '../yaml';
import {
  normalizeSidecarText,
  parseSidecarYaml,
  READ_ONLY,
  type ParsedDocument,
  type ParsedSidecarSource,
  type ReadContext,
} from './yaml-nodes';

;

export type SidecarParse =
  | {
      status: 'ok';
      data: SidecarData;
      /** Warnings only: the file is usable as it is. */
      problems: Problem[];
      /** Where each code starts in the file, by id. */
      codePositions: Map<string, SourcePosition>;
      /** Opaque: what `serializeSidecar` needs to keep comments and unknown keys. */
      source: ParsedSidecarSource;
    }
  | {
      status: 'broken';
      reason: 'syntax' | 'conflict' | 'version' | 'invalid';
      /** At least one error. */
      problems: Problem[];
    };

export type SidecarParseOk = Extract<SidecarParse, { status: 'ok' }>;

/**
 * Beyond this many values that aliases would expand to, a sidecar is refused: a few
 * lines of nested aliases (the "billion laughs") would otherwise expand to gigabytes in
 * any tool that reads the file as plain data.
 */
const MAX_ALIAS_COUNT = 100;


/**
 * Lines holding git conflict markers, 1-based: the one rule in core/text. Lone `\r` are
 * line breaks in a sidecar (normalizeSidecarText makes them `\n` before this is asked).
 */
export function hasConflictMarkers(text: string): { line: number }[] {
  return conflictMarkerLines(text.replace(/\r\n?/gu, '\n')).map(({ line }) => ({ line }));
}

/**
 * Reads a sidecar. A file in the writer's shape that reads without a problem takes the
 * fast path (sidecar/canonical-reader.ts), which gives the same result many times faster; anything
 * else — unusual style, warnings, errors — is read by the precise parser below, so every
 * message keeps its exact position and wording. A check added to the precise parser (or
 * to parseSidecarYaml) must be mirrored in sidecar/canonical-reader.ts, or make it give up there;
 * test/unit/sidecar-fast.test.ts holds the two to the same answers.
 */
export function parseSidecar(rawText: string, file: string): SidecarParse {
  const source = normalizeSidecarText(rawText);
  return readCanonicalSidecar(source, file) ?? parseNormalizedSidecar(source, file);
}

/** The precise parser alone, without the fast path: for tests that compare the two. */
export function parseSidecarPrecisely(rawText: string, file: string): SidecarParse {
  return parseNormalizedSidecar(normalizeSidecarText(rawText), file);
}

function parseNormalizedSidecar(source: ParsedSidecarSource, file: string): SidecarParse {
  const { text } = source;

  // text is normalized: lone '\r' are already '\n'.
  const markers = conflictMarkerLines(text);
  if (markers.length > 0) {
    return {
      status: 'broken',
      reason: 'conflict',
      problems: markers.map(({ line, marker }) =>
        problem(
          'conflict-marker',
          file,
          line,
          1,
          'error',
          `Git conflict marker "${marker}": this sidecar holds an unfinished merge. ` +
            'Keep the codes of both sides (each with its own id), delete the marker lines, and save. ' +
            READ_ONLY,
        ),
      ),
    };
  }

  const { document, lineCounter } = parseSidecarYaml(text);
  const problems: Problem[] = [];
  const context: ReadContext = {
    text,
    problems,
    at(offset) {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
    report(offset, severity, message, codeId, kind = 'sidecar-invalid') {
      const { line, column } = context.at(offset);
      return problem(kind, file, line, column, severity, message, codeId);
    },
  };
  const report = context.report;

  if (document.errors.length > 0) {
    return {
      status: 'broken',
      reason: 'syntax',
      problems: document.errors.map((error) => report(error.pos[0], 'error', syntaxMessage(error))),
    };
  }

  for (const warning of document.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = text.slice(warning.pos[0], warning.pos[1]);
      problems.push(
        report(
          warning.pos[0],
          'error',
          `YAML tag ${tag} is not allowed in a sidecar: its values are plain text. Remove the tag. ${READ_ONLY}`,
        ),
      );
    } else {
      problems.push(report(warning.pos[0], 'warning', firstLine(warning.message)));
    }
  }
  const aliasProblem = checkAliasExpansion(document, text, report);
  if (aliasProblem !== undefined) problems.push(aliasProblem);
  if (problems.some((p) => p.severity === 'error')) return { status: 'broken', reason: 'invalid', problems };

  const root = document.contents as Node | null;
  if (root === null) {
    return broken('invalid', [
      report(
        0,
        'error',
        'The sidecar is empty. It needs at least `version: 1` and `transcript: <file name>`; ' +
          'delete the file if the transcript has no codes.',
      ),
    ]);
  }
  if (!isMap(root)) {
    return broken('invalid', [
      report(
        root.range?.[0] ?? 0,
        'error',
        `A sidecar must be a map of keys (version, transcript, attributes, codes), but this file holds ${describeNode(root)}. ${READ_ONLY}`,
      ),
    ]);
  }

  const unnamed = checkUnnamedKeys(root, report);
  if (unnamed !== undefined) return broken('invalid', [unnamed]);

  const versionProblem = checkVersion(root, text, report);
  if (versionProblem !== undefined) return broken('version', [versionProblem]);

  const transcript = readTranscript(root, text, file, report, problems);
  const attributes = readAttributes(root, text, report, problems);
  const { codes, codePositions } = readCodes(findPair(root, 'codes', text), context);

  if (problems.some((p) => p.severity === 'error') || transcript === undefined) return broken('invalid', problems);
  const data: SidecarData = { version: SIDECAR_VERSION, transcript, attributes, codes };
  return { status: 'ok', data, problems, codePositions, source };

  function broken(reason: 'version' | 'invalid', found: Problem[]): SidecarParse {
    return { status: 'broken', reason, problems: found };
  }
}

type Report = ReadContext['report'];

function syntaxMessage(error: YAMLError): string {
  const hints: Partial<Record<string, string>> = {
    TAB_AS_INDENT: 'Indent with spaces; YAML does not allow tabs for indentation.',
    BAD_INDENT: 'Line the keys of one code up under each other, indented with spaces.',
    BLOCK_AS_IMPLICIT_KEY: 'If a value contains ": ", put the whole value in double quotes.',
    MULTILINE_IMPLICIT_KEY: 'Check the indentation, and quote values that contain ": ".',
    DUPLICATE_KEY: 'Keep one of the two keys.',
    MISSING_CHAR: 'Something is missing here: a closing quote or bracket, or the ": " after a key.',
    MULTIPLE_DOCS: 'A sidecar is one YAML document: remove the second `---`.',
    BAD_DQ_ESCAPE: 'Inside double quotes, write a backslash as \\\\.',
  };
  const hint = hints[error.code] ?? 'Fix the YAML at this position.';
  return `YAML syntax error: ${firstLine(error.message)}. ${hint} ${READ_ONLY}`;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/u, '').replace(/[.:]$/u, '');
}

/** Aliases are only expanded by tools that read the whole file as data; refuse a bomb early. */
function checkAliasExpansion(document: ParsedDocument, text: string, report: Report): Problem | undefined {
  const first = findAnchorOrAlias(document.contents as Node | null);
  if (first === undefined) return undefined;
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
    return undefined;
  } catch (error) {
    const offset = anchorOffset(first, text);
    const message = error instanceof Error ? error.message : String(error);
    if (/excessive alias count/iu.test(message)) {
      return report(
        offset,
        'error',
        'YAML aliases in this file would expand to far more values than it holds (an "alias bomb"). ' +
          `Remove the anchors (&name) and aliases (*name) and write the values out. ${READ_ONLY}`,
      );
    }
    return report(offset, 'error', `${firstLine(message)}. Write the value out instead of using an alias. ${READ_ONLY}`);
  }
}

/**
 * A top-level key with no name (`: value`): a typo no writer could keep in its place —
 * the writer orders keys by name — so it is named as an error rather than moved around.
 */
function checkUnnamedKeys(root: YAMLMap, report: Report): Problem | undefined {
  for (const pair of root.items) {
    const key = pair.key as Node | null;
    if (key !== null && !(isScalar(key) && (key.value === null || key.value === ''))) continue;
    const value = pair.value as Node | null;
    const offset = key?.range?.[0] ?? value?.range?.[0] ?? root.range?.[0] ?? 0;
    return report(offset, 'error', `A key here has no name (\`: …\`). Write it as \`name: value\`, or delete the line. ${READ_ONLY}`);
  }
  return undefined;
}

function checkVersion(root: YAMLMap, text: string, report: Report): Problem | undefined {
  const pair = findPair(root, 'version', text);
  if (pair === undefined) {
    return report(
      root.range?.[0] ?? 0,
      'error',
      `The sidecar has no \`version:\`. Add \`version: ${SIDECAR_VERSION}\` as its first line. ${READ_ONLY}`,
    );
  }
  const value = pair.value as Node | null;
  const offset = value?.range?.[0] ?? (pair.key as Node).range?.[0] ?? 0;
  if (isScalar(value) && value.value === SIDECAR_VERSION) return undefined;
  if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value) && value.value > SIDECAR_VERSION) {
    return report(
      offset,
      'error',
      `This sidecar is format version ${value.value}, written by a newer Transcript Coder; this one reads version ${SIDECAR_VERSION}. ` +
        `Update the extension. The file is left untouched. ${READ_ONLY}`,
    );
  }
  return report(
    offset,
    'error',
    `Unknown sidecar format version: ${describeNode(value)}. This Transcript Coder reads \`version: ${SIDECAR_VERSION}\`. ${READ_ONLY}`,
  );
}

function readTranscript(root: YAMLMap, text: string, file: string, report: Report, problems: Problem[]): string | undefined {
  const pair = findPair(root, 'transcript', text);
  const expected = transcriptNameOf(file);
  const suggestion = expected === undefined ? '<transcript file name>' : expected;
  if (pair === undefined) {
    problems.push(
      report(root.range?.[0] ?? 0, 'error', `The sidecar has no \`transcript:\`. Add \`transcript: ${suggestion}\`. ${READ_ONLY}`),
    );
    return undefined;
  }
  const value = pair.value as Node | null;
  const offset = value?.range?.[0] ?? (pair.key as Node).range?.[0] ?? 0;
  if (!isScalar(value) || scalarText(value, text) === '' || findAnchorOrAlias(value) !== undefined) {
    problems.push(
      report(
        offset,
        'error',
        `\`transcript\` must be the transcript's file name, e.g. \`transcript: ${suggestion}\`; found ${describeNode(value)}. ${READ_ONLY}`,
      ),
    );
    return undefined;
  }
  const transcript = scalarText(value, text);
  if (expected !== undefined && transcript !== expected && /[/\\]|^[A-Za-z]:|^\.\.?$/u.test(transcript)) {
    // A path, not a name: `../../.ssh/id_rsa`, `/etc/passwd`. Nothing is read from it (issue 19).
    problems.push(
      report(
        offset,
        'warning',
        `\`transcript: ${transcript}\` is a path; a sidecar's transcript is the file beside it, \`${expected}\`, and nothing is read from the path named. ` +
          `Write \`transcript: ${expected}\`.`,
        undefined,
        'transcript-field',
      ),
    );
  } else if (expected !== undefined && transcript !== expected) {
    problems.push(
      report(
        offset,
        'warning',
        `\`transcript: ${transcript}\` does not match this sidecar's file name, which belongs to \`${expected}\`. ` +
          `The codes apply to ${expected}, the transcript beside this file; rename the file or fix the field.`,
        undefined,
        'transcript-field',
      ),
    );
  }
  return transcript;
}

function readAttributes(root: YAMLMap, text: string, report: Report, problems: Problem[]): Record<string, string> {
  const pair = findPair(root, 'attributes', text);
  const value = (pair?.value as Node | null | undefined) ?? null;
  if (value === null || (isScalar(value) && value.value === null)) return {};
  if (!isMap(value) || isAlias(value)) {
    problems.push(
      report(
        value.range?.[0] ?? 0,
        'error',
        `\`attributes\` must be a map such as \`agency: …\`, \`informant: …\`; found ${describeNode(value)}. ${READ_ONLY}`,
      ),
    );
    return {};
  }
  const anchored = findAnchorOrAlias(value);
  if (anchored !== undefined) {
    problems.push(report(anchorOffset(anchored, text), 'error', aliasNotAllowed('`attributes`')));
    return {};
  }
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  for (const attribute of value.items) {
    const key = keyText(attribute, text);
    const keyNode = attribute.key as Node | null;
    const offset = keyNode?.range?.[0] ?? value.range?.[0] ?? 0;
    const node = attribute.value as Node | null;
    if (key === undefined) {
      problems.push(report(offset, 'error', `An attribute name must be plain text. ${READ_ONLY}`));
      continue;
    }
    if (seen.has(key)) {
      problems.push(report(offset, 'error', `Attribute \`${key}\` appears twice; keep one. ${READ_ONLY}`));
      continue;
    }
    seen.add(key);
    if (node !== null && !isScalar(node)) {
      problems.push(
        report(
          node.range?.[0] ?? offset,
          'error',
          `Attribute \`${key}\` must be a single value (text, a date, a number); found ${describeNode(node)}. ${READ_ONLY}`,
        ),
      );
      continue;
    }
    entries.push([key, node === null ? '' : scalarText(node, text)]);
    if (key === 'source' && node !== null) {
      const sourceType = scalarText(node, text);
      if (!(SOURCE_TYPES as readonly string[]).includes(sourceType)) {
        problems.push(
          report(
            node.range?.[0] ?? offset,
            'warning',
            `Source type "${sourceType}" is not one of ${SOURCE_TYPES.join(', ')}. It is kept, but ` +
              'triangulation counts it as a kind of its own; use one of those words if one fits.',
          ),
        );
      }
    }
  }
  // fromEntries makes own properties even for names like `__proto__`.
  return Object.fromEntries(entries);
}

function aliasNotAllowed(where: string): string {
  return (
    `YAML anchors (&name) and aliases (*name) are not allowed in ${where}: write the value out in full, ` +
    `so every tool reads the same codes. ${READ_ONLY}`
  );
}
