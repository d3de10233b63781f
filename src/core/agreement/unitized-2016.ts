/**
 * The unitizing alpha family of Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On
 * the reliability of unitizing textual continua: Further developments", Quality &
 * Quantity 50:2347–2364 (also Content Analysis, 4th ed., 2019, §12.6) — the coefficients
 * ATLAS.ti reports per semantic domain:
 *
 * - uα: agreement on where units are and which value they carry, gaps included;
 * - |uα ("binary"): only whether text is marked at all (relevant vs. irrelevant matter);
 * - cuα: only the values, on the stretches where two coders' units intersect. With the
 *   semantic domains themselves as values it is what ATLAS.ti calls Cu-α.
 *
 * Every coder's continuum is a partition into sections, each with a value or the gap
 * value ∅. Observed coincidences are the lengths of intersections of two coders'
 * sections, divided by m − 1; expected coincidences follow from their margins with the
 * self-pairing correction (the squared length of a unit; the plain length of a gap, whose
 * parts may pair with anything). For cuα the correction of a unit is the square of its
 * intersection with each other coder's units, divided by m − 1 (for two coders every
 * reading of the paper gives the same figure).
 *
 * Hand-written: no maintained JavaScript library computes it. With every section one
 * position long, the family reduces to nominal alpha on pre-cut units, which the tests
 * check against Krippendorff's published example. A figure the method cannot give is null
 * with the reason, never NaN.
 */

import type { UnitizedCoefficient } from './unitized-2004';

/** A section of one coder's partition; `value` null is a gap (∅). */
export interface ValuedSection {
  begin: number;
  length: number;
  value: string | null;
}

export interface UnitizedFamily {
  u: UnitizedCoefficient;
  binary: UnitizedCoefficient;
  cu: UnitizedCoefficient & {
    /** Share of all coded length that intersects another coder's coded length (what cuα looks at). */
    coverage: number | null;
  };
}

const GAP = 0;

/** Tolerance for "zero" in sums of lengths, which are integers stored as doubles. */
function isZero(value: number, scale: number): boolean {
  return Math.abs(value) <= 1e-9 * Math.max(1, scale);
}

function coefficient(observed: number, expected: number, scale: number, reason: string): UnitizedCoefficient {
  if (isZero(expected, scale) || !Number.isFinite(expected) || !Number.isFinite(observed)) {
    return { alpha: null, observed: isZero(observed, scale) ? 0 : observed, expected: 0, undefinedReason: reason };
  }
  return { alpha: 1 - observed / expected, observed, expected };
}

/**
 * The family for one variable. `partitions[i]` is coder i's partition: sorted sections
 * tiling the same stretch [0, L) for every coder (gaps included).
 */
