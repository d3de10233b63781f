/**
 * The parts under the anchoring API: the chunked line store, the fast quote functions
 * (held equal to quote.ts), move pairing, similarity, the trigram index — and the
 * per-keystroke cost, counted in steps rather than timed.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { diceSimilarity, LiveAnchors, quoteSimilarity } from '../../src/core/anchoring';
import { LineStore } from '../../src/core/anchoring/line-store';
import { pairNearest } from '../../src/core/anchoring/moved-lines';
import { TrigramIndex } from '../../src/core/anchoring/trigram-index';
import { collapsedPrefix, collapseWhitespace, QUOTE_MAX_CHARS, QUOTE_READS_CHARS, quoteOfLines, startsLike } from '../../src/core/transcript/quote';

/**
 * The quote as DESIGN §3 defines it, written plainly: the lines' bodies joined (no more
 * lines than QUOTE_READS_CHARS needs), whitespace collapsed, cut at 80 code points. The
 * one implementation, quoteOfLines, does it in a single pass; this is its witness.
 */
function plainQuote(bodies: readonly string[], first: number, last: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let line = first; line <= last && line <= bodies.length; line++) {
    const body = bodies[line - 1] ?? '';
    parts.push(body);
    length += body.length + 1;
    if (length > QUOTE_READS_CHARS) break;
  }
  const codePoints = Array.from(collapseWhitespace(parts.join(' ')));
  return codePoints.length <= QUOTE_MAX_CHARS ? codePoints.join('') : codePoints.slice(0, QUOTE_MAX_CHARS).join('').trimEnd();
}

const RUNS = Number(process.env.FC_RUNS ?? 1000);

/** Text pieces that stress collapsing and the 80-code-point cut: words, odd spaces, surrogates. */
const pieceArbitrary = fc.constantFrom('a', 'kata', 'panjang', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', '😀', '\ud800', 'é', '\u2028', 'x'.repeat(30));
const bodyArbitrary = fc.array(pieceArbitrary, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('anchoring internals: the line store', () => {
  const storeRuns = Math.max(100, Math.round(RUNS / 5));
  it(`agrees with a plain string under random line replacements (${storeRuns} runs)`, () => {
    const lineArbitrary = fc.stringMatching(/^[a-z ]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 700 }),
        fc.array(fc.record({ at: fc.nat(), count: fc.nat({ max: 300 }), lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 300 }) }), { maxLength: 12 }),
        (initial, replacements) => {
          const store = new LineStore(initial.join('\n'));
          let lines = [...initial];
          for (const { at, count, lines: replacement } of replacements) {
            const first = 1 + (at % lines.length);
            const last = Math.min(lines.length, first + count);
            store.replaceLines(first, last, replacement);
            lines = [...lines.slice(0, first - 1), ...replacement, ...lines.slice(last)];
          }
          const text = lines.join('\n');
          assert.equal(store.text(), text);
          assert.equal(store.lineCount, lines.length);
          assert.equal(store.length, text.length);
          for (let probe = 0; probe < 5; probe++) {
            const offset = Math.floor((probe / 4) * text.length);
            const before = text.slice(0, offset);
            const line = before.split('\n').length;
            const column = offset - (before.lastIndexOf('\n') + 1);
            assert.deepEqual(store.positionAt(offset), { line, column });
            assert.equal(store.lineText(line), lines[line - 1]);
          }
        },
      ),
      { numRuns: storeRuns },
    );
  });

  it('refuses offsets and lines outside the text', () => {
    const store = new LineStore('ab\ncd');
    assert.deepEqual(store.positionAt(5), { line: 2, column: 2 });
    assert.deepEqual(store.positionAt(2), { line: 1, column: 2 });
    assert.deepEqual(store.positionAt(3), { line: 2, column: 0 });
    assert.throws(() => store.positionAt(6), RangeError);
    assert.throws(() => store.lineText(3), RangeError);
    assert.throws(() => store.replaceLines(2, 3, ['x']), RangeError);
  });

  it('finds a position in 20,000 lines in a few hundred steps, not a scan', () => {
    const store = new LineStore(Array.from({ length: 20_000 }, (_, index) => `baris ${index}`).join('\n'));
    const before = store.work;
    assert.deepEqual(store.positionAt(store.length), { line: 20_000, column: 'baris 19999'.length });
    assert.ok(store.work - before < 600, `steps: ${store.work - before}`);
  });
});

describe('anchoring internals: the per-keystroke cost', () => {
  it('typing and Enter in 20,000 lines with 2,000 codes stay far below a scan of the text', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `Informan: kalimat nomor ${index}`).join('\n');
    const codes = Array.from({ length: 2_000 }, (_, index) => ({ id: `c${index}`, lines: [1 + index * 10, 3 + index * 10] as [number, number] }));
    const anchors = new LiveAnchors(text, codes);
    let offset = text.indexOf('nomor 10000');
    for (let key = 0; key < 20; key++) {
      const before = anchors.work();
      anchors.applyEdits([{ offset: offset++, length: 0, text: 'x' }]);
      const after = anchors.work();
      assert.equal(after.codeVisits, before.codeVisits, 'typing visits no code');
      assert.ok(after.lineSteps - before.lineSteps < 1_500, `line steps per keystroke: ${after.lineSteps - before.lineSteps}`);
    }
    const before = anchors.work();
    anchors.applyEdits([{ offset, length: 0, text: '\n' }]);
    const after = anchors.work();
    assert.equal(after.codeVisits - before.codeVisits, 2_000, 'Enter visits each code once');
    assert.ok(after.lineSteps - before.lineSteps < 1_500, `line steps for Enter: ${after.lineSteps - before.lineSteps}`);
    assert.deepEqual(anchors.codes()[1_000], { id: 'c1000', first: 10_001, last: 10_004, detached: false }, 'the code around the Enter grew');
    assert.deepEqual(anchors.codes()[1_500], { id: 'c1500', first: 15_002, last: 15_004, detached: false }, 'codes below shifted');
  });
});

