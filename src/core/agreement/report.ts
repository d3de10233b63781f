/**
 * The inter-coder agreement report (issue 8): per dimension and pooled, percent
 * agreement, Cohen's kappa (exactly two coders), Krippendorff's alpha (nominal, any
 * number of coders), the number of units and the disagreeing lines; as JSON-ready data
 * and as a plain-text table with the usual interpretation bands.
 */

import {
  ALPHA_BAND_MEANING,
  alphaBand,
  cohenKappaOfTallies,
  kappaBand,
  krippendorffAlphaNominalOfTallies,
  percentAgreementOfTallies,
  type UnitTally,
} from './statistics';
import {
  buildLineUnits,
  compareText,
  NOT_CODED,
  POLARITY_JOINER,
  type CodedTranscriptForAgreement,
  type ExcludedTranscript,
  type LineUnit,
  type UnitValueKind,
} from './units';
import { computeUnitizedAgreement, type UnitizedAgreement } from './unitized-report';
import type { UnitOfLength } from './unitized-input';
import { formatUnitizedTable } from './unitized-format';
import { blindCodingRecord, blindCodingSentence, type BlindCodingRecord } from './blind';

export interface AgreementFigures {
  /** Number of line units. */
  units: number;
  /**
   * Mean over coder pairs of the share of units on which the pair agrees (see
   * `percentAgreement`); a proportion in [0, 1]; null when there are no units.
   */
  percentAgreement: number | null;
  /** Null unless exactly two coders, and when undefined (no units, or both constant and equal). */
  cohenKappa: number | null;
  /** Null when undefined: no units, or a single value throughout. */
  krippendorffAlpha: number | null;
}

interface Disagreement {
  file: string;
  line: number;
  /** Each coder's code paths of the dimension covering the line, sorted; [] when none. */
  codes: Record<string, string[]>;
  /** Each coder's value on the line: what was compared (`coded`, a polarity, …). */
  values: Record<string, string>;
}

interface DimensionAgreement extends AgreementFigures {
  /** `framework/dimension`. */
  dimension: string;
  /** Sorted by file, then line. */
  disagreements: Disagreement[];
}

export interface AgreementReport {
  unit: 'line';
  /** What a coder's value on a line is: coverage (coded or not) or the polarity. */
  value: UnitValueKind;
  coders: string[];
  /** Sorted by dimension path. */
  dimensions: DimensionAgreement[];
  /**
   * Every dimension × line unit together in one reliability matrix. It has no
   * disagreement list of its own: its disagreements are exactly the dimensions' ones.
   */
  pooled: AgreementFigures;
  transcripts: {
    /** Files that count, sorted. */
    included: string[];
    /** Files that do not count because not every named coder has coded them, sorted. */
    excluded: ExcludedTranscript[];
  };
  /** Plain sentences saying what counted and how to read the figures. */
  notes: string[];
  /** Unitized alpha on the same transcripts: Krippendorff (2004) and the 2016 family per dimension. */
  unitized: UnitizedAgreement;
  /** Which counted transcripts every coder marked done in blind mode (sidecar attributes `done-by-<coder>`). */
  blindCoding: BlindCodingRecord;
}

export interface AgreementOptions {
  /** Compare the polarities of the covering codes instead of mere coverage. */
  byPolarity?: boolean;
  /** Dimensions to report even if nobody used them (e.g. the codebook's). */
  dimensions?: ReadonlyArray<string>;
  /** The unit of length of unitized alpha: lines (default) or characters. */
  unitOfLength?: UnitOfLength;
}

