/**
 * Co-occurrence: which dimensions (indicators, factors) are coded on the same lines —
 * "where budget problems come up, what else is said?" (issue 18).
 *
 * Definitions, for one pair of different units X and Y (units.ts says what a unit is at
 * each level):
 *
 * - **a line coded with both**: a line of one transcript that lies in [a, b] of some code
 *   of X and in [a, b] of some code of Y — every line of a multi-line code counts, and a
 *   line counts once for the pair however many codes of X or Y cover it. `lines` is the
 *   number of such (transcript, line) places.
 * - **overlapping segment pairs**: pairs of one code of X and one code of Y in the same
 *   transcript whose line ranges share at least one line (nested ranges overlap; [1, 2]
 *   and [3, 4] are adjacent and do not). Each such pair is listed, so a cell can show its
 *   segments.
 * - A unit never pairs with itself: two codes of one dimension on one line are not a
 *   co-occurrence at dimension level. At indicator level two different indicators of one
 *   dimension are two units, and do pair. At factor level only factors of the same
 *   dimension pair.
 * - Each unit's own `lines` (lines coded with it) and `segments` are given too: a pair's
 *   lines never exceed either unit's.
 *
 * Which codes count is the summary's (study/summary.ts), so the table and the findings
 * report agree: codes on their text in readable sidecars of transcripts with an agency.
 * What that leaves out (broken sidecars, codes not on their text, transcripts without an
 * agency) is for the caller to name: report/cooccurrence-report.ts does. Every transcript
 * belongs to one agency, so the study's counts are the sum of the agencies'.
 *
 * Counting is a sweep over each transcript's range boundaries, so a long code costs no
 * more than a short one.
 */
import type { Codebook } from '../codebook';
import { compareSegments, type Segment, type StudySummary } from '../study';
import { compareText, type CooccurrenceLevel, type CooccurrenceUnit, UnitCatalogue } from './units';

/** Two codes of different units whose line ranges overlap; `first` is of the pair's unit `a`. */
interface OverlappingSegments {
  first: Segment;
  second: Segment;
}

interface UnitCount {
  /** Index into `Cooccurrence.units`. */
  unit: number;
  /** Lines coded with the unit. */
  lines: number;
  /** Codes of the unit. */
  segments: number;
}

export interface CooccurrencePair {
  /** Indexes into `Cooccurrence.units`, `a < b`. */
  a: number;
  b: number;
  /** Lines coded with both. */
  lines: number;
  /** Every overlapping pair of codes, in transcript and line order. */
  overlaps: OverlappingSegments[];
}

export interface CooccurrenceTable {
  /** null for the whole study. */
  agency: string | null;
  /** The units coded in this scope, in `units` order. */
  units: UnitCount[];
  /** Pairs with at least one line in common, ordered by `a`, then `b`. */
  pairs: CooccurrencePair[];
}

export interface Cooccurrence {
  level: CooccurrenceLevel;
  units: CooccurrenceUnit[];
  study: CooccurrenceTable;
  /** One table per agency, in the summary's order. */
  agencies: CooccurrenceTable[];
}

export interface CooccurrenceOptions {
  level: CooccurrenceLevel;
  /** Label language, e.g. `en` or `id`. */
  language: string;
}

export function computeCooccurrence(summary: StudySummary, codebook: Codebook | undefined, options: CooccurrenceOptions): Cooccurrence {
  const catalogue = new UnitCatalogue(options.level, codebook, options.language);
  // Segments by transcript (transcripts in path order, segments in line order), each agency's own.
  const agencies = summary.agencies.map((agency) => {
    const byTranscript = new Map<string, { segment: Segment; key: string }[]>();
    for (const dimension of agency.dimensions) {
      for (const factor of dimension.factors) {
        for (const segment of factor.segments) {
          let list = byTranscript.get(segment.sidecarPath);
          if (list === undefined) byTranscript.set(segment.sidecarPath, (list = []));
          list.push({ segment, key: catalogue.keyOf(segment) });
        }
      }
    }
    const transcripts = [...byTranscript.entries()].sort(([a], [b]) => compareText(a, b)).map(([, list]) => list.sort((x, y) => compareSegments(x.segment, y.segment)));
    return { agency: agency.agency, transcripts };
  });

  const units = catalogue.units(agencies.flatMap((a) => a.transcripts.flatMap((t) => t.map((s) => s.key))));
  const indexOf = new Map(units.map((unit, index) => [unit.key, index]));
  const pairable = (a: number, b: number): boolean => options.level !== 'factor' || units[a]?.dimension === units[b]?.dimension;

  const tables = agencies.map(({ agency, transcripts }) => {
    const tally = new Tally(units.length);
    for (const transcript of transcripts) {
      const coded = transcript.map(({ segment, key }) => ({ segment, unit: indexOf.get(key) as number }));
      countLines(coded, tally, pairable);
      countOverlaps(coded, tally, pairable);
    }
    return { agency, tally };
  });
  const study = new Tally(units.length);
  for (const { tally } of tables) study.add(tally);
  return {
    level: options.level,
    units,
    study: study.table(null),
    agencies: tables.map(({ agency, tally }) => tally.table(agency)),
  };
}

