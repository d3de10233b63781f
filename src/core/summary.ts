/**
 * The answer the researcher codes for: per agency, per dimension, which factors
 * support, which inhibit, what is being done, and who said so where. Indicators roll up
 * into their dimension; each segment keeps its full code path.
 *
 * The sidebar and `transcript-coder summary` both call `summarize`, so they cannot
 * disagree.
 */
import { DEFAULT_POLARITIES, dimensionPathOf, resolveCodePath, type Codebook } from './codebook';
import { resolveLabel } from './labels';
import { compareProblems, type Problem } from './problems';
import { collapseWhitespace } from './quote';
import { studyProblems, type Study, type TranscriptRecord } from './study';

export interface Segment {
  id: string;
  /** The transcript, study-relative. */
  file: string;
  sidecarPath: string;
  lines: [number, number];
  code: string;
  polarity: string;
  factor: string;
  quote: string;
  coder: string;
  memo?: string;
  informant: string | null;
  role: string | null;
  source: string | null;
}

export interface FactorSummary {
  polarity: string;
  factor: string;
  segments: Segment[];
}

export interface DimensionSummary {
  /** `framework/dimension` */
  dimension: string;
  label: string;
  factors: FactorSummary[];
}

export interface AgencySummary {
  agency: string;
  dimensions: DimensionSummary[];
}

export interface StudySummary {
  version: 1;
  agencies: AgencySummary[];
  /** Segments of transcripts with no agency in their sidecar or front matter. */
  unassigned: Segment[];
  problems: Problem[];
}

export interface SummaryOptions {
  /** Label language, e.g. `en` or `id`. */
  language: string;
  /** Keep only codes by these coders (blind mode, per-coder views). */
  coders?: readonly string[];
}

export function summarize(study: Study, options: SummaryOptions): StudySummary {
  const codebook = study.codebook.codebook;
  const byAgency = new Map<string, Segment[]>();
  const unassigned: Segment[] = [];
  for (const record of study.records) {
    const segments = segmentsOf(record, options.coders);
    // A broken sidecar contributes no segments; its problems say why.
    if (segments.length === 0) continue;
    const group = record.agency === undefined ? unassigned : byAgency.get(record.agency);
    if (group === undefined) byAgency.set(record.agency as string, segments);
    else for (const segment of segments) group.push(segment);
  }
  // A study repeats a few dozen code paths and a few hundred factor spellings over
  // hundreds of thousands of segments: work each out once.
  const keys = new SummaryKeys();
  const agencies = [...byAgency.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([agency, segments]) => ({ agency, dimensions: groupByDimension(segments, codebook, options.language, keys) }));
  return {
    version: 1,
    agencies,
    unassigned: unassigned.sort(compareSegments),
    problems: studyProblems(study).sort(compareProblems),
  };
}

/** Dimension paths and factor keys by the text they come from, computed once per summary. */
class SummaryKeys {
  private readonly dimensions = new Map<string, string>();
  private readonly factors = new Map<string, string>();

  dimension(code: string): string {
    let dimension = this.dimensions.get(code);
    if (dimension === undefined) {
      dimension = dimensionPathOf(code);
      this.dimensions.set(code, dimension);
    }
    return dimension;
  }

  factor(factor: string): string {
    let key = this.factors.get(factor);
    if (key === undefined) {
      key = factorKey(factor);
      this.factors.set(factor, key);
    }
    return key;
  }
}

export function segmentsOf(record: TranscriptRecord, coders?: readonly string[]): Segment[] {
  if (record.sidecar.status !== 'ok') return [];
  const attributes = record.sidecar.data.attributes;
  return record.sidecar.data.codes
    .filter((code) => coders === undefined || coders.includes(code.coder))
    .map((code) => {
      const segment: Segment = {
        id: code.id,
        file: record.transcriptPath,
        sidecarPath: record.sidecarPath,
        lines: [code.lines[0], code.lines[1]],
        code: code.code,
        polarity: code.polarity,
        factor: code.factor,
        quote: code.quote,
        coder: code.coder,
        informant: attributes['informant'] ?? null,
        role: attributes['role'] ?? null,
        source: attributes['source'] ?? null,
      };
      if (code.memo !== undefined) segment.memo = code.memo;
      return segment;
    });
}

