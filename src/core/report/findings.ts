/**
 * The findings report as data, shaped like the findings chapter of an implementation
 * study: per agency, per dimension (codebook order), the supporting factors, the
 * inhibiting factors, the efforts and the descriptive findings, each factor with the
 * informants and kinds of source that back it and one or two quotes; the analytic memo
 * of that agency × dimension; the inhibiting factors ranked across the study; and what
 * was left out.
 *
 * Every text here is raw, as the researcher wrote it: the Markdown renderer escapes it,
 * the .docx renderer puts it in text runs. Nothing reads a clock: the export date comes in.
 */
import { type Codebook, resolveCodePath } from '../codebook';
import { computeCooccurrence, type Cooccurrence } from '../cooccurrence';
import { resolveLabel } from '../text';
import { factorEvidence, type FactorSummary, type LoadedMemos, type Memo, memosFor, type Segment, type Study, summarize } from '../study';
import type { Problem } from '../problems';
import { collapseWhitespace } from '../transcript';
import {
  brokenMemosLeftOut,
  brokenSidecarsLeftOut,
  leftOutProblems,
  offTextLeftOut,
  otherProblemCount,
  unassignedLeftOut,
  type LeftOutItem,
} from './left-out';
import { reportLanguage, reportWords, type MethodWords, type ReportLanguage } from './report-labels';
import { rankInhibitingFactors, type RankedFactor } from './findings-ranking';

export interface FindingsInput {
  study: Study;
  /** The study's name, for the title. */
  name: string;
  language: string;
  /** `YYYY-MM-DD`, printed in the method paragraph. */
  exportedOn: string;
  memos?: LoadedMemos;
}

export interface InformantMention {
  informant: string;
  role: string | null;
}

export interface QuoteFinding {
  text: string;
  informant: string | null;
  source: string | null;
  file: string;
  lines: [number, number];
}

export interface FactorFinding {
  /** As first written; '' when the coder gave no name. */
  factor: string;
  segments: number;
  informants: InformantMention[];
  sources: string[];
  quotes: QuoteFinding[];
}

interface PolarityFindings {
  polarity: string;
  heading: string;
  factors: FactorFinding[];
}

interface DimensionFindings {
  /** `framework/dimension` */
  dimension: string;
  heading: string;
  polarities: PolarityFindings[];
  memos: Memo[];
}

interface AgencyFindings {
  agency: string;
  dimensions: DimensionFindings[];
}

export interface FindingsReport {
  language: ReportLanguage;
  title: string;
  method: MethodWords;
  agencies: AgencyFindings[];
  ranking: RankedFactor[];
  /** Dimensions coded on the same lines, per agency and for the study, from the same codes. */
  cooccurrence: Cooccurrence;
  leftOut: LeftOutItem[];
  /** Problems in the study's files that left nothing out (warnings, a missing transcript…). */
  otherProblems: number;
  /** The left-out items as errors, for the CLI. */
  problems: Problem[];
}

/** A findings chapter quotes a sentence or two, not a page. */
const MAX_QUOTE_CHARS = 300;
const QUOTES_PER_FACTOR = 2;

export function buildFindingsReport(input: FindingsInput): FindingsReport {
  const language = reportLanguage(input.language);
  const words = reportWords(language);
  const { study } = input;
  const codebook = study.codebook.codebook;
  const summary = summarize(study, { language });
  const memos = input.memos?.broken === false ? input.memos.memos : [];
  const polarityHeading = (id: string): string =>
    words.polarityHeading[id] ?? resolveLabel(codebook?.polarities.find((p) => p.id === id)?.label, language, id);

  const agencyNames = sortedUnique([...summary.agencies.map((a) => a.agency), ...memos.map((m) => m.agency)]);
  const agencies = agencyNames.map((agency): AgencyFindings => {
    const summarized = summary.agencies.find((a) => a.agency === agency);
    const dimensionPaths = orderDimensions(codebook, [
      ...(summarized?.dimensions.map((d) => d.dimension) ?? []),
      ...memos.filter((m) => m.agency === agency).map((m) => m.dimension),
    ]);
    return {
      agency,
      dimensions: dimensionPaths.map((dimension) => {
        const factors = summarized?.dimensions.find((d) => d.dimension === dimension)?.factors ?? [];
        return {
          dimension,
          heading: dimensionHeading(codebook, dimension, language),
          polarities: groupByPolarity(factors).map(([polarity, inPolarity]) => ({
            polarity,
            heading: polarityHeading(polarity),
            factors: inPolarity.map(factorFinding).sort(byWeight),
          })),
          memos: memosFor(memos, agency, dimension),
        };
      }),
    };
  });

  const leftOut = [
    ...brokenSidecarsLeftOut(study, words),
    ...offTextLeftOut(summary.leftOut, words),
    ...unassignedLeftOut(summary.unassigned, words),
    ...brokenMemosLeftOut(input.memos, words),
  ];
  return {
    language,
    title: words.title(input.name),
    method: methodFacts(summary.agencies.flatMap((a) => a.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments))), study, input, language),
    agencies,
    ranking: rankInhibitingFactors(summary, (dimension) => dimensionHeading(codebook, dimension, language)),
    cooccurrence: computeCooccurrence(summary, codebook, { level: 'dimension', language }),
    leftOut,
    otherProblems: otherProblemCount(study, input.memos, leftOut),
    problems: leftOutProblems(leftOut, 'report'),
  };
}

