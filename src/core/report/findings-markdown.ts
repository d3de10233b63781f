/**
 * The findings report as Markdown. Every text that comes from the study — agency and
 * factor names, quotes, memos, codebook labels, file names — goes through
 * escapeMarkdown, so a factor named `[x](command:…)` or `<script>` prints as itself in
 * any Markdown viewer, including VS Code's preview.
 */
import { escapeMarkdown } from '../text';
import type { Memo } from '../study';
import type { FactorFinding, FindingsReport } from './findings';
import { cooccurrenceTables, factorName, informantText, quoteSource, triangulation } from './findings-text';
import { reportWords, type ReportWords } from './report-labels';

export function renderFindingsMarkdown(report: FindingsReport): string {
  const words = reportWords(report.language);
  const out: string[] = [];
  const block = (...lines: string[]): void => {
    out.push(...lines, '');
  };
  block(`# ${escapeMarkdown(report.title)}`);
  block(methodParagraph(report, words));
  for (const agency of report.agencies) {
    block(`## ${escapeMarkdown(agency.agency)}`);
    for (const dimension of agency.dimensions) {
      block(`### ${escapeMarkdown(dimension.heading)}`);
      if (dimension.polarities.length === 0) block(words.noCodedSegments);
      for (const polarity of dimension.polarities) {
        block(`#### ${escapeMarkdown(polarity.heading)}`);
        block(...polarity.factors.flatMap((factor) => factorLines(factor, words)));
      }
      if (dimension.memos.length > 0) {
        block(`#### ${escapeMarkdown(words.memoHeading)}`);
        for (const memo of dimension.memos) block(...memoLines(memo));
      }
    }
  }
  block(`## ${escapeMarkdown(words.rankingHeading)}`);
  if (report.ranking.length === 0) {
    block(words.noInhibiting);
  } else {
    block(escapeMarkdown(words.rankingIntro));
    block(...rankingTable(report, words));
  }
  block(...cooccurrenceSection(report, words));
  block(`## ${escapeMarkdown(words.leftOutHeading)}`);
  if (report.leftOut.length === 0) block(escapeMarkdown(words.nothingLeftOut));
  else block(...report.leftOut.map((item) => `- ${escapeMarkdown(`${item.file}:${item.line}`)} — ${escapeMarkdown(item.reason)}`));
  if (report.otherProblems > 0) block(escapeMarkdown(words.otherProblems(report.otherProblems)));
  return out.join('\n').replace(/\n+$/u, '\n');
}

function methodParagraph(report: FindingsReport, words: ReportWords): string {
  const m = report.method;
  // The words around the facts are ours; the facts (names, labels) are escaped one by one.
  return words.method({
    ...m,
    exportedOn: escapeMarkdown(m.exportedOn),
    // Known source ids stay ids, for method() to name in the report's language.
    sources: m.sources.map((s) => ({ source: words.sourceType[s.source] === undefined ? escapeMarkdown(s.source) : s.source, transcripts: s.transcripts })),
    coders: m.coders.map(escapeMarkdown),
    frameworks: m.frameworks.map(escapeMarkdown),
  });
}

function factorLines(factor: FactorFinding, words: ReportWords): string[] {
  const who = factor.informants.map((i) => escapeMarkdown(informantText(i))).join('; ');
  const evidence = triangulation(factor, words, escapeMarkdown);
  const head = [`**${escapeMarkdown(factorName(factor.factor, words))}**`, who].filter((part) => part !== '').join(' — ');
  const lines = [`- ${head} · ${evidence}`];
  factor.quotes.forEach((quote, index) => {
    if (index > 0) lines.push('  >');
    lines.push(`  > “${escapeMarkdown(quote.text)}” — ${escapeMarkdown(quoteSource(quote, words))}`);
  });
  return lines;
}

function memoLines(memo: Memo): string[] {
  // Paragraphs as the researcher wrote them; each line escaped, so a memo cannot add headings or links.
  const lines = memo.text.replace(/\r\n?/gu, '\n').trimEnd().split('\n').map((line) => escapeMarkdown(line.trim()));
  const signature = [memo.author, memo.updated].filter((part): part is string => part !== undefined && part !== '');
  if (signature.length > 0) lines.push('', `*— ${escapeMarkdown(signature.join(', '))}*`);
  return lines;
}

function cooccurrenceSection(report: FindingsReport, words: ReportWords): string[] {
  const lines = [`## ${escapeMarkdown(words.cooccurrenceHeading)}`, '', escapeMarkdown(words.cooccurrenceIntro)];
  for (const table of cooccurrenceTables(report, words)) {
    lines.push('', `### ${escapeMarkdown(table.heading)}`, '');
    if (table.rows.length === 0) {
      lines.push(escapeMarkdown(words.noCooccurrence));
      continue;
    }
    lines.push(`| ${words.cooccurrenceColumns.map(escapeMarkdown).join(' | ')} |`, '| --- | --- | ---: | ---: |');
    for (const row of table.rows) lines.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
  }
  return lines;
}

function rankingTable(report: FindingsReport, words: ReportWords): string[] {
  const cell = (text: string): string => escapeMarkdown(text);
  const rows = report.ranking.map((factor) =>
    [
      String(factor.rank),
      cell(factorName(factor.factor, words)),
      cell(factor.dimensions.join(', ')),
      String(factor.agencies.length),
      String(factor.informants),
      String(factor.segments),
      cell(factor.sources.map((s) => words.sourceType[s] ?? s).join(', ')),
    ].join(' | '),
  );
  return [
    `| ${words.rankingColumns.map(cell).join(' | ')} |`,
    '| ---: | --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row} |`),
  ];
}
