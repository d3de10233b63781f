import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  alphaBand,
  cohenKappa,
  cohenKappaOfTallies,
  kappaBand,
  krippendorffAlphaNominal,
  krippendorffAlphaNominalOfTallies,
  percentAgreement,
  percentAgreementOfTallies,
  type UnitTally,
  type NominalCell,
  type NominalValue,
  type ReliabilityMatrix,
} from '../../src/core/agreement/statistics';

/** Rounds to the three decimals published figures are given in. */
function round3(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/** Two coders' values from a contingency table: table[i][j] units coded i by A and j by B. */
function valuesFromTable(table: number[][]): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) {
        a.push(i);
        b.push(j);
      }
    }),
  );
  return { a, b };
}

/** Coders' rows (as printed in the papers) to this module's units × coders matrix. */
function unitsByCoders(rowsByCoder: NominalCell[][]): NominalCell[][] {
  const unitCount = rowsByCoder[0]?.length ?? 0;
  return Array.from({ length: unitCount }, (_, unit) => rowsByCoder.map((row) => row[unit]));
}

const _ = null;

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
// for Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
// §C "Nominal data, any number of observers, missing data": 4 observers, 12 units,
// "." for a missing value; the paper's result is α = 0.743 (n = 40 pairable values:
// unit 12 holds a single value and is dropped).
const KRIPPENDORFF_2011_C = unitsByCoders([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]);

// Krippendorff (2011), §A "Binary or dichotomous data, two observers, no missing data":
// 10 units; coincidences o00 = 10, o01 = o10 = 4, o11 = 2, n = 20, and
// α = 1 − (20 − 1)·4 / (14·6) = 0.095.
const KRIPPENDORFF_2011_A = unitsByCoders([
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]);

