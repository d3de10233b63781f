/**
 * The agreement report as Markdown, for the extension's preview: the same figures and
 * bands as the plain-text table, and every disagreeing line as a link the caller builds
 * (the extension links to the transcript at that line).
 */
import { escapeMarkdown } from '../text';
import type { AgreementFigures, AgreementReport } from './report';
import { ALPHA_BAND_MEANING, alphaBand, kappaBand } from './statistics';
import { coefficientText, coverageText, describeUnitized, UNITIZED_HEADER, undefinedFigures, unitizedRows } from './unitized-format';
import { NOT_CODED } from './units';

export function formatAgreementMarkdown(report: AgreementReport, linkFor: (file: string, line: number) => string): string {
  const twoCoders = report.coders.length === 2;
  const out: string[] = [
    '# Inter-coder agreement',
    '',
    `Coders: ${report.coders.map(escapeMarkdown).join(', ')}. Unit: the line. Value compared: ${report.value === 'coverage' ? 'coded or not, per dimension' : 'polarity, per dimension'}.`,
    '',
    `| Dimension | Units | ${twoCoders ? 'Agreement' : 'Agreement (pairwise mean)'} |${twoCoders ? " Cohen's kappa |" : ''} Krippendorff's alpha |`,
    `| --- | ---: | ---: |${twoCoders ? ' --- |' : ''} --- |`,
    ...report.dimensions.map((dimension) => row(escapeMarkdown(dimension.dimension), dimension, twoCoders)),
    row('**pooled**', report.pooled, twoCoders),
    '',
    '*Kappa bands (Landis & Koch 1977)*: < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect.  ',
    `*Alpha bands (Krippendorff 2004)*: ${ALPHA_BAND_MEANING.reliable}; ${ALPHA_BAND_MEANING.tentative}; ${ALPHA_BAND_MEANING.unreliable}.`,
  ];
  if (report.notes.length > 0) out.push('', ...report.notes.map((note) => `- ${escapeMarkdown(note)}`));
  out.push(...unitizedSection(report));
  for (const dimension of report.dimensions) {
    if (dimension.disagreements.length === 0) continue;
    out.push('', `## Disagreements in ${escapeMarkdown(dimension.dimension)} (${dimension.disagreements.length})`, '');
    for (const disagreement of dimension.disagreements) {
      const byCoder = report.coders.map((coder) => {
        const paths = disagreement.codes[coder] ?? [];
        return `${escapeMarkdown(coder)}: ${paths.length === 0 ? NOT_CODED : paths.map(escapeMarkdown).join(', ')}`;
      });
      out.push(`- [${escapeMarkdown(disagreement.file)}:${disagreement.line}](${linkFor(disagreement.file, disagreement.line)}) — ${byCoder.join('; ')}`);
    }
  }
  return out.join('\n') + '\n';
}

function row(label: string, figures: AgreementFigures, twoCoders: boolean): string {
  const fixed = (value: number) => (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
  const missing = figures.units === 0 ? 'n/a (no units)' : 'n/a (no variation)';
  const agreement = figures.percentAgreement === null ? 'n/a' : fixed(figures.percentAgreement);
  const kappa = figures.cohenKappa === null ? missing : `${fixed(figures.cohenKappa)} ${kappaBand(figures.cohenKappa)}`;
  const alpha = figures.krippendorffAlpha === null ? missing : `${fixed(figures.krippendorffAlpha)} ${alphaBand(figures.krippendorffAlpha)}`;
  return `| ${label} | ${figures.units} | ${agreement} |${twoCoders ? ` ${kappa} |` : ''} ${alpha} |`;
}

/** Unitized alpha beside the line-unit figures (issue 16): the same rows as the report file. */
function unitizedSection(report: AgreementReport): string[] {
  const rows = unitizedRows(report.unitized);
  const notes = [...undefinedFigures(rows), ...report.unitized.notes];
  return [
    '',
    '## Unitized alpha per dimension',
    '',
    escapeMarkdown(describeUnitized(report.unitized)),
    '',
    `| ${UNITIZED_HEADER.join(' | ')} |`,
    `| --- | ${UNITIZED_HEADER.slice(1).map(() => '---:').join(' | ')} |`,
    ...rows.map(
      (row) =>
        `| ${escapeMarkdown(row.label)} | ${row.units} | ${coefficientText(row.binary)} | ${coefficientText(row.cu)} | ${coverageText(row.coverage)} | ${coefficientText(row.u)} | ${coefficientText(row.u2004)} |`,
    ),
    ...(notes.length > 0 ? ['', ...notes.map((note) => `- ${escapeMarkdown(note)}`)] : []),
  ];
}
