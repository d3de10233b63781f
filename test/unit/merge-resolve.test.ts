/**
 * Splitting git's conflict markers into the sides, merging them by code id, and
 * deciding recorded conflicts by taking a side (issue 8).
 */
import { strict as assert } from 'node:assert';
import { mergeSidecars, readConflictRecords, resolveConflictMarkers, splitConflictMarkers, takeSide } from '../../src/core/merge';
import { code, parsed, sidecar, FILE } from './merge-fixtures';

const A = { id: 'aaaa1111', lines: '[2, 2]' };
const B = { id: 'bbbb2222', lines: '[4, 4]', factor: 'Rapat bulanan' };
const C = { id: 'cccc3333', lines: '[5, 5]', factor: 'Anggaran', coder: 'budi' };

describe('splitConflictMarkers', () => {
  it('gives each side’s whole text, and the base when every region has a diff3 section', () => {
    const text = 'a\n<<<<<<< HEAD\nours 1\n||||||| base\nbase 1\n=======\ntheirs 1\n>>>>>>> topic\nb\n<<<<<<< HEAD\n||||||| base\nbase 2\n=======\ntheirs 2\n>>>>>>> topic\n';
    assert.deepEqual(splitConflictMarkers(text), {
      status: 'split',
      ours: 'a\nours 1\nb\n',
      theirs: 'a\ntheirs 1\nb\ntheirs 2\n',
      base: 'a\nbase 1\nb\nbase 2\n',
      regions: 2,
    });
  });

  it('has no base without diff3 sections, and reads CRLF', () => {
    const split = splitConflictMarkers('a\r\n<<<<<<< HEAD\r\nx\r\n=======\r\ny\r\n>>>>>>> topic\r\n');
    assert.deepEqual(split, { status: 'split', ours: 'a\nx\n', theirs: 'a\ny\n', base: undefined, regions: 1 });
  });

  it('reports markers out of order or unclosed, with the line', () => {
    assert.deepEqual(splitConflictMarkers('a\n=======\n'), {
      status: 'malformed',
      line: 2,
      message: 'unexpected conflict marker "=======" here (the region opened at line 1)',
    });
    assert.equal((splitConflictMarkers('<<<<<<< a\nx\n<<<<<<< b\n') as { line: number }).line, 3);
    assert.deepEqual(splitConflictMarkers('x\n<<<<<<< a\nx\n=======\n'), {
      status: 'malformed',
      line: 2,
      message: 'this conflict region is never closed with ">>>>>>>"',
    });
    assert.deepEqual(splitConflictMarkers('version: 1\n'), { status: 'none' });
  });
});

describe('resolveConflictMarkers', () => {
  const head = 'version: 1\ntranscript: kaban.txt\nattributes:\n  agency: BKPSDMD\ncodes:\n';

  it('merges two coders’ added codes from a plain (non-diff3) conflict', () => {
    const text = `${head}${code(A)}<<<<<<< HEAD\n${code(B)}=======\n${code(C)}>>>>>>> budi\n`;
    const result = resolveConflictMarkers(text, FILE);
    assert.equal(result.status, 'clean');
    if (result.status !== 'clean') return;
    assert.equal(result.regions, 1);
    assert.equal(result.withBase, false);
    assert.deepEqual(parsed(result.text).data.codes.map((c) => c.id), ['aaaa1111', 'bbbb2222', 'cccc3333']);
  });

  it('uses the diff3 base: a code theirs deleted and ours left alone is deleted; a different change conflicts', () => {
    const text =
      `${head}<<<<<<< HEAD\n${code({ ...A, factor: 'X' })}${code(B)}||||||| base\n${code(A)}${code(B)}=======\n${code({ ...A, factor: 'Y' })}>>>>>>> budi\n`;
    const result = resolveConflictMarkers(text, FILE);
    assert.equal(result.status, 'conflicted');
    if (result.status !== 'conflicted') return;
    assert.equal(result.withBase, true);
    const data = parsed(result.text).data;
    assert.deepEqual(data.codes.map((c) => c.id), ['aaaa1111']);
    assert.deepEqual(readConflictRecords(result.text, FILE).records.codes.get('aaaa1111'), {
      theirs: { factor: 'Y' },
      base: { factor: 'Tenaga TI kurang' },
    });
  });

  it('says when there are no markers, and passes malformed ones on', () => {
    assert.deepEqual(resolveConflictMarkers(sidecar([code(A)]), FILE), { status: 'no-markers' });
    assert.equal(resolveConflictMarkers(`${head}<<<<<<< HEAD\n${code(A)}`, FILE).status, 'malformed');
  });

  it('fails when a side does not parse, naming it', () => {
    const result = resolveConflictMarkers(`${head}<<<<<<< HEAD\n${code(A)}=======\n  - id: [\n>>>>>>> budi\n`, FILE);
    assert.equal(result.status, 'failed');
    if (result.status === 'failed') assert.match(result.message ?? '', /^theirs of kaban\.txt\.codes\.yaml is not a readable sidecar/u);
  });
});

