import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { krippendorffAlphaNominal } from '../../src/core/agreement/statistics';
import {
  categoryDisagreements,
  categoryUnitizedAlpha,
  overallUnitizedAlpha,
  type CategoryUnits,
  type Stretch,
} from '../../src/core/agreement/unitized-2004';
import { unitizedAlphaFamily, type ValuedSection } from '../../src/core/agreement/unitized-2016';

const round4 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10000) / 10000);
const unit = (begin: number, length: number): Stretch => ({ begin, length });

// Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
// Sage, pp. 251–256; the worked example on p. 254: a continuum from 150 to 450 (L = 300),
// two coders, categories c and k. Coder 1: c(225,70), c(370,30), k(180,60), k(300,50);
// coder 2: c(220,80), c(355,20), c(400,20), k(180,60), k(300,50). Published: category c
// observed disagreement .0144, expected .0532, alpha .7286; category k alpha 1.000;
// uα over both categories .8591.
const BOOK_BLOCKS = [unit(150, 300)];
const BOOK_C: CategoryUnits = {
  blocks: BOOK_BLOCKS,
  unitsByCoder: [
    [unit(225, 70), unit(370, 30)],
    [unit(220, 80), unit(355, 20), unit(400, 20)],
  ],
};
const BOOK_K: CategoryUnits = {
  blocks: BOOK_BLOCKS,
  unitsByCoder: [
    [unit(180, 60), unit(300, 50)],
    [unit(180, 60), unit(300, 50)],
  ],
};

/** Sections of length 1, one per value: pre-cut units as a continuum. */
function asLengthOneSections(values: ReadonlyArray<string | null>): ValuedSection[] {
  return values.map((value, begin) => ({ begin, length: 1, value }));
}

describe('unitized alpha (Krippendorff 2004)', () => {
  it('category c of the p. 254 example: Do .0144, De .0532, alpha .7286', () => {
    const { observed, expected } = categoryDisagreements(BOOK_C);
    assert.equal(round4(observed), 0.0144);
    assert.equal(round4(expected), 0.0532);
    assert.equal(round4(categoryUnitizedAlpha(BOOK_C).alpha), 0.7286);
  });

  it('category k of the p. 254 example: both coders identical, alpha 1.000', () => {
    const k = categoryUnitizedAlpha(BOOK_K);
    assert.equal(k.observed, 0);
    assert.equal(k.alpha, 1);
  });

  it('both categories of the p. 254 example: uα .8591 (the book divides its rounded figures)', () => {
    const c = categoryDisagreements(BOOK_C);
    const k = categoryDisagreements(BOOK_K);
    assert.equal(round4(k.expected), 0.049);
    // The book: uα = 1 − .0144 / (.0532 + .0490) = .8591, from figures rounded to four
    // places; to full precision the same formula gives .85867.
    const fromRounded = 1 - (round4(c.observed) ?? NaN) / ((round4(c.expected) ?? NaN) + (round4(k.expected) ?? NaN));
    assert.equal(round4(fromRounded), 0.8591);
    const overall = overallUnitizedAlpha([BOOK_C, BOOK_K]).alpha ?? NaN;
    assert.ok(Math.abs(overall - 0.8591) < 0.0005, String(overall));
    assert.ok(Math.abs(overall - (1 - c.observed / (c.expected + k.expected))) < 1e-15);
  });

  it('a category nobody used is undefined, with the reason, not NaN', () => {
    const nobody = categoryUnitizedAlpha({ blocks: BOOK_BLOCKS, unitsByCoder: [[], []] });
    assert.equal(nobody.alpha, null);
    assert.match(nobody.undefinedReason ?? '', /no coder marked any text/);
    const alone = categoryUnitizedAlpha({ blocks: BOOK_BLOCKS, unitsByCoder: [[unit(150, 10)]] });
    assert.equal(alone.alpha, null);
    assert.match(alone.undefinedReason ?? '', /two coders/);
    const empty = categoryUnitizedAlpha({ blocks: [], unitsByCoder: [[], []] });
    assert.match(empty.undefinedReason ?? '', /no text is counted/);
  });

  it('one coder marking nothing while the other marks text gives a defined, low alpha', () => {
    const result = categoryUnitizedAlpha({ blocks: BOOK_BLOCKS, unitsByCoder: [[unit(200, 40)], []] });
    assert.ok(result.alpha !== null && result.alpha < 0.2, String(result.alpha));
  });
});

