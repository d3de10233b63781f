/**
 * Krippendorff's unitizing alpha as defined in Content Analysis, 2nd ed. (2004),
 * pp. 251–256: for one category, every coder's continuum is cut into units of that
 * category and the gaps between them; the observed disagreement adds up squared
 * differences of the begins and ends of overlapping units, and the square of a unit's
 * length when the other coder left it inside a gap; the expected disagreement is the
 * same over every placement of the coders' units on the continuum.
 *
 * Hand-written because no maintained JavaScript library computes unitized alpha (the npm
 * `krippendorff*` packages compute alpha on pre-cut units only); checked against the
 * book's worked example (p. 254) in test/unit/agreement-unitized.test.ts.
 *
 * Positions are integers on one axis (here: lines or characters of the counted
 * transcripts placed end to end, see unitized-input.ts). A figure that the method cannot
 * give is `null` with the reason, never NaN.
 */

/** A stretch of the continuum: `begin` inclusive, `length` > 0. */
export interface Stretch {
  begin: number;
  length: number;
}

/** A chance-corrected coefficient, or why there is none. */
export interface UnitizedCoefficient {
  alpha: number | null;
  /** Observed disagreement (as the method defines it); 0 when there is nothing to compare. */
  observed: number;
  /** Expected disagreement; alpha is undefined when this is 0. */
  expected: number;
  /** Set exactly when `alpha` is null: a sentence saying why. */
  undefinedReason?: string;
}

export interface CategoryUnits {
  /**
   * The continuum: one block per transcript, side by side. Gaps end at a block's edge, so
   * no unit can be placed across two transcripts in the expected disagreement.
   */
  blocks: ReadonlyArray<Stretch>;
  /** Per coder (same order everywhere), their units of the category: sorted, not overlapping, inside the blocks. */
  unitsByCoder: ReadonlyArray<ReadonlyArray<Stretch>>;
}

interface Section extends Stretch {
  isUnit: boolean;
}

/** The units and the gaps between them, block by block, in order. */
function sectionsOf(units: ReadonlyArray<Stretch>, blocks: ReadonlyArray<Stretch>): Section[] {
  const sections: Section[] = [];
  let next = 0;
  for (const block of blocks) {
    let cursor = block.begin;
    const end = block.begin + block.length;
    while (next < units.length && (units[next]?.begin ?? end) < end) {
      const unit = units[next++];
      if (unit === undefined) break;
      if (unit.begin > cursor) sections.push({ begin: cursor, length: unit.begin - cursor, isUnit: false });
      sections.push({ begin: unit.begin, length: unit.length, isUnit: true });
      cursor = unit.begin + unit.length;
    }
    if (end > cursor) sections.push({ begin: cursor, length: end - cursor, isUnit: false });
  }
  return sections;
}

/** δ² of Krippendorff (2004, p. 253) for a section of one coder and a section of another. */
function unitDistance(g: Section, h: Section): number {
  const gEnd = g.begin + g.length;
  const hEnd = h.begin + h.length;
  if (g.isUnit && h.isUnit) {
    const overlap = g.begin < hEnd && h.begin < gEnd;
    return overlap ? (g.begin - h.begin) ** 2 + (gEnd - hEnd) ** 2 : 0;
  }
  if (g.isUnit && !h.isUnit) return h.begin <= g.begin && gEnd <= hEnd ? g.length ** 2 : 0;
  if (!g.isUnit && h.isUnit) return g.begin <= h.begin && hEnd <= gEnd ? h.length ** 2 : 0;
  return 0;
}

/** Σ δ² over every pair of overlapping sections of two coders (both tile the same blocks). */
function pairDisagreement(a: ReadonlyArray<Section>, b: ReadonlyArray<Section>): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const g = a[i];
    const h = b[j];
    if (g === undefined || h === undefined) break;
    sum += unitDistance(g, h);
    const gEnd = g.begin + g.length;
    const hEnd = h.begin + h.length;
    if (gEnd <= hEnd) i++;
    if (hEnd <= gEnd) j++;
  }
  return sum;
}

