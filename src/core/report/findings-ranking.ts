/**
 * The study-wide view the discussion chapter starts from: which inhibiting factors are
 * shared across agencies. Factors are the same factor when their names are (the summary's
 * rule: case and spacing aside), wherever they were coded.
 */
import { factorKey, type StudySummary } from '../study';

export interface RankedFactor {
  /** Competition ranking: factors cited by as many agencies and informants share a rank (1, 1, 3). */
  rank: number;
  factor: string;
  /** Headings of the dimensions it was coded under, in the order first met. */
  dimensions: string[];
  agencies: string[];
  /** Distinct informants; the same title in two agencies counts twice. */
  informants: number;
  segments: number;
  sources: string[];
}

export function rankInhibitingFactors(
  summary: StudySummary,
  dimensionHeading: (dimension: string) => string,
  polarity = 'inhibiting',
): RankedFactor[] {
  interface Tally {
    factor: string;
    dimensions: Set<string>;
    agencies: Set<string>;
    informants: Set<string>;
    segments: number;
    sources: Set<string>;
  }
  const tallies = new Map<string, Tally>();
  for (const agency of summary.agencies) {
    for (const dimension of agency.dimensions) {
      for (const factor of dimension.factors) {
        if (factor.polarity !== polarity) continue;
        const key = factorKey(factor.factor);
        let tally = tallies.get(key);
        if (tally === undefined) {
          tally = { factor: factor.factor, dimensions: new Set(), agencies: new Set(), informants: new Set(), segments: 0, sources: new Set() };
          tallies.set(key, tally);
        }
        tally.dimensions.add(dimensionHeading(dimension.dimension));
        tally.agencies.add(agency.agency);
        tally.segments += factor.segments.length;
        for (const segment of factor.segments) {
          if (segment.informant !== null) tally.informants.add(`${agency.agency}\u0000${segment.informant}`);
          if (segment.source !== null) tally.sources.add(segment.source);
        }
      }
    }
  }
  const sorted = [...tallies.entries()]
    .map(([key, t]) => ({
      key,
      ranked: {
        rank: 0,
        factor: t.factor,
        dimensions: [...t.dimensions],
        agencies: [...t.agencies].sort(compareText),
        informants: t.informants.size,
        segments: t.segments,
        sources: [...t.sources].sort(compareText),
      },
    }))
    .sort(
      (a, b) =>
        b.ranked.agencies.length - a.ranked.agencies.length ||
        b.ranked.informants - a.ranked.informants ||
        b.ranked.segments - a.ranked.segments ||
        compareText(a.key, b.key),
    )
    .map(({ ranked }) => ranked);
  sorted.forEach((factor, index) => {
    const previous = sorted[index - 1];
    const tied = previous !== undefined && previous.agencies.length === factor.agencies.length && previous.informants === factor.informants;
    factor.rank = tied ? previous.rank : index + 1;
  });
  return sorted;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
