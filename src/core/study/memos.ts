/**
 * Analytic memos (issue 4): what the researcher makes of one agency × dimension, kept in
 * `memos.yaml` at the study root and printed in the findings report under that agency
 * and dimension.
 *
 * ```yaml
 * version: 1
 * memos:
 *   - agency: BKPSDM Kabupaten Tanah Laut Selatan
 *     dimension: jones/organization
 *     text: |
 *       Staff shortages are named by every informant …
 *     updated: 2024-05-02
 *     author: rina
 * ```
 *
 * The file is written by hand and merged through git like the sidecars, so reading it is
 * forgiving: every problem has file, line and column, and the memos that can be read are
 * returned. Writing lives in study/memos-write.ts.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { decodeText } from '../transcript';
import { compareProblems, problem, type Problem, readOrRefuse } from '../problems';
import type { StudyReader } from './study';
import { aliasesStayBounded, checkNodes, conflictMarkerProblems, dedupe, describeValue, isEmpty, lineNestingPast, lineOf, type Reader, readFields, report, reportAt, resolveNode, textValue } from '../yaml';

export const MEMOS_PATH = 'memos.yaml';
export const MEMOS_VERSION = 1;
export const MEMO_KEY_ORDER = ['agency', 'dimension', 'text', 'updated', 'author'] as const;
/** `framework/dimension`, the ids as the codebook allows them. */
export const MEMO_DIMENSION_PATTERN = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/u;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/u;
const MAX_NESTING = 32;
const MAX_ALIAS_COUNT = 100;

export interface Memo {
  agency: string;
  /** `framework/dimension` */
  dimension: string;
  text: string;
  /** `YYYY-MM-DD` */
  updated?: string;
  author?: string;
  /** Where the memo starts in the file, for messages. */
  line: number;
}

export interface LoadedMemos {
  path: string;
  /** Empty when the file is absent or broken. */
  memos: Memo[];
  /** True when the file exists but is not readable as a whole; then no memo is used or written. */
  broken: boolean;
  problems: Problem[];
}

export async function loadMemos(reader: StudyReader, path: string = MEMOS_PATH): Promise<LoadedMemos> {
  const { bytes, refused } = await readOrRefuse((file) => reader.readFile(file), path);
  if (refused !== undefined) return { path, memos: [], broken: true, problems: [refused] };
  if (bytes === undefined) return { path, memos: [], broken: false, problems: [] };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { path, memos: [], broken: true, problems: [problem('unreadable-text', path, decoded.line ?? 1, 1, 'error', decoded.message)] };
  return { path, ...parseMemos(decoded.text, path) };
}

