/**
 * The study matrix: agencies × dimensions, each cell with its segments and distinct
 * informants per polarity, and two numbers a reader can compare across cells:
 *
 * - `intensity`, the cell's segments as a share of the fullest cell's (0…1): how much
 *   was said about this dimension at this agency;
 * - `balance`, (supporting − inhibiting) / all segments of the cell (−1…1): whether what
 *   was said leans to supporting (+) or inhibiting (−). Efforts and descriptive segments
 *   count in the denominator, so a cell of mostly efforts reads as balanced.
 *
 * Pure data for the webview (which draws it with theme colours) and for the SVG export
 * (matrix-svg.ts). JSON-safe: records, arrays, numbers and strings only.
 */
import { type Codebook, DEFAULT_POLARITIES, dimensionPathOf } from '../codebook';
import { resolveLabel } from '../text';
import type { LeftOutSegment, Segment, StudySummary } from '../study';
import { dimensionHeading } from './findings';

export interface MatrixCount {
  segments: number;
  /** Distinct named informants; observation notes and documents have none. */
  informants: number;
}

export interface MatrixCell {
  agency: string;
  /** `framework/dimension` */
  dimension: string;
  total: MatrixCount;
  /** Every polarity of the codebook, zeros included, so cells are comparable field by field. */
  byPolarity: Record<string, MatrixCount>;
  /** 0…1: this cell's segments over the fullest cell's. */
  intensity: number;
  /** −1…1, or null for an empty cell: (supporting − inhibiting) / total. */
  balance: number | null;
  segments: Segment[];
  /** Codes of this agency and dimension that are not on their text: in no count, listed with the reason. */
  leftOut: LeftOutSegment[];
}

interface MatrixDimension {
  path: string;
  label: string;
  /** The codebook's colour, `#rrggbb`; grey for a dimension the codebook does not know. */
  color: string;
}

export interface StudyMatrix {
  agencies: string[];
  dimensions: MatrixDimension[];
  polarities: { id: string; label: string }[];
  /** `cells[agencyIndex][dimensionIndex]` */
  cells: MatrixCell[][];
  /** The largest cell total; the intensity scale's 1. */
  maxCellSegments: number;
  /** Segments of transcripts without an agency: not in any row. */
  unassignedSegments: number;
  /** Codes not on their text, anywhere in the study: in no count. */
  leftOutCodes: number;
}

const UNKNOWN_DIMENSION_COLOR = '#7f7f7f';

export function buildStudyMatrix(summary: StudySummary, codebook: Codebook | undefined, language: string): StudyMatrix {
  const polarities = (codebook?.polarities ?? DEFAULT_POLARITIES).map((p) => ({ id: p.id, label: resolveLabel(p.label, language, p.id) }));
  const dimensions = matrixDimensions(summary, codebook, language);
  const agencies = summary.agencies.map((a) => a.agency);
  const leftOutByCell = new Map<string, LeftOutSegment[]>();
  for (const item of summary.leftOut) {
    const key = `${item.agency ?? ''}\u0000${dimensionPathOf(item.segment.code)}`;
    leftOutByCell.set(key, [...(leftOutByCell.get(key) ?? []), item]);
  }
  const raw = summary.agencies.map((agency) =>
    dimensions.map((dimension) => {
      const found = agency.dimensions.find((d) => d.dimension === dimension.path);
      return {
        agency: agency.agency,
        dimension: dimension.path,
        segments: found?.factors.flatMap((f) => f.segments) ?? [],
        leftOut: leftOutByCell.get(`${agency.agency}\u0000${dimension.path}`) ?? [],
      };
    }),
  );
  const maxCellSegments = Math.max(0, ...raw.flat().map((cell) => cell.segments.length));
  const cells = raw.map((row) =>
    row.map((cell): MatrixCell => {
      const byPolarity: Record<string, MatrixCount> = {};
      // A polarity the codebook does not list (a typo in a sidecar) still counts, under its own id.
      const ids = [...new Set([...polarities.map((p) => p.id), ...cell.segments.map((s) => s.polarity)])];
      for (const id of ids) byPolarity[id] = countOf(cell.segments.filter((s) => s.polarity === id));
      const total = countOf(cell.segments);
      return {
        agency: cell.agency,
        dimension: cell.dimension,
        total,
        byPolarity,
        intensity: maxCellSegments === 0 ? 0 : total.segments / maxCellSegments,
        balance: cellBalance(byPolarity, total.segments),
        segments: cell.segments,
        leftOut: cell.leftOut,
      };
    }),
  );
  return { agencies, dimensions, polarities, cells, maxCellSegments, unassignedSegments: summary.unassigned.length, leftOutCodes: summary.leftOut.length };
}

export function cellBalance(byPolarity: Readonly<Record<string, MatrixCount>>, total: number): number | null {
  if (total === 0) return null;
  return ((byPolarity['supporting']?.segments ?? 0) - (byPolarity['inhibiting']?.segments ?? 0)) / total;
}

function countOf(segments: readonly Segment[]): MatrixCount {
  return { segments: segments.length, informants: new Set(segments.flatMap((s) => (s.informant === null ? [] : [s.informant]))).size };
}

/** Every dimension of the codebook (an empty column is a finding too), then any others coded, by path. */
function matrixDimensions(summary: StudySummary, codebook: Codebook | undefined, language: string): MatrixDimension[] {
  const dimensions: MatrixDimension[] = [];
  for (const framework of codebook?.frameworks ?? []) {
    for (const dimension of framework.dimensions) {
      const path = `${framework.id}/${dimension.id}`;
      dimensions.push({ path, label: dimensionHeading(codebook, path, language), color: dimension.color });
    }
  }
  const known = new Set(dimensions.map((d) => d.path));
  const others = [...new Set(summary.agencies.flatMap((a) => a.dimensions.map((d) => d.dimension)))].filter((p) => !known.has(p)).sort();
  return [...dimensions, ...others.map((path) => ({ path, label: path, color: UNKNOWN_DIMENSION_COLOR }))];
}

/**
 * A cell's fill on a diverging scale: purple where supporting factors dominate, orange
 * where inhibiting ones do (PuOr, readable with the common colour-vision deficiencies),
 * mixed toward `background` as the cell holds less. `#rrggbb`.
 */
export function cellFill(cell: Pick<MatrixCell, 'intensity' | 'balance'>, background = '#ffffff'): string {
  if (cell.balance === null) return background;
  const hue = cell.balance >= 0 ? mix(NEUTRAL, SUPPORTING, cell.balance) : mix(NEUTRAL, INHIBITING, -cell.balance);
  // Even the emptiest non-empty cell keeps a visible tint.
  return toHex(mix(parseHex(background), hue, 0.2 + 0.8 * cell.intensity));
}

/** Black or white, whichever reads better on `fill` (WCAG relative luminance). */
export function textColorOn(fill: string): string {
  const [r, g, b] = parseHex(fill).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

type Rgb = [number, number, number];
const SUPPORTING: Rgb = [0x5e, 0x3c, 0x99];
const INHIBITING: Rgb = [0xe6, 0x61, 0x01];
const NEUTRAL: Rgb = [0x9e, 0x9e, 0x9e];

function mix(from: Rgb, to: Rgb, share: number): Rgb {
  const t = Math.min(1, Math.max(0, share));
  return [0, 1, 2].map((i) => Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t)) as Rgb;
}

function parseHex(hex: string): Rgb {
  const digits = /^#([0-9a-f]{6})$/iu.exec(hex)?.[1] ?? 'ffffff';
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