describe('unitized alpha family (Krippendorff, Mathet, Bouvry & Widlöcher 2016)', () => {
  // Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, §A: two observers,
  // ten binary units, α = 0.095. As a continuum of length-one sections every unit is a
  // section of its own, and the family reduces to alpha on pre-cut units (2016, §4).
  it('reduces to nominal alpha on pre-cut units: Krippendorff (2011) §A → 0.095', () => {
    const family = unitizedAlphaFamily([
      asLengthOneSections(['0', '1', '0', '0', '0', '0', '0', '0', '1', '0']),
      asLengthOneSections(['1', '1', '1', '0', '0', '1', '0', '0', '0', '0']),
    ]);
    assert.equal(Math.round((family.u.alpha ?? NaN) * 1000) / 1000, 0.095);
    assert.ok(Math.abs((family.cu.alpha ?? NaN) - (1 - (19 * 4) / (14 * 6))) < 1e-12);
    assert.equal(family.cu.coverage, 1);
  });

  it('|uα is the same example with "0" as a gap: coded or not', () => {
    const toGaps = (values: string[]) => asLengthOneSections(values.map((value) => (value === '0' ? null : value)));
    const family = unitizedAlphaFamily([
      toGaps(['0', '1', '0', '0', '0', '0', '0', '0', '1', '0']),
      toGaps(['1', '1', '1', '0', '0', '1', '0', '0', '0', '0']),
    ]);
    assert.ok(Math.abs((family.binary.alpha ?? NaN) - (1 - (19 * 4) / (14 * 6))) < 1e-12);
    // One value among intersecting units: cuα has nothing to tell apart.
    assert.equal(family.cu.alpha, null);
    assert.match(family.cu.undefinedReason ?? '', /only one value/);
  });

  it('for any number of coders and length-one sections, uα and cuα equal nominal alpha', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((coders) =>
          fc.array(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: coders, maxLength: coders }), { minLength: 2, maxLength: 12 }),
        ),
        (units) => {
          const coders = units[0]?.length ?? 0;
          const partitions = Array.from({ length: coders }, (_, coder) => asLengthOneSections(units.map((row) => row[coder] ?? null)));
          const family = unitizedAlphaFamily(partitions);
          const nominal = krippendorffAlphaNominal(units);
          if (nominal === null) return family.cu.alpha === null;
          return Math.abs((family.u.alpha ?? NaN) - nominal) < 1e-9 && Math.abs((family.cu.alpha ?? NaN) - nominal) < 1e-9;
        },
      ),
    );
  });

  it('says why a figure is undefined: one coder, no text, nothing coded', () => {
    const one = unitizedAlphaFamily([asLengthOneSections(['a'])]);
    assert.match(one.u.undefinedReason ?? '', /two coders/);
    const nothing = unitizedAlphaFamily([[{ begin: 0, length: 9, value: null }], [{ begin: 0, length: 9, value: null }]]);
    assert.equal(nothing.u.alpha, null);
    assert.match(nothing.binary.undefinedReason ?? '', /no coder marked any text/);
    const empty = unitizedAlphaFamily([[], []]);
    assert.match(empty.u.undefinedReason ?? '', /no text is counted/);
  });
});

/** Random partitions of [0, length) for `coders` coders, values from a small set or gaps. */
const partitionsArbitrary = fc
  .record({
    length: fc.integer({ min: 1, max: 40 }),
    coders: fc.integer({ min: 2, max: 4 }),
  })
  .chain(({ length, coders }) =>
    fc.array(
      fc.array(fc.record({ cut: fc.integer({ min: 1, max: length }), value: fc.constantFrom(null, 'a', 'b') }), { maxLength: 6 }),
      { minLength: coders, maxLength: coders },
    ).map((cutsByCoder) =>
      cutsByCoder.map((cuts): ValuedSection[] => {
        const points = [...new Set(cuts.map((cut) => cut.cut).filter((cut) => cut < length))].sort((x, y) => x - y);
        const bounds = [0, ...points, length];
        return bounds.slice(0, -1).map((begin, index) => ({
          begin,
          length: (bounds[index + 1] ?? length) - begin,
          value: cuts[index]?.value ?? null,
        }));
      }),
    ),
  );

