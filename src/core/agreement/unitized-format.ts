/**
 * Unitized agreement as table rows, plain text, and the advice on which figure a paper
 * should report. Shared by the CLI table, the Markdown preview and the report files.
 */
import { alphaBand } from './statistics';
import type { UnitizedCoefficient } from './unitized-2004';
import type { UnitizedAgreement } from './unitized-report';

export const UNITIZED_HEADER = ['Dimension', 'Units', '|uα (marked or not)', 'cuα (codes where both marked)', 'coverage', 'uα 2016', 'uα 2004'];

/** Which measure to report, and why: printed under every unitized table. */
export const REPORTING_ADVICE =
  'What to report: coders here choose the stretches of text they code instead of coding pre-cut units, so the ' +
  "measure is Krippendorff's unitized alpha in its 2016 form (Krippendorff, Mathet, Bouvry & Widlöcher 2016, as " +
  'ATLAS.ti reports it). Per dimension, report |uα (do coders mark the same text with this dimension?) and cuα ' +
  '(where both marked text, do they give it the same codes?) with its coverage and the number of units; for the ' +
  'codebook as a whole, Cu-α (do coders give the same text the same dimension?). The 2004 uα is shown for ' +
  'comparison with studies that used it; its authors revised it in 2016 because it misbehaves with more than two ' +
  'coders. Line-unit alpha treats every line as a unit: report it only if coders were told to code line by line.';

export interface UnitizedRow {
  label: string;
  units: string;
  binary: UnitizedCoefficient;
  cu: UnitizedCoefficient;
  coverage: number | null;
  u: UnitizedCoefficient;
  u2004: UnitizedCoefficient;
}

export function unitizedRows(unitized: UnitizedAgreement): UnitizedRow[] {
  const rows = unitized.dimensions.map(
    (dimension): UnitizedRow => ({
      label: dimension.dimension,
      units: Object.values(dimension.unitsByCoder).join('/'),
      binary: dimension.family.binary,
      cu: dimension.family.cu,
      coverage: dimension.family.cu.coverage,
      u: dimension.family.u,
      u2004: dimension.categoryAlpha,
    }),
  );
  const across = unitized.acrossDimensions;
  rows.push({
    label: '(all dimensions: Cu-α)',
    units: '',
    binary: across.binary,
    cu: across.cu,
    coverage: across.cu.coverage,
    u: across.u,
    u2004: unitized.overall,
  });
  return rows;
}

/** "0.812 reliable", or "n/a" when undefined (the reason is listed under the table). */
export function coefficientText(coefficient: UnitizedCoefficient): string {
  if (coefficient.alpha === null) return 'n/a';
  const text = coefficient.alpha.toFixed(3);
  return `${text === '-0.000' ? '0.000' : text} ${alphaBand(coefficient.alpha)}`;
}

export function coverageText(coverage: number | null): string {
  return coverage === null ? '' : `${Math.round(coverage * 100)}%`;
}

/** One sentence per undefined figure: where, which, and why. */
export function undefinedFigures(rows: ReadonlyArray<UnitizedRow>): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const figures: Array<[string, UnitizedCoefficient]> = [
      ['|uα', row.binary],
      ['cuα', row.cu],
      ['uα 2016', row.u],
      ['uα 2004', row.u2004],
    ];
    for (const [name, figure] of figures) {
      if (figure.alpha === null) out.push(`${row.label}, ${name}: n/a because ${figure.undefinedReason ?? 'it is undefined'}.`);
    }
  }
  return out;
}

export function describeUnitized(unitized: UnitizedAgreement): string {
  const unit = unitized.unitOfLength === 'line' ? 'non-blank lines' : 'characters';
  return (
    `Unitized agreement on the same transcripts (unit of length: ${unit}; continuum ${unitized.continuumLength} ${unit}; ` +
    `values within a dimension: ${unitized.values === 'code' ? 'the code paths' : 'the polarities'}). Units: per coder, in the order the coders were named.`
  );
}

export function formatUnitizedTable(unitized: UnitizedAgreement): string[] {
  const rows = unitizedRows(unitized);
  const cells = rows.map((row) => [
    row.label,
    row.units,
    coefficientText(row.binary),
    coefficientText(row.cu),
    coverageText(row.coverage),
    coefficientText(row.u),
    coefficientText(row.u2004),
  ]);
  const widths = UNITIZED_HEADER.map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  const render = (row: ReadonlyArray<string>) =>
    row.map((cell, column) => cell.padEnd(widths[column] ?? cell.length)).join('  ').trimEnd();
  return [
    describeUnitized(unitized),
    '',
    render(UNITIZED_HEADER),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
    '',
    ...undefinedFigures(rows).map((line) => `Undefined: ${line}`),
    ...unitized.notes.map((note) => `Note: ${note}`),
    REPORTING_ADVICE,
  ];
}
