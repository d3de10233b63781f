/**
 * The three-way merge of two sidecars' data by code id (issue 8, docs/merging.md).
 *
 * The rule for every value — a code's field, an attribute, the transcript name, a code
 * as a whole — is the same: equal on both sides → that; unchanged on one side → the
 * other side's; changed differently on both → a conflict. A conflict keeps ours in the
 * data and records theirs (and the base) so that nothing is lost; where one side
 * deleted what the other changed, the changed version stays and the deletion is recorded.
 * Without a base (both sides added the file, or conflict markers without a diff3
 * section) the base counts as empty: nothing is deleted, and values that differ conflict.
 */
import type { CodeEntry, SidecarData } from '../sidecar';
import {
  CODE_FIELD_GROUPS,
  fieldValues,
  stableJson,
  type CodeConflictRecord,
  type ConflictRecords,
  type MergeConflict,
  type MergedCodeField,
  type TopConflictRecord,
  type ValueConflictRecord,
  withFieldValues,
} from './model';
import { conflictsOf } from './conflict-list';

export interface SideData {
  data: SidecarData;
  /** Conflict records already in the file: an earlier merge nobody resolved yet. */
  records: ConflictRecords;
}

export type DataMerge =
  | {
      status: 'merged';
      data: SidecarData;
      /** The records to write: carried over from the sides, and new ones. */
      records: ConflictRecords;
      /** New conflicts of this merge (not the carried-over ones). */
      conflicts: MergeConflict[];
      /** Ids of codes whose written form comes from theirs alone (theirs' unknown keys go with them). */
      codesFromTheirs: Set<string>;
    }
  | { status: 'failed'; message: string };

class MergeRefused extends Error {}

type Pick<T> = { value: T } | { conflict: true };

/** The three-way rule on one value; `undefined` means absent. */
function pick<T>(base: T | undefined, ours: T | undefined, theirs: T | undefined): Pick<T | undefined> {
  const key = (value: T | undefined) => (value === undefined ? '\u0000absent' : stableJson(value));
  const [b, o, t] = [key(base), key(ours), key(theirs)];
  if (o === t) return { value: ours };
  if (o === b) return { value: theirs };
  if (t === b) return { value: ours };
  return { conflict: true };
}

export function mergeSidecarData(base: SideData | undefined, ours: SideData, theirs: SideData): DataMerge {
  try {
    return mergeOrThrow(base, ours, theirs);
  } catch (error) {
    if (error instanceof MergeRefused) return { status: 'failed', message: error.message };
    throw error;
  }
}

function mergeOrThrow(base: SideData | undefined, ours: SideData, theirs: SideData): DataMerge {
  const records: ConflictRecords = { codes: new Map() };
  const codesFromTheirs = new Set<string>();
  const codes: CodeEntry[] = [];

  const baseCodes = new Map((base?.data.codes ?? []).map((code) => [code.id, code]));
  const ourCodes = new Map(ours.data.codes.map((code) => [code.id, code]));
  const theirCodes = new Map(theirs.data.codes.map((code) => [code.id, code]));
  const ids = new Set([...ourCodes.keys(), ...theirCodes.keys()]);
  for (const id of ids) {
    const merged = mergeCode(id, {
      base: baseCodes.get(id),
      ours: ourCodes.get(id),
      theirs: theirCodes.get(id),
      baseRecord: base?.records.codes.get(id),
      ourRecord: ours.records.codes.get(id),
      theirRecord: theirs.records.codes.get(id),
    });
    if (merged === undefined) continue;
    codes.push(merged.code);
    if (merged.record !== undefined) records.codes.set(id, merged.record);
    if (merged.fromTheirs) codesFromTheirs.add(id);
  }

  const top = mergeTop(base, ours, theirs);
  if (top.record !== undefined) records.top = top.record;
  const data: SidecarData = { version: 1, transcript: top.transcript, attributes: top.attributes, codes };
  const conflicts = conflictsOf(data, newRecordsOnly(records, ours, theirs));
  return { status: 'merged', data, records, conflicts, codesFromTheirs };
}

interface CodeSides {
  base: CodeEntry | undefined;
  ours: CodeEntry | undefined;
  theirs: CodeEntry | undefined;
  baseRecord: CodeConflictRecord | undefined;
  ourRecord: CodeConflictRecord | undefined;
  theirRecord: CodeConflictRecord | undefined;
}

