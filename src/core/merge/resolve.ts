/**
 * Resolving what a merge left in a sidecar: git conflict markers (a merge without the
 * driver) are merged by the driver's rules; recorded conflicts (the driver's
 * `conflict:` keys) are decided by taking one side. The CLI's `resolve` and the
 * extension call these; they return text and never touch the disk.
 */
import { formatProblem } from '../problems';
import { type CodeEntry, parseSidecar, serializeSidecar, type SidecarData } from '../sidecar';
import { conflictsOf } from './conflict-list';
import { splitConflictMarkers } from './conflict-markers';
import { readConflictRecords, writeConflictRecords } from './conflict-record';
import { mergeSidecars, readsBackAs, type SidecarMerge } from './merge-sidecars';
import { withFieldValues, type ConflictRecords, type MergeConflict, type Side, type ValueConflictRecord } from './model';

export type MarkerResolution =
  | { status: 'no-markers' }
  | { status: 'malformed'; line: number; message: string }
  | (SidecarMerge & { regions: number; withBase: boolean });

/**
 * Splits the marker regions of `text` into ours and theirs (and the base, from diff3
 * sections) and merges them by code id. Without a base nothing is deleted: a code only
 * one side has is kept.
 */
export function resolveConflictMarkers(text: string, file: string): MarkerResolution {
  const split = splitConflictMarkers(text);
  if (split.status === 'none') return { status: 'no-markers' };
  if (split.status === 'malformed') return split;
  const merged = mergeSidecars(split.base, split.ours, split.theirs, file);
  return { ...merged, regions: split.regions, withBase: split.base !== undefined };
}

export type SideTaken =
  | { status: 'resolved'; text: string; resolved: MergeConflict[] }
  | { status: 'failed'; message: string };

/** Decides every recorded conflict of `text` by taking `side`'s values, and removes the records. */
export function takeSide(text: string, file: string, side: Side): SideTaken {
  const parse = parseSidecar(text, file);
  if (parse.status !== 'ok') {
    return { status: 'failed', message: `${file} is not a readable sidecar: ${parse.problems.slice(0, 3).map(formatProblem).join('; ')}` };
  }
  const read = readConflictRecords(text, file);
  if (read.problems.length > 0) {
    return { status: 'failed', message: `edit these by hand: ${read.problems.map(formatProblem).join('; ')}` };
  }
  const resolved = conflictsOf(parse.data, read.records);
  if (resolved.length === 0) return { status: 'resolved', text, resolved };

  const data = applySide(parse.data, read.records, side);
  const none: ConflictRecords = { codes: new Map() };
  try {
    const written = writeConflictRecords(serializeSidecar(data, parse), { records: none });
    const check = readsBackAs(written, file, data, none);
    if (check !== undefined) return { status: 'failed', message: `the result did not read back as meant (${check}); nothing was written` };
    return { status: 'resolved', text: written, resolved };
  } catch (error) {
    return { status: 'failed', message: `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function applySide(data: SidecarData, records: ConflictRecords, side: Side): SidecarData {
  const codes: CodeEntry[] = [];
  for (const code of data.codes) {
    const record = records.codes.get(code.id);
    if (record === undefined) codes.push(code);
    // The code in the file is the side that changed it; taking the deleting side deletes it.
    else if (record['deleted-by'] !== undefined) {
      if (record['deleted-by'] !== side) codes.push(code);
    } else codes.push(side === 'theirs' ? withFieldValues(code, record.theirs ?? {}) : code);
  }
  const attributes = new Map(Object.entries(data.attributes));
  for (const [name, record] of Object.entries(records.top?.attributes ?? {})) {
    const value = decideValue(record, side, attributes.get(name));
    if (value === undefined) attributes.delete(name);
    else attributes.set(name, value);
  }
  const transcriptRecord = records.top?.transcript;
  const transcript = transcriptRecord === undefined ? data.transcript : (decideValue(transcriptRecord, side, data.transcript) ?? data.transcript);
  return { ...data, transcript, attributes: Object.fromEntries(attributes), codes };
}

/** The value `side` wants; undefined when that side deleted it. */
function decideValue(record: ValueConflictRecord, side: Side, standing: string | undefined): string | undefined {
  if (record['deleted-by'] !== undefined) return record['deleted-by'] === side ? undefined : standing;
  return side === 'theirs' ? record.theirs : standing;
}