/** The pair of units `x` and `y` in either order, or undefined when they share no line. */
export function pairOf(table: CooccurrenceTable, x: number, y: number): CooccurrencePair | undefined {
  const [a, b] = x < y ? [x, y] : [y, x];
  return table.pairs.find((pair) => pair.a === a && pair.b === b);
}

interface CodedSegment {
  segment: Segment;
  unit: number;
}

type Pairable = (a: number, b: number) => boolean;

/**
 * Lines per unit and per pair: the boundaries of every range split the transcript into
 * stretches covered by the same units; each stretch adds its length once to each of
 * them and to each pair of them.
 */
function countLines(coded: readonly CodedSegment[], tally: Tally, pairable: Pairable): void {
  const events: { at: number; unit: number; step: 1 | -1 }[] = [];
  for (const { segment, unit } of coded) {
    const [first, last] = segment.lines;
    events.push({ at: first, unit, step: 1 }, { at: Math.max(first, last) + 1, unit, step: -1 });
    tally.unitSegments[unit] = (tally.unitSegments[unit] ?? 0) + 1;
  }
  events.sort((x, y) => x.at - y.at);
  const covering = new Map<number, number>();
  let active: number[] = [];
  let index = 0;
  while (index < events.length) {
    const at = (events[index] as (typeof events)[number]).at;
    let changed = false;
    for (; index < events.length && (events[index] as (typeof events)[number]).at === at; index++) {
      const { unit, step } = events[index] as (typeof events)[number];
      const count = (covering.get(unit) ?? 0) + step;
      if (count === 0) covering.delete(unit);
      else covering.set(unit, count);
      changed = true;
    }
    if (changed) active = [...covering.keys()].sort((x, y) => x - y);
    const next = events[index]?.at;
    if (next === undefined || active.length === 0) continue;
    const length = next - at;
    for (let i = 0; i < active.length; i++) {
      const a = active[i] as number;
      tally.unitLines[a] = (tally.unitLines[a] ?? 0) + length;
      for (let j = i + 1; j < active.length; j++) {
        const b = active[j] as number;
        if (pairable(a, b)) tally.pair(a, b).lines += length;
      }
    }
  }
}

/** Every pair of codes of different units whose ranges share a line: codes in start order, each met against those still open. */
function countOverlaps(coded: readonly CodedSegment[], tally: Tally, pairable: Pairable): void {
  const byStart = [...coded].sort((x, y) => x.segment.lines[0] - y.segment.lines[0]);
  let open: CodedSegment[] = [];
  for (const current of byStart) {
    const start = current.segment.lines[0];
    open = open.filter((earlier) => Math.max(earlier.segment.lines[0], earlier.segment.lines[1]) >= start);
    for (const earlier of open) {
      if (earlier.unit === current.unit || !pairable(earlier.unit, current.unit)) continue;
      const [first, second] = earlier.unit < current.unit ? [earlier, current] : [current, earlier];
      tally.pair(first.unit, second.unit).overlaps.push({ first: first.segment, second: second.segment });
    }
    open.push(current);
  }
}

/** Counts of one scope while they are being made: pairs keyed by `a * units + b`. */
class Tally {
  readonly unitLines: number[];
  readonly unitSegments: number[];
  private readonly pairs = new Map<number, CooccurrencePair>();

  constructor(private readonly unitCount: number) {
    this.unitLines = new Array<number>(unitCount).fill(0);
    this.unitSegments = new Array<number>(unitCount).fill(0);
  }

  pair(a: number, b: number): CooccurrencePair {
    const key = a * this.unitCount + b;
    let pair = this.pairs.get(key);
    if (pair === undefined) this.pairs.set(key, (pair = { a, b, lines: 0, overlaps: [] }));
    return pair;
  }

  add(other: Tally): void {
    for (let unit = 0; unit < this.unitCount; unit++) {
      this.unitLines[unit] = (this.unitLines[unit] ?? 0) + (other.unitLines[unit] ?? 0);
      this.unitSegments[unit] = (this.unitSegments[unit] ?? 0) + (other.unitSegments[unit] ?? 0);
    }
    for (const pair of other.pairs.values()) {
      const mine = this.pair(pair.a, pair.b);
      mine.lines += pair.lines;
      for (const overlap of pair.overlaps) mine.overlaps.push(overlap);
    }
  }

  table(agency: string | null): CooccurrenceTable {
    const units: UnitCount[] = [];
    for (let unit = 0; unit < this.unitCount; unit++) {
      const segments = this.unitSegments[unit] ?? 0;
      if (segments > 0) units.push({ unit, lines: this.unitLines[unit] ?? 0, segments });
    }
    const pairs = [...this.pairs.values()].filter((pair) => pair.lines > 0).sort((x, y) => x.a - y.a || x.b - y.b);
    for (const pair of pairs) pair.overlaps.sort(compareOverlaps);
    return { agency, units, pairs };
  }
}

function compareOverlaps(x: OverlappingSegments, y: OverlappingSegments): number {
  return compareSegments(x.first, y.first) || compareSegments(x.second, y.second);
}
