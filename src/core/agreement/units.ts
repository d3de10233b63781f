/**
 * Line units for inter-coder agreement (issue 8, DESIGN §6).
 *
 * The unit is a line: a non-blank line of a transcript that every named coder has coded
 * (has at least one code in), taken once per dimension (`framework/dimension`). Counting
 * only such transcripts keeps text nobody was asked to code from inflating agreement;
 * skipping blank lines keeps layout from doing the same.
 *
 * A coder's value on a unit is either
 * - `coverage`: whether any of their codes of that dimension covers the line
 *   (`coded` / `(not coded)`); an indicator code counts for its dimension; or
 * - `polarity`: the polarity of their codes of that dimension covering the line,
 *   `(not coded)` when none does. When their covering codes carry two or more different
 *   polarities, the value is the combined category of those polarities sorted and
 *   joined with `+` (e.g. `inhibiting+supporting`): it agrees only with a coder who gave
 *   the same combination, and keeps the disagreement visible instead of picking one.
 */

import type { UnitTally } from './statistics';

interface CodeForAgreement {
  /** First and last line, 1-based, inclusive. */
  lines: [number, number];
  /** `framework/dimension` or `framework/dimension/indicator`. */
  code: string;
  polarity: string;
  coder: string;
}

export interface CodedTranscriptForAgreement {
  file: string;
  lineCount: number;
  /** 1-based numbers of the lines that are empty or whitespace only. */
  blankLines: ReadonlySet<number>;
  codes: ReadonlyArray<CodeForAgreement>;
  /** Line texts (index = line − 1): the unit of length `character`, and the text the report quotes. */
  lines?: ReadonlyArray<string>;
  /** The sidecar's attributes: where blind double-coding is recorded (blind.ts). */
  attributes?: Readonly<Record<string, string>>;
}

export type UnitValueKind = 'coverage' | 'polarity';

/** The value of a coder who has no code of the dimension on the line. */
export const NOT_CODED = '(not coded)';
/** The `coverage` value of a coder who has a code of the dimension on the line. */
export const CODED = 'coded';
/** The `polarity` value of a covering code whose polarity is empty. */
export const NO_POLARITY = '(no polarity)';
/** Joins the sorted polarities of one coder's codes on one line into one category. */
export const POLARITY_JOINER = '+';

export interface LineUnit {
  file: string;
  line: number;
  /** One value per coder, in the order of the coders given. */
  values: string[];
  /** Per coder (same order), the sorted distinct code paths of the dimension covering the line. */
  codes: ReadonlyArray<ReadonlyArray<string>>;
}

/** Lines that got the same value from every coder, grouped: one entry per combination. */
interface LineTally extends UnitTally {
  values: string[];
}

export interface DimensionUnits {
  dimension: string;
  /** The number of line units: non-blank lines of the counted transcripts. */
  unitCount: number;
  /**
   * The units grouped by the coders' values (counts sum to `unitCount`). The statistics
   * need only these counts; keeping one object per line would cost a study of a few
   * hundred double-coded transcripts millions of objects.
   */
  tallies: LineTally[];
  /** The units on which the coders' values differ, by transcript (input order) then line. */
  disagreements: LineUnit[];
}

export interface ExcludedTranscript {
  file: string;
  /** The named coders without a single code in this transcript: why it does not count. */
  codersWithoutCodes: string[];
}

export interface AgreementUnits {
  coders: string[];
  value: UnitValueKind;
  /** Sorted by dimension path. */
  dimensions: DimensionUnits[];
  /** Files of the transcripts that count, in input order. */
  includedTranscripts: string[];
  excludedTranscripts: ExcludedTranscript[];
  /** Named coders without a single code in any transcript given. */
  codersWithoutCodes: string[];
  /** Codes of named coders in counted transcripts whose path has no dimension segment. */
  codesWithoutDimension: number;
}