describe('anchoring internals: the quote functions equal their plain definitions', () => {
  it(`quoteOfLines(bodies, first, last) === the plain definition (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(bodyArbitrary, { minLength: 1, maxLength: 8 }), fc.nat({ max: 9 }), fc.nat({ max: 4 }), (bodies, start, span) => {
        assert.equal(quoteOfLines(bodies, 1 + start, 1 + start + span), plainQuote(bodies, 1 + start, 1 + start + span));
      }),
      { numRuns: RUNS },
    );
  });

  it('quoteOfLines cuts exactly where the plain definition does, around the 80th code point', () => {
    for (let length = 75; length <= 85; length++) {
      const word = 'k'.repeat(length - 1);
      for (const bodies of [[`${word} tail`], [word, 'tail'], [`${word}😀 tail`], [`  ${word}   tail  `]]) {
        assert.equal(quoteOfLines(bodies, 1, bodies.length), plainQuote(bodies, 1, bodies.length), JSON.stringify(bodies));
      }
    }
  });

  it(`collapsedPrefix(text, n) === collapseWhitespace(text).slice(0, n) (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(bodyArbitrary, fc.nat({ max: 120 }), (text, limit) => {
        assert.equal(collapsedPrefix(text, limit), collapseWhitespace(text).slice(0, limit));
      }),
      { numRuns: RUNS },
    );
  });

  it(`startsLike never rejects a line whose text begins the quote (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(bodyArbitrary, { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }), (bodies, span) => {
        const quote = quoteOfLines(bodies, 1, 1 + span);
        fc.pre(quote !== '' && collapseWhitespace(bodies[0] as string) !== '');
        assert.equal(startsLike(bodies[0] as string, quote), true);
      }),
      { numRuns: RUNS },
    );
  });

  it('startsLike rejects a line that begins differently, and blank lines', () => {
    assert.equal(startsLike('  Kami   masih', 'Kami masih kurang'), true);
    assert.equal(startsLike('Kami', 'Kami masih kurang'), true, 'the quote goes on on the next line');
    assert.equal(startsLike('Kamu masih', 'Kami masih kurang'), false);
    assert.equal(startsLike('Kami', 'Kamis pagi'), false);
    assert.equal(startsLike('   ', 'Kami'), false);
  });
});

describe('anchoring internals: pairing moved lines', () => {
  it('pairs every element of the shorter list to its nearest free partner, in order', () => {
    assert.deepEqual(pairNearest([5], [2, 6, 9]), [1]);
    assert.deepEqual(pairNearest([5, 6], [6, 5]), [0, 1]);
    assert.deepEqual(pairNearest([4, 9], [1, 5, 8, 20]), [1, 2]);
    assert.deepEqual(pairNearest([1, 5, 8, 20], [4, 9]), [-1, 0, 1, -1]);
    assert.deepEqual(pairNearest([5], [4, 6]), [1], 'a tie goes to the later line');
    assert.deepEqual(pairNearest([], [1]), []);
  });

  it(`never uses a partner twice and keeps order (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 60 })), fc.uniqueArray(fc.nat({ max: 60 })), (from, to) => {
        from.sort((x, y) => x - y);
        to.sort((x, y) => x - y);
        const pairs = pairNearest(from, to);
        const used = pairs.filter((index) => index >= 0);
        assert.equal(used.length, Math.min(from.length, to.length));
        for (let index = 1; index < used.length; index++) assert.ok((used[index] as number) > (used[index - 1] as number));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('anchoring internals: similarity and the trigram index', () => {
  it('Dice over bigrams: known values', () => {
    assert.equal(diceSimilarity('night', 'nacht'), 0.25);
    assert.equal(diceSimilarity('same', 'same'), 1);
    assert.equal(diceSimilarity('ab', 'cd'), 0);
    assert.equal(diceSimilarity('', 'a'), 0);
    assert.equal(diceSimilarity('aa', 'aaaa'), 0.5);
    assert.equal(quoteSimilarity('Kami  MASIH', 'kami masih'), 1, 'case and spacing are ignored');
  });

  it('the index proposes the line that shares the query’s rare trigrams, not unrelated ones', () => {
    const texts = ['anggaran dialihkan untuk banjir', 'koordinasi lewat grup whatsapp', 'pegawai kurang terampil', 'server sering mati'];
    const index = new TrigramIndex(texts);
    assert.deepEqual(index.candidates('koordinasi lewat grup telegram', 5)[0], 2);
    assert.deepEqual(index.candidates('zzzz qqqq', 5), []);
  });
});
