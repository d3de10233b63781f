/**
 * The fast path for reading sidecars (src/core/sidecar/canonical-reader.ts) against the precise
 * parser: whenever the fast path answers, its answer is exactly the precise parser's —
 * data, problems, code positions and source — and anything unusual it leaves alone.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { readCanonicalSidecar } from '../../src/core/sidecar/canonical-reader';
import { parseSidecarPrecisely } from '../../src/core/sidecar/parse';
import { normalizeSidecarText } from '../../src/core/sidecar/yaml-nodes';
import { sidecarData, writtenData } from './sidecar-arbitraries';

const FILE = 'transcripts/bkpsdm/wawancara.txt.codes.yaml';

function fast(text: string, file = FILE) {
  return readCanonicalSidecar(normalizeSidecarText(text), file);
}

/** Asserts the fast path answers as the precise parser does, or not at all; returns whether it answered. */
function agrees(text: string, file = FILE): boolean {
  const quick = fast(text, file);
  const precise = parseSidecarPrecisely(text, file);
  assert.deepEqual(parseSidecar(text, file), precise, `parseSidecar differs from the precise parser on:\n${text}`);
  if (quick === undefined) return false;
  assert.deepEqual(quick, precise, `the fast path differs from the precise parser on:\n${text}`);
  return true;
}

/** Line-level edits a person (or a bad merge) makes to a sidecar. */
const PIECES = [' ', '  ', '\t', '#', ' # note', ': ', ':', '- ', '"', "'", "''", '|', '|-', '|+', '>', '[', ']', '{}', '&a ', '*a', '!tag ', '\n', '\n  ', '\n    ', '\n\n', '---', '...', '\\', '\\n', '\\x41', '\\q', 'null', '~', '7', '\u00a0', '\r', '=======', '<<<<<<< ours', '  - id: k3x9a2mq', '    lines: [3, 2]', '['.repeat(70), "'".repeat(3)];
const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'duplicate line', 'drop line', 'indent', 'dedent', 'comment', 'blank'),
  piece: fc.constantFrom(...PIECES),
  count: fc.integer({ min: 1, max: 3 }),
});

function applyEdit(text: string, { at, kind, piece, count }: { at: number; kind: string; piece: string; count: number }): string {
  const lines = text.split('\n');
  const line = at % lines.length;
  const position = at % (text.length + 1);
  switch (kind) {
    case 'insert':
      return text.slice(0, position) + piece + text.slice(position);
    case 'delete':
      return text.slice(0, position) + text.slice(position + count);
    case 'duplicate line':
      lines.splice(line, 0, lines[line] ?? '');
      break;
    case 'drop line':
      lines.splice(line, 1);
      break;
    case 'indent':
      lines[line] = ' '.repeat(count) + (lines[line] ?? '');
      break;
    case 'dedent':
      lines[line] = (lines[line] ?? '').replace(new RegExp(`^ {0,${count}}`, 'u'), '');
      break;
    case 'comment':
      lines.splice(line, 0, `${' '.repeat(at % 9)}#${piece.replace(/\n/gu, '')}`);
      break;
    default:
      lines.splice(line, 0, '');
  }
  return lines.join('\n');
}

const CANONICAL = `version: 1
transcript: wawancara.txt
attributes:
  agency: BKPSDM Kabupaten Tanah Laut Selatan
  informant: Kepala Badan
  source: interview
codes:
  - id: ho0lxft4
    lines: [11, 12]
    code: jones/interpretation/rule-interpretation
    polarity: supporting
    factor: Perbup SIMPEG sebagai dasar hukum
    quote: "SIMPEG mulai kami bangun tahun 2020 [jeda] lalu sejak terbitnya Perbup"
    memo: |
      Syarat administratif sebagai alat kendali;
      bisa juga dibaca sebagai insentif.
    coder: rina
`;

