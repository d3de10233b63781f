/**
 * The sidecar merge by code id, rule by rule (issue 8, docs/merging.md), and the
 * conflict records it writes: their exact text, reading them back, and `validate`'s
 * errors on the lines they are about.
 */
import { strict as assert } from 'node:assert';
import { conflictProblems, mergeSidecars, readConflictRecords, type SidecarMerge } from '../../src/core/merge';
import type { SidecarParseOk } from '../../src/core/sidecar';
import { code, parsed, sidecar, FILE } from './merge-fixtures';


const A = { id: 'aaaa1111', lines: '[2, 2]', factor: 'Tenaga TI kurang' };
const B = { id: 'bbbb2222', lines: '[4, 4]', code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Rapat bulanan' };
const C = { id: 'cccc3333', lines: '[5, 5]', code: 'jones/application', factor: 'Anggaran terbatas', coder: 'budi' };
const D = { id: 'dddd4444', lines: '[3, 3]', code: 'jones/application', factor: 'Komitmen', coder: 'rina' };

function merge(base: string | undefined, ours: string, theirs: string): SidecarMerge & { parse: SidecarParseOk } {
  const result = mergeSidecars(base, ours, theirs, FILE);
  assert.notEqual(result.status, 'failed', result.message);
  return { ...result, parse: parsed(result.text) };
}

const ids = (parse: SidecarParseOk) => parse.data.codes.map((c) => c.id);
const codeOf = (parse: SidecarParseOk, id: string) => parse.data.codes.find((c) => c.id === id);

describe('mergeSidecars', () => {
  const base = sidecar([code(A), code(B)]);

  it('keeps the codes both sides added, and ours’ comments, cleanly', () => {
    const ours = sidecar([code(A), code(B), code(D)], undefined, '# coded by rina\n');
    const theirs = sidecar([code(A), code(B), code(C)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'clean');
    assert.deepEqual(result.conflicts, []);
    assert.deepEqual(ids(result.parse), ['aaaa1111', 'dddd4444', 'bbbb2222', 'cccc3333']);
    assert.ok(result.text.startsWith('# coded by rina\nversion: 1\n'), result.text);
  });

  it('takes a change made on one side, and a change made identically on both', () => {
    const ours = sidecar([code({ ...A, factor: 'SDM TI sedikit' }), code({ ...B, polarity: 'effort' })]);
    const theirs = sidecar([code(A), code({ ...B, polarity: 'effort' }), code(C)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'clean');
    assert.equal(codeOf(result.parse, 'aaaa1111')?.factor, 'SDM TI sedikit');
    assert.equal(codeOf(result.parse, 'bbbb2222')?.polarity, 'effort');
    assert.ok(codeOf(result.parse, 'cccc3333'));
  });

  it('merges different fields of one code changed on each side', () => {
    const ours = sidecar([code({ ...A, factor: 'SDM TI sedikit' }), code(B)]);
    const theirs = sidecar([code({ ...A, polarity: 'effort', coder: 'budi' }), code(B)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'clean');
    assert.deepEqual(codeOf(result.parse, 'aaaa1111'), {
      id: 'aaaa1111',
      lines: [2, 2],
      code: 'jones/organization',
      polarity: 'effort',
      factor: 'SDM TI sedikit',
      quote: 'Masih kurang',
      coder: 'budi',
    });
  });

  it('records a real conflict under the code, keeping ours, in block style that still parses', () => {
    const ours = sidecar([code({ ...A, factor: 'SDM TI sedikit' }), code(B)]);
    const theirs = sidecar([code({ ...A, factor: 'Pegawai TI kurang' }), code(B)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'conflicted');
    assert.equal(codeOf(result.parse, 'aaaa1111')?.factor, 'SDM TI sedikit');
    assert.equal(
      result.text,
      sidecar([
        code({ ...A, factor: 'SDM TI sedikit', extra: '    conflict:\n      theirs:\n        factor: Pegawai TI kurang\n      base:\n        factor: Tenaga TI kurang\n' }),
        code(B),
      ]),
    );
    assert.deepEqual(result.conflicts, [
      {
        target: { kind: 'code', id: 'aaaa1111' },
        fields: ['factor'],
        ours: { factor: 'SDM TI sedikit' },
        theirs: { factor: 'Pegawai TI kurang' },
        base: { factor: 'Tenaga TI kurang' },
      },
    ]);
  });

  it('treats lines and quote as one field: changed one each on both sides, they conflict together', () => {
    const ours = sidecar([code({ ...A, lines: '[2, 3]' }), code(B)]);
    const theirs = sidecar([code({ ...A, quote: 'Masih kurang pegawai' }), code(B)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'conflicted');
    assert.deepEqual(result.conflicts[0]?.fields, ['lines', 'quote']);
    assert.match(result.text, /theirs:\n {8}lines: \[2, 2\]\n {8}quote: Masih kurang pegawai\n/u);
  });

  it('applies a deletion when the other side left the code unchanged', () => {
    const ours = sidecar([code(B)]);
    const theirs = sidecar([code(A), code(B), code(C)]);
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'clean');
    assert.deepEqual(ids(result.parse), ['bbbb2222', 'cccc3333']);
  });

  it('keeps a code one side deleted and the other changed, and records the deletion', () => {
    for (const [ours, theirs, deletedBy] of [
      [sidecar([code(B)]), sidecar([code({ ...A, factor: 'SDM TI sedikit' }), code(B)]), 'ours'],
      [sidecar([code({ ...A, factor: 'SDM TI sedikit' }), code(B)]), sidecar([code(B)]), 'theirs'],
    ] as const) {
      const result = merge(base, ours, theirs);
      assert.equal(result.status, 'conflicted');
      assert.equal(codeOf(result.parse, 'aaaa1111')?.factor, 'SDM TI sedikit');
      assert.ok(result.text.includes(`    conflict:\n      deleted-by: ${deletedBy}\n      base:\n        factor: Tenaga TI kurang\n`), result.text);
      assert.equal(result.conflicts[0]?.deletedBy, deletedBy);
    }
  });

  it('merges attributes per key, recording a conflict under a top-level conflict key', () => {
    const ours = sidecar([code(A), code(B)], '  agency: BKPSDMD\n  informant: Kaban\n  date: 2022-01-07\n');
    const theirs = sidecar([code(A), code(B)], '  agency: BKPSDM\n  informant: Kepala\n');
    const result = merge(base, ours, theirs);
    assert.equal(result.status, 'conflicted');
    assert.deepEqual(result.parse.data.attributes, { agency: 'BKPSDM', informant: 'Kaban', date: '2022-01-07' });
    assert.ok(result.text.endsWith('conflict:\n  attributes:\n    informant:\n      theirs: Kepala\n      base: Kepala Badan\n'), result.text);
    const problems = conflictProblems(result.parse.data, result.text, FILE);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, 5, 'on the attribute’s own line');
    assert.match(problems[0]?.message ?? '', /^merge conflict on attribute informant: ours "Kaban", theirs "Kepala" \(base "Kepala Badan"\)/u);
  });

  it('keeps an attribute one side deleted and the other changed', () => {
    const ours = sidecar([code(A), code(B)], '  agency: BKPSDMD\n');
    const theirs = sidecar([code(A), code(B)], '  agency: BKPSDMD\n  informant: Kaban\n');
    const result = merge(base, ours, theirs);
    assert.equal(result.parse.data.attributes['informant'], 'Kaban');
    assert.ok(result.text.endsWith('    informant:\n      deleted-by: ours\n      base: Kepala Badan\n'), result.text);
  });

  it('without a base deletes nothing, and records differing codes without a base', () => {
    const ours = sidecar([code(A), code(D)]);
    const theirs = sidecar([code({ ...A, factor: 'Lain' }), code(C)]);
    for (const noBase of [undefined, '', '  \n']) {
      const result = merge(noBase, ours, theirs);
      assert.equal(result.status, 'conflicted');
      assert.deepEqual(ids(result.parse).sort(), ['aaaa1111', 'cccc3333', 'dddd4444']);
      assert.ok(result.text.includes('    conflict:\n      theirs:\n        factor: Lain\n  - id'), result.text);
    }
  });

  it('fails, returning ours untouched, when a side does not parse', () => {
    const ours = sidecar([code(A)]);
    for (const [o, t, side] of [
      [ours, 'version: 1\ncodes: [', 'theirs'],
      ['version: 7\n', ours, 'ours'],
    ] as const) {
      const result = mergeSidecars(base, o, t, FILE);
      assert.equal(result.status, 'failed');
      assert.equal(result.text, o);
      assert.match(result.message ?? '', new RegExp(`^${side} of kaban.txt.codes.yaml is not a readable sidecar`, 'u'));
    }
  });

  it('merges as if without a base when the base does not parse, and says so', () => {
    const result = merge('version: 1\ncodes: [', sidecar([code(A)]), sidecar([code(C)]));
    assert.deepEqual(ids(result.parse), ['aaaa1111', 'cccc3333']);
    assert.match(result.message ?? '', /merged as if there were no common ancestor/u);
  });

  it('keeps ours’ unknown keys, and carries theirs’ unknown keys on a code only theirs has', () => {
    const ours = sidecar([code({ ...A, extra: '    reviewed: yes # by the supervisor\n' }), code(B)]) + 'notes: ours\n';
    const theirs = sidecar([code(A), code(B), code({ ...C, extra: '    source-page: 12\n' })]);
    const result = merge(base, ours, theirs);
    assert.ok(result.text.includes('    reviewed: yes # by the supervisor\n'), result.text);
    assert.ok(result.text.includes('    coder: budi\n    source-page: 12\n'), result.text);
    assert.ok(result.text.endsWith('notes: ours\n'), result.text);
  });

  it('writes CRLF when ours is CRLF', () => {
    const crlf = (text: string) => text.replace(/\n/gu, '\r\n');
    const result = merge(crlf(base), crlf(sidecar([code({ ...A, factor: 'X' }), code(B)])), crlf(sidecar([code({ ...A, factor: 'Y' }), code(B)])));
    assert.equal(result.status, 'conflicted');
    assert.ok(!/[^\r]\n/u.test(result.text), 'every line ends in CRLF');
    assert.ok(result.text.includes('    conflict:\r\n      theirs:\r\n        factor: Y\r\n'));
  });

  it('carries an unresolved record along, and refuses to nest a new conflict in it', () => {
    const conflicted = merge(base, sidecar([code({ ...A, factor: 'X' }), code(B)]), sidecar([code({ ...A, factor: 'Y' }), code(B)]));
    const carried = merge(base, conflicted.text, sidecar([code(A), code(B), code(C)]));
    assert.equal(carried.status, 'clean', 'the record is old news: no new conflict');
    assert.equal(readConflictRecords(carried.text, FILE).records.codes.get('aaaa1111')?.theirs?.factor, 'Y');
    assert.ok(codeOf(carried.parse, 'cccc3333'));

    const again = mergeSidecars(base, conflicted.text, sidecar([code({ ...A, factor: 'Z' }), code(B)]), FILE);
    assert.equal(again.status, 'failed');
    assert.match(again.message ?? '', /code aaaa1111 still holds an unresolved merge conflict/u);
  });

  it('takes theirs’ resolution of a conflict both sides had', () => {
    const conflicted = merge(base, sidecar([code({ ...A, factor: 'X' }), code(B)]), sidecar([code({ ...A, factor: 'Y' }), code(B)]));
    const resolvedByTheirs = sidecar([code({ ...A, factor: 'Y' }), code(B)]);
    const result = merge(conflicted.text, conflicted.text, resolvedByTheirs);
    assert.equal(result.status, 'clean');
    assert.equal(readConflictRecords(result.text, FILE).records.codes.size, 0);
    assert.equal(codeOf(result.parse, 'aaaa1111')?.factor, 'Y');
  });
});

describe('recorded conflicts as problems', () => {
  it('reports each conflicted code as an error at the code’s line, with both sides and how to resolve', () => {
    const base = sidecar([code(A), code(B)]);
    const result = mergeSidecars(base, sidecar([code(A), code({ ...B, factor: 'X' })]), sidecar([code(A), code({ ...B, factor: 'Y' })]), FILE);
    const problems = conflictProblems(parsed(result.text).data, result.text, FILE);
    assert.equal(problems.length, 1);
    const [found] = problems;
    assert.equal(found?.line, 14);
    assert.equal(result.text.split('\n')[13], '  - id: bbbb2222');
    assert.equal(found?.severity, 'error');
    assert.equal(found?.codeId, 'bbbb2222');
    assert.equal(
      found?.message,
      'merge conflict on code bbbb2222: ours factor "X", theirs factor "Y" (base factor "Rapat bulanan"); ' +
        'resolve with `transcript-coder resolve kaban.txt.codes.yaml --take ours|theirs` or edit the file ' +
        '(keep the values you want and delete the `conflict:` key)',
    );
  });

  it('reports a record edited into something unreadable', () => {
    const text = sidecar([code({ ...A, extra: '    conflict: yes\n' })]);
    const problems = conflictProblems(parsed(text).data, text, FILE);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, 7);
    assert.match(problems[0]?.message ?? '', /the `conflict:` record of code aaaa1111 cannot be read \(`conflict` must be a map\)/u);
  });

  it('finds nothing in a sidecar without records', () => {
    const text = sidecar([code(A)]);
    assert.deepEqual(conflictProblems(parsed(text).data, text, FILE), []);
  });
});
