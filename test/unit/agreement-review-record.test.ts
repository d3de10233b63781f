/**
 * The not-coded record of the disagreement review follows the transcript's edits: its
 * entries find their lines by their quotes, as codes do (review-record.ts).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { listDisagreements, type ReviewCode, type ReviewCoders, type ReviewTranscript, settleItem } from '../../src/core/agreement';

const CODERS: ReviewCoders = { a: 'rina', b: 'budi', consensus: 'consensus' };
const KEY = 'not-coded-by-consensus';

/** rina codes lines 2 and 5 (organization), budi line 7 (application); line 4 is blank. */
function transcript(attributes: Record<string, string> = {}): ReviewTranscript {
  const bodies = ['Pembukaan wawancara.', 'Koordinasi antar dinas belum rutin, kata Kabid.', 'Jadwal rapat tidak tetap.', '', 'Server sering mati saat listrik padam.', 'Tidak ada catatan.', 'Anggaran dialihkan, "sementara", untuk banjir.', 'Penutup.'];
  const codes: ReviewCode[] = [
    { id: 'r1', lines: [2, 2], code: 'jones/organization/coordination', polarity: 'inhibiting', factor: 'Koordinasi', coder: 'rina' },
    { id: 'r2', lines: [5, 5], code: 'jones/organization/facilities-ict', polarity: 'inhibiting', factor: 'Listrik', coder: 'rina' },
    { id: 'b1', lines: [7, 7], code: 'jones/application', polarity: 'inhibiting', factor: 'Anggaran', coder: 'budi' },
  ];
  return { file: 'a.txt', lineCount: bodies.length, bodies, blankLines: new Set([4]), codes, attributes };
}

/** The transcript with `count` lines inserted before line `at`: codes at or after it move down, as live edits move them. */
function insertLines(t: ReviewTranscript, at: number, count: number): ReviewTranscript {
  const inserted = Array.from({ length: count }, (_, index) => `Baris sisipan ${at}.${index}`);
  const shift = (line: number) => (line >= at ? line + count : line);
  return {
    ...t,
    lineCount: t.lineCount + count,
    bodies: [...t.bodies.slice(0, at - 1), ...inserted, ...t.bodies.slice(at - 1)],
    blankLines: new Set([...t.blankLines].map(shift)),
    codes: t.codes.map((code) => ({ ...code, lines: [shift(code.lines[0]), shift(code.lines[1])] })),
  };
}

/** The transcript without line `line` (which no code covers): codes below it move up. */
function deleteLine(t: ReviewTranscript, line: number): ReviewTranscript {
  const shift = (other: number) => (other > line ? other - 1 : other);
  return {
    ...t,
    lineCount: t.lineCount - 1,
    bodies: t.bodies.filter((_, index) => index !== line - 1),
    blankLines: new Set([...t.blankLines].filter((other) => other !== line).map(shift)),
    codes: t.codes.map((code) => ({ ...code, lines: [shift(code.lines[0]), shift(code.lines[1])] })),
  };
}

function settleNeither(t: ReviewTranscript, key: string): ReviewTranscript {
  const item = listDisagreements(t, CODERS).items.find((candidate) => candidate.key === key);
  assert.ok(item, key);
  const settlement = settleItem(t, CODERS, item, { kind: 'neither' });
  assert.deepEqual(settlement.add, []);
  return { ...t, attributes: settlement.attributes ?? t.attributes };
}

const settledKeys = (t: ReviewTranscript) => listDisagreements(t, CODERS).items.filter((item) => item.settled).map((item) => item.key);

