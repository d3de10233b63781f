/**
 * Agreement statistics on nominal data: pure arithmetic on a units × coders matrix.
 *
 * A row is one unit (here: a transcript line in one dimension), a column one coder. A
 * cell is the category that coder gave the unit, or `null`/`undefined` when the coder
 * gave none (missing data; only Krippendorff's alpha and percent agreement accept it).
 * Categories are compared with `===` semantics (via `Map` keys), so `1` and `'1'` differ.
 */

export type NominalValue = string | number | boolean;
export type NominalCell = NominalValue | null | undefined;
export type ReliabilityMatrix = ReadonlyArray<ReadonlyArray<NominalCell>>;

function isPresent(cell: NominalCell): cell is NominalValue {
  return cell !== null && cell !== undefined;
}

/**
 * Units that carry the same values, with how many there are. All three statistics depend
 * only on these counts, and a study's line units collapse to a handful of distinct rows
 * (most lines are "not coded" by everyone), so the report works on tallies rather than
 * millions of rows. A matrix is the special case where every count is 1.
 */
export interface UnitTally {
  values: ReadonlyArray<NominalCell>;
  count: number;
}

function asTallies(matrix: ReliabilityMatrix): UnitTally[] {
  return matrix.map((values) => ({ values, count: 1 }));
}

/**
 * Percent agreement as the mean over coder pairs of the share of units on which the
 * pair gave the same value, each pair counting only the units both coded.
 *
 * Why this definition for more than two coders: it is the "average pairwise percent
 * agreement" that ReCal and most QDA reports print, it equals plain percent agreement
 * for two coders, and with complete data it equals Fleiss's (1971) mean per-unit share
 * of agreeing pairs (P̄). The stricter "all coders identical" share falls quickly as
 * coders are added and is not comparable across studies with different team sizes.
 *
 * Returns a proportion in [0, 1], or null when no pair of coders shares a unit.
 * Rows must all have the same length: column j is the same coder in every row.
 */
export function percentAgreement(matrix: ReliabilityMatrix): number | null {
  return percentAgreementOfTallies(asTallies(matrix));
}

/** `percentAgreement` on grouped units. */
export function percentAgreementOfTallies(tallies: ReadonlyArray<UnitTally>): number | null {
  const coderCount = requireRectangular(tallies);
  let pairShareSum = 0;
  let pairsWithSharedUnits = 0;
  for (let first = 0; first < coderCount; first++) {
    for (let second = first + 1; second < coderCount; second++) {
      let shared = 0;
      let agreeing = 0;
      for (const { values, count } of tallies) {
        const a = values[first];
        const b = values[second];
        if (!isPresent(a) || !isPresent(b)) continue;
        shared += count;
        if (a === b) agreeing += count;
      }
      if (shared === 0) continue;
      pairShareSum += agreeing / shared;
      pairsWithSharedUnits++;
    }
  }
  return pairsWithSharedUnits === 0 ? null : pairShareSum / pairsWithSharedUnits;
}

/**
 * Cohen's kappa for two coders over the same units (Cohen 1960, "A coefficient of
 * agreement for nominal scales", Educ. Psychol. Meas. 20:37–46):
 *   κ = (p_o − p_e) / (1 − p_e),
 * p_o the observed share of units with equal values, p_e = Σ_c p_A(c)·p_B(c) the
 * agreement expected from each coder's own marginal distribution.
 *
 * Returns null when κ is undefined: no units, or p_e = 1, which happens exactly when
 * both coders gave one and the same category to every unit (0/0: the data carry no
 * information about agreement beyond chance). Throws when the lengths differ or a
 * value is missing, since κ has no definition for incomplete pairs.
 */
export function cohenKappa(a: ReadonlyArray<NominalValue>, b: ReadonlyArray<NominalValue>): number | null {
  if (a.length !== b.length) {
    throw new Error(`Cohen's kappa needs the two coders' values for the same units (got ${a.length} and ${b.length}).`);
  }
  return cohenKappaOfTallies(a.map((value, unit) => ({ values: [value, b[unit]], count: 1 })));
}

/** `cohenKappa` on grouped units of exactly two values each. */
export function cohenKappaOfTallies(tallies: ReadonlyArray<UnitTally>): number | null {
  const marginalA = new Map<NominalValue, number>();
  const marginalB = new Map<NominalValue, number>();
  let unitCount = 0;
  let agreeing = 0;
  tallies.forEach(({ values, count }, index) => {
    const [valueA, valueB] = values;
    if (values.length !== 2) {
      throw new Error(`Cohen's kappa is defined for exactly two coders (unit ${index + 1} has ${values.length} values).`);
    }
    if (!isPresent(valueA) || !isPresent(valueB)) {
      throw new Error(`Cohen's kappa needs a value from both coders for every unit (unit ${index + 1} has a missing value).`);
    }
    unitCount += count;
    if (valueA === valueB) agreeing += count;
    marginalA.set(valueA, (marginalA.get(valueA) ?? 0) + count);
    marginalB.set(valueB, (marginalB.get(valueB) ?? 0) + count);
  });
  if (unitCount === 0) return null;
  // Work in counts: κ = (N·agreeing − Σ_c a_c·b_c) / (N² − Σ_c a_c·b_c) is the same
  // formula multiplied through by N², exact in integers (so κ is exactly symmetric in
  // the two coders), and p_e = 1 becomes the exact test Σ_c a_c·b_c = N².
  let chanceProducts = 0;
  for (const [category, countA] of marginalA) chanceProducts += countA * (marginalB.get(category) ?? 0);
  const squaredUnits = unitCount * unitCount;
  if (chanceProducts === squaredUnits) return null;
  return (unitCount * agreeing - chanceProducts) / (squaredUnits - chanceProducts);
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed,
 * computed through the coincidence matrix as in Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability", §C (nominal data, any number of observers, missing
 * data), https://repository.upenn.edu/asc_papers/43:
 *
 * - each unit u with m_u ≥ 2 values contributes every ordered pair of its values
 *   (from different coders) with weight 1/(m_u − 1) to the coincidence o_ck; units with
 *   fewer than two values are not pairable and are dropped;
 * - n_c = Σ_k o_ck, n = Σ_c n_c (the number of pairable values);
 * - α_nominal = [(n − 1)·Σ_c o_cc − Σ_c n_c(n_c − 1)] / [n(n − 1) − Σ_c n_c(n_c − 1)],
 *   i.e. 1 − D_o/D_e with the nominal difference δ(c,k) = [c ≠ k].
 *
 * Returns null when alpha is undefined: no pairable values, or no variation among them
 * (a single category used, so the expected disagreement D_e is 0). Krippendorff treats
 * such data as saying nothing about reliability, so null rather than 1 or NaN; the JSON
 * report carries null to the reader.
 */