function factorFinding(factor: FactorSummary): FactorFinding {
  const evidence = factorEvidence(factor.segments);
  const informants: InformantMention[] = [];
  for (const segment of factor.segments) {
    if (segment.informant === null || informants.some((i) => i.informant === segment.informant)) continue;
    informants.push({ informant: segment.informant, role: segment.role });
  }
  return {
    factor: factor.factor,
    segments: evidence.segments,
    informants,
    sources: evidence.sources,
    quotes: pickQuotes(factor.segments).map(quoteFinding),
  };
}

/** The best-backed factors first: more informants, then more segments; ties keep the summary's order. */
function byWeight(a: FactorFinding, b: FactorFinding): number {
  return b.informants.length - a.informants.length || b.segments - a.segments;
}

/** One or two quotes, from different informants (or sources) where the factor has them: triangulation on the page. */
function pickQuotes(segments: readonly Segment[]): Segment[] {
  const voice = (s: Segment): string => s.informant ?? `${s.source ?? ''}\u0000${s.file}`;
  const picked: Segment[] = [];
  for (const segment of segments) {
    if (picked.length < QUOTES_PER_FACTOR && !picked.some((p) => voice(p) === voice(segment))) picked.push(segment);
  }
  for (const segment of segments) if (picked.length < QUOTES_PER_FACTOR && !picked.includes(segment)) picked.push(segment);
  return picked;
}

/**
 * The coded lines in full, cut at a sentence or two. The summary gives only codes on
 * their text (study/on-text.ts), so the lines quoted are the lines cited.
 */
function quoteFinding(segment: Segment): QuoteFinding {
  const [first, last] = segment.lines;
  const full = Array.from(collapseWhitespace(segment.text));
  let text = full.slice(0, MAX_QUOTE_CHARS).join('');
  if (full.length > MAX_QUOTE_CHARS) text = `${text.replace(/\s+\S*$/u, '')}…`;
  return { text, informant: segment.informant, source: segment.source, file: segment.file, lines: [first, last] };
}

function groupByPolarity(factors: readonly FactorSummary[]): [string, FactorSummary[]][] {
  // The summary already orders factors by the codebook's polarity order.
  const groups = new Map<string, FactorSummary[]>();
  for (const factor of factors) groups.set(factor.polarity, [...(groups.get(factor.polarity) ?? []), factor]);
  return [...groups.entries()];
}

/** Codebook order; dimensions the codebook does not know (a memo's, a stale code's) after, by path. */
function orderDimensions(codebook: Codebook | undefined, paths: readonly string[]): string[] {
  const order = new Map<string, number>();
  for (const framework of codebook?.frameworks ?? []) {
    for (const dimension of framework.dimensions) order.set(`${framework.id}/${dimension.id}`, order.size);
  }
  return sortedUnique(paths).sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b));
}

/** The dimension's label; with its framework's when the codebook has several (Edward III and Van Meter & Van Horn both have "Resources"). */
export function dimensionHeading(codebook: Codebook | undefined, dimension: string, language: string): string {
  const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, dimension);
  if (resolved === undefined || codebook === undefined) return dimension;
  const label = resolveLabel(resolved.dimension.label, language, resolved.dimension.id);
  return codebook.frameworks.length > 1 ? `${label} (${resolveLabel(resolved.framework.label, language, resolved.framework.id)})` : label;
}

function methodFacts(segments: readonly Segment[], study: Study, input: FindingsInput, language: string): MethodWords {
  const files = new Set(segments.map((s) => s.file));
  const records = study.records.filter((r) => files.has(r.transcriptPath) && r.sidecar.status === 'ok');
  const sources = new Map<string, number>();
  for (const record of records) {
    const source = record.sidecar.status === 'ok' ? record.sidecar.data.attributes['source']?.trim() : undefined;
    if (source !== undefined && source !== '') sources.set(source, (sources.get(source) ?? 0) + 1);
  }
  // The same title in two agencies ("Kepala Dinas") is two people.
  const agencyByFile = new Map(records.map((r) => [r.transcriptPath, r.agency ?? '']));
  const informants = new Set(segments.filter((s) => s.informant !== null).map((s) => `${agencyByFile.get(s.file) ?? ''}\u0000${s.informant ?? ''}`));
  const frameworkIds = new Set(segments.map((s) => s.code.split('/')[0] ?? ''));
  const frameworks = (study.codebook.codebook?.frameworks ?? [])
    .filter((f) => frameworkIds.has(f.id))
    .map((f) => resolveLabel(f.label, language, f.id));
  return {
    exportedOn: input.exportedOn,
    transcripts: files.size,
    sources: [...sources.entries()].sort(([a], [b]) => compareText(a, b)).map(([source, transcripts]) => ({ source, transcripts })),
    agencies: new Set(records.map((r) => r.agency)).size,
    informants: informants.size,
    coders: sortedUnique(segments.map((s) => s.coder).filter((c) => c !== '')),
    segments: segments.length,
    frameworks,
  };
}

function sortedUnique(items: readonly string[]): string[] {
  return [...new Set(items)].sort(compareText);
}

/** Code-unit order, as the summary sorts: the same on every machine, so reports diff cleanly. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
