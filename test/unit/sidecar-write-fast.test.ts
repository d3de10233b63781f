/**
 * The fast path for writing (src/core/sidecar/canonical-writer.ts) against the layout-keeping
 * writer: whenever it answers, its lines are exactly `rewriteKeepingLayout`'s; on
 * comments and hand layout it gives up, or still gives exactly those lines.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSidecar, serializeSidecar, sidecarDataEqual, type SidecarParse } from '../../src/core/sidecar';
import { compareCodes, type CodeEntry, type SidecarData } from '../../src/core/sidecar/model';
import { rewriteKeepingLayout } from '../../src/core/sidecar/write';
import { rewriteCanonicalText } from '../../src/core/sidecar/canonical-writer';
import { codeId, lines, sidecarData, text, words, writtenData } from './sidecar-arbitraries';
import { decorate, decoration } from './sidecar-decorations';
import { DESIGN_EXAMPLE, HAND_WRITTEN, lines as joinLines, UNORDERED } from './sidecar-fixtures';

const FILE = 'transcripts/wawancara.txt.codes.yaml';
type Ok = Extract<SidecarParse, { status: 'ok' }>;

function ok(text: string): Ok {
  const parsed = parseSidecar(text, FILE);
  assert.equal(parsed.status, 'ok', `${JSON.stringify(parsed.problems, null, 1)}\n--- text ---\n${text}`);
  return parsed as Ok;
}

const sorted = (data: SidecarData): SidecarData => ({ ...data, codes: [...data.codes].sort(compareCodes) });

/**
 * Asserts that the fast path gives the layout writer's lines or nothing for `data`
 * written over `previousText`; returns whether it answered.
 */
function agrees(data: SidecarData, previousText: string): boolean {
  const previous = ok(previousText).source.text;
  const quick = rewriteCanonicalText(sorted(data), previous);
  if (quick === undefined) return false;
  const slow = rewriteKeepingLayout(data, previous);
  assert.deepEqual(quick, slow, `the fast writer differs from the layout writer over:\n${previous}\n--- data ---\n${JSON.stringify(data, null, 1)}`);
  return true;
}

/** One change a coding session makes to a sidecar. */
type Change =
  | { kind: 'field'; at: number; field: 'code' | 'polarity' | 'factor' | 'quote' | 'coder'; value: string }
  | { kind: 'memo'; at: number; value: string | undefined }
  | { kind: 'lines'; at: number; lines: [number, number] }
  | { kind: 'add'; id: string; lines: [number, number]; value: string; memo: string | undefined }
  | { kind: 'remove'; at: number }
  | { kind: 'shift'; from: number; by: number }
  | { kind: 'attribute'; name: string; value: string | undefined }
  | { kind: 'transcript'; value: string };

/**
 * Changes as the extension makes them (`realistic`: valid code paths and polarities,
 * researchers' text), or with any text, tricky for YAML, in any field.
 */
function changeOf(realistic: boolean): fc.Arbitrary<Change> {
  const value = (minLength: number): fc.Arbitrary<string> =>
    realistic ? words : fc.oneof({ weight: 2, arbitrary: words }, { weight: 1, arbitrary: text({ minLength }) });
  const fieldValue = (field: Extract<Change, { kind: 'field' }>['field']): fc.Arbitrary<string> => {
    if (realistic && field === 'code') return fc.constantFrom('jones/organization', 'jones/application/budget-priority', 'edward/resources/staff');
    if (realistic && field === 'polarity') return fc.constantFrom('supporting', 'inhibiting', 'effort', 'neutral');
    return value(1);
  };
  const fields = ['code', 'polarity', 'factor', 'quote', 'coder'] as const;
  const memo = fc.option(fc.oneof(value(0), fc.constant('baris satu\nbaris dua\n'), fc.constant('baris satu\nbaris dua')), { nil: undefined });
  return fc.oneof(
    fc.constantFrom(...fields).chain((field) => fc.record({ kind: fc.constant('field' as const), at: fc.nat(), field: fc.constant(field), value: fieldValue(field) })),
    fc.record({ kind: fc.constant('memo' as const), at: fc.nat(), value: memo }),
    fc.record({ kind: fc.constant('lines' as const), at: fc.nat(), lines }),
    fc.record({ kind: fc.constant('add' as const), id: realistic ? fc.stringMatching(/^[a-z][a-z0-9]{7}$/u) : codeId, lines, value: value(1), memo }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('shift' as const), from: fc.integer({ min: 1, max: 30_000 }), by: fc.integer({ min: -3, max: 3 }) }),
    fc.record({
      kind: fc.constant('attribute' as const),
      // `source` takes only the known source types without a warning (which the fast path leaves alone).
      name: realistic ? fc.constantFrom('agency', 'informant', 'date', 'ruang', 'jenis_kelamin') : fc.constantFrom('agency', 'source', 'ruang'),
      value: fc.option(value(0), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('transcript' as const), value: value(1) }),
  );
}
const realisticChange = changeOf(true);
const anyChange = changeOf(false);

