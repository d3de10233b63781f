/**
 * The sidecar data contract, version 1 (DESIGN §3). `<transcript>.codes.yaml` beside
 * each transcript holds that transcript's case attributes and its codes.
 */

export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.codes.yaml';

/** The source types a transcript can be; other values are kept but warned about. */
export const SOURCE_TYPES = ['interview', 'observation', 'document', 'focus-group'] as const;

/** Attribute keys in the order they are written; other keys follow in their own order. */
export const ATTRIBUTE_ORDER = ['agency', 'informant', 'role', 'date', 'source'] as const;

/** Keys of a code in the order they are written; unknown keys follow, preserved. */
export const CODE_KEY_ORDER = ['id', 'lines', 'code', 'polarity', 'factor', 'quote', 'memo', 'coder'] as const;

export interface CodeEntry {
  /** Unique in the file, never reused: lowercase letters and digits. */
  id: string;
  /** First and last line, 1-based, inclusive, of the transcript as saved (LF, no BOM). */
  lines: [number, number];
  /** `framework/dimension` or `framework/dimension/indicator`. */
  code: string;
  polarity: string;
  factor: string;
  quote: string;
  memo?: string;
  coder: string;
}

export interface SidecarData {
  version: 1;
  /** The transcript's file name, relative to the sidecar's folder. */
  transcript: string;
  /** Case attributes. Values are kept as the text the user wrote. */
  attributes: Record<string, string>;
  codes: CodeEntry[];
}

/** Where each code sits in the sidecar file, for messages that point at it. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** The sidecar file name for a transcript path (works on any `/`-separated path). */
export function sidecarPathFor(transcriptPath: string): string {
  return transcriptPath + SIDECAR_SUFFIX;
}

/** The transcript path a sidecar belongs to, or undefined when it is not a sidecar. */
export function transcriptPathFor(sidecarPath: string): string | undefined {
  return sidecarPath.endsWith(SIDECAR_SUFFIX) ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length) : undefined;
}

/** Order of codes in a written sidecar: first line, last line, code path, id. */
export function compareCodes(a: CodeEntry, b: CodeEntry): number {
  return (
    a.lines[0] - b.lines[0] ||
    a.lines[1] - b.lines[1] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
