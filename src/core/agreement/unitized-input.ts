/**
 * From coded transcripts to the continua that unitized alpha works on.
 *
 * The continuum of a transcript is its non-blank lines in order, each one unit long
 * (`line`) or as long as its text (`character`); the counted transcripts are placed end
 * to end, one block each. A code covering lines a..b is the stretch from the first
 * non-blank line ≥ a to the last ≤ b; a code on blank lines only has no stretch.
 *
 * The published methods need each coder's units of one variable not to overlap. Codes
 * do overlap, so:
 * - codes of one coder with the same value that overlap are one unit (their union);
 * - where codes of one coder with different values overlap, that stretch is one section
 *   whose value is the combination (values sorted, joined with `+`), as the line units do
 *   for polarities. Both are counted and reported.
 */
import type { Stretch } from './unitized-2004';
import type { ValuedSection } from './unitized-2016';

export type UnitOfLength = 'line' | 'character';

interface TranscriptForContinuum {
  lineCount: number;
  blankLines: ReadonlySet<number>;
  /** Line texts (index = line − 1); needed for `character`. */
  lines?: ReadonlyArray<string>;
}

/** Where a transcript's lines sit on the joint continuum. */
export interface PlacedTranscript {
  block: Stretch;
  /** start[line] = position where line `line` begins; start[lineCount + 1] = end of the block. */
  start: number[];
}

export function placeTranscripts(transcripts: ReadonlyArray<TranscriptForContinuum>, unit: UnitOfLength): PlacedTranscript[] {
  let offset = 0;
  return transcripts.map((transcript) => {
    const start = new Array<number>(transcript.lineCount + 2).fill(offset);
    let position = offset;
    for (let line = 1; line <= transcript.lineCount; line++) {
      start[line] = position;
      if (transcript.blankLines.has(line)) continue;
      position += unit === 'line' ? 1 : Math.max(1, (transcript.lines?.[line - 1] ?? ' ').length);
    }
    start[transcript.lineCount + 1] = position;
    const block = { begin: offset, length: position - offset };
    offset = position;
    return { block, start };
  });
}

/** The stretch of lines first..last (1-based, inclusive, clamped), or undefined when it holds no text. */
export function stretchOf(placed: PlacedTranscript, first: number, last: number): Stretch | undefined {
  const lineCount = placed.start.length - 2;
  const from = Math.max(1, first);
  const to = Math.min(lineCount, last);
  if (to < from) return undefined;
  const begin = placed.start[from] ?? 0;
  const end = placed.start[to + 1] ?? begin;
  return end > begin ? { begin, length: end - begin } : undefined;
}

export interface ValuedStretch extends Stretch {
  value: string;
}

/** Same-value stretches that overlap, joined; sorted by begin. Touching stretches stay apart: they are separate units. */
export function joinOverlapping(stretches: ReadonlyArray<ValuedStretch>): { joined: ValuedStretch[]; joins: number } {
  const byValue = new Map<string, ValuedStretch[]>();
  for (const stretch of stretches) {
    const list = byValue.get(stretch.value) ?? [];
    list.push(stretch);
    byValue.set(stretch.value, list);
  }
  const joined: ValuedStretch[] = [];
  let joins = 0;
  for (const list of byValue.values()) {
    list.sort((a, b) => a.begin - b.begin || a.length - b.length);
    let current: ValuedStretch | undefined;
    for (const stretch of list) {
      if (current !== undefined && stretch.begin < current.begin + current.length) {
        current.length = Math.max(current.begin + current.length, stretch.begin + stretch.length) - current.begin;
        joins++;
      } else {
        current = { ...stretch };
        joined.push(current);
      }
    }
  }
  joined.sort((a, b) => a.begin - b.begin || a.length - b.length);
  return { joined, joins };
}

/**
 * One coder's partition of the whole continuum for one variable: their (joined) units,
 * combined values where different values overlap, and gaps split at every block edge.
 */
export function partitionOf(
  stretches: ReadonlyArray<ValuedStretch>,
  blocks: ReadonlyArray<Stretch>,
): { sections: ValuedSection[]; combined: number } {
  const { joined } = joinOverlapping(stretches);
  const points = new Set<number>();
  for (const block of blocks) {
    points.add(block.begin);
    points.add(block.begin + block.length);
  }
  for (const stretch of joined) {
    points.add(stretch.begin);
    points.add(stretch.begin + stretch.length);
  }
  const blockEdges = new Set(blocks.map((block) => block.begin));
  const sorted = [...points].sort((a, b) => a - b);
  const sections: ValuedSection[] = [];
  let combined = 0;
  let active: ValuedStretch[] = [];
  let next = 0;
  let previousKey: string | undefined;
  for (let index = 0; index + 1 < sorted.length; index++) {
    const from = sorted[index] ?? 0;
    const to = sorted[index + 1] ?? from;
    active = active.filter((stretch) => stretch.begin + stretch.length > from);
    while (next < joined.length && (joined[next]?.begin ?? Infinity) <= from) {
      const stretch = joined[next++];
      if (stretch !== undefined) active.push(stretch);
    }
    // The identity of the active units decides the section: a new unit starts a new one.
    const key = active.map((stretch) => `${stretch.begin}:${stretch.value}`).sort().join('|');
    const last = sections[sections.length - 1];
    if (last !== undefined && key === previousKey && !blockEdges.has(from)) {
      last.length += to - from;
    } else {
      const values = [...new Set(active.map((stretch) => stretch.value))].sort();
      if (values.length > 1) combined++;
      sections.push({ begin: from, length: to - from, value: values.length === 0 ? null : values.join('+') });
    }
    previousKey = key;
  }
  return { sections, combined };
}
