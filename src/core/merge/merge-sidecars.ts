/**
 * Merging three versions of a sidecar's text — what the git merge driver and the
 * conflict-marker resolver do (issue 8, docs/merging.md). The result is written like
 * any sidecar save, with ours as the previous file, so ours' comments, layout and
 * unknown keys stay; then conflict records are written, and the text is read back and
 * compared with what was meant before anyone gets it. A merge that cannot be written
 * so that it reads back the same fails rather than lose a code.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { formatProblem } from '../problems';
import { CODE_KEY_ORDER, normalizeSidecarText, parseSidecar, parseSidecarYaml, serializeSidecar, sidecarDataEqual, type SidecarParseOk } from '../sidecar';
import { findPair, keyText, scalarText } from '../yaml';
import { conflictsOf } from './conflict-list';
import { CONFLICT_KEY, readConflictRecords, writeConflictRecords } from './conflict-record';
import { mergeSidecarData, type SideData } from './merge-data';
import { stableJson, type ConflictRecords, type MergeConflict } from './model';

export interface SidecarMerge {
  /** The merged file; on 'failed', ours unchanged. */
  text: string;
  /** Conflicts this merge recorded in the file (not ones it already held). */
  conflicts: MergeConflict[];
  status: 'clean' | 'conflicted' | 'failed';
  /** Why it failed, or what a person should know about a merge that went through. */
  message?: string;
}

/**
 * Merges `ours` and `theirs`, both descended from `base` (undefined or blank: no common
 * ancestor, as when both sides added the file). `file` names the sidecar in messages.
 */
export function mergeSidecars(base: string | undefined, ours: string, theirs: string, file: string): SidecarMerge {
  const fail = (message: string): SidecarMerge => ({ text: ours, conflicts: [], status: 'failed', message });
  const ourSide = readSide(ours, file, 'ours');
  if ('failure' in ourSide) return fail(ourSide.failure);
  const theirSide = readSide(theirs, file, 'theirs');
  if ('failure' in theirSide) return fail(theirSide.failure);
  const notes: string[] = [];
  let baseSide: SideData | undefined;
  if (base !== undefined && base.trim() !== '') {
    const read = readSide(base, file, 'the common ancestor (base)');
    // Without a base nothing is deleted and every difference is a conflict: a safe merge.
    if ('failure' in read) notes.push(`${read.failure}; merged as if there were no common ancestor, so no code was deleted`);
    else baseSide = read.side;
  }

  const merged = mergeSidecarData(baseSide, ourSide.side, theirSide.side);
  if (merged.status === 'failed') return fail(merged.message);

  let text: string;
  let serialized: string;
  try {
    serialized = serializeSidecar(merged.data, ourSide.parse);
    text = writeConflictRecords(serialized, {
      records: merged.records,
      extraCodePairs: unknownCodePairs(theirs, merged.codesFromTheirs),
    });
  } catch (error) {
    return fail(`the merge cannot be written: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The sidecar writer checks its own output; what the record editor changed is checked here.
  const check = text === serialized ? undefined : readsBackAs(text, file, merged.data, merged.records);
  if (check !== undefined) return fail(`the merge did not read back as merged (${check})`);

  const status = merged.conflicts.length === 0 ? 'clean' : 'conflicted';
  return { text, conflicts: merged.conflicts, status, ...(notes.length > 0 ? { message: notes.join('; ') } : {}) };
}

function readSide(
  text: string,
  file: string,
  name: string,
): { side: SideData; parse: SidecarParseOk } | { failure: string } {
  const parse = parseSidecar(text, file);
  if (parse.status === 'broken') {
    const first = parse.problems[0];
    return { failure: `${name} of ${file} is not a readable sidecar (${parse.reason})${first === undefined ? '' : `: ${formatProblem(first)}`}` };
  }
  const read = readConflictRecords(text, file);
  if (read.problems.length > 0) {
    return { failure: `${name} of ${file} holds a conflict record that cannot be read: ${read.problems.map(formatProblem).join('; ')}` };
  }
  return { side: { data: parse.data, records: read.records }, parse };
}

/** Theirs' unknown keys of the codes taken from theirs alone, to carry with them. */
function unknownCodePairs(theirs: string, ids: ReadonlySet<string>): Map<string, Pair[]> {
  const pairs = new Map<string, Pair[]>();
  if (ids.size === 0) return pairs;
  const { text } = normalizeSidecarText(theirs);
  const root = parseSidecarYaml(text).document.contents as Node | null;
  const codes = isMap(root) ? (findPair(root, 'codes', text)?.value as Node | null | undefined) : undefined;
  if (!isSeq(codes)) return pairs;
  const known = new Set<string>([...CODE_KEY_ORDER, CONFLICT_KEY]);
  for (const item of codes.items as (Node | null)[]) {
    if (!isMap(item)) continue;
    const idNode = findPair(item, 'id', text)?.value as Node | null | undefined;
    const id = isScalar(idNode) ? scalarText(idNode, text) : undefined;
    if (id === undefined || !ids.has(id)) continue;
    const unknown = item.items.filter((pair) => !known.has(keyText(pair, text) ?? ''));
    if (unknown.length > 0) pairs.set(id, unknown);
  }
  return pairs;
}

/** Undefined when `text` reads as `data` with `records`; otherwise what differs. */
export function readsBackAs(text: string, file: string, data: SidecarParseOk['data'], records: ConflictRecords): string | undefined {
  const parse = parseSidecar(text, file);
  if (parse.status !== 'ok') return `it does not parse: ${parse.problems.map(formatProblem).join('; ')}`;
  if (!sidecarDataEqual(parse.data, data)) return 'its codes or attributes differ';
  const read = readConflictRecords(text, file);
  if (read.problems.length > 0) return 'a conflict record cannot be read';
  const shape = (r: ConflictRecords) => stableJson({ codes: Object.fromEntries(r.codes), top: r.top ?? null });
  if (shape(read.records) !== shape(records)) return 'its conflict records differ';
  return undefined;
}

/** Every conflict a sidecar's text records, as a list (for reports). */
export function recordedConflicts(text: string, file: string): MergeConflict[] {
  const parse = parseSidecar(text, file);
  if (parse.status !== 'ok') return [];
  return conflictsOf(parse.data, readConflictRecords(text, file).records);
}