function totalLength(blocks: ReadonlyArray<Stretch>): number {
  return blocks.reduce((sum, block) => sum + block.length, 0);
}

/** Observed and expected disagreement of one category (2004, p. 253 and p. 255). */
export function categoryDisagreements(input: CategoryUnits): { observed: number; expected: number; units: number } {
  const m = input.unitsByCoder.length;
  const length = totalLength(input.blocks);
  const sectionsByCoder = input.unitsByCoder.map((units) => sectionsOf(units, input.blocks));
  const units = sectionsByCoder.flatMap((sections) => sections.filter((section) => section.isUnit));
  if (m < 2 || length === 0 || units.length === 0) return { observed: 0, expected: 0, units: units.length };

  let pairSum = 0;
  for (let first = 0; first < m; first++) {
    for (let second = first + 1; second < m; second++) {
      pairSum += pairDisagreement(sectionsByCoder[first] ?? [], sectionsByCoder[second] ?? []);
    }
  }
  // Σ over ordered pairs i ≠ j is twice the sum over unordered pairs: δ² is symmetric.
  const observed = (2 * pairSum) / (m * (m - 1) * length * length);

  // Every gap of every coder is a place where a unit of length l fits (gap − l + 1) ways.
  const gaps = sectionsByCoder
    .flatMap((sections) => sections.filter((section) => !section.isUnit).map((section) => section.length))
    .sort((x, y) => x - y);
  const suffixSums = new Array<number>(gaps.length + 1).fill(0);
  for (let index = gaps.length - 1; index >= 0; index--) suffixSums[index] = (suffixSums[index + 1] ?? 0) + (gaps[index] ?? 0);
  const firstGapAtLeast = (l: number): number => {
    let low = 0;
    let high = gaps.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((gaps[middle] ?? 0) >= l) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const n = units.length;
  let numerator = 0;
  let selfPairs = 0;
  for (const unit of units) {
    const l = unit.length;
    const from = firstGapAtLeast(l);
    const fitting = gaps.length - from;
    const placements = (suffixSums[from] ?? 0) - (l - 1) * fitting;
    numerator += ((n - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * placements;
    selfPairs += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - selfPairs;
  const expected = denominator > 0 ? ((2 / length) * numerator) / denominator : 0;
  return { observed, expected, units: n };
}

function coefficientOf(observed: number, expected: number, reasonIfUndefined: string): UnitizedCoefficient {
  if (!(expected > 0) || !Number.isFinite(expected) || !Number.isFinite(observed)) {
    return { alpha: null, observed, expected, undefinedReason: reasonIfUndefined };
  }
  return { alpha: 1 - observed / expected, observed, expected };
}

/** uα of one category (2004, p. 255). */
export function categoryUnitizedAlpha(input: CategoryUnits): UnitizedCoefficient & { units: number } {
  const { observed, expected, units } = categoryDisagreements(input);
  return { ...coefficientOf(observed, expected, undefinedReason(input, units)), units };
}

/** uα over all categories: 1 − Σ observed / Σ expected (2004, p. 256). */
export function overallUnitizedAlpha(categories: ReadonlyArray<CategoryUnits>): UnitizedCoefficient {
  let observed = 0;
  let expected = 0;
  let units = 0;
  for (const category of categories) {
    const figures = categoryDisagreements(category);
    observed += figures.observed;
    expected += figures.expected;
    units += figures.units;
  }
  const first = categories[0];
  const reason =
    first === undefined ? 'there is no category to compare' : undefinedReason(first, units);
  return coefficientOf(observed, expected, reason);
}

function undefinedReason(input: CategoryUnits, units: number): string {
  if (input.unitsByCoder.length < 2) return 'it needs at least two coders';
  if (totalLength(input.blocks) === 0) return 'no text is counted (no transcript coded by every named coder)';
  if (units === 0) return 'no coder marked any text with it, so there is nothing to agree or disagree on';
  return 'the expected disagreement is zero: units and gaps leave no room for chance to differ';
}
