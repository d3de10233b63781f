/**
 * What an import found in the project and what became of it, kind by kind, so the
 * final summary can say "205 of 205 codings imported" or name what was left out.
 * Counted from the original XML elements, not from what the import made of them.
 */
export type CountedKind = 'sources' | 'codes' | 'codings' | 'memos' | 'cases' | 'sets';

interface KindTally {
  found: number;
  arrived: number;
  leftOut: number;
}

export interface ImportSummary {
  tallies: Record<CountedKind, KindTally>;
  /** Other kinds left out ("link", "graph", "PDFSource"…), with their counts. */
  otherLeftOut: Record<string, number>;
}

export const COUNTED_KINDS: readonly CountedKind[] = ['sources', 'codes', 'codings', 'memos', 'cases', 'sets'];

export function emptySummary(): ImportSummary {
  const tally = (): KindTally => ({ found: 0, arrived: 0, leftOut: 0 });
  return { tallies: { sources: tally(), codes: tally(), codings: tally(), memos: tally(), cases: tally(), sets: tally() }, otherLeftOut: {} };
}

export function countOther(summary: ImportSummary, kind: string, count = 1): void {
  summary.otherLeftOut[kind] = (summary.otherLeftOut[kind] ?? 0) + count;
}

/** "found 2 sources (2 imported), 205 codings (203 imported, 2 left out) …; also left out: 1 link, 1 graph". */
export function describeSummary(summary: ImportSummary): string {
  const parts = COUNTED_KINDS.filter((kind) => summary.tallies[kind].found > 0).map((kind) => {
    const { found, arrived, leftOut } = summary.tallies[kind];
    return `${found} ${kind} (${arrived} imported${leftOut > 0 ? `, ${leftOut} left out` : ''})`;
  });
  const others = Object.entries(summary.otherLeftOut)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, count]) => `${count} ${kind}`);
  return `found ${parts.length === 0 ? 'nothing to import' : parts.join(', ')}${others.length === 0 ? '' : `; also left out: ${others.join(', ')}`}`;
}
