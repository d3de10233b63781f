/**
 * Every Problem says what kind it is (core/problems/problem-kinds.ts): the editor shows
 * the kind as the diagnostic's code and its quick fixes look for it. The list holds only
 * kinds that something gives, each once; and the readers give the kind that fits.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROBLEM_KINDS, type ProblemKind } from '../../src/core/problems';
import { parseSidecar } from '../../src/core/sidecar';
import { loadRecord, type StudyReader } from '../../src/core/study/study';
import { validateRecordCodes } from '../../src/core/study/validate';
import { MERGE_CONFLICT } from './sidecar-fixtures';

const SRC = join(__dirname, '..', '..', 'src');
const LIST = join(SRC, 'core', 'problems', 'problem-kinds.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const kinds = Object.keys(PROBLEM_KINDS) as ProblemKind[];

describe('the kinds of problem', () => {
  it('are kebab-case ids, each with its own one-line meaning', () => {
    for (const kind of kinds) assert.match(kind, /^[a-z]+(?:-[a-z]+)+$|^[a-z]+$/u, kind);
    const meanings = Object.values(PROBLEM_KINDS);
    assert.equal(new Set(meanings).size, meanings.length, 'two ids share a meaning: they are one kind');
    for (const meaning of meanings) assert.ok(meaning.length > 20 && !meaning.includes('\n'), meaning);
  });

  it('are each given somewhere in src, so none is listed that nothing produces', () => {
    const sources = sourceFiles(SRC)
      .filter((file) => file !== LIST)
      .map((file) => ({ file: relative(SRC, file), text: readFileSync(file, 'utf8') }));
    const unused = kinds.filter((kind) => !sources.some(({ text }) => text.includes(`'${kind}'`)));
    assert.deepEqual(unused, [], 'listed in problem-kinds.ts but given nowhere: give it or remove it');
  });

  it('sidecar readers: conflict markers, a path in `transcript:`, broken YAML', () => {
    const conflicted = parseSidecar(MERGE_CONFLICT, 'a.txt.codes.yaml');
    assert.ok(conflicted.problems.length > 0);
    assert.deepEqual(new Set(conflicted.problems.map((p) => p.kind)), new Set(['conflict-marker']));

    const path = parseSidecar('version: 1\ntranscript: ../../etc/passwd\ncodes: []\n', 'a.txt.codes.yaml');
    assert.deepEqual(path.problems.map((p) => p.kind), ['transcript-field']);
    const other = parseSidecar('version: 1\ntranscript: b.txt\ncodes: []\n', 'a.txt.codes.yaml');
    assert.deepEqual(other.problems.map((p) => p.kind), ['transcript-field']);

    const broken = parseSidecar('version: 1\ntranscript: a.txt\ncodes: [\n', 'a.txt.codes.yaml');
    assert.ok(broken.problems.length > 0);
    assert.ok(broken.problems.every((p) => p.kind === 'sidecar-invalid'), JSON.stringify(broken.problems));
  });

  it("a code's place: found elsewhere, similar text elsewhere, nowhere", async () => {
    const transcript = 'Pegawai kurang paham aplikasi.\nServer sering mati saat hujan deras di kantor.\nAnggaran dialihkan ke banjir.\n';
    const code = (id: string, line: number, quote: string) =>
      `  - id: ${id}\n    lines: [${line}, ${line}]\n    code: jones/x\n    polarity: inhibiting\n    factor: f\n    quote: "${quote}"\n    coder: rina\n`;
    const sidecar =
      'version: 1\ntranscript: a.txt\ncodes:\n' +
      code('moved1', 1, 'Anggaran dialihkan ke banjir.') +
      code('similar1', 1, 'Server sering mati saat hujan lebat di kantor.') +
      code('gone1', 3, 'Tidak ada di transkrip ini sama sekali, kalimat lain.');
    const files: Record<string, string> = { 'a.txt': transcript, 'a.txt.codes.yaml': sidecar };
    const reader: StudyReader = {
      listFiles: async () => Object.keys(files),
      readFile: async (file) => (files[file] === undefined ? undefined : new TextEncoder().encode(files[file])),
    };
    const record = await loadRecord(reader, 'a.txt.codes.yaml', 'all');
    const byCode = new Map(validateRecordCodes(record, undefined).map((p) => [p.codeId, p.kind]));
    assert.deepEqual(Object.fromEntries(byCode), { moved1: 'code-moved', similar1: 'quote-similar', gone1: 'code-orphaned' });
  });
});
