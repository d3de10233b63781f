/**
 * What a coding session hands out and takes in: codes at their live lines, the fields of
 * a new code, what a change may touch, how a sidecar changed on disk was taken in, and an
 * operation of the undo history.
 */
import type { MergeConflict } from '../merge';
import type { CodeEntry, NewCodeFields } from '../sidecar';

export interface SessionCode {
  entry: CodeEntry;
  /** Live position in the open text (entry.lines is the same). */
  detached: boolean;
}

export type CodeFields = NewCodeFields;
export type CodeChanges = Partial<Pick<CodeEntry, 'code' | 'polarity' | 'factor' | 'memo'>>;

/**
 * A code as an operation found or left it: its fields with its live lines, where it is
 * written (its saved lines) and whether it was an orphan. Undefined: the code is absent.
 */
export interface CodeSnapshot {
  entry: CodeEntry;
  saved: [number, number];
  detached: boolean;
}

export interface Operation {
  label: string;
  before: Map<string, CodeSnapshot | undefined>;
  after: Map<string, CodeSnapshot | undefined>;
  attributesBefore?: Record<string, string>;
  attributesAfter?: Record<string, string>;
  /** The text version the operation was made on: undo by key only while it is still current. */
  version: number;
  /** The operation sets positions (re-anchoring): undo and redo restore lines too. */
  placed?: boolean;
  /** How many saves of the transcript had happened when it was made (set by perform). */
  saves?: number;
}

export class ReadOnlySidecarError extends Error {}

/**
 * How a sidecar changed on disk was taken in while this session had changes of its own:
 * merged by code id (with the conflicts it recorded in the file), replayed on the disk
 * version when the merge was refused, or not at all because the disk version is broken
 * (the session is then read-only, and its changes stay unwritten).
 */
export type SidecarReload =
  | { status: 'merged'; conflicts: MergeConflict[] }
  | { status: 'replayed'; message: string }
  | { status: 'broken' };

/** What a deferred re-anchoring places: a code's id, quote and lines in the live text. */
export interface ReanchorInput {
  id: string;
  quote: string;
  lines: [number, number];
}

export interface OpenOptions {
  /**
   * Given how many lines and codes re-anchoring would look at, true leaves it to the
   * caller (a worker thread, issue 19): the session opens at once, codes not on their
   * quotes wait off their text, and `pendingReanchor`/`finishReanchor` place them.
   */
  deferReanchor?: (work: { lines: number; codes: number }) => boolean;
}
