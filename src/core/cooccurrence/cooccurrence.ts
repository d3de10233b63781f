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
import type { Segment, StudySummary } from '../study';
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
  /** Every overlapping pair of codes: agency by agency (the study), transcript by transcript, in the order of the later-starting code. */
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
  // The summary groups segments by dimension, polarity and factor: a unit key per group,
  // except at indicator level, where each segment's code path is its unit.
  const keys = new Set<string>();
  const groupKeys = summary.agencies.map((agency) =>
    agency.dimensions.map((dimension) =>
      dimension.factors.map((factor) => {
        const key = catalogue.keyOfFactor(dimension.dimension, factor);
        if (key !== undefined) keys.add(key);
        else for (const segment of factor.segments) keys.add(catalogue.keyOfCode(segment));
        return key;
      }),
    ),
  );
  const units = catalogue.units(keys);
  const indexOf = new Map(units.map((unit, index) => [unit.key, index]));
  const pairable = (a: number, b: number): boolean => options.level !== 'factor' || units[a]?.dimension === units[b]?.dimension;

  // Each agency's segments by transcript: transcripts in path order, segments in line order.
  const agencies = summary.agencies.map((agency, agencyIndex) => {
    const byTranscript = new Map<string, CodedSegment[]>();
    agency.dimensions.forEach((dimension, dimensionIndex) => {
      dimension.factors.forEach((factor, factorIndex) => {
        const key = groupKeys[agencyIndex]?.[dimensionIndex]?.[factorIndex];
        const groupUnit = key === undefined ? undefined : (indexOf.get(key) as number);
        for (const segment of factor.segments) {
          let list = byTranscript.get(segment.sidecarPath);
          if (list === undefined) byTranscript.set(segment.sidecarPath, (list = []));
          list.push({ segment, unit: groupUnit ?? (indexOf.get(catalogue.keyOfCode(segment)) as number) });
        }
      });
    });
    const transcripts = [...byTranscript.entries()].sort(([a], [b]) => compareText(a, b)).map(([, list]) => list.sort((x, y) => compareInTranscript(x.segment, y.segment)));
    return { agency: agency.agency, transcripts };
  });

  const tables = agencies.map(({ agency, transcripts }) => {
    const tally = new Tally(units.length);
    for (const coded of transcripts) {
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

/** compareSegments within one transcript, without comparing its path again for each pair. */
function compareInTranscript(a: Segment, b: Segment): number {
  return a.lines[0] - b.lines[0] || a.lines[1] - b.lines[1] || compareText(a.id, b.id);
}

interface CodedSegment {
  segment: Segment;
  unit: number;
}

type Pairable = (a: number, b: number) => boolean;

/** Event keys: the line in the high bits, then the unit, then 1 for a start and 0 for an end. */
const UNIT_BITS = 2 ** 20;

/**
 * Lines per unit and per pair: the boundaries of every range split the transcript into
 * stretches covered by the same units; each stretch adds its length once to each of
 * them and to each pair of them. Events are numbers in a typed array, sorted without a
 * comparator: 200,000 codes make 400,000 of them.
 */
function countLines(coded: readonly CodedSegment[], tally: Tally, pairable: Pairable): void {
  const events = new Float64Array(coded.length * 2);
  coded.forEach(({ segment, unit }, index) => {
    const [first, last] = segment.lines;
    events[2 * index] = (first * UNIT_BITS + unit) * 2 + 1;
    events[2 * index + 1] = ((Math.max(first, last) + 1) * UNIT_BITS + unit) * 2;
    tally.unitSegments[unit] = (tally.unitSegments[unit] ?? 0) + 1;
  });
  events.sort();
  const covering = new Map<number, number>();
  let active: number[] = [];
  let membershipChanged = false;
  let index = 0;
  while (index < events.length) {
    const at = Math.floor((events[index] as number) / 2 / UNIT_BITS);
    for (; index < events.length; index++) {
      const event = events[index] as number;
      const line = Math.floor(event / 2 / UNIT_BITS);
      if (line !== at) break;
      const unit = Math.floor(event / 2) - line * UNIT_BITS;
      const before = covering.get(unit) ?? 0;
      const count = before + (event % 2 === 1 ? 1 : -1);
      if (count === 0) covering.delete(unit);
      else covering.set(unit, count);
      if (before === 0 || count === 0) membershipChanged = true;
    }
    if (membershipChanged) active = [...covering.keys()].sort((x, y) => x - y);
    membershipChanged = false;
    if (index >= events.length || active.length === 0) continue;
    const length = Math.floor((events[index] as number) / 2 / UNIT_BITS) - at;
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

/**
 * Every pair of codes of different units whose ranges share a line: codes in line order
 * (as given), each met against those still open. Pairs come out in the order of their later code.
 */
function countOverlaps(coded: readonly CodedSegment[], tally: Tally, pairable: Pairable): void {
  const open: CodedSegment[] = [];
  for (const current of coded) {
    const start = current.segment.lines[0];
    let kept = 0;
    for (const earlier of open) {
      if (Math.max(earlier.segment.lines[0], earlier.segment.lines[1]) < start) continue;
      open[kept++] = earlier;
      if (earlier.unit === current.unit || !pairable(earlier.unit, current.unit)) continue;
      const [first, second] = earlier.unit < current.unit ? [earlier, current] : [current, earlier];
      tally.pair(first.unit, second.unit).overlaps.push({ first: first.segment, second: second.segment });
    }
    open.length = kept;
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
    return { agency, units, pairs };
  }
}
