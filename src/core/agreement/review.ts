/**
 * The disagreement review (issue 16, item 2): the disagreements between two coders in one
 * transcript as items a person settles into a third coder's codes (the consensus).
 *
 * The units and the disagreements are the agreement's own (units.ts, on lines per
 * dimension); an item is a run of disagreeing lines of one dimension on which both coders'
 * covering codes stay the same (blank lines between do not break it), so a five-line code
 * one coder made and the other did not is one item, not five.
 *
 * Settled is read from the file, so it survives reloads: an item is settled when the
 * consensus coder's codes of its dimension cover each of its lines, or when the consensus
 * coder decided it stays uncoded, which a code cannot say: that is recorded in the
 * sidecar attribute `not-coded-by-<consensus>`, whose entries find their lines by their
 * quotes as codes do (review-record.ts), so they follow edits of the transcript.
 */
import { notCodedAttributeKey, parseNotCoded, placeNotCoded } from './review-record';
import { buildLineUnits, dimensionOf, type UnitValueKind } from './units';

export interface ReviewCode {
  id: string;
  /** First and last line, 1-based, inclusive. */
  lines: [number, number];
  code: string;
  polarity: string;
  factor: string;
  memo?: string;
  coder: string;
}

/** One transcript as the review reads it: its lines, its codes (every coder's) and its attributes. */
export interface ReviewTranscript {
  file: string;
  lineCount: number;
  /** Each line's body (the text after speaker label and timestamp), line 1 first: where not-coded records find their lines. */
  bodies: readonly string[];
  /** Lines that are no units: blank and front matter. */
  blankLines: ReadonlySet<number>;
  codes: ReadonlyArray<ReviewCode>;
  attributes: Readonly<Record<string, string>>;
}

export interface ReviewCoders {
  a: string;
  b: string;
  consensus: string;
}

export interface ReviewItem {
  /** `dimension@first-last`, at the item's live lines. */
  key: string;
  dimension: string;
  lines: [number, number];
  /** Coder A's codes of the dimension on the item's lines; [] when A did not code them. */
  a: ReviewCode[];
  b: ReviewCode[];
  /** The consensus coder's codes of the dimension touching the item's lines. */
  consensus: ReviewCode[];
  settled: boolean;
  /** Settled as uncoded (the not-coded record names it). */
  settledNotCoded: boolean;
}

export interface DisagreementReview {
  coders: ReviewCoders;
  value: UnitValueKind;
  /** In transcript order: by first line, then dimension. */
  items: ReviewItem[];
  settled: number;
  /** Coder A or B without a single code in the transcript: there is nothing to compare. */
  codersWithoutCodes: string[];
}

export function checkReviewCoders(coders: ReviewCoders): void {
  const { a, b, consensus } = coders;
  if (a === '' || b === '' || consensus === '') throw new Error('A coder name is empty.');
  if (a === b) throw new Error(`Coder "${a}" is named twice: a review compares two coders.`);
  if (consensus === a || consensus === b) throw new Error(`The consensus coder "${consensus}" must be neither of the coders compared.`);
}

const covers = (code: ReviewCode, line: number) => code.lines[0] <= line && line <= code.lines[1];
const overlaps = (code: ReviewCode, lines: readonly [number, number]) => code.lines[0] <= lines[1] && lines[0] <= code.lines[1];

/** The codes of `coder` in `dimension` (indicator codes count for their dimension). */
export function codesOf(transcript: ReviewTranscript, coder: string, dimension: string): ReviewCode[] {
  return transcript.codes.filter((code) => code.coder === coder && dimensionOf(code.code) === dimension);
}

export function listDisagreements(transcript: ReviewTranscript, coders: ReviewCoders, options: { value?: UnitValueKind } = {}): DisagreementReview {
  checkReviewCoders(coders);
  const value = options.value ?? 'polarity';
  const units = buildLineUnits([transcript], [coders.a, coders.b], { value });
  const codersWithoutCodes = units.excludedTranscripts[0]?.codersWithoutCodes ?? [];
  const record = parseNotCoded(transcript.attributes[notCodedAttributeKey(coders.consensus)]);
  const recordPlaces = placeNotCoded(record, transcript.bodies);
  const recorded = (dimension: string, lines: readonly [number, number]) =>
    record.some((entry, index) => entry.dimension === dimension && recordPlaces[index]?.[0] === lines[0] && recordPlaces[index]?.[1] === lines[1]);
  const items: ReviewItem[] = [];
  for (const { dimension, disagreements } of units.dimensions) {
    const byA = codesOf(transcript, coders.a, dimension);
    const byB = codesOf(transcript, coders.b, dimension);
    const byConsensus = codesOf(transcript, coders.consensus, dimension);
    const idsOn = (line: number) => JSON.stringify([byA.filter((c) => covers(c, line)).map((c) => c.id), byB.filter((c) => covers(c, line)).map((c) => c.id)]);
    let run: { first: number; last: number; ids: string } | undefined;
    const close = () => {
      if (run === undefined) return;
      const lines: [number, number] = [run.first, run.last];
      const consensus = byConsensus.filter((c) => overlaps(c, lines));
      const settledNotCoded = recorded(dimension, lines);
      const covered = nonBlankLines(transcript, lines).every((line) => consensus.some((c) => covers(c, line)));
      items.push({
        key: `${dimension}@${lines[0]}-${lines[1]}`,
        dimension,
        lines,
        // The codes on the item's units: a code only on a blank line between them is not compared.
        a: byA.filter((c) => covers(c, lines[0])),
        b: byB.filter((c) => covers(c, lines[0])),
        consensus,
        settled: settledNotCoded || covered,
        settledNotCoded,
      });
      run = undefined;
    };
    for (const { line } of disagreements) {
      const ids = idsOn(line);
      if (run !== undefined && run.ids === ids && onlyBlankBetween(transcript, run.last, line)) run.last = line;
      else {
        close();
        run = { first: line, last: line, ids };
      }
    }
    close();
  }
  items.sort((x, y) => x.lines[0] - y.lines[0] || (x.dimension < y.dimension ? -1 : x.dimension > y.dimension ? 1 : 0));
  return { coders: { ...coders }, value, items, settled: items.filter((item) => item.settled).length, codersWithoutCodes };
}

function onlyBlankBetween(transcript: ReviewTranscript, from: number, to: number): boolean {
  for (let line = from + 1; line < to; line++) if (!transcript.blankLines.has(line)) return false;
  return true;
}

export function nonBlankLines(transcript: Pick<ReviewTranscript, 'blankLines'>, lines: readonly [number, number]): number[] {
  const found: number[] = [];
  for (let line = lines[0]; line <= lines[1]; line++) if (!transcript.blankLines.has(line)) found.push(line);
  return found;
}
