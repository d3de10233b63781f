/**
 * Repair in the editor: what re-anchoring every code of one transcript would do, as a
 * list a person reads before anything is written (issue 12, part 2). Pure: the editor
 * passes the live text's line bodies and the session's codes, and applies only the
 * moves the person keeps — exact finds by default, similar text only when ticked.
 */
import { reanchor, type AnchorStatus } from '../anchoring';
import type { CodeEntry } from '../sidecar';

export interface PlannedMove {
  id: string;
  code: string;
  factor: string;
  /** Where the code is now (for an orphan, the place it is shown at). */
  from: [number, number];
  /** Where re-anchoring puts it; the same as `from` for orphans. */
  to: [number, number];
  status: AnchorStatus;
  /** How alike (0..1) the text at `to` is to the quote, for similar text. */
  score?: number;
  reason?: string;
  /** For a code that matches two places equally: both, and it is moved to neither. */
  alternatives?: Array<[number, number]>;
}

export interface PlanInput {
  /** The code with its live lines. */
  entry: CodeEntry;
  /** Off its text: kept, not drawn, waiting for a person. */
  detached: boolean;
  /** Its lines as written in the sidecar, when they differ from the live ones. */
  saved?: readonly [number, number];
}

/**
 * Every code of the transcript that is not in place as written, with what re-anchoring
 * found for it. A code found elsewhere when the transcript was opened is in place in the
 * live text but not yet written: it is listed as moved from its written lines. A
 * detached code whose quote is back where it is shown is offered as a move there.
 */
export function planReanchor(bodies: readonly string[], codes: readonly PlanInput[]): PlannedMove[] {
  const byId = new Map(codes.map((code) => [code.entry.id, code]));
  const results = reanchor(
    bodies,
    codes.map(({ entry }) => ({ id: entry.id, lines: entry.lines, quote: entry.quote })),
  );
  const plan: PlannedMove[] = [];
  for (const result of results) {
    const code = byId.get(result.id);
    if (code === undefined) continue;
    const from: [number, number] = code.saved === undefined ? [code.entry.lines[0], code.entry.lines[1]] : [code.saved[0], code.saved[1]];
    const unwritten = from[0] !== result.lines[0] || from[1] !== result.lines[1];
    const status: AnchorStatus = result.status === 'in-place' && (code.detached || unwritten) ? 'moved' : result.status;
    if (status === 'in-place') continue;
    plan.push({
      id: result.id,
      code: code.entry.code,
      factor: code.entry.factor,
      from,
      to: [result.lines[0], result.lines[1]],
      status,
      ...(result.score === undefined ? {} : { score: result.score }),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      ...(result.alternatives === undefined ? {} : { alternatives: result.alternatives }),
    });
  }
  return plan.sort((a, b) => a.from[0] - b.from[0] || a.from[1] - b.from[1] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The moves applied when the person accepts the plan: exact finds, plus the similar ones they chose. */
export function acceptedPlacements(plan: readonly PlannedMove[], similarAccepted: ReadonlySet<string>): Array<{ id: string; lines: [number, number] }> {
  return plan
    .filter((move) => move.status === 'moved' || (move.status === 'fuzzy' && similarAccepted.has(move.id)))
    .map((move) => ({ id: move.id, lines: move.to }));
}