export function unitizedAlphaFamily(partitions: ReadonlyArray<ReadonlyArray<ValuedSection>>): UnitizedFamily {
  const m = partitions.length;
  const values = new Map<string, number>();
  const indexOf = (value: string | null): number => {
    if (value === null) return GAP;
    let index = values.get(value);
    if (index === undefined) {
      index = values.size + 1;
      values.set(value, index);
    }
    return index;
  };
  for (const partition of partitions) for (const section of partition) indexOf(section.value);
  const size = values.size + 1;
  const observed = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  /** Per value: Σ over units and other coders of (the unit's intersection with that coder's units)². */
  const unitOverlapSquares = new Array<number>(size).fill(0);

  if (m < 2) {
    const reason = 'it needs at least two coders';
    return { u: none(reason), binary: none(reason), cu: { ...none(reason), coverage: null } };
  }
  for (let first = 0; first < m; first++) {
    for (let second = first + 1; second < m; second++) {
      const a = partitions[first] ?? [];
      const b = partitions[second] ?? [];
      // Both partitions tile the same stretch: walk them together, pair by pair.
      const aWithB = new Array<number>(a.length).fill(0);
      const bWithA = new Array<number>(b.length).fill(0);
      let i = 0;
      let j = 0;
      while (i < a.length && j < b.length) {
        const g = a[i];
        const h = b[j];
        if (g === undefined || h === undefined) break;
        const gEnd = g.begin + g.length;
        const hEnd = h.begin + h.length;
        const shared = Math.min(gEnd, hEnd) - Math.max(g.begin, h.begin);
        if (shared > 0) {
          const c = indexOf(g.value);
          const k = indexOf(h.value);
          const row = observed[c];
          const column = observed[k];
          if (row !== undefined) row[k] = (row[k] ?? 0) + shared;
          if (column !== undefined) column[c] = (column[c] ?? 0) + shared;
          if (c !== GAP && k !== GAP) {
            aWithB[i] = (aWithB[i] ?? 0) + shared;
            bWithA[j] = (bWithA[j] ?? 0) + shared;
          }
        }
        if (gEnd <= hEnd) i++;
        if (hEnd <= gEnd) j++;
      }
      a.forEach((section, index) => {
        const x = aWithB[index] ?? 0;
        const value = indexOf(section.value);
        if (value !== GAP) unitOverlapSquares[value] = (unitOverlapSquares[value] ?? 0) + x * x;
      });
      b.forEach((section, index) => {
        const x = bWithA[index] ?? 0;
        const value = indexOf(section.value);
        if (value !== GAP) unitOverlapSquares[value] = (unitOverlapSquares[value] ?? 0) + x * x;
      });
    }
  }
  for (const row of observed) for (let k = 0; k < size; k++) row[k] = (row[k] ?? 0) / (m - 1);

  // Self-pairing correction: a unit cannot pair with itself; a gap's positions can.
  const selfPairs = new Array<number>(size).fill(0);
  for (const partition of partitions) {
    for (const section of partition) {
      const value = indexOf(section.value);
      selfPairs[value] = (selfPairs[value] ?? 0) + (value === GAP ? section.length : section.length ** 2);
    }
  }

  const margins = observed.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const total = margins.reduce((sum, margin) => sum + margin, 0);
  const selfTotal = selfPairs.reduce((sum, s) => sum + s, 0);
  const expectedCell = (c: number, k: number): number => {
    const denominator = total * total - selfTotal;
    if (denominator <= 0) return 0;
    return (total * ((margins[c] ?? 0) * (margins[k] ?? 0) - (c === k ? (selfPairs[c] ?? 0) : 0))) / denominator;
  };

  const diagonal = (cell: (c: number) => number, from: number) => {
    let sum = 0;
    for (let c = from; c < size; c++) sum += cell(c);
    return sum;
  };

  const noText = total === 0 ? 'no text is counted (no transcript coded by every named coder)' : undefined;
  const u = coefficient(
    total - diagonal((c) => observed[c]?.[c] ?? 0, 0),
    total - diagonal((c) => expectedCell(c, c), 0),
    total,
    noText ?? (size === 1 ? 'no coder marked any text, so there is nothing to agree or disagree on' : 'the expected disagreement is zero'),
  );

  // |uα: every value other than ∅ taken as one; disagreement is ∅ against anything else.
  const gapRow = observed[GAP] ?? [];
  const binaryObserved = 2 * ((margins[GAP] ?? 0) - (gapRow[GAP] ?? 0));
  let gapExpectedMargin = 0;
  for (let k = 0; k < size; k++) gapExpectedMargin += expectedCell(GAP, k);
  const binaryExpected = 2 * (gapExpectedMargin - expectedCell(GAP, GAP));
  const binary = coefficient(
    binaryObserved,
    binaryExpected,
    total,
    noText ??
      (size === 1
        ? 'no coder marked any text, so there is nothing to agree or disagree on'
        : (margins[GAP] ?? 0) === 0
          ? 'every coder marked all of the text: no gap to tell apart from coded text'
          : 'the expected disagreement is zero'),
  );

  return { u, binary, cu: codingAlpha(observed, unitOverlapSquares, m, size, noText) };
}

/** cuα: the coincidences among values only, where units of two coders intersect. */
function codingAlpha(
  observed: ReadonlyArray<ReadonlyArray<number>>,
  unitOverlapSquares: ReadonlyArray<number>,
  m: number,
  size: number,
  noText: string | undefined,
): UnitizedFamily['cu'] {
  const margins: number[] = [];
  let codedLength = 0;
  for (let c = 1; c < size; c++) {
    let margin = 0;
    for (let k = 1; k < size; k++) margin += observed[c]?.[k] ?? 0;
    margins[c] = margin;
    for (let k = 0; k < size; k++) codedLength += observed[c]?.[k] ?? 0;
  }
  const total = margins.reduce((sum, margin) => sum + (margin ?? 0), 0);
  const coverage = codedLength > 0 ? total / codedLength : null;
  if (noText !== undefined) return { ...none(noText), coverage };
  if (isZero(total, 1)) {
    return {
      ...none(size === 1 ? 'no coder marked any text' : 'no stretch of text was coded by two coders, so their values cannot be compared'),
      coverage,
    };
  }
  const self = (c: number) => (unitOverlapSquares[c] ?? 0) / (m - 1);
  let selfTotal = 0;
  for (let c = 1; c < size; c++) selfTotal += self(c);
  const denominator = total - selfTotal / total;
  let expectedDiagonal = 0;
  let observedDiagonal = 0;
  for (let c = 1; c < size; c++) {
    observedDiagonal += observed[c]?.[c] ?? 0;
    if (denominator > 0) expectedDiagonal += ((margins[c] ?? 0) ** 2 - self(c)) / denominator;
  }
  const valuesUsed = margins.filter((margin) => margin !== undefined && margin > 0).length;
  const result = coefficient(
    total - observedDiagonal,
    denominator > 0 ? total - expectedDiagonal : 0,
    total,
    valuesUsed <= 1
      ? 'only one value was used where coders overlap, so there is nothing to tell apart'
      : 'the expected disagreement is zero',
  );
  return { ...result, coverage };
}

function none(reason: string): UnitizedCoefficient {
  return { alpha: null, observed: 0, expected: 0, undefinedReason: reason };
}