function applyChange(data: SidecarData, c: Change): SidecarData {
  const codes = [...data.codes];
  const at = (index: number): number => index % Math.max(1, codes.length);
  const update = (index: number, f: (code: CodeEntry) => CodeEntry): SidecarData => {
    const code = codes[at(index)];
    if (code !== undefined) codes[at(index)] = f(code);
    return { ...data, codes };
  };
  switch (c.kind) {
    case 'field':
      return update(c.at, (code) => ({ ...code, [c.field]: c.value }));
    case 'memo':
      return update(c.at, ({ memo: _memo, ...code }) => (c.value === undefined ? code : { ...code, memo: c.value }));
    case 'lines':
      return update(c.at, (code) => ({ ...code, lines: c.lines }));
    case 'add': {
      if (codes.some((code) => code.id === c.id)) return data;
      const added: CodeEntry = { id: c.id, lines: c.lines, code: 'jones/organization', polarity: 'supporting', factor: c.value, quote: c.value, coder: 'rina' };
      return { ...data, codes: [...codes, c.memo === undefined ? added : { ...added, memo: c.memo }] };
    }
    case 'remove':
      codes.splice(at(c.at), 1);
      return { ...data, codes };
    case 'shift':
      return {
        ...data,
        codes: codes.map((code) => (code.lines[0] < c.from ? code : { ...code, lines: [Math.max(1, code.lines[0] + c.by), Math.max(1, code.lines[1] + c.by)] as [number, number] })),
      };
    case 'attribute': {
      const { [c.name]: _old, ...rest } = data.attributes;
      return { ...data, attributes: c.value === undefined ? rest : { ...data.attributes, [c.name]: c.value } };
    }
    default:
      return { ...data, transcript: c.value };
  }
}

/**
 * Applies `changes` one by one as a session does — each written over the text the
 * previous write left — checking every step; returns how often the fast path answered.
 */
function session(start: string, first: SidecarData, changes: readonly Change[]): number {
  let answered = 0;
  let current = start;
  let data = first;
  for (const c of changes) {
    data = applyChange(data, c);
    if (agrees(data, current)) answered++;
    const written = serializeSidecar(data, ok(current));
    assert.ok(sidecarDataEqual(ok(written).data, data), `reads back differently:\n${written}`);
    current = written;
  }
  return answered;
}

