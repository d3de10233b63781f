/**
 * The answer the researcher codes for: per agency, per dimension, which factors
 * support, which inhibit, what is being done, and who said so where. Indicators roll up
 * into their dimension; each segment keeps its full code path.
 *
 * The sidebar and `transcript-coder summary` both call `summarize`, so they cannot
 * disagree.
 *
 * Only codes on their text are segments here (study/on-text.ts): an orphan or a code whose
 * text moved is in `leftOut`, with the reason, and in no count. A summary needs the
 * transcripts: load the study with `transcripts: 'all'`; a record without its transcript
 * has every code left out.
 */
import { type Codebook, DEFAULT_POLARITIES, dimensionPathOf, resolveCodePath } from '../codebook';
import { resolveLabel } from '../text';
import { compareProblems, type Problem } from '../problems';
import { offTextReason, placeCodes, type OffText } from './on-text';
import { collapseWhitespace } from '../transcript';
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
  /** The stored anchor: the first 80 characters, for finding the lines again. */
  quote: string;
  /**
   * The whole coded text of the lines, from the transcript, one line per line: what
   * retrieval shows. For a left-out code, whose lines do not hold it, the stored quote.
   */
  text: string;
  coder: string;
  memo?: string;
  informant: string | null;
  role: string | null;
  source: string | null;
}

/** A code that is not evidence: not on its text. */
export interface LeftOutSegment {
  segment: Segment;
  offText: OffText;
  /** The agency of its transcript; null for none. */
  agency: string | null;
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
  /** Codes not on their text (orphans, moved, changed, transcript unreadable): in no count above. */
  leftOut: LeftOutSegment[];
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
  // A study repeats a few dozen code paths and a few hundred factor spellings over
  // hundreds of thousands of segments: work each out once.
  const keys = new SummaryKeys();
  const byAgency = new Map<string, Groups>();
  const unassigned: Segment[] = [];
  const leftOut: LeftOutSegment[] = [];
  for (const record of study.records) {
    const grouped = groupedSegmentsOf(record, options.coders, keys);
    for (const item of grouped.leftOut) leftOut.push({ ...item, agency: record.agency ?? null });
    // A broken sidecar contributes no segments; its problems say why.
    if (grouped.segments.length === 0) continue;
    if (record.agency === undefined) {
      for (const segment of grouped.segments) unassigned.push(segment);
      continue;
    }
    let groups = byAgency.get(record.agency);
    if (groups === undefined) {
      groups = new Map();
      byAgency.set(record.agency, groups);
    }
    for (const group of grouped.groups) addToGroups(groups, group);
  }
  const order = dimensionOrder(codebook);
  const polarityRank = polarityOrder(codebook);
  const bySegment = segmentOrder(study.records);
  const agencies = [...byAgency.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([agency, groups]) => ({ agency, dimensions: dimensionsOf(groups, codebook, options.language, order, polarityRank, bySegment) }));
  return {
    version: 1,
    agencies,
    unassigned: unassigned.sort(bySegment),
    leftOut: leftOut.sort((a, b) => bySegment(a.segment, b.segment)),
    problems: studyProblems(study).sort(compareProblems),
  };
}

/** Segments of one dimension, polarity and factor (by factorKey), in the order they were added. */
interface SegmentGroup {
  dimension: string;
  polarity: string;
  key: string;
  segments: Segment[];
}

/** Groups by dimension, then polarity, then factor key. */
type Groups = Map<string, Map<string, Map<string, Segment[]>>>;

function addToGroups(groups: Groups, { dimension, polarity, key, segments }: SegmentGroup): void {
  let byPolarity = groups.get(dimension);
  if (byPolarity === undefined) {
    byPolarity = new Map();
    groups.set(dimension, byPolarity);
  }
  let byKey = byPolarity.get(polarity);
  if (byKey === undefined) {
    byKey = new Map();
    byPolarity.set(polarity, byKey);
  }
  const existing = byKey.get(key);
  if (existing === undefined) byKey.set(key, [...segments]);
  else for (const segment of segments) existing.push(segment);
}

interface GroupedSegments {
  sidecarPath: string;
  transcriptPath: string;
  transcript: TranscriptRecord['transcript'];
  /** The record's segments on their text, in file order. */
  segments: Segment[];
  leftOut: LeftOutSegment[];
  groups: SegmentGroup[];
}

const NO_SEGMENTS: GroupedSegments = { sidecarPath: '', transcriptPath: '', transcript: undefined, segments: [], leftOut: [], groups: [] };

/**
 * A record's segments, grouped, kept for as long as its sidecar data (and the transcript it was checked against) lives: the sidebar
 * summarises an agency again whenever one of its sidecars changes, and the other records
 * of the agency have not changed. Records are replaced, never changed in place, when a
 * sidecar is read again; the segments are shared by the summaries made from them.
 */
const groupedByData = new WeakMap<object, GroupedSegments>();

