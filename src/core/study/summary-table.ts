/**
 * The summary as a plain-text table for the terminal: what `transcript-coder summary`
 * prints. Pure string building, so tests can read it and the extension can reuse it.
 */
import { type Codebook, DEFAULT_POLARITIES } from '../codebook';
import { resolveLabel } from '../text';
import type { FactorSummary, Segment, StudySummary } from './summary';
import { offTextReason } from './on-text';
import { collapseWhitespace } from '../transcript';

/** How strongly a factor is backed: triangulation across informants and source types. */
export interface FactorEvidence {
  segments: number;
  informants: number;
  sources: string[];
}

export function factorEvidence(segments: readonly Segment[]): FactorEvidence {
  const informants = new Set<string>();
  const sources = new Set<string>();
  for (const segment of segments) {
    // Only named informants count: an observation note or a document has none.
    if (segment.informant !== null) informants.add(segment.informant);
    if (segment.source !== null) sources.add(segment.source);
  }
  return { segments: segments.length, informants: informants.size, sources: [...sources].sort() };
}

function describeEvidence(evidence: FactorEvidence): string {
  const parts = [plural(evidence.segments, 'segment'), plural(evidence.informants, 'informant')];
  if (evidence.sources.length > 0) parts.push(evidence.sources.join(', '));
  return parts.join(' · ');
}

export function formatSummaryTable(summary: StudySummary, codebook: Codebook | undefined, language: string): string {
  const polarityLabels = new Map(
    (codebook?.polarities ?? DEFAULT_POLARITIES).map((p) => [p.id, resolveLabel(p.label, language, p.id)]),
  );
  const out: string[] = [];
  const allSegments = summary.agencies.flatMap((a) => a.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)));
  const files = new Set([...allSegments, ...summary.unassigned].map((s) => s.file));
  out.push(
    `Study summary: ${plural(summary.agencies.length, 'agency', 'agencies')}, ${plural(files.size, 'transcript')}, ` +
      `${plural(allSegments.length + summary.unassigned.length, 'coded segment')}`,
  );
  for (const agency of summary.agencies) {
    out.push('', agency.agency);
    for (const dimension of agency.dimensions) {
      out.push(`  ${dimension.label} (${dimension.dimension})`);
      const width = Math.max(...dimension.factors.map((f) => polarityLabels.get(f.polarity)?.length ?? f.polarity.length));
      for (const factor of dimension.factors) out.push(formatFactor(factor, polarityLabels, width));
    }
  }
  if (summary.unassigned.length > 0) {
    const unassignedFiles = [...new Set(summary.unassigned.map((s) => s.file))];
    out.push(
      '',
      `Without an agency: ${plural(summary.unassigned.length, 'segment')} in ${unassignedFiles.join(', ')}`,
      '  (set attributes.agency in the sidecar, or agency: in the transcript front matter)',
    );
  }
  if (summary.leftOut.length > 0) {
    // Not evidence until re-anchored: named here so nothing is dropped in silence.
    out.push('', `Left out, not on their text: ${plural(summary.leftOut.length, 'code')}`);
    for (const { segment, offText } of summary.leftOut) {
      const factor = collapseWhitespace(segment.factor);
      out.push(`  ${segment.file}:${segment.lines[0]}  ${segment.code}${factor === '' ? '' : ` “${factor}”`}: ${offTextReason(offText)}`);
    }
  }
  const errors = summary.problems.filter((p) => p.severity === 'error').length;
  const warnings = summary.problems.length - errors;
  if (summary.problems.length > 0) {
    out.push('', `${plural(errors, 'error')} and ${plural(warnings, 'warning')}: see \`transcript-coder validate\``);
  }
  return out.join('\n') + '\n';
}

function formatFactor(factor: FactorSummary, polarityLabels: Map<string, string>, width: number): string {
  const polarity = (polarityLabels.get(factor.polarity) ?? factor.polarity).padEnd(width);
  return `    ${polarity}  ${factor.factor}  (${describeEvidence(factorEvidence(factor.segments))})`;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
