/**
 * Properties of the sidecar merge (issue 8): merging a side with itself or with an
 * unchanged base gives that side; swapping ours and theirs changes only what
 * conflicts; and no code either side holds is lost unless the rules delete it.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mergeSidecars, readConflictRecords, takeSide } from '../../src/core/merge';
import { parseSidecar, serializeSidecar, sidecarDataEqual } from '../../src/core/sidecar';
import type { CodeEntry, SidecarData } from '../../src/core/sidecar/model';
import { codeId, lines, sidecarData, text } from './sidecar-arbitraries';

const FILE = 'kaban.txt.codes.yaml';

const codeFields = fc.record({
  lines,
  code: fc.constantFrom('jones/organization', 'jones/organization/coordination', 'jones/application'),
  polarity: fc.constantFrom('supporting', 'inhibiting', 'effort'),
  factor: text({ maxLength: 8 }),
  quote: text({ maxLength: 20 }),
  memo: fc.option(text({ maxLength: 10 }), { nil: undefined }),
  coder: fc.constantFrom('rina', 'budi'),
});

/** One coder's work on a base: some codes deleted, some fields changed, codes and attributes added or changed. */
interface Edits {
  deleted: boolean[];
  changes: { field: keyof Omit<CodeEntry, 'id'>; fields: Omit<CodeEntry, 'id'> }[][];
  added: { id: string; fields: Omit<CodeEntry, 'id'> }[];
  attributes: [string, string | null][];
  transcript: string | null;
}

const FIELDS = ['lines', 'quote', 'code', 'polarity', 'factor', 'memo', 'coder'] as const;

const edits: fc.Arbitrary<Edits> = fc.record({
  deleted: fc.array(fc.integer({ min: 0, max: 4 }).map((n) => n === 0), { minLength: 8, maxLength: 8 }),
  changes: fc.array(fc.array(fc.record({ field: fc.constantFrom(...FIELDS), fields: codeFields }), { maxLength: 2 }), {
    minLength: 8,
    maxLength: 8,
  }),
  added: fc.array(fc.record({ id: codeId, fields: codeFields }), { maxLength: 3 }),
  attributes: fc.array(fc.tuple(fc.constantFrom('agency', 'informant', 'date', 'x'), fc.option(text({ maxLength: 6 }), { nil: null })), {
    maxLength: 3,
  }),
  transcript: fc.option(fc.constantFrom('kaban.txt', 'other.txt'), { nil: null, freq: 4 }),
});

function withId(id: string, fields: Omit<CodeEntry, 'id'>): CodeEntry {
  const { memo, ...rest } = fields;
  return memo === undefined ? { id, ...rest } : { id, ...rest, memo };
}

function applyEdits(base: SidecarData, edit: Edits): SidecarData {
  const codes: CodeEntry[] = [];
  base.codes.forEach((code, index) => {
    if (edit.deleted[index] === true) return;
    let next: CodeEntry = { ...code };
    for (const change of edit.changes[index] ?? []) {
      const changed = withId(code.id, change.fields);
      if (change.field === 'memo') {
        next = changed.memo === undefined ? (({ memo: _memo, ...rest }) => rest)(next) : { ...next, memo: changed.memo };
      } else {
        next = { ...next, [change.field]: changed[change.field] };
      }
    }
    codes.push(next);
  });
  const ids = new Set(base.codes.map((code) => code.id));
  for (const { id, fields } of edit.added) {
    if (ids.has(id)) continue;
    ids.add(id);
    codes.push(withId(id, fields));
  }
  const attributes = { ...base.attributes };
  for (const [name, value] of edit.attributes) {
    if (value === null) delete attributes[name];
    else attributes[name] = value;
  }
  return { ...base, transcript: edit.transcript ?? base.transcript, attributes, codes };
}

const threeVersions = sidecarData.chain((base) =>
  fc.tuple(fc.constant(base), edits.map((edit) => applyEdits(base, edit)), edits.map((edit) => applyEdits(base, edit))),
);

function merged(base: SidecarData, ours: SidecarData, theirs: SidecarData) {
  const result = mergeSidecars(serializeSidecar(base), serializeSidecar(ours), serializeSidecar(theirs), FILE);
  assert.notEqual(result.status, 'failed', result.message);
  const parse = parseSidecar(result.text, FILE);
  assert.equal(parse.status, 'ok', result.text);
  if (parse.status !== 'ok') throw new Error('unreachable');
  return { ...result, data: parse.data };
}

/** The fields of each code, and the attributes, that a merge recorded as conflicting. */
function conflictedFields(textOfMerge: string): { codes: Map<string, Set<string>>; attributes: Set<string> } {
  const { records } = readConflictRecords(textOfMerge, FILE);
  const codes = new Map<string, Set<string>>();
  for (const [id, record] of records.codes) {
    codes.set(id, new Set(record['deleted-by'] === undefined ? Object.keys(record.theirs ?? {}) : ['*']));
  }
  return { codes, attributes: new Set(Object.keys(records.top?.attributes ?? {})) };
}