describe('takeSide', () => {
  const base = sidecar([code(A), code(B)]);
  const conflicted = mergeSidecars(
    base,
    sidecar([code({ ...A, factor: 'X' }), code(B)], '  agency: Ours\n'),
    sidecar([code({ ...A, factor: 'Y' })], '  agency: Theirs\n  informant: Kepala Badan\n'),
    FILE,
  );

  it('starts from a file with a field conflict, a deletion conflict-free, and an attribute conflict', () => {
    assert.equal(conflicted.status, 'conflicted');
    assert.deepEqual(
      conflicted.conflicts.map((c) => c.target),
      [{ kind: 'code', id: 'aaaa1111' }, { kind: 'attribute', name: 'agency' }],
    );
  });

  it('--take ours keeps ours’ values and removes the records', () => {
    const taken = takeSide(conflicted.text, FILE, 'ours');
    assert.equal(taken.status, 'resolved');
    if (taken.status !== 'resolved') return;
    assert.equal(taken.resolved.length, 2);
    assert.ok(!taken.text.includes('conflict'), taken.text);
    const data = parsed(taken.text).data;
    assert.equal(data.codes[0]?.factor, 'X');
    assert.equal(data.attributes['agency'], 'Ours');
  });

  it('--take theirs applies theirs’ values', () => {
    const taken = takeSide(conflicted.text, FILE, 'theirs');
    assert.equal(taken.status, 'resolved');
    if (taken.status !== 'resolved') return;
    const data = parsed(taken.text).data;
    assert.equal(data.codes[0]?.factor, 'Y');
    assert.equal(data.attributes['agency'], 'Theirs');
    assert.equal(readConflictRecords(taken.text, FILE).records.top, undefined);
  });

  it('decides a deletion conflict: taking the deleting side deletes the code, the other keeps it', () => {
    const deleted = mergeSidecars(base, sidecar([code(B)]), sidecar([code({ ...A, factor: 'Y' }), code(B)]), FILE);
    assert.equal(deleted.conflicts[0]?.deletedBy, 'ours');
    const ours = takeSide(deleted.text, FILE, 'ours');
    const theirs = takeSide(deleted.text, FILE, 'theirs');
    assert.ok(ours.status === 'resolved' && theirs.status === 'resolved');
    if (ours.status !== 'resolved' || theirs.status !== 'resolved') return;
    assert.deepEqual(parsed(ours.text).data.codes.map((c) => c.id), ['bbbb2222']);
    assert.deepEqual(parsed(theirs.text).data.codes.map((c) => c.id), ['aaaa1111', 'bbbb2222']);
    assert.equal(parsed(theirs.text).data.codes[0]?.factor, 'Y');
  });

  it('leaves a file without records as it is, and refuses a record it cannot read', () => {
    const clean = sidecar([code(A)]);
    assert.deepEqual(takeSide(clean, FILE, 'theirs'), { status: 'resolved', text: clean, resolved: [] });
    const bad = takeSide(sidecar([code({ ...A, extra: '    conflict: {theirs: {colour: red}}\n' })]), FILE, 'theirs');
    assert.equal(bad.status, 'failed');
    if (bad.status === 'failed') assert.match(bad.message, /names an unknown field `colour`/u);
  });
});
