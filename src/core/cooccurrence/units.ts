/**
 * What a row (and a column) of a co-occurrence table is, at each level:
 *
 * - `dimension`: the code path's first two parts, `framework/dimension`; an indicator's
 *   code counts for its dimension.
 * - `indicator`: the code path as written. A code on the dimension itself (no indicator)
 *   is its own unit, labelled with the dimension's name; so two indicators of one
 *   dimension are two units, and so are the dimension and one of its indicators.
 * - `factor`: the dimension, the polarity and the factor's name folded the way the summary
 *   folds it (`factorKey`: spacing and case). Factors pair only within one dimension.
 *
 * A code path the codebook does not know still counts, under its path as its label, as in
 * the summary and the findings report (validate names it as a problem). Order: the
 * codebook's (dimensions, then each one's indicators), unknown paths after by path; factors
 * by dimension, then the codebook's polarity order, then name.
 */
import { allCodePaths, type Codebook, DEFAULT_POLARITIES, dimensionPathOf, resolveCodePath } from '../codebook';
import { compareSegments, factorKey, type FactorSummary, type Segment } from '../study';
import { resolveLabel } from '../text';
import { collapseWhitespace } from '../transcript';

export type CooccurrenceLevel = 'dimension' | 'indicator' | 'factor';

export const COOCCURRENCE_LEVELS: readonly CooccurrenceLevel[] = ['dimension', 'indicator', 'factor'];

export interface CooccurrenceUnit {
  /** `framework/dimension`, the code path, or `dimension␀polarity␀factor key`. */
  key: string;
  /** In the study's language; the path itself when the codebook does not know it. */
  label: string;
  /** `framework/dimension` the unit belongs to. */
  dimension: string;
  /** Whether the codebook knows the unit's code path (factor level: its dimension's). */
  inCodebook: boolean;
  /** Factor level only: the polarity id and the factor as first written (in file and line order). */
  polarity?: string;
  factor?: string;
}

/** Turns segments into units of one level, remembering each distinct code path and factor once. */
export class UnitCatalogue {
  private readonly byKey = new Map<string, CooccurrenceUnit>();
  /** The earliest segment (compareSegments) naming each factor unit: its spelling labels the unit. */
  private readonly factorNamedAt = new Map<string, Segment>();

  constructor(
    readonly level: CooccurrenceLevel,
    private readonly codebook: Codebook | undefined,
    private readonly language: string,
  ) {}

  /**
   * The unit key of every segment of one factor of the summary (its dimension, polarity and
   * folded name), or undefined at indicator level, where each segment's code path decides.
   */
  keyOfFactor(dimension: string, factor: FactorSummary): string | undefined {
    if (this.level === 'dimension') return dimension;
    if (this.level === 'indicator') return undefined;
    const first = factor.segments[0];
    const key = `${dimension}\u0000${factor.polarity}\u0000${factorKey(first?.factor ?? factor.factor)}`;
    const namedAt = this.factorNamedAt.get(key);
    if (first !== undefined && (namedAt === undefined || compareSegments(first, namedAt) < 0)) this.factorNamedAt.set(key, first);
    return key;
  }

  /** The indicator-level unit key of a segment: its code path. */
  keyOfCode(segment: Segment): string {
    return segment.code;
  }

  /** Every unit seen, in table order. */
  units(keys: Iterable<string>): CooccurrenceUnit[] {
    const units = [...new Set(keys)].map((key) => this.unit(key));
    const rank = this.rank();
    const polarityRank = new Map((this.codebook?.polarities ?? DEFAULT_POLARITIES).map((p, index) => [p.id, index]));
    return units.sort(
      (a, b) =>
        (rank.get(this.level === 'indicator' ? a.key : a.dimension) ?? Infinity) - (rank.get(this.level === 'indicator' ? b.key : b.dimension) ?? Infinity) ||
        compareText(this.level === 'indicator' ? a.key : a.dimension, this.level === 'indicator' ? b.key : b.dimension) ||
        (polarityRank.get(a.polarity ?? '') ?? Infinity) - (polarityRank.get(b.polarity ?? '') ?? Infinity) ||
        compareText(a.key, b.key),
    );
  }

  private unit(key: string): CooccurrenceUnit {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const [path = key, polarity] = key.split('\u0000');
    const resolved = this.codebook === undefined ? undefined : resolveCodePath(this.codebook, path);
    const unit: CooccurrenceUnit = { key, label: this.pathLabel(path), dimension: dimensionPathOf(path), inCodebook: resolved !== undefined };
    if (this.level === 'factor' && polarity !== undefined) {
      const factor = collapseWhitespace(this.factorNamedAt.get(key)?.factor ?? '');
      const polarityLabel = resolveLabel(this.codebook?.polarities.find((p) => p.id === polarity)?.label ?? DEFAULT_POLARITIES.find((p) => p.id === polarity)?.label, this.language, polarity);
      unit.polarity = polarity;
      unit.factor = factor;
      unit.label = `${unit.label}: ${factor} (${polarityLabel})`;
    }
    this.byKey.set(key, unit);
    return unit;
  }

  /** "Organization", "Organization › Coordination between parties", with the framework when the codebook has several. */
  private pathLabel(path: string): string {
    const codebook = this.codebook;
    const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, path);
    if (resolved === undefined || codebook === undefined) return path;
    const dimension = resolveLabel(resolved.dimension.label, this.language, resolved.dimension.id);
    const indicator = resolved.indicator === undefined ? '' : ` › ${resolveLabel(resolved.indicator.label, this.language, resolved.indicator.id)}`;
    const framework = codebook.frameworks.length > 1 ? ` (${resolveLabel(resolved.framework.label, this.language, resolved.framework.id)})` : '';
    return `${dimension}${indicator}${framework}`;
  }

  private rank(): Map<string, number> {
    const paths = this.codebook === undefined ? [] : this.level === 'indicator' ? allCodePaths(this.codebook) : allCodePaths(this.codebook).filter((p) => p.split('/').length === 2);
    return new Map(paths.map((path, index) => [path, index]));
  }
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