describe('agreement statistics', () => {
  describe("Krippendorff's alpha (nominal) against Krippendorff (2011)", () => {
    it('§C: 4 observers, 12 units, missing data → α = 0.743', () => {
      assert.equal(round3(krippendorffAlphaNominal(KRIPPENDORFF_2011_C)), 0.743);
    });

    it('§A: 2 observers, 10 binary units → α = 0.095', () => {
      assert.equal(round3(krippendorffAlphaNominal(KRIPPENDORFF_2011_A)), 0.095);
      // The closed form of the paper, to full precision.
      assert.ok(Math.abs((krippendorffAlphaNominal(KRIPPENDORFF_2011_A) ?? NaN) - (1 - (19 * 4) / (14 * 6))) < 1e-12);
    });

    it('treats the categories as labels: the same data as strings give the same α', () => {
      const asText = KRIPPENDORFF_2011_C.map((row) => row.map((cell) => (cell === null ? undefined : `c${String(cell)}`)));
      assert.equal(krippendorffAlphaNominal(asText), krippendorffAlphaNominal(KRIPPENDORFF_2011_C));
    });

    it('drops units with fewer than two values: adding such units changes nothing', () => {
      const withUnpairable = [...KRIPPENDORFF_2011_A, [1, null], [null, 0], [undefined, undefined]];
      assert.equal(krippendorffAlphaNominal(withUnpairable), krippendorffAlphaNominal(KRIPPENDORFF_2011_A));
    });
  });

  describe("Cohen's kappa against textbook tables", () => {
    it('Wikipedia "Cohen\'s kappa", simple example: 50 proposals, 20/5/10/15 → p_o 0.7, p_e 0.5, κ = 0.4', () => {
      // Rows: A yes, A no; columns: B yes, B no.
      const { a, b } = valuesFromTable([
        [20, 5],
        [10, 15],
      ]);
      assert.equal(percentAgreement(a.map((value, unit) => [value, b[unit]])), 0.7);
      assert.ok(Math.abs((cohenKappa(a, b) ?? NaN) - 0.4) < 1e-12);
    });

    it('Wikipedia "Cohen\'s kappa", same p_o = 0.60 with different marginals: κ = 0.1304 and 0.2593', () => {
      const first = valuesFromTable([
        [45, 15],
        [25, 15],
      ]);
      const second = valuesFromTable([
        [25, 35],
        [5, 35],
      ]);
      assert.equal(Math.round((cohenKappa(first.a, first.b) ?? NaN) * 10000) / 10000, 0.1304);
      assert.equal(Math.round((cohenKappa(second.a, second.b) ?? NaN) * 10000) / 10000, 0.2593);
    });

    it('Cohen (1968, Psychol. Bull. 70:213–220), 3 categories, 200 units: p_o .70, p_c .41, κ = .492', () => {
      // Cohen's Table 1 gives proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 of n = 200.
      const { a, b } = valuesFromTable([
        [88, 14, 18],
        [10, 40, 10],
        [2, 6, 12],
      ]);
      assert.equal(round3(cohenKappa(a, b)), 0.492);
    });

    it('Fleiss, Levin & Paik (2003, Statistical Methods for Rates and Proportions, Table 18.1), 3 diagnoses of 100 subjects: κ = .68', () => {
      // p_o = .89, p_e = .80·.80 + .10·.05 + .10·.15 = .66, κ = .23/.34 = .676.
      const { a, b } = valuesFromTable([
        [75, 1, 4],
        [5, 4, 1],
        [0, 0, 10],
      ]);
      assert.equal(round3(cohenKappa(a, b)), 0.676);
    });

    it('refuses values for different units or missing values', () => {
      assert.throws(() => cohenKappa(['a', 'b'], ['a']), /same units/);
      assert.throws(() => cohenKappa(['a', null as unknown as NominalValue], ['a', 'b']), /missing value/);
    });
  });

  describe('edge cases', () => {
    it('perfect agreement with variation: all three are 1', () => {
      const a = ['x', 'y', 'y', 'z'];
      const matrix = a.map((value) => [value, value]);
      assert.equal(percentAgreement(matrix), 1);
      assert.equal(cohenKappa(a, a), 1);
      assert.equal(krippendorffAlphaNominal(matrix), 1);
    });

    it('total disagreement on balanced binary data: κ = −1, α = −0.75 (n = 8)', () => {
      const a = ['x', 'y', 'x', 'y'];
      const b = ['y', 'x', 'y', 'x'];
      const matrix = a.map((value, unit) => [value, b[unit]]);
      assert.equal(percentAgreement(matrix), 0);
      assert.equal(cohenKappa(a, b), -1);
      // α = [(n−1)·0 − (4·3 + 4·3)] / [8·7 − 24] = −24/32.
      assert.equal(krippendorffAlphaNominal(matrix), -0.75);
    });

    it('both coders constant and equal: agreement 1, κ and α undefined (null)', () => {
      const a = ['none', 'none', 'none'];
      assert.equal(percentAgreement(a.map((value) => [value, value])), 1);
      assert.equal(cohenKappa(a, a), null);
      assert.equal(krippendorffAlphaNominal(a.map((value) => [value, value])), null);
    });

    it('both coders constant but different: κ = 0 (p_o = p_e = 0), α = −(N−1)/N', () => {
      const a = ['x', 'x', 'x', 'x', 'x'];
      const b = ['y', 'y', 'y', 'y', 'y'];
      assert.equal(cohenKappa(a, b), 0);
      assert.ok(Math.abs((krippendorffAlphaNominal(a.map((value, unit) => [value, b[unit]])) ?? NaN) + 4 / 5) < 1e-12);
    });

    it('missing values: percent agreement counts only units both coders of a pair coded', () => {
      const matrix: ReliabilityMatrix = [
        ['a', 'a'],
        ['a', null],
        [undefined, 'b'],
        ['b', 'c'],
      ];
      assert.equal(percentAgreement(matrix), 0.5);
      assert.equal(percentAgreement([[null, 'a'], ['a', undefined]]), null);
    });

    it('more than two coders: percent agreement is the mean over coder pairs', () => {
      // Pairs (1,2) agree on both units, (1,3) and (2,3) on one of two: (1 + ½ + ½)/3.
      const matrix = [
        ['a', 'a', 'b'],
        ['c', 'c', 'c'],
      ];
      assert.ok(Math.abs((percentAgreement(matrix) ?? NaN) - 2 / 3) < 1e-12);
    });

    it('a single unit: agreeing → α and κ undefined; disagreeing → α = 0, κ = 0', () => {
      assert.equal(krippendorffAlphaNominal([['a', 'a']]), null);
      assert.equal(cohenKappa(['a'], ['a']), null);
      assert.equal(percentAgreement([['a', 'a']]), 1);
      assert.equal(krippendorffAlphaNominal([['a', 'b']]), 0);
      assert.equal(cohenKappa(['a'], ['b']), 0);
      assert.equal(percentAgreement([['a', 'b']]), 0);
    });

    it('no units: everything undefined', () => {
      assert.equal(percentAgreement([]), null);
      assert.equal(cohenKappa([], []), null);
      assert.equal(krippendorffAlphaNominal([]), null);
    });

    it('percent agreement refuses rows of different lengths (a column is one coder)', () => {
      assert.throws(() => percentAgreement([['a', 'b'], ['a']]), /one cell per coder/);
    });
  });

  describe('interpretation bands', () => {
    it('kappa: Landis & Koch (1977)', () => {
      const cases: Array<[number, string]> = [
        [-0.01, 'poor'],
        [0, 'slight'],
        [0.2, 'slight'],
        [0.21, 'fair'],
        [0.4, 'fair'],
        [0.41, 'moderate'],
        [0.6, 'moderate'],
        [0.61, 'substantial'],
        [0.8, 'substantial'],
        [0.81, 'almost perfect'],
        [1, 'almost perfect'],
      ];
      for (const [kappa, band] of cases) assert.equal(kappaBand(kappa), band, `κ = ${kappa}`);
    });

    it('alpha: Krippendorff (2004)', () => {
      const cases: Array<[number, string]> = [
        [1, 'reliable'],
        [0.8, 'reliable'],
        [0.799, 'tentative'],
        [0.667, 'tentative'],
        [0.666, 'unreliable'],
        [-0.5, 'unreliable'],
      ];
      for (const [alpha, band] of cases) assert.equal(alphaBand(alpha), band, `α = ${alpha}`);
    });
  });

  describe('properties', () => {
    const category = fc.constantFrom('a', 'b', 'c', 'd');
    const cell = fc.option(category, { nil: undefined, freq: 4 });
    const matrixOf = (coders: number) =>
      fc.array(fc.array(cell, { minLength: coders, maxLength: coders }), { minLength: 0, maxLength: 40 });
    const anyMatrix = fc.integer({ min: 2, max: 5 }).chain(matrixOf);
    const twoCoders = fc
      .array(fc.tuple(category, category), { minLength: 1, maxLength: 60 })
      .map((pairs) => ({ a: pairs.map(([a]) => a), b: pairs.map(([, b]) => b) }));

    it('alpha does not depend on the order of the coders', () => {
      fc.assert(
        fc.property(anyMatrix, fc.nat(), (matrix, shift) => {
          const reordered = matrix.map((row) => {
            const rotated = [...row.slice(shift % row.length), ...row.slice(0, shift % row.length)];
            return rotated.reverse();
          });
          assert.equal(krippendorffAlphaNominal(reordered), krippendorffAlphaNominal(matrix));
        }),
      );
    });

    it('kappa does not depend on which coder is first', () => {
      fc.assert(fc.property(twoCoders, ({ a, b }) => assert.equal(cohenKappa(a, b), cohenKappa(b, a))));
    });

    it('percent agreement lies in [0, 1]', () => {
      fc.assert(
        fc.property(anyMatrix, (matrix) => {
          const agreement = percentAgreement(matrix);
          if (agreement !== null) assert.ok(agreement >= 0 && agreement <= 1, String(agreement));
        }),
      );
    });

    it('kappa lies in [−1, 1]', () => {
      fc.assert(
        fc.property(twoCoders, ({ a, b }) => {
          const kappa = cohenKappa(a, b);
          if (kappa !== null) assert.ok(kappa >= -1 - 1e-12 && kappa <= 1 + 1e-12, String(kappa));
        }),
      );
    });

    it('alpha is 1 when all coders agree on every unit and the values vary', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(category, fc.integer({ min: 2, max: 4 })), { minLength: 2, maxLength: 30 }),
          fc.integer({ min: 2, max: 4 }),
          (units, coderCount) => {
            fc.pre(new Set(units.map(([value]) => value)).size >= 2);
            // Each unit: `copies` coders give the value, the others give none.
            const matrix = units.map(([value, copies]) =>
              Array.from({ length: coderCount }, (_, coder) => (coder < Math.min(copies, coderCount) ? value : null)),
            );
            const alpha = krippendorffAlphaNominal(matrix);
            assert.ok(alpha !== null && Math.abs(alpha - 1) < 1e-12, String(alpha));
          },
        ),
      );
    });

    it('alpha equals the coincidence-matrix definition 1 − D_o/D_e computed the long way', () => {
      fc.assert(
        fc.property(anyMatrix, (matrix) => {
          const reference = alphaFromFullCoincidenceMatrix(matrix);
          const alpha = krippendorffAlphaNominal(matrix);
          if (reference === null) assert.equal(alpha, null);
          else assert.ok(alpha !== null && Math.abs(alpha - reference) < 1e-9, `${alpha} vs ${reference}`);
        }),
      );
    });

    it('grouping identical units into tallies gives the same figures as the plain matrix', () => {
      const grouped = (matrix: ReliabilityMatrix): UnitTally[] => {
        const byKey = new Map<string, UnitTally>();
        for (const values of matrix) {
          const key = JSON.stringify(values.map((cell) => cell ?? null));
          const tally = byKey.get(key);
          byKey.set(key, { values, count: (tally?.count ?? 0) + 1 });
        }
        return [...byKey.values()];
      };
      const close = (a: number | null, b: number | null) =>
        a === null || b === null ? assert.equal(a, b) : assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
      fc.assert(
        fc.property(anyMatrix, (matrix) => {
          close(percentAgreementOfTallies(grouped(matrix)), percentAgreement(matrix));
          close(krippendorffAlphaNominalOfTallies(grouped(matrix)), krippendorffAlphaNominal(matrix));
        }),
      );
      fc.assert(
        fc.property(twoCoders, ({ a, b }) => {
          const matrix = a.map((value, unit) => [value, b[unit]]);
          close(cohenKappaOfTallies(grouped(matrix)), cohenKappa(a, b));
        }),
      );
    });

    it('kappa equals (p_o − p_e)/(1 − p_e) computed from proportions', () => {
      fc.assert(
        fc.property(twoCoders, ({ a, b }) => {
          const n = a.length;
          const observed = a.filter((value, unit) => value === b[unit]).length / n;
          const categories = new Set([...a, ...b]);
          let expected = 0;
          for (const c of categories) {
            expected += (a.filter((value) => value === c).length / n) * (b.filter((value) => value === c).length / n);
          }
          const kappa = cohenKappa(a, b);
          if (Math.abs(1 - expected) < 1e-12) assert.equal(kappa, null);
          else assert.ok(kappa !== null && Math.abs(kappa - (observed - expected) / (1 - expected)) < 1e-9);
        }),
      );
    });
  });
});