describe('unitized alpha properties', () => {
  it('identical coders agree perfectly wherever alpha is defined', () => {
    fc.assert(
      fc.property(partitionsArbitrary, (partitions) => {
        const first = partitions[0] ?? [];
        const family = unitizedAlphaFamily(partitions.map(() => first));
        return [family.u, family.binary, family.cu].every((c) => c.alpha === null || Math.abs(c.alpha - 1) < 1e-9);
      }),
    );
    fc.assert(
      fc.property(partitionsArbitrary, (partitions) => {
        const units = (partitions[0] ?? []).filter((s) => s.value !== null).map((s) => unit(s.begin, s.length));
        const total = (partitions[0] ?? []).reduce((sum, s) => sum + s.length, 0);
        const result = categoryUnitizedAlpha({ blocks: [unit(0, total)], unitsByCoder: [units, units] });
        return result.alpha === null || Math.abs(result.alpha - 1) < 1e-9;
      }),
    );
  });

  it('never NaN or infinite; a null always comes with its reason', () => {
    fc.assert(
      fc.property(partitionsArbitrary, (partitions) => {
        const family = unitizedAlphaFamily(partitions);
        const total = (partitions[0] ?? []).reduce((sum, s) => sum + s.length, 0);
        const book = categoryUnitizedAlpha({
          blocks: [unit(0, total)],
          unitsByCoder: partitions.map((p) => p.filter((s) => s.value === 'a').map((s) => unit(s.begin, s.length))),
        });
        return [family.u, family.binary, family.cu, book].every((c) =>
          c.alpha === null ? (c.undefinedReason ?? '') !== '' : Number.isFinite(c.alpha) && Number.isFinite(c.observed) && Number.isFinite(c.expected),
        );
      }),
    );
  });

  it('swapping coders leaves every figure unchanged', () => {
    fc.assert(
      fc.property(partitionsArbitrary, (partitions) => {
        const reversed = [...partitions].reverse();
        const a = unitizedAlphaFamily(partitions);
        const b = unitizedAlphaFamily(reversed);
        const same = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-9);
        const total = (partitions[0] ?? []).reduce((sum, s) => sum + s.length, 0);
        const unitsOf = (p: ReadonlyArray<ValuedSection>) => p.filter((s) => s.value === 'a').map((s) => unit(s.begin, s.length));
        const book = categoryUnitizedAlpha({ blocks: [unit(0, total)], unitsByCoder: partitions.map(unitsOf) });
        const bookReversed = categoryUnitizedAlpha({ blocks: [unit(0, total)], unitsByCoder: reversed.map(unitsOf) });
        return same(a.u.alpha, b.u.alpha) && same(a.binary.alpha, b.binary.alpha) && same(a.cu.alpha, b.cu.alpha) && same(book.alpha, bookReversed.alpha);
      }),
    );
  });
});

// An independent open implementation: DKPro Agreement (dkpro/dkpro-statistics, Apache-2.0),
// KrippendorffAlphaUnitizingAgreement. Only the numbers of its test cases are taken here, no code:
// - dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/unitizing/UnitizingAgreementTest.java
//   (commit 2cd21c6a2ad99f96af461560eaf4f40902085cd4): a continuum of 10, coder 1 marks A on 1–8
//   (begin 1, length 8), coder 2 on 2, 4 and 6 (length 1 each): Do 0.9100, De 0.5351, alpha −0.7003.
// - …/unitizing/Krippendorff1995Test.java (commit 0fc84d287a601773f325f59cf98a388409e5f377): the four
//   coder pairs of Krippendorff (1995, Sociological Methodology 25, p. 57) on a continuum of 24, read
//   with the 2004 method; DKPro checks the observed disagreements to 1e-5 (A .03125, B 2.26736,
//   C .02777, D .38715; its expected disagreements are checked only on stretched continua, ±.005).
describe('unitized alpha against DKPro Agreement\'s test cases', () => {
  it('coder 1 marks 1–8, coder 2 marks 2, 4 and 6: Do .9100, De .5351, alpha −.7003', () => {
    const input: CategoryUnits = { blocks: [unit(0, 10)], unitsByCoder: [[unit(1, 8)], [unit(2, 1), unit(4, 1), unit(6, 1)]] };
    const { observed, expected } = categoryDisagreements(input);
    assert.equal(round4(observed), 0.91);
    // 0.53518…: DKPro states .5351 within its tolerance of .0001.
    assert.ok(Math.abs(expected - 0.5351) <= 0.0001, String(expected));
    assert.equal(round4(categoryUnitizedAlpha(input).alpha), -0.7003);
  });

  it('Krippendorff (1995) p. 57, pairs A–D: the observed disagreements to five places', () => {
    const blocks = [unit(0, 24)];
    const pairs: Array<[string, Stretch[][], number]> = [
      ['A', [[unit(2, 8), unit(14, 6)], [unit(4, 4), unit(15, 2)]], 0.03125],
      ['B', [[unit(0, 18)], [unit(0, 2), unit(2, 1), unit(3, 1), unit(4, 1), unit(5, 1), unit(6, 3), unit(9, 1)]], 2.26736],
      ['C', [[unit(2, 6), unit(10, 2), unit(14, 4), unit(20, 2)], [unit(0, 2), unit(4, 4), unit(10, 4), unit(16, 2), unit(20, 2)]], 0.02777],
      ['D', [[unit(0, 2), unit(2, 8), unit(10, 4), unit(14, 6), unit(20, 4)], [unit(0, 4), unit(4, 4), unit(8, 7), unit(15, 2), unit(17, 7)]], 0.38715],
    ];
    for (const [pair, unitsByCoder, observed] of pairs) {
      const found = categoryDisagreements({ blocks, unitsByCoder }).observed;
      assert.ok(Math.abs(found - observed) <= 0.00001, `${pair}: ${found}, DKPro ${observed}`);
    }
  });
});
