/**
 * Phrases of the findings report that the Markdown and the .docx renderers share. They
 * return raw text; Markdown escapes it (or passes `escape` for the parts that are the
 * study's own text), .docx puts it in text runs.
 */
import { pairsByWeight } from '../cooccurrence';
import type { FactorFinding, FindingsReport, InformantMention, QuoteFinding } from './findings';
import type { ReportWords } from './report-labels';

/** "interview, observation — 3 informants, 4 segments": which kinds of source and how many people back a factor. */
export function triangulation(factor: FactorFinding, words: ReportWords, escape: (text: string) => string = (t) => t): string {
  const sources = factor.sources.map((s) => escape(words.sourceType[s] ?? s)).join(', ');
  const counts = [factor.informants.length > 0 ? words.informants(factor.informants.length) : '', words.segments(factor.segments)]
    .filter((part) => part !== '')
    .join(', ');
  return sources === '' ? counts : `${sources} — ${counts}`;
}

/** "Kepala Badan, transcripts/bkpsdm/kepala-badan.txt:14", or the kind of source where no informant speaks. */
export function quoteSource(quote: QuoteFinding, words: ReportWords): string {
  const [first, last] = quote.lines;
  const lines = first === last ? `${first}` : `${first}-${last}`;
  const who = quote.informant ?? (quote.source === null ? undefined : (words.sourceType[quote.source] ?? quote.source));
  return who === undefined ? `${quote.file}:${lines}` : `${who}, ${quote.file}:${lines}`;
}

export function factorName(factor: string, words: ReportWords): string {
  return factor === '' ? words.unnamedFactor : factor;
}

/** "Kepala Badan (Informan kunci)" */
export function informantText(mention: InformantMention): string {
  return mention.role === null || mention.role.trim() === '' ? mention.informant : `${mention.informant} (${mention.role})`;
}

/**
 * The co-occurrence section's tables: one per agency, then the whole study; each row the
 * two dimensions' labels, the lines coded with both and the overlapping segment pairs,
 * the most shared first. `rows` is empty where no two dimensions share a line.
 */
export function cooccurrenceTables(report: FindingsReport, words: ReportWords): { heading: string; rows: string[][] }[] {
  const { cooccurrence } = report;
  const label = (unit: number): string => cooccurrence.units[unit]?.label ?? '';
  return [...cooccurrence.agencies, cooccurrence.study].map((table) => ({
    heading: table.agency ?? words.wholeStudy,
    rows: pairsByWeight(table).map((pair) => [label(pair.a), label(pair.b), String(pair.lines), String(pair.overlaps.length)]),
  }));
}