function groupByDimension(segments: Segment[], codebook: Codebook | undefined, language: string, keys: SummaryKeys): DimensionSummary[] {
  const byDimension = groupBy(segments, (segment) => keys.dimension(segment.code));
  const order = dimensionOrder(codebook);
  const polarityRank = polarityOrder(codebook);
  return [...byDimension.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b))
    .map(([dimension, inDimension]) => ({
      dimension,
      label: dimensionLabel(codebook, dimension, language),
      factors: groupByFactor(inDimension, polarityRank, keys),
    }));
}

function groupByFactor(segments: Segment[], polarityRank: Map<string, number>, keys: SummaryKeys): FactorSummary[] {
  // Researchers type factor names by hand: the same words with other spacing or case
  // are the same factor. The first spelling (in file order) names the group. Groups are
  // kept by polarity, then factor key, in the order they are first met.
  const byPolarity = new Map<string, Map<string, Segment[]>>();
  const groups: { polarity: string; key: string; segments: Segment[] }[] = [];
  for (const segment of segments.sort(compareSegments)) {
    let byKey = byPolarity.get(segment.polarity);
    if (byKey === undefined) {
      byKey = new Map();
      byPolarity.set(segment.polarity, byKey);
    }
    const key = keys.factor(segment.factor);
    const group = byKey.get(key);
    if (group === undefined) {
      const created = [segment];
      byKey.set(key, created);
      groups.push({ polarity: segment.polarity, key, segments: created });
    } else group.push(segment);
  }
  return groups
    .sort(
      (a, b) =>
        (polarityRank.get(a.polarity) ?? Infinity) - (polarityRank.get(b.polarity) ?? Infinity) ||
        compareText(a.polarity, b.polarity) ||
        compareText(a.key, b.key),
    )
    .map(({ polarity, segments: inGroup }) => ({ polarity, factor: collapseWhitespace((inGroup[0] as Segment).factor), segments: inGroup }));
}

export function factorKey(factor: string): string {
  return collapseWhitespace(factor).toLocaleLowerCase('id');
}

function dimensionOrder(codebook: Codebook | undefined): Map<string, number> {
  const order = new Map<string, number>();
  for (const framework of codebook?.frameworks ?? []) {
    for (const dimension of framework.dimensions) order.set(`${framework.id}/${dimension.id}`, order.size);
  }
  return order;
}

function polarityOrder(codebook: Codebook | undefined): Map<string, number> {
  const polarities = codebook?.polarities ?? DEFAULT_POLARITIES;
  return new Map(polarities.map((polarity, index) => [polarity.id, index]));
}

function dimensionLabel(codebook: Codebook | undefined, dimension: string, language: string): string {
  const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, dimension);
  return resolved === undefined ? dimension : resolveLabel(resolved.dimension.label, language, dimension);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

export function compareSegments(a: Segment, b: Segment): number {
  return compareText(a.file, b.file) || a.lines[0] - b.lines[0] || a.lines[1] - b.lines[1] || compareText(a.id, b.id);
}

/** Plain code-unit order: the same on every machine and locale, so output is diffable. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The JSON contract of `summary --json` (version 1): exactly these fields. */
export function summaryToJson(summary: StudySummary): unknown {
  const segmentJson = (s: Segment) => ({
    file: s.file,
    lines: s.lines,
    code: s.code,
    quote: s.quote,
    coder: s.coder,
    informant: s.informant,
    source: s.source,
  });
  return {
    version: summary.version,
    agencies: summary.agencies.map((agency) => ({
      agency: agency.agency,
      dimensions: agency.dimensions.map((dimension) => ({
        dimension: dimension.dimension,
        label: dimension.label,
        factors: dimension.factors.map((factor) => ({
          polarity: factor.polarity,
          factor: factor.factor,
          segments: factor.segments.map(segmentJson),
        })),
      })),
    })),
    unassigned: summary.unassigned.map(segmentJson),
    problems: summary.problems,
  };
}
