/**
 * Writing `memos.yaml`: one memo set, changed or removed at a time, through the `yaml`
 * package's Document API so the researcher's comments, quoting and blank lines stay
 * where they were. The library re-prints the whole document, so indentation becomes two
 * spaces and sequences are indented under their key; a file already in that shape comes
 * back byte for byte apart from the memo that changed.
 *
 * Memos are kept in the order the researcher gave them; a new memo goes before the first
 * memo that sorts after it (agency, then dimension), so files written only by the tool
 * stay sorted and two coders adding memos to different cells merge without conflict.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document, type Pair } from 'yaml';
import { MEMO_DIMENSION_PATTERN, MEMO_KEY_ORDER, MEMOS_VERSION, memosFor, parseMemos } from './memos';
import type { Problem } from '../problems';

const STRINGIFY_OPTIONS = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true } as const;

/** The file cannot be written without losing what it holds; `problems` say where and why. */
export class MemosNotWritableError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`memos.yaml cannot be changed until it is fixed: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

interface MemoChange {
  agency: string;
  /** `framework/dimension` */
  dimension: string;
  /** Empty (or only whitespace) removes the memo. */
  text: string;
  author: string;
  /** `YYYY-MM-DD`; passed in because the core has no clock. */
  updated?: string;
}

/**
 * The new text of `memos.yaml` with the memo of `agency` × `dimension` set to `memoText`
 * (removed when it is blank). `previousText` is the file as it is, or undefined when the
 * study has none yet. Throws MemosNotWritableError when the file is broken.
 */
export function setMemo(
  previousText: string | undefined,
  agency: string,
  dimension: string,
  memoText: string,
  author: string,
  updated?: string,
): string {
  const change: MemoChange = { agency: agency.trim(), dimension: dimension.trim(), text: memoText, author: author.trim() };
  if (updated !== undefined) change.updated = updated;
  return applyMemoChange(previousText, change);
}

function applyMemoChange(previousText: string | undefined, change: MemoChange): string {
  if (change.agency === '') throw new Error('setMemo: the agency is empty');
  if (!MEMO_DIMENSION_PATTERN.test(change.dimension)) throw new Error(`setMemo: '${change.dimension}' is not a framework/dimension path`);
  const previous = (previousText ?? '').replace(/^\ufeff/u, '');
  const crlf = previous.includes('\r\n');
  const source = previous.replace(/\r\n/gu, '\n');
  const check = parseMemos(source, 'memos.yaml');
  if (check.broken) throw new MemosNotWritableError(check.problems.filter((p) => p.severity === 'error'));

  const doc = parseDocument(source);
  const memos = memosSequence(doc);
  const isTarget = (item: unknown): boolean =>
    isMap(item) && textOf(item, 'agency') === change.agency && textOf(item, 'dimension') === change.dimension;
  const index = memos.items.findIndex(isTarget);
  const text = normalizeMemoText(change.text);
  if (text === '') {
    // Duplicates (from a merge) go too: the researcher asked for no memo in this cell.
    memos.items = memos.items.filter((item) => !isTarget(item));
  } else if (index >= 0) {
    updateMemo(doc, memos.items[index] as YAMLMap, change, text);
  } else {
    insertMemo(memos, insertionIndex(memos, change), newMemo(doc, change, text));
  }
  const written = doc.toString(STRINGIFY_OPTIONS);
  assertReadsBack(written, change, text);
  return crlf ? written.replace(/\n/gu, '\r\n') : written;
}

/** Line endings as LF, no trailing blank lines, one final newline; '' when there is no text. */
function normalizeMemoText(text: string): string {
  const trimmed = text.replace(/\r\n?/gu, '\n').trimEnd();
  return trimmed.trim() === '' ? '' : `${trimmed}\n`;
}

function memosSequence(doc: Document.Parsed): YAMLSeq {
  if (!isMap(doc.contents)) {
    // An empty file (perhaps only comments): the comments stay above the new content.
    doc.contents = doc.createNode({ version: MEMOS_VERSION }) as unknown as typeof doc.contents;
  }
  const root = doc.contents as unknown as YAMLMap;
  const existing = root.get('memos', true);
  if (isSeq(existing)) {
    // An empty list written as `[]` would keep its flow style and print every memo inline.
    existing.flow = false;
    return existing;
  }
  const created = new YAMLSeq();
  root.set('memos', created);
  return created;
}

function updateMemo(doc: Document.Parsed, memo: YAMLMap, change: MemoChange, text: string): void {
  memo.set('text', literal(doc, text));
  if (change.updated !== undefined) memo.set('updated', change.updated);
  if (change.author !== '') memo.set('author', change.author);
  orderKeys(memo);
}

function newMemo(doc: Document.Parsed, change: MemoChange, text: string): YAMLMap {
  const memo = new YAMLMap();
  memo.set('agency', change.agency);
  memo.set('dimension', change.dimension);
  memo.set('text', literal(doc, text));
  if (change.updated !== undefined) memo.set('updated', change.updated);
  if (change.author !== '') memo.set('author', change.author);
  return memo;
}

function literal(doc: Document.Parsed, text: string): Scalar {
  const scalar = doc.createNode(text) as Scalar;
  scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

/** Known keys in the contract's order; keys Transcript Coder does not know follow, as they were. */
function orderKeys(memo: YAMLMap): void {
  const rank = (pair: Pair): number => {
    // Keys read from the file are Scalar nodes; keys added by `set` are plain strings.
    const key = isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : '';
    const known = (MEMO_KEY_ORDER as readonly string[]).indexOf(key);
    return known < 0 ? MEMO_KEY_ORDER.length : known;
  };
  // Array.prototype.sort is stable, so unknown keys keep their relative order.
  memo.items.sort((a, b) => rank(a as Pair) - rank(b as Pair));
}

/**
 * The parser hangs comments written above the first memo on the list itself; they are
 * moved onto that memo first, so a new memo put in front does not take them over.
 */
function insertMemo(memos: YAMLSeq, index: number, memo: YAMLMap): void {
  const first = memos.items[0];
  if (index === 0 && isMap(first) && memos.commentBefore !== undefined && memos.commentBefore !== null) {
    first.commentBefore = first.commentBefore ? `${memos.commentBefore}\n${first.commentBefore}` : memos.commentBefore;
    memos.commentBefore = undefined;
  }
  memos.items.splice(index, 0, memo);
}

function insertionIndex(memos: YAMLSeq, change: MemoChange): number {
  const after = memos.items.findIndex((item) => {
    if (!isMap(item)) return false;
    const agency = textOf(item, 'agency') ?? '';
    const dimension = textOf(item, 'dimension') ?? '';
    return agency > change.agency || (agency === change.agency && dimension > change.dimension);
  });
  return after < 0 ? memos.items.length : after;
}

function textOf(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true);
  return isScalar(node) && node.value !== null ? String(node.value).trim() : undefined;
}

/** The tool must never write a file that loses the memo it was asked to keep. */
function assertReadsBack(written: string, change: MemoChange, text: string): void {
  const reread = parseMemos(written, 'memos.yaml');
  const found = memosFor(reread.memos, change.agency, change.dimension)[0];
  const ok = !reread.broken && (text === '' ? found === undefined : found?.text === text);
  if (!ok) throw new Error(`setMemo: the memo of ${change.agency} × ${change.dimension} would not read back as written; nothing written`);
}
