/**
 * The findings report as a Word document, for supervisors who live in Word: real
 * headings (so Word's navigation pane and table of contents work), bullet lists, quotes
 * in a "Quote" paragraph style, and the ranking as a real table.
 *
 * Built with the `docx` package, which is plain JavaScript with its zip code bundled in:
 * no Node built-ins, so it stays in the pure core. Its packer is asynchronous, hence the
 * Promise. Study text goes into text runs, which the library escapes for XML; characters
 * XML 1.0 cannot hold at all (control characters pasted from other tools) are dropped
 * first, or Word would refuse the whole file.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Memo } from '../study';
import type { FactorFinding, FindingsReport } from './findings';
import { cooccurrenceTables, factorName, informantText, quoteSource, triangulation } from './findings-text';
import { reportWords, type ReportWords } from './report-labels';

export const QUOTE_STYLE_ID = 'Quote';
const DOCX_CREATOR = 'Transcript Coder';

export async function renderFindingsDocx(report: FindingsReport): Promise<Uint8Array> {
  const document = new Document({
    creator: DOCX_CREATOR,
    lastModifiedBy: DOCX_CREATOR,
    title: xmlSafe(report.title),
    description: xmlSafe(report.title),
    styles: {
      paragraphStyles: [
        {
          id: QUOTE_STYLE_ID,
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, color: '404040' },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 40, after: 120 } },
        },
      ],
    },
    sections: [{ children: findingsBody(report) }],
  });
  return Packer.pack(document, 'uint8array');
}

/** The document's content, in reading order; exported so tests can read the structure without unzipping. */
function findingsBody(report: FindingsReport): FileChild[] {
  const words = reportWords(report.language);
  const body: FileChild[] = [heading(report.title, HeadingLevel.TITLE), plain(words.method(report.method))];
  for (const agency of report.agencies) {
    body.push(heading(agency.agency, HeadingLevel.HEADING_1));
    for (const dimension of agency.dimensions) {
      body.push(heading(dimension.heading, HeadingLevel.HEADING_2));
      if (dimension.polarities.length === 0) body.push(plain(words.noCodedSegments));
      for (const polarity of dimension.polarities) {
        body.push(heading(polarity.heading, HeadingLevel.HEADING_3));
        for (const factor of polarity.factors) body.push(...factorParagraphs(factor, words));
      }
      if (dimension.memos.length > 0) {
        body.push(heading(words.memoHeading, HeadingLevel.HEADING_3));
        for (const memo of dimension.memos) body.push(...memoParagraphs(memo));
      }
    }
  }
  body.push(heading(words.rankingHeading, HeadingLevel.HEADING_1));
  if (report.ranking.length === 0) {
    body.push(plain(words.noInhibiting));
  } else {
    body.push(plain(words.rankingIntro), rankingTable(report, words));
  }
  body.push(heading(words.cooccurrenceHeading, HeadingLevel.HEADING_1), plain(words.cooccurrenceIntro));
  for (const table of cooccurrenceTables(report, words)) {
    body.push(heading(table.heading, HeadingLevel.HEADING_2));
    if (table.rows.length === 0) body.push(plain(words.noCooccurrence));
    else body.push(wordTable(words.cooccurrenceColumns, table.rows, { numeric: [false, false, true, true], widths: [3300, 3300, 1100, 1660] }));
  }
  body.push(heading(words.leftOutHeading, HeadingLevel.HEADING_1));
  if (report.leftOut.length === 0) body.push(plain(words.nothingLeftOut));
  for (const item of report.leftOut) body.push(bullet([new TextRun(xmlSafe(`${item.file}:${item.line} — ${item.reason}`))]));
  if (report.otherProblems > 0) body.push(plain(words.otherProblems(report.otherProblems)));
  return body;
}

function factorParagraphs(factor: FactorFinding, words: ReportWords): Paragraph[] {
  const who = factor.informants.map(informantText).join('; ');
  const runs = [new TextRun({ text: xmlSafe(factorName(factor.factor, words)), bold: true })];
  if (who !== '') runs.push(new TextRun(xmlSafe(` — ${who}`)));
  runs.push(new TextRun(xmlSafe(` · ${triangulation(factor, words)}`)));
  return [
    bullet(runs),
    ...factor.quotes.map(
      (quote) =>
        new Paragraph({
          style: QUOTE_STYLE_ID,
          children: [new TextRun(xmlSafe(`“${quote.text}”`)), new TextRun({ text: xmlSafe(` — ${quoteSource(quote, words)}`), italics: false })],
        }),
    ),
  ];
}

function memoParagraphs(memo: Memo): Paragraph[] {
  const paragraphs = memo.text
    .replace(/\r\n?/gu, '\n')
    .trim()
    .split(/\n\s*\n/u)
    .map((paragraph) => plain(paragraph.split('\n').map((line) => line.trim()).join(' ')));
  const signature = [memo.author, memo.updated].filter((part): part is string => part !== undefined && part !== '');
  if (signature.length > 0) paragraphs.push(new Paragraph({ children: [new TextRun({ text: xmlSafe(`— ${signature.join(', ')}`), italics: true })] }));
  return paragraphs;
}

function rankingTable(report: FindingsReport, words: ReportWords): Table {
  const rows = report.ranking.map((factor) => [
    String(factor.rank),
    factorName(factor.factor, words),
    factor.dimensions.join(', '),
    String(factor.agencies.length),
    String(factor.informants),
    String(factor.segments),
    factor.sources.map((s) => words.sourceType[s] ?? s).join(', '),
  ]);
  // Twentieths of a point, summing to the text width of an A4 or Letter page with 2.5 cm margins.
  return wordTable(words.rankingColumns, rows, { numeric: [true, false, false, true, true, true, false], widths: [480, 2450, 1450, 1200, 1300, 1200, 1280] });
}

/** A real Word table with a repeating header row; `widths` in twentieths of a point, numbers right-aligned. */
export function wordTable(header: readonly string[], rows: readonly (readonly string[])[], layout: { numeric: readonly boolean[]; widths: readonly number[] }): Table {
  const { numeric, widths } = layout;
  const row = (cells: readonly string[], isHeader: boolean): TableRow =>
    new TableRow({
      tableHeader: isHeader,
      children: cells.map(
        (text, index) =>
          new TableCell({
            width: { size: widths[index] ?? 1000, type: WidthType.DXA },
            children: [
              new Paragraph({
                alignment: numeric[index] === true ? AlignmentType.RIGHT : AlignmentType.LEFT,
                // 9 pt: seven columns fit a portrait page without breaking words.
                children: [new TextRun({ text: xmlSafe(text), bold: isHeader, size: 18 })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
  });
}

export function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(xmlSafe(text))] });
}

export function plain(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(xmlSafe(text))] });
}

function bullet(children: TextRun[]): Paragraph {
  return new Paragraph({ bullet: { level: 0 }, children });
}

/**
 * Text without the characters XML 1.0 forbids (C0 controls other than tab and line
 * breaks, U+FFFE/U+FFFF, unpaired surrogates); line breaks become spaces, as a run holds
 * one line.
 */
export function xmlSafe(text: string): string {
  return (
    text
      // Matching control characters is the point here.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
      // With the u flag a surrogate class matches only surrogates that are not part of a pair.
      .replace(/[\uD800-\uDFFF]/gu, '')
      .replace(/\r\n?|\n/gu, ' ')
  );
}