export function computeAgreement(
  transcripts: ReadonlyArray<CodedTranscriptForAgreement>,
  coders: ReadonlyArray<string>,
  options: AgreementOptions = {},
): AgreementReport {
  const built = buildLineUnits(transcripts, coders, {
    value: options.byPolarity === true ? 'polarity' : 'coverage',
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
  });

  const dimensions = built.dimensions.map(({ dimension, unitCount, tallies, disagreements }): DimensionAgreement => ({
    dimension,
    ...figuresOf(unitCount, tallies, coders.length),
    disagreements: disagreements
      .map((unit) => disagreementOf(unit, coders))
      .sort((a, b) => compareText(a.file, b.file) || a.line - b.line),
  }));
  // The statistics do not need identical rows merged, so the dimensions' tallies side
  // by side are the pooled matrix.
  const pooled = figuresOf(
    built.dimensions.reduce((sum, { unitCount }) => sum + unitCount, 0),
    built.dimensions.flatMap(({ tallies }) => tallies),
    coders.length,
  );

  const excluded = [...built.excludedTranscripts].sort((a, b) => compareText(a.file, b.file));
  const included = [...built.includedTranscripts].sort(compareText);
  const counted = new Set(included);
  const countedTranscripts = [...transcripts].filter((transcript) => counted.has(transcript.file)).sort((a, b) => compareText(a.file, b.file));
  const unitized = computeUnitizedAgreement(
    countedTranscripts,
    coders,
    {
      byPolarity: options.byPolarity === true,
      dimensions: built.dimensions.map(({ dimension }) => dimension),
      ...(options.unitOfLength === undefined ? {} : { unitOfLength: options.unitOfLength }),
    },
  );
  return {
    unit: 'line',
    value: built.value,
    coders: [...coders],
    dimensions,
    pooled,
    transcripts: { included, excluded },
    notes: notesFor(built.value, coders, included, excluded, built.codersWithoutCodes, built.codesWithoutDimension),
    unitized,
    blindCoding: blindCodingRecord(countedTranscripts, coders),
  };
}

function figuresOf(unitCount: number, tallies: ReadonlyArray<UnitTally>, coderCount: number): AgreementFigures {
  return {
    units: unitCount,
    percentAgreement: percentAgreementOfTallies(tallies),
    cohenKappa: coderCount === 2 ? cohenKappaOfTallies(tallies) : null,
    krippendorffAlpha: krippendorffAlphaNominalOfTallies(tallies),
  };
}

function disagreementOf(unit: LineUnit, coders: ReadonlyArray<string>): Disagreement {
  // fromEntries defines own properties, so even a coder called "__proto__" is a key.
  return {
    file: unit.file,
    line: unit.line,
    codes: Object.fromEntries(coders.map((coder, index) => [coder, [...(unit.codes[index] ?? [])]])),
    values: Object.fromEntries(coders.map((coder, index) => [coder, unit.values[index] ?? NOT_CODED])),
  };
}

function notesFor(
  value: UnitValueKind,
  coders: ReadonlyArray<string>,
  included: ReadonlyArray<string>,
  excluded: ReadonlyArray<ExcludedTranscript>,
  codersWithoutCodes: ReadonlyArray<string>,
  codesWithoutDimension: number,
): string[] {
  const notes = [
    `Unit: one non-blank line of a transcript that every named coder (${coders.join(', ')}) has coded, ` +
      'taken once per dimension (framework/dimension; indicator codes count for their dimension).',
    value === 'coverage'
      ? "A coder's value on a line is whether any of their codes of the dimension covers it."
      : "A coder's value on a line is the polarity of their codes of the dimension covering it, " +
        `"${NOT_CODED}" when none does; different polarities on one line form one combined category, ` +
        `sorted and joined with "${POLARITY_JOINER}" (e.g. "inhibiting${POLARITY_JOINER}supporting").`,
    `Transcripts counted: ${included.length}; not counted because not every named coder has coded them: ${excluded.length}` +
      (excluded.length === 0
        ? '.'
        : ` (${excluded.map((entry) => `${entry.file}: no codes by ${entry.codersWithoutCodes.join(', ')}`).join('; ')}).`),
  ];
  for (const coder of codersWithoutCodes) {
    notes.push(`Coder "${coder}" has no codes in the study, so no transcript counts until they code (or are not named).`);
  }
  if (codesWithoutDimension > 0) {
    notes.push(`${codesWithoutDimension} code(s) with a path that names no dimension were left out.`);
  }
  notes.push(
    coders.length === 2
      ? 'Percent agreement: share of units on which the two coders gave the same value.'
      : 'Percent agreement: mean over coder pairs of the share of units on which the pair gave the same value. ' +
          "Cohen's kappa is defined for exactly two coders and is not reported; read Krippendorff's alpha.",
    'Pooled: every dimension × line unit in one matrix. Lines that no coder coded in a dimension agree trivially, ' +
      'so pooled percent agreement runs high; the chance-corrected kappa and alpha account for that.',
  );
  return notes;
}

