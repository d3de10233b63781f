/**
 * Conflict records read as the list that reports and diagnostics show: the values of
 * each side side by side. The same function serves the merge (what it just recorded)
 * and `validate` (what a file still holds), so both say the same thing.
 */
import type { SidecarData } from '../sidecar';
import {
  fieldValue,
  MERGED_CODE_FIELDS,
  type CodeConflictRecord,
  type ConflictRecords,
  type FieldValue,
  type MergeConflict,
  type ValueConflictRecord,
} from './model';

export function conflictsOf(data: SidecarData, records: ConflictRecords): MergeConflict[] {
  const conflicts: MergeConflict[] = [];
  for (const code of data.codes) {
    const record = records.codes.get(code.id);
    if (record !== undefined) conflicts.push(codeConflict(code.id, record, (field) => fieldValue(code, field)));
  }
  const top = records.top;
  if (top?.transcript !== undefined) {
    conflicts.push(valueConflict({ kind: 'transcript' }, top.transcript, data.transcript));
  }
  for (const [name, record] of Object.entries(top?.attributes ?? {})) {
    const standing = Object.prototype.hasOwnProperty.call(data.attributes, name) ? data.attributes[name] : undefined;
    conflicts.push(valueConflict({ kind: 'attribute', name }, record, standing ?? null));
  }
  return conflicts;
}

function codeConflict(
  id: string,
  record: CodeConflictRecord,
  standing: (field: (typeof MERGED_CODE_FIELDS)[number]) => FieldValue,
): MergeConflict {
  const listed = record.theirs ?? record.base ?? {};
  const fields = MERGED_CODE_FIELDS.filter((field) => field in listed);
  const current = Object.fromEntries(fields.map((field) => [field, standing(field)]));
  const base = record.base === undefined ? undefined : { ...record.base };
  const deletedBy = record['deleted-by'];
  if (deletedBy !== undefined) {
    return {
      target: { kind: 'code', id },
      deletedBy,
      fields,
      ours: deletedBy === 'ours' ? {} : current,
      theirs: deletedBy === 'theirs' ? {} : current,
      ...(base === undefined ? {} : { base }),
    };
  }
  return { target: { kind: 'code', id }, fields, ours: current, theirs: { ...record.theirs }, ...(base === undefined ? {} : { base }) };
}

function valueConflict(target: MergeConflict['target'], record: ValueConflictRecord, standing: string | null): MergeConflict {
  const base = record.base === undefined ? undefined : { value: record.base };
  const deletedBy = record['deleted-by'];
  if (deletedBy !== undefined) {
    return {
      target,
      deletedBy,
      fields: ['value'],
      ours: deletedBy === 'ours' ? {} : { value: standing },
      theirs: deletedBy === 'theirs' ? {} : { value: standing },
      ...(base === undefined ? {} : { base }),
    };
  }
  return { target, fields: ['value'], ours: { value: standing }, theirs: { value: record.theirs ?? null }, ...(base === undefined ? {} : { base }) };
}
