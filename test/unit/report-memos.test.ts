import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { MEMO_DIMENSION_PATTERN, MEMO_KEY_ORDER, loadMemos, parseMemos } from '../../src/core/study/memos';
import { MemosNotWritableError, setMemo } from '../../src/core/study/memos-write';
import { memoryReader } from './report-fixtures';

const COMMENTED = `# Analytic memos of the SIMPEG study
version: 1
memos:
  # Diskominfo: the network story
  - agency: Diskominfo
    dimension: jones/organization # keep this one short
    text: |
      Jaringan di kecamatan tidak stabil.
    updated: 2024-05-01
    author: budi
    reviewed: yes

  # BKPSDM's memo comes later
  - agency: Zeta Badan
    dimension: jones/application
    text: "Anggaran."
`;

describe('analytic memos file', () => {
  it('reads memos with their position, and accepts a missing or empty file', async () => {
    const parsed = parseMemos(COMMENTED, 'memos.yaml');
    assert.equal(parsed.broken, false);
    assert.deepEqual(parsed.memos[0], {
      agency: 'Diskominfo',
      dimension: 'jones/organization',
      text: 'Jaringan di kecamatan tidak stabil.\n',
      updated: '2024-05-01',
      author: 'budi',
      line: 5,
    });
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.column, p.severity]), [[11, 5, 'warning']], 'the unknown key is warned about');
    assert.deepEqual(await loadMemos(memoryReader({})), { path: 'memos.yaml', memos: [], broken: false, problems: [] });
    assert.deepEqual(parseMemos('', 'memos.yaml'), { memos: [], broken: false, problems: [] });
  });

  it('reports problems with file, line and column, and keeps the memos it can read', () => {
    const text = 'version: 1\nmemos:\n  - agency: A\n    dimension: Organization\n    text: x\n  - dimension: jones/x\n    text: y\n  - agency: B\n    dimension: jones/x\n    text: z\n    updated: May 2024\n';
    const parsed = parseMemos(text, 'study/memos.yaml');
    assert.equal(parsed.broken, false);
    assert.deepEqual(parsed.memos.map((m) => m.agency), ['B']);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`),
      ['study/memos.yaml:4:16 error', 'study/memos.yaml:6:5 error', 'study/memos.yaml:11:14 warning'],
    );
    assert.match(parsed.problems[0]?.message ?? '', /'Organization' is not a dimension path/u);
  });

  it('treats conflict markers, bad YAML and an unknown version as a broken file', () => {
    const conflicted = parseMemos('version: 1\nmemos:\n<<<<<<< HEAD\n  - agency: A\n=======\n>>>>>>> b\n', 'memos.yaml');
    assert.deepEqual([conflicted.broken, conflicted.problems[0]?.line], [true, 3]);
    const syntax = parseMemos('version: 1\nmemos: [\n', 'memos.yaml');
    assert.equal(syntax.broken, true);
    const future = parseMemos('version: 2\nmemos: []\n', 'memos.yaml');
    assert.deepEqual([future.broken, future.problems[0]?.line, future.problems[0]?.column], [true, 1, 10]);
  });

  it('writes a new file in the canonical shape', () => {
    const text = setMemo(undefined, 'BKPSDM', 'jones/organization', 'Staf TI kurang.\r\nDua baris.\n\n', 'rina', '2024-05-02');
    assert.equal(
      text,
      'version: 1\nmemos:\n  - agency: BKPSDM\n    dimension: jones/organization\n    text: |\n      Staf TI kurang.\n      Dua baris.\n    updated: 2024-05-02\n    author: rina\n',
    );
  });

  it('keeps comments, unknown keys and other memos when one memo changes, and changes only its lines', () => {
    const written = setMemo(COMMENTED, 'Diskominfo', 'jones/organization', 'Jaringan tetap tidak stabil.', 'rina', '2024-05-03');
    const expected = COMMENTED.replace('Jaringan di kecamatan tidak stabil.', 'Jaringan tetap tidak stabil.')
      .replace('2024-05-01', '2024-05-03')
      .replace('author: budi', 'author: rina')
      // The library re-prints the document: one space before an end-of-line comment.
      .replace('jones/organization # keep', 'jones/organization # keep');
    assert.equal(written, expected);
  });

  it('round-trips: writing a memo with the text it has gives the same bytes', () => {
    const once = setMemo(COMMENTED, 'Diskominfo', 'jones/organization', 'Jaringan di kecamatan tidak stabil.\n', 'budi', '2024-05-01');
    assert.equal(once, COMMENTED);
    assert.equal(setMemo(once, 'Diskominfo', 'jones/organization', 'Jaringan di kecamatan tidak stabil.\n', 'budi', '2024-05-01'), once);
  });

  it('inserts a new memo in agency order, leaving the comments with the memos they were written above', () => {
    const written = setMemo(COMMENTED, 'BKPSDM', 'jones/organization', 'Baru.', 'rina');
    const lines = written.split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      '# Analytic memos of the SIMPEG study',
      'version: 1',
      'memos:',
      '  - agency: BKPSDM',
      '    dimension: jones/organization',
      '    text: |',
      '      Baru.',
      '    author: rina',
      '  # Diskominfo: the network story',
    ]);
    assert.ok(written.includes("  # BKPSDM's memo comes later\n  - agency: Zeta Badan"));
    assert.deepEqual(parseMemos(written, 'memos.yaml').memos.map((m) => m.agency), ['BKPSDM', 'Diskominfo', 'Zeta Badan']);
  });

  it('removes a memo when its text is blank, and keeps CRLF line endings', () => {
    const crlf = COMMENTED.replace(/\n/gu, '\r\n');
    const written = setMemo(crlf, 'Zeta Badan', 'jones/application', '  \n', 'rina');
    assert.ok(!written.includes('Zeta Badan'));
    assert.ok(!/[^\r]\n/u.test(written), 'every line ends in CRLF');
    assert.deepEqual(parseMemos(written, 'memos.yaml').memos.map((m) => m.agency), ['Diskominfo']);
  });

  it('refuses to write over a broken file, naming the line', () => {
    assert.throws(
      () => setMemo('version: 1\nmemos:\n<<<<<<< HEAD\n=======\n>>>>>>> x\n', 'A', 'jones/x', 'text', 'rina'),
      (error: unknown) => error instanceof MemosNotWritableError && error.problems[0]?.line === 3,
    );
    assert.throws(() => setMemo(undefined, 'A', 'Organization', 'text', 'rina'), /not a framework\/dimension path/u);
  });

  it('reads back every memo text it writes, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (agency, author, text) => {
          fc.pre(agency.trim() !== '');
          const written = setMemo(COMMENTED, agency, 'jones/organization', text, author, '2024-05-02');
          const memo = parseMemos(written, 'memos.yaml').memos.find((m) => m.agency === agency.trim() && m.dimension === 'jones/organization');
          const expected = text.replace(/\r\n?/gu, '\n').trimEnd();
          assert.equal(memo?.text.trimEnd(), expected === '' || expected.trim() === '' ? undefined : expected);
          assert.ok(written.startsWith('# Analytic memos of the SIMPEG study\n'), 'the header comment stays');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('publishes a JSON Schema that agrees with the reader', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'memos.schema.json'), 'utf8')) as {
      required: string[];
      properties: { version: { const: number }; memos: { items: { required: string[]; properties: Record<string, { pattern?: string }> } } };
    };
    assert.deepEqual(schema.required, ['version']);
    assert.equal(schema.properties.version.const, 1);
    const memo = schema.properties.memos.items;
    assert.deepEqual(memo.required, ['agency', 'dimension', 'text']);
    assert.deepEqual(Object.keys(memo.properties), [...MEMO_KEY_ORDER]);
    assert.equal(memo.properties['dimension']?.pattern, MEMO_DIMENSION_PATTERN.source);
  });
});