describe('not-coded record of the disagreement review', () => {
  it('records the item with the quote of its lines, as a JSON string', () => {
    const settled = settleNeither(transcript(), 'jones/application@7-7');
    assert.equal(settled.attributes[KEY], 'jones/application 7-7 "Anggaran dialihkan, \\"sementara\\", untuk banjir."');
    assert.deepEqual(settledKeys(settled), ['jones/application@7-7']);
  });

  it('keeps the item settled after lines are added above it', () => {
    const settled = settleNeither(transcript(), 'jones/application@7-7');
    const edited = insertLines(settled, 1, 3);
    assert.deepEqual(settledKeys(edited), ['jones/application@10-10'], 'the item moved to line 10 and is still settled');
    // Settling another item writes the record again, with the moved entry at its new lines.
    const again = settleNeither(edited, 'jones/organization@5-5');
    assert.equal(again.attributes[KEY], 'jones/application 10-10 "Anggaran dialihkan, \\"sementara\\", untuk banjir.", jones/organization 5-5 "Koordinasi antar dinas belum rutin, kata Kabid."');
    assert.deepEqual(settledKeys(again), ['jones/organization@5-5', 'jones/application@10-10']);
  });

  it('lets the item go unsettled when the text it was about is gone', () => {
    const settled = settleNeither(transcript(), 'jones/application@7-7');
    const rewritten = { ...settled, bodies: settled.bodies.map((body, index) => (index === 6 ? 'Sesuatu yang sama sekali lain dikatakan di sini.' : body)) };
    assert.deepEqual(settledKeys(rewritten), []);
    // …and the entry is kept in the record, never dropped in silence, when another item is settled.
    const other = settleNeither(rewritten, 'jones/organization@2-2');
    assert.match(other.attributes[KEY] ?? '', /^jones\/application 7-7 "Anggaran dialihkan.*", jones\/organization 2-2 "Koordinasi/);
  });

  it('reads the record written before quotes were kept (`dimension first-last`): it holds at its lines', () => {
    const old = transcript({ [KEY]: 'jones/application 7-7, jones/organization 2-2' });
    assert.deepEqual(settledKeys(old), ['jones/organization@2-2', 'jones/application@7-7']);
    // Taking one out keeps the other as written, and text that is no entry stays too.
    const item = listDisagreements({ ...old, attributes: { [KEY]: 'jones/application 7-7, siehe Notiz, jones/organization 2-2' } }, CODERS).items.find((candidate) => candidate.key === 'jones/organization@2-2');
    assert.ok(item);
    const settlement = settleItem({ ...old, attributes: { [KEY]: 'jones/application 7-7, siehe Notiz, jones/organization 2-2' } }, CODERS, item, { kind: 'keep-a' });
    assert.equal(settlement.attributes?.[KEY], 'jones/application 7-7, siehe Notiz');
  });

  it('keeps every item settled as uncoded settled through any edits outside its lines (property)', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(40), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(40) }),
    );
    fc.assert(
      fc.property(fc.subarray(['jones/organization@2-2', 'jones/organization@5-5', 'jones/application@7-7'], { minLength: 1 }), fc.array(edit, { maxLength: 12 }), (keys, edits) => {
        let t = transcript();
        for (const key of keys) t = settleNeither(t, key);
        for (const step of edits) {
          // Edits between codes only: an edit inside a coded passage changes the item itself.
          const inside = (line: number) => t.codes.some((code) => code.lines[0] < line && line <= code.lines[1]);
          if (step.kind === 'insert') {
            const at = 1 + (step.at % (t.lineCount + 1));
            if (!inside(at)) t = insertLines(t, at, step.count);
          } else {
            const line = 1 + (step.at % t.lineCount);
            if (!t.codes.some((code) => code.lines[0] <= line && line <= code.lines[1])) t = deleteLine(t, line);
          }
        }
        const review = listDisagreements(t, CODERS);
        assert.equal(review.items.length, 3);
        const settledNow = review.items.filter((item) => item.settled).map((item) => item.dimension + ':' + item.a.concat(item.b)[0]?.id);
        const expected = keys.map((key) => {
          const dimension = key.split('@')[0] as string;
          const id = key.endsWith('@2-2') ? 'r1' : key.endsWith('@5-5') ? 'r2' : 'b1';
          return `${dimension}:${id}`;
        });
        assert.deepEqual(settledNow.sort(), expected.sort());
      }),
      { numRuns: 300 },
    );
  });
});