describe('sidecar fast writer', function () {
  this.timeout(180_000);

  it('the read-back check compares data as it did before (as JSON, attribute and code order aside)', () => {
    const asJson = (a: SidecarData, b: SidecarData): boolean => {
      const attributes = (d: SidecarData): string => JSON.stringify(Object.entries(d.attributes).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
      const codes = (d: SidecarData): string =>
        JSON.stringify([...d.codes].sort(compareCodes).map((c) => [c.id, c.lines, c.code, c.polarity, c.factor, c.quote, c.memo ?? null, c.coder]));
      return a.version === b.version && a.transcript === b.transcript && attributes(a) === attributes(b) && codes(a) === codes(b);
    };
    fc.assert(
      fc.property(writtenData, fc.array(realisticChange, { maxLength: 2 }), fc.boolean(), (data, changes, shuffle) => {
        const other = changes.reduce(applyChange, { ...data, codes: shuffle ? [...data.codes].reverse() : data.codes });
        assert.equal(sidecarDataEqual(data, other), asJson(data, other));
        assert.equal(sidecarDataEqual(other, data), asJson(other, data));
      }),
      { numRuns: 500 },
    );
  });

  it('answers for every change to a sidecar the extension wrote, with the layout writer’s bytes', () => {
    fc.assert(
      fc.property(writtenData, fc.array(realisticChange, { minLength: 1, maxLength: 8 }), (data, changes) => {
        const start = serializeSidecar(data);
        assert.ok(agrees(data, start), `the fast writer gave up on a written sidecar:\n${start}`);
        assert.equal(session(start, data, changes), changes.length, 'the fast writer gave up on a change the extension makes');
      }),
      { numRuns: 500 },
    );
  });

  it('on any data the arbitraries generate, tricky text included: the layout writer’s bytes or nothing', () => {
    // Mostly files the fast reader leaves alone: what counts is that nothing differs.
    fc.assert(
      fc.property(sidecarData, fc.array(anyChange, { maxLength: 6 }), (data, changes) => {
        const start = serializeSidecar(data);
        agrees(data, start);
        session(start, data, changes);
      }),
      { numRuns: 300 },
    );
    // Written files changed with tricky text: the fast path answers until a value it does not read gets in.
    let answered = 0;
    fc.assert(
      fc.property(writtenData, fc.array(anyChange, { minLength: 1, maxLength: 6 }), (data, changes) => {
        answered += session(serializeSidecar(data), data, changes);
      }),
      { numRuns: 300 },
    );
    assert.ok(answered > 200, `the fast writer should answer for many of these (answered ${answered})`);
  });

  it('keeps comments and blank lines a person added as the layout writer does, or gives up', () => {
    let answered = 0;
    let steps = 0;
    fc.assert(
      fc.property(writtenData, fc.array(decoration, { minLength: 1, maxLength: 12 }), fc.array(realisticChange, { minLength: 1, maxLength: 5 }), (data, decorations, changes) => {
        const decorated = decorate(serializeSidecar(data), decorations);
        // Unchanged data: the very same text.
        const unchanged = rewriteCanonicalText(sorted(data), ok(decorated).source.text);
        if (unchanged !== undefined) assert.equal(unchanged.join('\n') + '\n', decorated);
        answered += session(decorated, data, changes);
        steps += changes.length;
      }),
      { numRuns: 400 },
    );
    // End-of-line comments and comments inside a changed code send the rest to the layout writer.
    assert.ok(answered > steps / 10, `the fast writer should answer for many commented files (${answered} of ${steps})`);
  });

  it('keeps a hand layout it can follow (keys out of order, other quotes, empty collections) as the layout writer does', () => {
    const handLayouts: readonly ((text: string) => string)[] = [
      // Keys of a code in another order.
      (t) => t.replace(/^( {2}- )(id: .*)\n( {4})(lines: .*)$/mu, '$1$4\n$3$2'),
      (t) => t.replace(/^( {4}coder: .*)\n( {4}quote: .*)$/mu, '$2\n$1'),
      (t) => t.replace(/^( {4})(polarity: .*)\n(( {4}.*\n)*?)( {4}coder: .*)$/mu, '$3$1$2\n$5'),
      // Single quotes, double quotes where the writer writes plain.
      (t) => t.replace(/^( {4}coder: )([a-z]+)$/gmu, "$1'$2'"),
      (t) => t.replace(/^( {2}agency: )([A-Za-z]+)$/mu, '$1"$2"'),
      // Empty collections written as `key:`.
      (t) => t.replace(/^attributes: \{\}$/mu, 'attributes:'),
      (t) => t.replace(/^codes: \[\]$/mu, 'codes:'),
      // No final line break.
      (t) => t.replace(/\n$/u, ''),
    ];
    let answered = 0;
    fc.assert(
      fc.property(writtenData, fc.subarray([...handLayouts.keys()], { minLength: 1 }), fc.array(anyChange, { minLength: 1, maxLength: 5 }), (data, chosen, changes) => {
        const hand = chosen.reduce((t, index) => (handLayouts[index] as (t: string) => string)(t), serializeSidecar(data));
        if (agrees(data, hand)) answered++;
        answered += session(hand, data, changes);
      }),
      { numRuns: 300 },
    );
    assert.ok(answered > 300, `the fast writer should follow these layouts (answered ${answered})`);
  });

  it('gives up on the hand-written fixtures and on a file out of the written order', () => {
    for (const fixture of [HAND_WRITTEN, UNORDERED]) {
      const parsed = ok(fixture);
      assert.equal(rewriteCanonicalText(sorted(parsed.data), parsed.source.text), undefined);
    }
    const design = ok(DESIGN_EXAMPLE);
    assert.equal(rewriteCanonicalText(design.data, design.source.text), undefined, 'the DESIGN example has aligned comments');
    const swapped = joinLines('transcript: wawancara.txt', 'version: 1', 'attributes: {}', 'codes: []');
    assert.equal(rewriteCanonicalText(ok(swapped).data, ok(swapped).source.text), undefined);
  });

  it('moves a code with the comment and blank lines above it, keeps a header and a trailer, and gives up when a changed code holds a comment', () => {
    const before = joinLines(
      '# Kode sesi pertama',
      '',
      'version: 1',
      'transcript: wawancara.txt',
      'attributes: {}',
      'codes:',
      '  # dicek pembimbing',
      '  - id: aa000001',
      '    lines: [2, 3]',
      '    code: jones/organization',
      '    polarity: supporting',
      '    factor: Rapat rutin',
      '    quote: "Kami rapat tiap bulan"',
      '    # koder kedua belum setuju',
      '    coder: rina',
      '',
      '  - id: bb000002',
      '    lines: [5, 5]',
      '    code: jones/application',
      '    polarity: inhibiting',
      '    factor: Anggaran kurang',
      '    quote: "Anggaran habis"',
      '    coder: budi',
      '# akhir',
    );
    const previous = ok(before);
    const [first, second] = previous.data.codes as [CodeEntry, CodeEntry];
    const moved = { ...previous.data, codes: [{ ...first, lines: [9, 9] as [number, number] }, second] };
    assert.equal(rewriteCanonicalText(moved, previous.source.text), undefined, 'the first code holds a comment');
    const changed = { ...previous.data, codes: [first, { ...second, lines: [1, 1] as [number, number] }] };
    const expected = joinLines(
      '# Kode sesi pertama',
      '',
      'version: 1',
      'transcript: wawancara.txt',
      'attributes: {}',
      'codes:',
      '',
      '  - id: bb000002',
      '    lines: [1, 1]',
      '    code: jones/application',
      '    polarity: inhibiting',
      '    factor: Anggaran kurang',
      '    quote: "Anggaran habis"',
      '    coder: budi',
      '  # dicek pembimbing',
      '  - id: aa000001',
      '    lines: [2, 3]',
      '    code: jones/organization',
      '    polarity: supporting',
      '    factor: Rapat rutin',
      '    quote: "Kami rapat tiap bulan"',
      '    # koder kedua belum setuju',
      '    coder: rina',
      '# akhir',
    );
    assert.deepEqual(rewriteCanonicalText(sorted(changed), previous.source.text), expected.replace(/\n$/u, '').split('\n'));
    assert.equal(serializeSidecar(changed, previous), expected);
    assert.ok(agrees(changed, before));
  });

  it('writes one changed factor by replacing its line only, and serializeSidecar returns that text', () => {
    const before = joinLines(
      'version: 1',
      'transcript: wawancara.txt',
      'attributes:',
      '  agency: Bappeda',
      'codes:',
      '  - id: aa000001',
      '    lines: [2, 3]',
      '    code: jones/organization',
      '    polarity: supporting',
      '    factor: Rapat rutin',
      "    quote: 'Kami rapat tiap bulan'",
      '    coder: rina',
      '  - id: bb000002',
      '    lines: [5, 5]',
      '    code: jones/application',
      '    polarity: inhibiting',
      '    factor: Anggaran kurang',
      '    quote: "Anggaran habis"',
      '    coder: budi',
    );
    const previous = ok(before);
    const [first, second] = previous.data.codes as [CodeEntry, CodeEntry];
    const data = { ...previous.data, codes: [first, { ...second, factor: 'Anggaran: dipotong', memo: 'baris satu\nbaris dua\n' }] };
    const expected = before
      .replace('    factor: Anggaran kurang', '    factor: "Anggaran: dipotong"')
      .replace('    coder: budi', '    memo: |\n      baris satu\n      baris dua\n    coder: budi');
    assert.deepEqual(rewriteCanonicalText(data, previous.source.text), expected.replace(/\n$/u, '').split('\n'));
    assert.equal(serializeSidecar(data, previous), expected);
    assert.equal(serializeSidecar(data, ok(before.replace(/\n/gu, '\r\n'))), expected.replace(/\n/gu, '\r\n'));
  });
});