/**
 * Krippendorff (2011) step by step: build o_ck over every ordered pair of values from
 * different coders in a unit, weighted 1/(m_u − 1); then
 * α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 */
function alphaFromFullCoincidenceMatrix(matrix: ReliabilityMatrix): number | null {
  const coincidences = new Map<string, number>();
  const key = (c: NominalValue, k: NominalValue) => JSON.stringify([c, k]);
  for (const row of matrix) {
    const values = row.filter((cell): cell is NominalValue => cell !== null && cell !== undefined);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const pair = key(values[i] as NominalValue, values[j] as NominalValue);
        coincidences.set(pair, (coincidences.get(pair) ?? 0) + 1 / (m - 1));
      }
    }
  }
  const totals = new Map<string, number>();
  let n = 0;
  let observedOffDiagonal = 0;
  for (const [pair, count] of coincidences) {
    const [c, k] = JSON.parse(pair) as [NominalValue, NominalValue];
    totals.set(JSON.stringify(c), (totals.get(JSON.stringify(c)) ?? 0) + count);
    n += count;
    if (c !== k) observedOffDiagonal += count;
  }
  let expectedOffDiagonal = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expectedOffDiagonal += nc * nk;
  if (n === 0 || expectedOffDiagonal < 1e-9) return null;
  return 1 - ((n - 1) * observedOffDiagonal) / expectedOffDiagonal;
}
