/**
 * A sidecar travels with its transcript (DESIGN §3): when the editor renames or moves
 * files, which sidecars go along, where, and with what text. Pure: the extension says
 * which files are moved and which sidecars exist; it reads and writes them.
 *
 * Rules:
 * - a moved transcript's sidecar `<name>.codes.yaml` moves to `<new name>.codes.yaml`;
 * - a sidecar that is part of the same operation (a collapsed nest dragged in the
 *   Explorer moves both files; a folder moves everything in it) is left to it;
 * - a sidecar already at the new name is never overwritten: that move is refused and
 *   neither sidecar is changed (also when the same operation moves that sidecar away:
 *   VS Code applies the follow first, while it is still there);
 * - `transcript:` names the new file; a sidecar that does not parse moves unchanged and
 *   is reported, so nothing the user wrote is rewritten by a guess.
 */
import { relinkedSidecarText } from './relink';
import { parseSidecar, sidecarPathFor } from '../sidecar';
import { isSidecarPath } from '../study';
import { basenameOf } from './study-path';

/** One file or folder moved by the operation, as study-relative paths. */
export interface FileMove {
  from: string;
  to: string;
}

export type SidecarFollow =
  | { kind: 'move'; transcriptFrom: string; transcriptTo: string; sidecarFrom: string; sidecarTo: string }
  | { kind: 'refused'; transcriptFrom: string; transcriptTo: string; sidecarFrom: string; sidecarTo: string };

/**
 * The sidecars that follow these moves. `sidecarExists(path)` says whether a sidecar is
 * on disk now (before the operation).
 */
export function planSidecarFollows(moves: readonly FileMove[], sidecarExists: (path: string) => boolean): SidecarFollow[] {
  const movedAway = new Set(moves.map((move) => move.from));
  const movedInside = (path: string) => moves.some((move) => path.startsWith(`${move.from}/`));
  const follows: SidecarFollow[] = [];
  for (const { from, to } of moves) {
    if (isSidecarPath(from) || from === to) continue;
    const sidecarFrom = sidecarPathFor(from);
    if (movedAway.has(sidecarFrom) || movedInside(sidecarFrom) || !sidecarExists(sidecarFrom)) continue;
    const sidecarTo = sidecarPathFor(to);
    // Taken even when the same operation moves it away: VS Code applies the follow before the operation itself.
    follows.push({ kind: sidecarExists(sidecarTo) ? 'refused' : 'move', transcriptFrom: from, transcriptTo: to, sidecarFrom, sidecarTo });
  }
  return follows;
}

export type SidecarTextAfterMove =
  | { kind: 'same' }
  | { kind: 'changed'; text: string }
  /** The sidecar does not parse: it moves as it is; the first problem says where. */
  | { kind: 'broken'; line: number; message: string };

/** The sidecar's text once its transcript is at `transcriptTo`: `transcript:` names it, every other byte kept. */
export function sidecarTextAfterMove(text: string, sidecarFrom: string, transcriptTo: string): SidecarTextAfterMove {
  const parsed = parseSidecar(text, sidecarFrom);
  if (parsed.status !== 'ok') {
    const first = parsed.problems.find((problem) => problem.severity === 'error') ?? parsed.problems[0];
    return { kind: 'broken', line: first?.line ?? 1, message: first?.message ?? 'it does not parse' };
  }
  if (parsed.data.transcript === basenameOf(transcriptTo)) return { kind: 'same' };
  return { kind: 'changed', text: relinkedSidecarText(parsed, transcriptTo) };
}
