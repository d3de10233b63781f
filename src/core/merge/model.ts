/**
 * What a sidecar merge decides and what it leaves to a person (issue 8, docs/merging.md).
 *
 * A code is merged field by field, where `lines` and `quote` count as one field (the
 * anchor): they move together when a code is re-anchored, and taking one side's lines
 * with the other side's quote would give a code that sits on the wrong text.
 */
import type { CodeEntry } from '../sidecar';

/** The fields of a code a merge compares, in the order they are written. */
export const MERGED_CODE_FIELDS = ['lines', 'quote', 'code', 'polarity', 'factor', 'memo', 'coder'] as const;
export type MergedCodeField = (typeof MERGED_CODE_FIELDS)[number];

/** Fields that change together: a conflict on one of them records all of its group. */
export const CODE_FIELD_GROUPS: ReadonlyArray<ReadonlyArray<MergedCodeField>> = [
  ['lines', 'quote'],
  ['code'],
  ['polarity'],
  ['factor'],
  ['memo'],
  ['coder'],
];

/** A field's value as recorded: text, a line range, or null for a field that is absent (memo). */
export type FieldValue = string | [number, number] | null;
export type FieldValues = Partial<Record<MergedCodeField, FieldValue>>;

export type Side = 'ours' | 'theirs';

/**
 * The `conflict:` key of a code (docs/merging.md). Exactly one of `theirs` and
 * `deleted-by` is set. The code's own fields hold what stands now: ours where both
 * sides changed a field, and the changed side's code where the other side deleted it.
 */
export interface CodeConflictRecord {
  /** Theirs' values of the fields both sides changed differently. */
  theirs?: FieldValues;
  /** The side that deleted the code while the other side changed it. */
  'deleted-by'?: Side;
  /** The common ancestor's values of those fields, when there was one. */
  base?: FieldValues;
}

/** A conflict on one value: an attribute, or the `transcript:` name. */
export interface ValueConflictRecord {
  theirs?: string;
  'deleted-by'?: Side;
  base?: string;
}

/** The top-level `conflict:` key: conflicts outside the codes. */
export interface TopConflictRecord {
  transcript?: ValueConflictRecord;
  attributes?: Record<string, ValueConflictRecord>;
}

/** Every conflict record of one sidecar. */
export interface ConflictRecords {
  codes: Map<string, CodeConflictRecord>;
  top?: TopConflictRecord;
}

type ConflictTarget = { kind: 'code'; id: string } | { kind: 'attribute'; name: string } | { kind: 'transcript' };

/**
 * One thing a merge could not decide, as reports and diagnostics show it. `ours`,
 * `theirs` and `base` hold the values of the conflicting fields (for an attribute or the
 * transcript name, the field is `value`); a side that deleted the code or attribute has
 * no values and is named in `deletedBy`.
 */
export interface MergeConflict {
  target: ConflictTarget;
  deletedBy?: Side;
  fields: string[];
  ours: Record<string, FieldValue>;
  theirs: Record<string, FieldValue>;
  base?: Record<string, FieldValue>;
}

export function fieldValue(code: CodeEntry, field: MergedCodeField): FieldValue {
  if (field === 'lines') return [code.lines[0], code.lines[1]];
  if (field === 'memo') return code.memo ?? null;
  return code[field];
}

export function fieldValues(code: CodeEntry, fields: ReadonlyArray<MergedCodeField>): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) values[field] = fieldValue(code, field);
  return values;
}

/** `code` with `values` applied (null memo removes the memo). */
export function withFieldValues(code: CodeEntry, values: FieldValues): CodeEntry {
  const next: CodeEntry = { ...code, lines: [code.lines[0], code.lines[1]] };
  for (const field of MERGED_CODE_FIELDS) {
    if (!(field in values)) continue;
    const value = values[field];
    if (field === 'lines') {
      if (Array.isArray(value)) next.lines = [value[0], value[1]];
    } else if (field === 'memo') {
      if (typeof value === 'string') next.memo = value;
      else delete next.memo;
    } else if (typeof value === 'string') {
      next[field] = value;
    }
  }
  return next;
}

/** One line for a report: what conflicts and what each side has. */
export function describeConflict(conflict: MergeConflict): string {
  const what =
    conflict.target.kind === 'code'
      ? `code ${conflict.target.id}`
      : conflict.target.kind === 'attribute'
        ? `attribute ${conflict.target.name}`
        : 'the transcript name';
  const show = (values: Record<string, FieldValue>): string =>
    conflict.fields.map((field) => (field === 'value' ? showValue(values[field]) : `${field} ${showValue(values[field])}`)).join(', ');
  if (conflict.deletedBy !== undefined) {
    const kept: Side = conflict.deletedBy === 'ours' ? 'theirs' : 'ours';
    const keptValues = kept === 'ours' ? conflict.ours : conflict.theirs;
    const changed = conflict.fields.length === 0 ? 'changed it' : `changed ${show(keptValues)}`;
    return `merge conflict on ${what}: ${conflict.deletedBy} deleted it, ${kept} ${changed}`;
  }
  const base = conflict.base === undefined ? '' : ` (base ${show(conflict.base)})`;
  return `merge conflict on ${what}: ours ${show(conflict.ours)}, theirs ${show(conflict.theirs)}${base}`;
}

function showValue(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '(none)';
  if (Array.isArray(value)) return value[0] === value[1] ? `[${value[0]}]` : `[${value[0]}-${value[1]}]`;
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(short);
}

/** A stable text form of a JSON-like value (keys sorted), for comparing records. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