describe('sidecar merge properties', function () {
  this.timeout(120_000);

  it('merge(base, x, x) is x, cleanly', () => {
    fc.assert(
      fc.property(threeVersions, ([base, x]) => {
        const result = merged(base, x, x);
        assert.equal(result.status, 'clean');
        assert.ok(sidecarDataEqual(result.data, x));
      }),
      { numRuns: 100 },
    );
  });

  it('merge(base, base, x) and merge(base, x, base) are x, cleanly', () => {
    fc.assert(
      fc.property(threeVersions, ([base, x]) => {
        for (const result of [merged(base, base, x), merged(base, x, base)]) {
          assert.equal(result.status, 'clean');
          assert.ok(sidecarDataEqual(result.data, x), result.text);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('swapping ours and theirs gives the same codes, and the same values wherever nothing conflicts', () => {
    fc.assert(
      fc.property(threeVersions, ([base, ours, theirs]) => {
        const one = merged(base, ours, theirs);
        const other = merged(base, theirs, ours);
        assert.equal(one.status, other.status);
        assert.deepEqual(one.data.codes.map((c) => c.id).sort(), other.data.codes.map((c) => c.id).sort());
        assert.deepEqual(Object.keys(one.data.attributes).sort(), Object.keys(other.data.attributes).sort());
        const conflicts = conflictedFields(one.text);
        assert.deepEqual([...conflictedFields(other.text).codes.keys()].sort(), [...conflicts.codes.keys()].sort());
        const byId = new Map(other.data.codes.map((code) => [code.id, code]));
        for (const code of one.data.codes) {
          const fields = conflicts.codes.get(code.id) ?? new Set();
          const twin = byId.get(code.id) as CodeEntry;
          for (const field of FIELDS) {
            if (!fields.has(field)) assert.deepEqual(code[field], twin[field], `code ${code.id} field ${field}`);
          }
        }
        for (const [name, value] of Object.entries(one.data.attributes)) {
          if (!conflicts.attributes.has(name)) assert.equal(value, other.data.attributes[name]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('no code of ours or theirs is lost, unless one side deleted it and the other left it unchanged', () => {
    fc.assert(
      fc.property(threeVersions, ([base, ours, theirs]) => {
        const result = merged(base, ours, theirs);
        const kept = new Set(result.data.codes.map((code) => code.id));
        const key = (code: CodeEntry | undefined) => (code === undefined ? undefined : JSON.stringify(withId(code.id, code)));
        const inBase = new Map(base.codes.map((code) => [code.id, code]));
        const inOurs = new Map(ours.codes.map((code) => [code.id, code]));
        const inTheirs = new Map(theirs.codes.map((code) => [code.id, code]));
        for (const id of new Set([...inOurs.keys(), ...inTheirs.keys()])) {
          const present = inOurs.get(id) ?? inTheirs.get(id);
          const deletedByOther = inBase.has(id) && (!inOurs.has(id) || !inTheirs.has(id));
          const deletionStands = deletedByOther && key(present) === key(inBase.get(id));
          assert.equal(kept.has(id), !deletionStands, `code ${id}`);
        }
        for (const id of kept) assert.ok(inOurs.has(id) || inTheirs.has(id), `code ${id} came from nowhere`);
      }),
      { numRuns: 100 },
    );
  });

  it('every recorded conflict is listed, and taking either side removes every record and keeps the undisputed codes', () => {
    fc.assert(
      fc.property(threeVersions, fc.constantFrom('ours' as const, 'theirs' as const), ([base, ours, theirs], side) => {
        const result = merged(base, ours, theirs);
        const conflicts = conflictedFields(result.text);
        assert.equal(result.conflicts.length, conflicts.codes.size + conflicts.attributes.size + (readConflictRecords(result.text, FILE).records.top?.transcript ? 1 : 0));
        const taken = takeSide(result.text, FILE, side);
        assert.equal(taken.status, 'resolved');
        if (taken.status !== 'resolved') return;
        const after = parseSidecar(taken.text, FILE);
        assert.equal(after.status, 'ok');
        if (after.status !== 'ok') return;
        assert.equal(readConflictRecords(taken.text, FILE).records.codes.size, 0);
        const undisputed = result.data.codes.filter((code) => conflicts.codes.get(code.id)?.has('*') !== true).map((code) => code.id);
        const afterIds = new Set(after.data.codes.map((code) => code.id));
        for (const id of undisputed) assert.ok(afterIds.has(id), `code ${id} lost by --take ${side}`);
        const want = side === 'ours' ? ours : theirs;
        const wanted = new Map(want.codes.map((code) => [code.id, code]));
        for (const code of after.data.codes) {
          const chosen = wanted.get(code.id);
          for (const field of conflicts.codes.get(code.id) ?? []) {
            if (field !== '*' && chosen !== undefined) assert.deepEqual(code[field as (typeof FIELDS)[number]], chosen[field as (typeof FIELDS)[number]]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