export interface LineUnitOptions {
  value?: UnitValueKind;
  /**
   * Dimensions to report even if no coder used them (e.g. every dimension of the
   * codebook). Paths with an indicator are reduced to their dimension.
   */
  dimensions?: ReadonlyArray<string>;
}

/** `framework/dimension` of a code path, or undefined when the path has no dimension. */
export function dimensionOf(codePath: string): string | undefined {
  const [framework, dimension] = codePath.split('/');
  if (framework === undefined || framework === '' || dimension === undefined || dimension === '') return undefined;
  return `${framework}/${dimension}`;
}

/** Throws unless there are at least two distinct, non-empty coder names. */
function validateCoders(coders: ReadonlyArray<string>): void {
  if (coders.length < 2) {
    throw new Error(
      `Agreement needs at least two coders; got ${coders.length === 0 ? 'none' : `only "${coders[0] ?? ''}"`}.`,
    );
  }
  const seen = new Set<string>();
  for (const coder of coders) {
    if (coder === '') throw new Error('A coder name is empty.');
    if (seen.has(coder)) throw new Error(`Coder "${coder}" is named twice.`);
    seen.add(coder);
  }
}

/** What one coder put on one line in one dimension. */
interface CoderLineCodes {
  paths: Set<string>;
  polarities: Set<string>;
}

/** dimension → per coder index → line → codes. */
type TranscriptCoverage = Map<string, Array<Map<number, CoderLineCodes>>>;

const NO_CODES: ReadonlyArray<string> = Object.freeze([]);

export function buildLineUnits(
  transcripts: ReadonlyArray<CodedTranscriptForAgreement>,
  coders: ReadonlyArray<string>,
  options: LineUnitOptions = {},
): AgreementUnits {
  validateCoders(coders);
  const value = options.value ?? 'coverage';
  const coderIndex = new Map(coders.map((coder, index) => [coder, index]));

  const codersWithAnyCode = new Set<string>();
  const includedTranscripts: CodedTranscriptForAgreement[] = [];
  const excludedTranscripts: ExcludedTranscript[] = [];
  for (const transcript of transcripts) {
    const codersHere = new Set<string>();
    for (const code of transcript.codes) if (coderIndex.has(code.coder)) codersHere.add(code.coder);
    for (const coder of codersHere) codersWithAnyCode.add(coder);
    const codersWithoutCodes = coders.filter((coder) => !codersHere.has(coder));
    if (codersWithoutCodes.length === 0) includedTranscripts.push(transcript);
    else excludedTranscripts.push({ file: transcript.file, codersWithoutCodes });
  }

  const dimensionPaths = new Set<string>();
  for (const given of options.dimensions ?? []) {
    const dimension = dimensionOf(given);
    if (dimension !== undefined) dimensionPaths.add(dimension);
  }
  let codesWithoutDimension = 0;
  const coverageByTranscript = includedTranscripts.map((transcript) => {
    const coverage: TranscriptCoverage = new Map();
    for (const code of transcript.codes) {
      const index = coderIndex.get(code.coder);
      if (index === undefined) continue;
      const dimension = dimensionOf(code.code);
      if (dimension === undefined) {
        codesWithoutDimension++;
        continue;
      }
      dimensionPaths.add(dimension);
      recordCode(coverage, dimension, index, coders.length, code, transcript.lineCount);
    }
    return coverage;
  });

  const nonBlankLineCounts = includedTranscripts.map(countNonBlankLines);
  const dimensions = [...dimensionPaths].sort(compareText).map((dimension): DimensionUnits => {
    const tallies = new Map<string, LineTally>();
    const addToTally = (values: string[], count: number) => {
      const key = JSON.stringify(values);
      const tally = tallies.get(key);
      if (tally === undefined) tallies.set(key, { values, count });
      else tally.count += count;
    };
    const disagreements: LineUnit[] = [];
    let unitCount = 0;
    includedTranscripts.forEach((transcript, transcriptIndex) => {
      const nonBlankLines = nonBlankLineCounts[transcriptIndex] ?? 0;
      unitCount += nonBlankLines;
      const byCoder = coverageByTranscript[transcriptIndex]?.get(dimension);
      // Only lines some coder covered need looking at; every other line is a unit on
      // which all coders agree that it is not coded.
      const coveredLines = new Set<number>();
      for (const byLine of byCoder ?? []) for (const line of byLine.keys()) coveredLines.add(line);
      let coveredUnits = 0;
      for (const line of [...coveredLines].sort((a, b) => a - b)) {
        if (transcript.blankLines.has(line)) continue;
        coveredUnits++;
        const values = valuesOnLine(line, coders.length, byCoder, value);
        addToTally(values, 1);
        if (!values.every((cell) => cell === values[0])) {
          disagreements.push({ file: transcript.file, line, values, codes: codesOnLine(line, coders.length, byCoder) });
        }
      }
      if (nonBlankLines > coveredUnits) {
        addToTally(
          coders.map(() => NOT_CODED),
          nonBlankLines - coveredUnits,
        );
      }
    });
    return { dimension, unitCount, tallies: [...tallies.values()], disagreements };
  });

  return {
    coders: [...coders],
    value,
    dimensions,
    includedTranscripts: includedTranscripts.map((transcript) => transcript.file),
    excludedTranscripts,
    codersWithoutCodes: coders.filter((coder) => !codersWithAnyCode.has(coder)),
    codesWithoutDimension,
  };
}

