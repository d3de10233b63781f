/**
 * Phrases of the findings report that the Markdown and the .docx renderers share. They
 * return raw text; Markdown escapes it (or passes `escape` for the parts that are the
 * study's own text), .docx puts it in text runs.
 */
import type { FactorFinding, InformantMention, QuoteFinding } from './findings';
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