export interface AgreementTableOptions {
  /** List every disagreeing line under the table (default true). */
  listDisagreements?: boolean;
}

/** A plain-text rendering of the report: figures to 3 decimals, each with its band. */
export function formatAgreementTable(report: AgreementReport, options: AgreementTableOptions = {}): string {
  const twoCoders = report.coders.length === 2;
  // Cohen's kappa exists only for two coders; a column of "n/a" would only be noise.
  const header = [
    'Dimension',
    'Units',
    twoCoders ? 'Agreement' : 'Agreement (pairwise mean)',
    ...(twoCoders ? ["Cohen's kappa"] : []),
    "Krippendorff's alpha",
  ];
  const rows = [
    ...report.dimensions.map((dimension) => figureCells(dimension.dimension, dimension, twoCoders)),
    figureCells('(pooled)', report.pooled, twoCoders),
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const renderRow = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        // Counts and proportions right-aligned, text left-aligned, as in a printed table.
        return column === 1 || column === 2 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();

  const lines = [
    `Inter-coder agreement on line units — coders: ${report.coders.join(', ')}; ` +
      `value compared: ${report.value === 'coverage' ? 'coded or not' : 'polarity'}`,
    '',
    renderRow(header),
    renderRow(widths.map((width) => '-'.repeat(width))),
    ...rows.map(renderRow),
    '',
    `Kappa bands (Landis & Koch 1977): < 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, ` +
      '0.61–0.80 substantial, 0.81–1 almost perfect.',
    `Alpha bands (Krippendorff 2004): ${ALPHA_BAND_MEANING.reliable}; ${ALPHA_BAND_MEANING.tentative}; ` +
      `${ALPHA_BAND_MEANING.unreliable}.`,
    ...report.notes.map((note) => `Note: ${note}`),
    blindCodingSentence(report.blindCoding),
    '',
    ...formatUnitizedTable(report.unitized),
  ];

  if (options.listDisagreements ?? true) {
    for (const dimension of report.dimensions) {
      if (dimension.disagreements.length === 0) continue;
      lines.push('', `Disagreements in ${dimension.dimension} (${dimension.disagreements.length}):`);
      for (const disagreement of dimension.disagreements) {
        const byCoder = report.coders.map((coder) => {
          const paths = disagreement.codes[coder] ?? [];
          const value = disagreement.values[coder] ?? NOT_CODED;
          const shown = paths.length === 0 ? NOT_CODED : paths.join(', ');
          return report.value === 'polarity' && paths.length > 0 ? `${coder}: ${shown} [${value}]` : `${coder}: ${shown}`;
        });
        lines.push(`  ${disagreement.file}:${disagreement.line}  ${byCoder.join('; ')}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

function figureCells(label: string, figures: AgreementFigures, twoCoders: boolean): string[] {
  const undefinedReason = figures.units === 0 ? 'n/a (no units)' : 'n/a (no variation)';
  // The number padded to the width of "-0.000" so the bands line up under each other.
  const withBand = (value: number, band: string) => `${fixed3(value).padStart(6)} ${band}`;
  const kappa =
    figures.cohenKappa === null ? undefinedReason : withBand(figures.cohenKappa, kappaBand(figures.cohenKappa));
  const alpha =
    figures.krippendorffAlpha === null
      ? undefinedReason
      : withBand(figures.krippendorffAlpha, alphaBand(figures.krippendorffAlpha));
  const agreement = figures.percentAgreement === null ? 'n/a' : fixed3(figures.percentAgreement);
  return [label, String(figures.units), agreement, ...(twoCoders ? [kappa] : []), alpha];
}

/** Three decimals, without a "-0.000" for a value that rounds to zero from below. */
function fixed3(value: number): string {
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}