function countNonBlankLines(transcript: CodedTranscriptForAgreement): number {
  let blank = 0;
  for (const line of transcript.blankLines) if (Number.isInteger(line) && line >= 1 && line <= transcript.lineCount) blank++;
  return Math.max(0, transcript.lineCount - blank);
}

function recordCode(
  coverage: TranscriptCoverage,
  dimension: string,
  coderIndex: number,
  coderCount: number,
  code: CodeForAgreement,
  lineCount: number,
): void {
  let byCoder = coverage.get(dimension);
  if (byCoder === undefined) {
    byCoder = Array.from({ length: coderCount }, () => new Map<number, CoderLineCodes>());
    coverage.set(dimension, byCoder);
  }
  const byLine = byCoder[coderIndex];
  if (byLine === undefined) return;
  // Only lines 1..lineCount can be units; clamping keeps a range that reaches past the
  // transcript (shortened, code not yet re-anchored) from walking lines that do not exist.
  const first = Math.max(1, code.lines[0]);
  const last = Math.min(lineCount, code.lines[1]);
  const polarity = code.polarity === '' ? NO_POLARITY : code.polarity;
  for (let line = first; line <= last; line++) {
    let here = byLine.get(line);
    if (here === undefined) {
      here = { paths: new Set(), polarities: new Set() };
      byLine.set(line, here);
    }
    here.paths.add(code.code);
    here.polarities.add(polarity);
  }
}

function valuesOnLine(
  line: number,
  coderCount: number,
  byCoder: ReadonlyArray<Map<number, CoderLineCodes>> | undefined,
  value: UnitValueKind,
): string[] {
  const values: string[] = [];
  for (let index = 0; index < coderCount; index++) {
    const here = byCoder?.[index]?.get(line);
    if (here === undefined) values.push(NOT_CODED);
    else if (value === 'coverage') values.push(CODED);
    else values.push([...here.polarities].sort(compareText).join(POLARITY_JOINER));
  }
  return values;
}

function codesOnLine(
  line: number,
  coderCount: number,
  byCoder: ReadonlyArray<Map<number, CoderLineCodes>> | undefined,
): ReadonlyArray<string>[] {
  return Array.from({ length: coderCount }, (_, index) => {
    const here = byCoder?.[index]?.get(line);
    return here === undefined ? NO_CODES : [...here.paths].sort(compareText);
  });
}

/** Code-point order: the same on every machine and locale, like the sidecar writer's. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
