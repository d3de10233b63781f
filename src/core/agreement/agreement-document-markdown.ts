/** The agreement report (agreement-document.ts) as a Markdown file. */
import { escapeMarkdown } from '../text';
import type { AgreementDocument } from './agreement-document';
import { blindCodingSentence } from './blind';
import type { AgreementFigures, AgreementReport } from './report';
import { ALPHA_BAND_MEANING, alphaBand, kappaBand } from './statistics';
import { coefficientText, coverageText, describeUnitized, REPORTING_ADVICE, UNITIZED_HEADER, undefinedFigures, unitizedRows } from './unitized-format';
import { NOT_CODED } from './units';

export function renderAgreementDocumentMarkdown(document: AgreementDocument): string {
  const out: string[] = [`# ${escapeMarkdown(document.title)}`, '', escapeMarkdown(blindCodingSentence(document.all.blindCoding)), ''];
  out.push(...section(document, document.all, document.coders.length > 2 ? 'All coders together' : undefined));
  for (const pair of document.pairs) out.push(...section(document, pair.report, `Coders ${pair.coders.join(' and ')}`));
  out.push(
    '## How to read the figures',
    '',
    escapeMarkdown(REPORTING_ADVICE),
    '',
    `*Alpha bands (Krippendorff 2004)*: ${ALPHA_BAND_MEANING.reliable}; ${ALPHA_BAND_MEANING.tentative}; ${ALPHA_BAND_MEANING.unreliable}.  `,
    '*Kappa bands (Landis & Koch 1977)*: < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect.',
  );
  return out.join('\n') + '\n';
}

function section(document: AgreementDocument, report: AgreementReport, heading: string | undefined): string[] {
  const level = heading === undefined ? '##' : '###';
  const out: string[] = heading === undefined ? [] : [`## ${escapeMarkdown(heading)}`, ''];
  const twoCoders = report.coders.length === 2;
  out.push(
    `${level} Unitized alpha per dimension`,
    '',
    escapeMarkdown(describeUnitized(report.unitized)),
    '',
    `| ${UNITIZED_HEADER.join(' | ')} |`,
    `| --- | ${UNITIZED_HEADER.slice(1).map(() => '---:').join(' | ')} |`,
  );
  const rows = unitizedRows(report.unitized);
  for (const row of rows) {
    out.push(
      `| ${escapeMarkdown(row.label)} | ${row.units} | ${coefficientText(row.binary)} | ${coefficientText(row.cu)} | ${coverageText(row.coverage)} | ${coefficientText(row.u)} | ${coefficientText(row.u2004)} |`,
    );
  }
  const notes = [...undefinedFigures(rows), ...report.unitized.notes];
  if (notes.length > 0) out.push('', ...notes.map((note) => `- ${escapeMarkdown(note)}`));
  out.push(
    '',
    `${level} Line units per dimension`,
    '',
    `| Dimension | Line units | ${twoCoders ? 'Agreement' : 'Agreement (pairwise mean)'} |${twoCoders ? " Cohen's kappa |" : ''} Krippendorff's alpha |`,
    `| --- | ---: | ---: |${twoCoders ? ' --- |' : ''} --- |`,
    ...report.dimensions.map((dimension) => lineRow(escapeMarkdown(dimension.dimension), dimension, twoCoders)),
    lineRow('**pooled**', report.pooled, twoCoders),
    '',
    ...report.notes.map((note) => `- ${escapeMarkdown(note)}`),
    '',
  );
  for (const dimension of report.dimensions) {
    if (dimension.disagreements.length === 0) continue;
    out.push(`${level}# Disagreements in ${escapeMarkdown(dimension.dimension)} (${dimension.disagreements.length})`, '');
    for (const disagreement of dimension.disagreements) {
      const byCoder = report.coders.map((coder) => {
        const paths = disagreement.codes[coder] ?? [];
        return `${escapeMarkdown(coder)}: ${paths.length === 0 ? NOT_CODED : paths.map(escapeMarkdown).join(', ')}`;
      });
      const text = document.lineText(disagreement.file, disagreement.line);
      out.push(`- ${escapeMarkdown(disagreement.file)}:${disagreement.line} — ${byCoder.join('; ')}${text === '' ? '' : `  \n  > ${escapeMarkdown(text)}`}`);
    }
    out.push('');
  }
  return out;
}

function lineRow(label: string, figures: AgreementFigures, twoCoders: boolean): string {
  const fixed = (value: number) => (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
  const missing = figures.units === 0 ? 'n/a (no units)' : 'n/a (no variation)';
  const agreement = figures.percentAgreement === null ? 'n/a' : fixed(figures.percentAgreement);
  const kappa = figures.cohenKappa === null ? missing : `${fixed(figures.cohenKappa)} ${kappaBand(figures.cohenKappa)}`;
  const alpha = figures.krippendorffAlpha === null ? missing : `${fixed(figures.krippendorffAlpha)} ${alphaBand(figures.krippendorffAlpha)}`;
  return `| ${label} | ${figures.units} | ${agreement} |${twoCoders ? ` ${kappa} |` : ''} ${alpha} |`;
}