function groupedSegmentsOf(record: TranscriptRecord, coders: readonly string[] | undefined, keys: SummaryKeys): GroupedSegments {
  if (record.sidecar.status !== 'ok') return NO_SEGMENTS;
  const data = record.sidecar.data;
  if (coders === undefined) {
    const cached = groupedByData.get(data);
    if (
      cached !== undefined &&
      cached.sidecarPath === record.sidecarPath &&
      cached.transcriptPath === record.transcriptPath &&
      cached.transcript === record.transcript
    ) {
      return cached;
    }
  }
  const { segments, leftOut } = placedSegmentsOf(record, coders);
  const groups: SegmentGroup[] = [];
  const byDimension: Groups = new Map();
  for (const segment of segments) {
    const dimension = keys.dimension(segment.code);
    const key = keys.factor(segment.factor);
    let byPolarity = byDimension.get(dimension);
    if (byPolarity === undefined) {
      byPolarity = new Map();
      byDimension.set(dimension, byPolarity);
    }
    let byKey = byPolarity.get(segment.polarity);
    if (byKey === undefined) {
      byKey = new Map();
      byPolarity.set(segment.polarity, byKey);
    }
    const existing = byKey.get(key);
    if (existing !== undefined) existing.push(segment);
    else {
      const group: SegmentGroup = { dimension, polarity: segment.polarity, key, segments: [segment] };
      groups.push(group);
      byKey.set(key, group.segments);
    }
  }
  const grouped: GroupedSegments = {
    sidecarPath: record.sidecarPath,
    transcriptPath: record.transcriptPath,
    transcript: record.transcript,
    segments,
    leftOut,
    groups,
  };
  if (coders === undefined) groupedByData.set(data, grouped);
  return grouped;
}

function dimensionsOf(
  groups: Groups,
  codebook: Codebook | undefined,
  language: string,
  order: Map<string, number>,
  polarityRank: Map<string, number>,
  bySegment: (a: Segment, b: Segment) => number,
): DimensionSummary[] {
  return [...groups.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b))
    .map(([dimension, byPolarity]) => ({
      dimension,
      label: dimensionLabel(codebook, dimension, language),
      factors: factorsOf(byPolarity, polarityRank, bySegment),
    }));
}

function factorsOf(byPolarity: Map<string, Map<string, Segment[]>>, polarityRank: Map<string, number>, bySegment: (a: Segment, b: Segment) => number): FactorSummary[] {
  // Researchers type factor names by hand: the same words with other spacing or case
  // are the same factor. The first spelling (in file order) names the group.
  const factors: { polarity: string; key: string; segments: Segment[] }[] = [];
  for (const [polarity, byKey] of byPolarity) {
    for (const [key, segments] of byKey) factors.push({ polarity, key, segments: segments.sort(bySegment) });
  }
  return factors
    .sort(
      (a, b) =>
        (polarityRank.get(a.polarity) ?? Infinity) - (polarityRank.get(b.polarity) ?? Infinity) ||
        compareText(a.polarity, b.polarity) ||
        compareText(a.key, b.key),
    )
    .map(({ polarity, segments }) => ({ polarity, factor: collapseWhitespace((segments[0] as Segment).factor), segments }));
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

/**
 * A record's codes as segments, split by whether they are on their text (study/on-text.ts):
 * `segments` may be cited, `leftOut` may not. In file order.
 */
export function placedSegmentsOf(record: TranscriptRecord, coders?: readonly string[]): { segments: Segment[]; leftOut: LeftOutSegment[] } {
  if (record.sidecar.status !== 'ok') return { segments: [], leftOut: [] };
  const attributes = record.sidecar.data.attributes;
  const codes = record.sidecar.data.codes.filter((code) => coders === undefined || coders.includes(code.coder));
  const placements = placeCodes(record.transcript, codes);
  const segments: Segment[] = [];
  const leftOut: LeftOutSegment[] = [];
  codes.forEach((code, index) => {
    const placement = placements[index];
    const segment: Segment = {
      id: code.id,
      file: record.transcriptPath,
      sidecarPath: record.sidecarPath,
      lines: [code.lines[0], code.lines[1]],
      code: code.code,
      polarity: code.polarity,
      factor: code.factor,
      quote: code.quote,
      text: placement?.onText === true ? placement.text : code.quote,
      coder: code.coder,
      informant: attributes['informant'] ?? null,
      role: attributes['role'] ?? null,
      source: attributes['source'] ?? null,
    };
    if (code.memo !== undefined) segment.memo = code.memo;
    if (placement === undefined || placement.onText) segments.push(segment);
    else leftOut.push({ segment, offText: placement.offText, agency: record.agency ?? null });
  });
  return { segments, leftOut };
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

/**
 * compareSegments for the segments of these records, by the rank of each file in that
 * order, worked out once: comparing the long shared prefixes of 200,000 segments' paths
 * took half of a summary's time (bench: cold index + summary).
 */
function segmentOrder(records: readonly TranscriptRecord[]): (a: Segment, b: Segment) => number {
  const files = [...new Set(records.map((record) => record.transcriptPath))].sort(compareText);
  const rank = new Map(files.map((file, index) => [file, index]));
  return (a, b) => {
    const first = rank.get(a.file);
    const second = rank.get(b.file);
    if (first === undefined || second === undefined) return compareSegments(a, b);
    return first - second || a.lines[0] - b.lines[0] || a.lines[1] - b.lines[1] || compareText(a.id, b.id);
  };
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
    text: s.text,
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
    leftOut: summary.leftOut.map((item) => ({
      agency: item.agency,
      ...segmentJson(item.segment),
      polarity: item.segment.polarity,
      factor: item.segment.factor,
      reason: offTextReason(item.offText),
    })),
    problems: summary.problems,
  };
}