export function krippendorffAlphaNominal(matrix: ReliabilityMatrix): number | null {
  return krippendorffAlphaNominalOfTallies(asTallies(matrix));
}

/** `krippendorffAlphaNominal` on grouped units. */
export function krippendorffAlphaNominalOfTallies(tallies: ReadonlyArray<UnitTally>): number | null {
  const coincidences = tallyCoincidences(tallies);
  const n = coincidences.pairableValues;
  if (n < 2) return null;
  let sameCategoryPairs = 0;
  for (const count of coincidences.categoryTotals.values()) sameCategoryPairs += count * (count - 1);
  const denominator = n * (n - 1) - sameCategoryPairs;
  // n and every n_c are whole numbers, so the denominator is exactly 0 when a single
  // category was used.
  if (denominator === 0) return null;
  return ((n - 1) * coincidences.diagonalCoincidences - sameCategoryPairs) / denominator;
}

interface CoincidenceTallies {
  /** n: the number of values in units that hold at least two values. */
  pairableValues: number;
  /** Σ_c o_cc: the coincidences of a value with an equal value. */
  diagonalCoincidences: number;
  /** n_c for each category. */
  categoryTotals: Map<NominalValue, number>;
}

/**
 * The parts of the coincidence matrix the nominal alpha needs. Per unit, the ordered
 * pairs with equal values number Σ_c m_uc(m_uc − 1), and the value c appears in
 * m_uc(m_u − 1) ordered pairs, so n_c gains m_uc: no need to build the whole matrix.
 */
function tallyCoincidences(tallies: ReadonlyArray<UnitTally>): CoincidenceTallies {
  const categoryTotals = new Map<NominalValue, number>();
  let pairableValues = 0;
  let diagonalCoincidences = 0;
  const unitCounts = new Map<NominalValue, number>();
  for (const { values, count: unitMultiplicity } of tallies) {
    unitCounts.clear();
    let valuesInUnit = 0;
    for (const cell of values) {
      if (!isPresent(cell)) continue;
      valuesInUnit++;
      unitCounts.set(cell, (unitCounts.get(cell) ?? 0) + 1);
    }
    if (valuesInUnit < 2) continue;
    pairableValues += valuesInUnit * unitMultiplicity;
    let equalPairs = 0;
    for (const [category, count] of unitCounts) {
      equalPairs += count * (count - 1);
      categoryTotals.set(category, (categoryTotals.get(category) ?? 0) + count * unitMultiplicity);
    }
    diagonalCoincidences += (equalPairs / (valuesInUnit - 1)) * unitMultiplicity;
  }
  return { pairableValues, diagonalCoincidences, categoryTotals };
}

function requireRectangular(tallies: ReadonlyArray<UnitTally>): number {
  const first = tallies[0];
  if (first === undefined) return 0;
  const coderCount = first.values.length;
  tallies.forEach(({ values }, index) => {
    if (values.length !== coderCount) {
      throw new Error(
        `Every unit needs one cell per coder: unit 1 has ${coderCount} cells, unit ${index + 1} has ${values.length}.`,
      );
    }
  });
  return coderCount;
}

export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

/**
 * The strength-of-agreement labels of Landis & Koch (1977), "The measurement of observer
 * agreement for categorical data", Biometrics 33:159–174, Table p. 165: < 0.00 poor,
 * 0.00–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial,
 * 0.81–1.00 almost perfect. Their bounds are given to two decimals; a value between
 * two of them (0.205) goes to the higher band, i.e. each upper bound is inclusive.
 */
export function kappaBand(kappa: number): KappaBand {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

export type AlphaBand = 'reliable' | 'tentative' | 'unreliable';

/**
 * Krippendorff's (2004, Content Analysis, 2nd ed., §11.4.4, p. 241) guidance: rely on
 * variables with α ≥ .800; consider variables with .667 ≤ α < .800 only for drawing
 * tentative conclusions; below .667 the data are not reliable enough.
 */
export function alphaBand(alpha: number): AlphaBand {
  if (alpha >= 0.8) return 'reliable';
  if (alpha >= 0.667) return 'tentative';
  return 'unreliable';
}

/** What each alpha band means, for the text report. */
export const ALPHA_BAND_MEANING: Readonly<Record<AlphaBand, string>> = {
  reliable: 'reliable (α ≥ 0.800)',
  tentative: 'tentative conclusions only (0.667 ≤ α < 0.800)',
  unreliable: 'unreliable (α < 0.667)',
};