describe('sidecar fast path', function () {
  this.timeout(120_000);

  it('reads a canonical sidecar exactly as the precise parser does', () => {
    assert.ok(agrees(CANONICAL), 'the fast path should answer for the writer’s own shape');
    const read = fast(CANONICAL);
    assert.equal(read?.data.codes[0]?.memo, 'Syarat administratif sebagai alat kendali;\nbisa juga dibaca sebagai insentif.\n');
    assert.deepEqual(read?.codePositions.get('ho0lxft4'), { line: 8, column: 5 });
  });

  it('agrees with the precise parser on every sidecar the arbitraries generate (tricky text included)', () => {
    fc.assert(
      fc.property(sidecarData, (data) => {
        const written = serializeSidecar(data);
        agrees(written, `${data.transcript}.codes.yaml`);
        agrees(written, 'elsewhere/other.txt.codes.yaml');
      }),
      { numRuns: 1000 },
    );
  });

  it('answers for every sidecar the extension writes, and agrees', () => {
    fc.assert(
      fc.property(writtenData, (data) => {
        assert.ok(agrees(serializeSidecar(data)), `the fast path left a written sidecar to the precise parser:\n${serializeSidecar(data)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('on edited, broken or odd sidecars: the same answer as the precise parser, or none', () => {
    let answered = 0;
    fc.assert(
      fc.property(writtenData, fc.array(edit, { minLength: 1, maxLength: 4 }), (data, edits) => {
        const text = edits.reduce(applyEdit, serializeSidecar(data));
        if (agrees(text)) answered++;
      }),
      { numRuns: 1500 },
    );
    assert.ok(answered > 50, `the fast path should still answer for harmless edits (answered ${answered})`);
  });

  it('leaves to the precise parser whatever draws a problem, so messages keep their exact positions', () => {
    const cases: Record<string, string> = {
      'a syntax error': CANONICAL.replace('factor: Perbup', 'factor: "Perbup'),
      'a conflict marker': CANONICAL.replace('codes:\n', 'codes:\n<<<<<<< ours\n'),
      'a tab for indentation': CANONICAL.replace('    coder: rina', '\tcoder: rina'),
      'a duplicate key': CANONICAL.replace('coder: rina', 'coder: rina\n    coder: budi'),
      'a missing factor (a warning)': CANONICAL.replace('    factor: Perbup SIMPEG sebagai dasar hukum\n', ''),
      'an unknown source type (a warning)': CANONICAL.replace('source: interview', 'source: wawancara'),
      'another transcript name (a warning)': CANONICAL.replace('transcript: wawancara.txt', 'transcript: lain.txt'),
      'a code path that is not one (a warning)': CANONICAL.replace('code: jones/interpretation/rule-interpretation', 'code: Interpretasi'),
      'lines in the wrong order': CANONICAL.replace('lines: [11, 12]', 'lines: [12, 11]'),
      'lines as text': CANONICAL.replace('lines: [11, 12]', 'lines: ["11", 12]'),
      'an alias': CANONICAL.replace('coder: rina', 'coder: &c rina'),
      'a newer version': CANONICAL.replace('version: 1', 'version: 2'),
      'nesting past the limit': CANONICAL.replace('factor: Perbup', `factor: Perbup ${'['.repeat(70)}`),
      'a duplicate id': CANONICAL.replace('codes:\n', `codes:\n${CANONICAL.slice(CANONICAL.indexOf('  - id'))}`),
    };
    for (const [what, text] of Object.entries(cases)) {
      assert.equal(fast(text), undefined, `the fast path answered for ${what}`);
      const precise = parseSidecarPrecisely(text, FILE);
      assert.ok(precise.problems.length > 0, `the precise parser found no problem in ${what}`);
      assert.deepEqual(parseSidecar(text, FILE), precise, `parseSidecar differs from the precise parser for ${what}`);
    }
  });

  it('leaves odd but valid YAML to the precise parser too', () => {
    for (const text of [CANONICAL.replace('coder: rina', 'coder:\trina'), CANONICAL.replace('coder: rina', 'coder: rina # the first coder'), CANONICAL.replace('memo: |', 'memo: |2'), CANONICAL.replace('coder: rina', 'coder: rina\n    confidence: high'), CANONICAL.replace('coder: rina', 'coder: rina\n      dan budi')]) {
      assert.equal(fast(text), undefined);
      assert.deepEqual(parseSidecar(text, FILE), parseSidecarPrecisely(text, FILE));
    }
  });

  it('reads comments, blank lines, quoted values and CRLF line endings in the writer’s shape', () => {
    const text = CANONICAL.replace('codes:\n', '# Kode dari sesi pertama\ncodes:\n\n    # catatan\n').replace('coder: rina', "coder: 'rina'").replace(/\n/gu, '\r\n');
    assert.ok(agrees(text));
    assert.equal(fast(text)?.source.lineEnding, '\r\n');
  });
});
