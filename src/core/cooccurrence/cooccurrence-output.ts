/**
 * Co-occurrence as the terminal shows it and as `cooccurrence --json` gives it.
 * Pure string and value building, so tests read them and the extension can reuse them.
 */
import type { Segment } from '../study';
import type { Cooccurrence, CooccurrencePair, CooccurrenceTable } from './cooccurrence';

/** Something the counts could not include, and why (report/left-out.ts makes them). */
interface LeftOutNote {
  file: string;
  line: number;
  reason: string;
}

const LEVEL_NOUNS = { dimension: ['dimension', 'dimensions'], indicator: ['code', 'codes'], factor: ['factor', 'factors'] } as const;

/** Pairs with the most shared lines first, then the most overlapping segment pairs, then table order. */
export function pairsByWeight(table: CooccurrenceTable): CooccurrencePair[] {
  return [...table.pairs].sort((x, y) => y.lines - x.lines || y.overlaps.length - x.overlaps.length || x.a - y.a || x.b - y.b);
}

/** One block per table: the pairs that share lines, counts first so they line up, then the two labels. */
export function formatCooccurrenceTable(cooccurrence: Cooccurrence, tables: readonly CooccurrenceTable[]): string {
  const [one, many] = LEVEL_NOUNS[cooccurrence.level];
  const out: string[] = [];
  for (const table of tables) {
    if (out.length > 0) out.push('');
    const pairs = pairsByWeight(table);
    out.push(`${table.agency ?? 'Whole study'}: ${plural(table.units.length, one, many)} in use, ${plural(pairs.length, 'pair')} sharing lines`);
    if (pairs.length === 0) continue;
    const linesWidth = Math.max(5, ...pairs.map((p) => String(p.lines).length));
    const overlapsWidth = Math.max(13, ...pairs.map((p) => String(p.overlaps.length).length));
    out.push(`  ${'lines'.padStart(linesWidth)}  ${'segment pairs'.padStart(overlapsWidth)}  ${many}`);
    for (const pair of pairs) {
      const a = cooccurrence.units[pair.a]?.label ?? '';
      const b = cooccurrence.units[pair.b]?.label ?? '';
      out.push(`  ${String(pair.lines).padStart(linesWidth)}  ${String(pair.overlaps.length).padStart(overlapsWidth)}  ${a} × ${b}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * The JSON contract of `cooccurrence --json` (version 1), documented in docs/reports.md:
 * units by key; each table's units and pairs by key, every overlapping pair of codes with
 * its transcript, lines, code, polarity, factor and quote.
 */
export function cooccurrenceToJson(cooccurrence: Cooccurrence, tables: readonly CooccurrenceTable[], leftOut: readonly LeftOutNote[]): unknown {
  const keyOf = (index: number): string => cooccurrence.units[index]?.key ?? '';
  const segmentJson = (s: Segment) => ({ id: s.id, lines: s.lines, code: s.code, polarity: s.polarity, factor: s.factor, quote: s.quote, coder: s.coder });
  const tableJson = (table: CooccurrenceTable) => ({
    agency: table.agency,
    units: table.units.map((u) => ({ unit: keyOf(u.unit), lines: u.lines, segments: u.segments })),
    pairs: table.pairs.map((pair) => ({
      a: keyOf(pair.a),
      b: keyOf(pair.b),
      lines: pair.lines,
      segmentPairs: pair.overlaps.length,
      overlaps: pair.overlaps.map((o) => ({ file: o.first.file, a: segmentJson(o.first), b: segmentJson(o.second) })),
    })),
  });
  return {
    version: 1,
    level: cooccurrence.level,
    units: cooccurrence.units.map((u) => ({
      key: u.key,
      label: u.label,
      dimension: u.dimension,
      inCodebook: u.inCodebook,
      ...(u.polarity === undefined ? {} : { polarity: u.polarity, factor: u.factor }),
    })),
    tables: tables.map(tableJson),
    leftOut: leftOut.map((item) => ({ file: item.file, line: item.line, reason: item.reason })),
  };
}

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