/** The merged code, or undefined when it is deleted (or was never there). */
function mergeCode(
  id: string,
  sides: CodeSides,
): { code: CodeEntry; record: CodeConflictRecord | undefined; fromTheirs: boolean } | undefined {
  const { base, ours, theirs } = sides;
  const carried = pick(sides.baseRecord, sides.ourRecord, sides.theirRecord);
  if ('conflict' in carried) {
    throw new MergeRefused(`both sides hold different unresolved merge conflicts on code ${id}; resolve them on each side first`);
  }
  const carriedRecord = carried.value;

  if (ours !== undefined && theirs !== undefined) {
    const conflicting: MergedCodeField[] = [];
    let code: CodeEntry = { ...ours };
    for (const group of CODE_FIELD_GROUPS) {
      const choice = pick(base && fieldValues(base, group), fieldValues(ours, group), fieldValues(theirs, group));
      if ('conflict' in choice) conflicting.push(...group);
      else code = withFieldValues(code, choice.value ?? {});
    }
    if (conflicting.length === 0) return { code, record: carriedRecord, fromTheirs: false };
    refuseNesting(id, carriedRecord);
    const record: CodeConflictRecord = { theirs: fieldValues(theirs, conflicting) };
    if (base !== undefined) record.base = fieldValues(base, conflicting);
    return { code, record, fromTheirs: false };
  }

  const present = ours ?? theirs;
  if (present === undefined) return undefined;
  const presentSide = ours !== undefined ? 'ours' : 'theirs';
  const presentRecord = presentSide === 'ours' ? sides.ourRecord : sides.theirRecord;
  if (base === undefined) return { code: present, record: presentRecord, fromTheirs: presentSide === 'theirs' };
  const changedFields = CODE_FIELD_GROUPS.filter((group) => stableJson(fieldValues(base, group)) !== stableJson(fieldValues(present, group))).flat();
  const recordChanged = stableJson(presentRecord ?? null) !== stableJson(sides.baseRecord ?? null);
  // The other side deleted it; the deletion stands only if this side left it as it was.
  if (changedFields.length === 0 && !recordChanged) return undefined;
  refuseNesting(id, presentRecord);
  const record: CodeConflictRecord = {
    'deleted-by': presentSide === 'ours' ? 'theirs' : 'ours',
    base: fieldValues(base, changedFields),
  };
  return { code: present, record, fromTheirs: presentSide === 'theirs' };
}

function refuseNesting(id: string, carried: CodeConflictRecord | undefined): void {
  if (carried === undefined) return;
  throw new MergeRefused(
    `code ${id} still holds an unresolved merge conflict from an earlier merge and now conflicts again; ` +
      'resolve the earlier conflict first (transcript-coder resolve FILE --take ours|theirs), then merge again',
  );
}

function mergeTop(
  base: SideData | undefined,
  ours: SideData,
  theirs: SideData,
): { transcript: string; attributes: Record<string, string>; record: TopConflictRecord | undefined } {
  const carried = pick(base?.records.top, ours.records.top, theirs.records.top);
  if ('conflict' in carried) {
    throw new MergeRefused('both sides hold different unresolved merge conflicts on attributes; resolve them on each side first');
  }
  const record: TopConflictRecord = {};

  let transcript = ours.data.transcript;
  const transcriptChoice = pick(base?.data.transcript, ours.data.transcript, theirs.data.transcript);
  if ('conflict' in transcriptChoice) {
    record.transcript = valueRecord(base?.data.transcript, theirs.data.transcript);
  } else {
    transcript = transcriptChoice.value ?? ours.data.transcript;
  }

  const attributes: [string, string][] = [];
  const attributeRecords: Record<string, ValueConflictRecord> = {};
  const baseAttributes = base?.data.attributes ?? {};
  const names = [...new Set([...Object.keys(ours.data.attributes), ...Object.keys(theirs.data.attributes)])];
  for (const name of names) {
    const b = own(baseAttributes, name);
    const o = own(ours.data.attributes, name);
    const t = own(theirs.data.attributes, name);
    const choice = pick(b, o, t);
    if (!('conflict' in choice)) {
      if (choice.value !== undefined) attributes.push([name, choice.value]);
      continue;
    }
    if (o !== undefined && t !== undefined) {
      attributes.push([name, o]);
      attributeRecords[name] = valueRecord(b, t);
    } else {
      // One side deleted the attribute the other changed: the changed value stays.
      attributes.push([name, (o ?? t) as string]);
      attributeRecords[name] = { 'deleted-by': o === undefined ? 'ours' : 'theirs', ...(b === undefined ? {} : { base: b }) };
    }
  }
  if (Object.keys(attributeRecords).length > 0) record.attributes = Object.fromEntries(Object.entries(attributeRecords));

  const hasNew = record.transcript !== undefined || record.attributes !== undefined;
  if (hasNew && carried.value !== undefined) {
    throw new MergeRefused(
      'this sidecar still holds unresolved attribute conflicts from an earlier merge and now conflicts again; ' +
        'resolve the earlier conflicts first (transcript-coder resolve FILE --take ours|theirs), then merge again',
    );
  }
  // fromEntries: an attribute called `__proto__` is an ordinary key.
  return { transcript, attributes: Object.fromEntries(attributes), record: hasNew ? record : carried.value };
}

function valueRecord(base: string | undefined, theirs: string): ValueConflictRecord {
  return base === undefined ? { theirs } : { theirs, base };
}

function own(record: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/** The records this merge made, leaving out those carried over unchanged from a side. */
function newRecordsOnly(records: ConflictRecords, ours: SideData, theirs: SideData): ConflictRecords {
  const fresh: ConflictRecords = { codes: new Map() };
  const carried = (id: string, record: CodeConflictRecord) =>
    [ours.records.codes.get(id), theirs.records.codes.get(id)].some((side) => side !== undefined && stableJson(side) === stableJson(record));
  for (const [id, record] of records.codes) if (!carried(id, record)) fresh.codes.set(id, record);
  const top = records.top;
  const topCarried = [ours.records.top, theirs.records.top].some((side) => side !== undefined && stableJson(side) === stableJson(top));
  if (top !== undefined && !topCarried) fresh.top = top;
  return fresh;
}
