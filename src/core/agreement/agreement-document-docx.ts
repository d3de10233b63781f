/**
 * The agreement report (agreement-document.ts) as a Word document: real headings and
 * tables, disagreements as bullets with the line's text. Built with the `docx` package,
 * as the findings report is (pure JavaScript, so it stays in the core).
 */
import { Document, HeadingLevel, Packer, Paragraph, type Table, TextRun, type FileChild } from 'docx';
import { wordHeading as heading, wordParagraph as plain, wordTable, xmlSafe } from '../report';
import { consensusIntro, type AgreementDocument } from './agreement-document';
import { blindCodingSentence } from './blind';
import type { AgreementFigures, AgreementReport } from './report';
import { ALPHA_BAND_MEANING, alphaBand, kappaBand } from './statistics';
import { coefficientText, coverageText, describeUnitized, REPORTING_ADVICE, UNITIZED_HEADER, undefinedFigures, unitizedRows } from './unitized-format';
import { NOT_CODED } from './units';

export async function renderAgreementDocumentDocx(document: AgreementDocument): Promise<Uint8Array> {
  const body: FileChild[] = [heading(document.title, HeadingLevel.TITLE), plain(blindCodingSentence(document.all.blindCoding))];
  body.push(...section(document, document.all, document.coders.length > 2 ? 'All coders together' : undefined));
  for (const pair of document.pairs) body.push(...section(document, pair.report, `Coders ${pair.coders.join(' and ')}`));
  if (document.consensusPairs.length > 0) {
    body.push(heading('After the disagreement review', HeadingLevel.HEADING_1), plain(consensusIntro(document)));
    for (const pair of document.consensusPairs) body.push(...section(document, pair.report, `${pair.coders[0]} against the consensus (${pair.coders[1]})`));
  }
  body.push(
    heading('How to read the figures', HeadingLevel.HEADING_1),
    plain(REPORTING_ADVICE),
    plain(`Alpha bands (Krippendorff 2004): ${ALPHA_BAND_MEANING.reliable}; ${ALPHA_BAND_MEANING.tentative}; ${ALPHA_BAND_MEANING.unreliable}.`),
    plain('Kappa bands (Landis & Koch 1977): < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1 almost perfect.'),
  );
  const file = new Document({
    creator: 'Transcript Coder',
    lastModifiedBy: 'Transcript Coder',
    title: xmlSafe(document.title),
    sections: [{ children: body }],
  });
  return Packer.pack(file, 'uint8array');
}

function section(document: AgreementDocument, report: AgreementReport, title: string | undefined): FileChild[] {
  const out: FileChild[] = title === undefined ? [] : [heading(title, HeadingLevel.HEADING_1)];
  const sub = title === undefined ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
  const rows = unitizedRows(report.unitized);
  out.push(
    heading('Unitized alpha per dimension', sub),
    plain(describeUnitized(report.unitized)),
    table(
      UNITIZED_HEADER,
      rows.map((row) => [row.label, row.units, coefficientText(row.binary), coefficientText(row.cu), coverageText(row.coverage), coefficientText(row.u), coefficientText(row.u2004)]),
      [2400, 900, 1300, 1300, 900, 1200, 1200],
    ),
    ...[...undefinedFigures(rows), ...report.unitized.notes].map(bullet),
  );
  const twoCoders = report.coders.length === 2;
  const header = ['Dimension', 'Line units', 'Agreement', ...(twoCoders ? ["Cohen's kappa"] : []), "Krippendorff's alpha"];
  out.push(
    heading('Line units per dimension', sub),
    table(
      header,
      [...report.dimensions.map((dimension) => lineCells(dimension.dimension, dimension, twoCoders)), lineCells('pooled', report.pooled, twoCoders)],
      twoCoders ? [3000, 1200, 1300, 1900, 1900] : [3800, 1300, 1500, 2300],
    ),
    ...report.notes.map(bullet),
  );
  for (const dimension of report.dimensions) {
    if (dimension.disagreements.length === 0) continue;
    out.push(heading(`Disagreements in ${dimension.dimension} (${dimension.disagreements.length})`, sub === HeadingLevel.HEADING_1 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3));
    for (const disagreement of dimension.disagreements) {
      const byCoder = report.coders.map((coder) => {
        const paths = disagreement.codes[coder] ?? [];
        return `${coder}: ${paths.length === 0 ? NOT_CODED : paths.join(', ')}`;
      });
      const text = document.lineText(disagreement.file, disagreement.line);
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [
            new TextRun({ text: xmlSafe(`${disagreement.file}:${disagreement.line} — ${byCoder.join('; ')}`) }),
            ...(text === '' ? [] : [new TextRun({ text: xmlSafe(text), italics: true, break: 1 })]),
          ],
        }),
      );
    }
  }
  return out;
}

function lineCells(label: string, figures: AgreementFigures, twoCoders: boolean): string[] {
  const fixed = (value: number) => (Math.abs(value) < 0.0005 ? 0 : value).toFixed(3);
  const missing = figures.units === 0 ? 'n/a (no units)' : 'n/a (no variation)';
  return [
    label,
    String(figures.units),
    figures.percentAgreement === null ? 'n/a' : fixed(figures.percentAgreement),
    ...(twoCoders ? [figures.cohenKappa === null ? missing : `${fixed(figures.cohenKappa)} ${kappaBand(figures.cohenKappa)}`] : []),
    figures.krippendorffAlpha === null ? missing : `${fixed(figures.krippendorffAlpha)} ${alphaBand(figures.krippendorffAlpha)}`,
  ];
}

/** The findings report's Word table, with the first column text and the rest figures (right-aligned). */
function table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, widths: ReadonlyArray<number>): Table {
  return wordTable(header, rows, { numeric: widths.map((_, index) => index > 0), widths });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children: [new TextRun(xmlSafe(text))] });
}