export function parseMemos(text: string, file: string): { memos: Memo[]; broken: boolean; problems: Problem[] } {
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const conflicts = conflictMarkerProblems(source, file);
  if (conflicts.length > 0) return { memos: [], broken: true, problems: conflicts };
  const tooDeep = lineNestingPast(source, MAX_NESTING);
  if (tooDeep !== undefined) {
    return {
      memos: [],
      broken: true,
      problems: [problem('too-large', file, tooDeep, 1, 'error', `the memos file nests more than ${MAX_NESTING} levels deep here; check the indentation`)],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const reader: Reader = { file, fileKind: 'the memos file', problemKind: 'memos-invalid', source, doc, lines, problems: [] };
  const memos = readDocument(reader);
  const problems = dedupe(reader.problems).sort(compareProblems);
  return { memos: memos ?? [], broken: memos === undefined, problems };
}

/** Undefined when the file as a whole cannot be used. */
function readDocument(reader: Reader): Memo[] | undefined {
  const { doc } = reader;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      reportAt(reader, error.pos[0], 'error', `not valid YAML: ${error.message}; the memos are not used until this is fixed`);
    }
    return undefined;
  }
  const firstAlias = checkNodes(reader);
  if (firstAlias !== undefined && !aliasesStayBounded(doc, MAX_ALIAS_COUNT)) {
    report(reader, firstAlias, 'error', `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes; write the memos out instead`);
    return undefined;
  }
  const root = doc.contents;
  // An empty file is a study that has no memos yet.
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) {
    report(reader, root, 'error', "the memos file must be a YAML mapping with 'version: 1' and a 'memos:' list");
    return undefined;
  }
  const fields = readFields(reader, root, ['version', 'memos'], 'the memos file');
  const version = fields.get('version');
  const versionValue = isScalar(version?.value) ? version.value.value : undefined;
  if (version === undefined) {
    report(reader, root, 'error', "the memos file has no version; add 'version: 1' as its first line");
    return undefined;
  }
  if (versionValue !== MEMOS_VERSION) {
    report(reader, version.value ?? version.key, 'error',
      `unknown memos file version ${describeValue(version.value)}: this Transcript Coder reads version 1; the file is left as it is`);
    return undefined;
  }
  const list = fields.get('memos')?.value;
  if (isEmpty(list)) return [];
  if (!isSeq(list)) {
    report(reader, list, 'error', `'memos' must be a list of memos, each with agency, dimension and text; found ${describeValue(list)}`);
    return undefined;
  }
  const memos: Memo[] = [];
  const firstLineOf = new Map<string, number>();
  for (const item of list.items) {
    const node = resolveNode(reader, item);
    if (!isMap(node)) {
      report(reader, node, 'error', `each memo must be a mapping with agency, dimension and text; found ${describeValue(node)}`);
      continue;
    }
    const memo = readMemo(reader, node);
    if (memo === undefined) continue;
    const key = memoKey(memo.agency, memo.dimension);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      report(reader, node, 'warning',
        `a second memo for ${memo.agency} × ${memo.dimension} (the first is on line ${first}); the report shows both — merge them into one`);
    } else {
      firstLineOf.set(key, memo.line);
    }
    memos.push(memo);
  }
  return memos;
}

function readMemo(reader: Reader, map: YAMLMap): Memo | undefined {
  const fields = readFields(reader, map, MEMO_KEY_ORDER, 'a memo');
  const text = (key: string, required: boolean): string | undefined => {
    const field = fields.get(key);
    if (field === undefined || isEmpty(field.value)) {
      if (required) report(reader, field?.key ?? map, 'error', `this memo has no ${key}; the memo is left out until it has one`);
      return undefined;
    }
    const value = field.value === undefined ? undefined : textValue(reader, field.value);
    if (value === undefined) report(reader, field.value, 'error', `the memo's ${key} must be text, not ${describeValue(field.value)}`);
    return value;
  };
  const agency = text('agency', true)?.trim();
  const dimension = text('dimension', true)?.trim();
  const body = text('text', true);
  const updated = text('updated', false);
  const author = text('author', false);
  if (agency === undefined || agency === '' || dimension === undefined || body === undefined) return undefined;
  if (!MEMO_DIMENSION_PATTERN.test(dimension)) {
    report(reader, fields.get('dimension')?.value, 'error',
      `'${dimension}' is not a dimension path: write framework/dimension with the codebook's ids, e.g. jones/organization`);
    return undefined;
  }
  if (updated !== undefined && !DATE_PATTERN.test(updated)) {
    report(reader, fields.get('updated')?.value, 'warning', `'${updated}' is not a date: write updated as YYYY-MM-DD`);
  }
  const memo: Memo = { agency, dimension, text: body, line: lineOf(reader, map as YamlNode) };
  if (updated !== undefined) memo.updated = updated;
  if (author !== undefined) memo.author = author;
  return memo;
}

export function memoKey(agency: string, dimension: string): string {
  return `${agency}\u0000${dimension}`;
}

/** Every memo of one agency × dimension, in file order (usually one). */
export function memosFor(memos: readonly Memo[], agency: string, dimension: string): Memo[] {
  return memos.filter((memo) => memo.agency === agency && memo.dimension === dimension && memo.text.trim() !== '');
}
