/**
 * Which codes of a transcript count as evidence: those that are on their text. The
 * reports, the matrix, the segments table, the sidebar and `summary --json` cite a code
 * only when re-anchoring (anchoring/reanchor.ts, the one quote rule) finds it in place;
 * every other code — an orphan, a code whose text moved or was changed, a code whose
 * transcript cannot be read — is left out and said so, with the reason re-anchoring
 * gives. A thesis must never cite a line that no longer holds what was coded.
 *
 * For a code on its text this also gives the whole coded text of its lines (from the
 * transcript, not the 80-character quote), which retrieval shows.
 */
import { ORPHAN_REASONS, reanchor, type AnchorResult } from '../anchoring';
import type { CodeEntry } from '../sidecar';
import type { LoadedTranscript } from './study';

/** Why a code is not on its text. */
export type OffText =
  /** The transcript is missing or cannot be read: nothing can be checked. */
  | { kind: 'no-transcript' }
  /** Re-anchoring found no place for it; `reason` is one of ORPHAN_REASONS. */
  | { kind: 'orphan'; reason: string; alternatives?: Array<[number, number]> }
  /** Its quote is now at other lines (re-anchoring would move it). */
  | { kind: 'moved'; lines: [number, number] }
  /** Only similar text is near (a changed word): a person must accept it. */
  | { kind: 'similar'; lines: [number, number]; score: number };

export type Placement = { onText: true; text: string } | { onText: false; offText: OffText };

/**
 * Placements already worked out, per loaded transcript and code entry: the sidebar asks
 * again for the same codes whenever a filter or another sidecar of the agency changes,
 * and a filtered record shares its code entries with the record it was made from.
 */
const placedByTranscript = new WeakMap<LoadedTranscript, WeakMap<CodeEntry, Placement>>();

/**
 * For each code (same order), whether it is on its text, and its text or why not.
 * `transcript` undefined means the transcript could not be read (its problem says why).
 */
export function placeCodes(transcript: LoadedTranscript | undefined, codes: readonly CodeEntry[]): Placement[] {
  if (transcript === undefined) return codes.map(() => ({ onText: false, offText: { kind: 'no-transcript' } }));
  const cache = placementsOf(transcript);
  const missing = codes.filter((code) => !cache.has(code));
  if (missing.length > 0) {
    // Each code is re-anchored on its own: the answer for one does not depend on the others.
    const results = reanchor(transcript.bodies, missing.map(reanchorInputOf));
    rememberPlacements(transcript, missing, results);
  }
  return codes.map((code) => cache.get(code) as Placement);
}

/** What re-anchoring is given of a code to place it. */
export function reanchorInputOf(code: CodeEntry): { id: string; lines: [number, number]; quote: string } {
  return { id: code.id, lines: [code.lines[0], code.lines[1]], quote: code.quote };
}

/**
 * Takes re-anchoring's results for `codes` (same order) on `transcript`'s bodies, worked
 * out elsewhere — the editor does it in a worker thread (issue 19) — so that placeCodes
 * answers from them without re-anchoring.
 */
export function rememberPlacements(transcript: LoadedTranscript, codes: readonly CodeEntry[], results: readonly AnchorResult[]): void {
  const cache = placementsOf(transcript);
  const bodies = transcript.bodies;
  results.forEach((result, index) => {
    const code = codes[index];
    if (code === undefined || result.id !== code.id) return;
    const placement: Placement = result.status === 'in-place' ? { onText: true, text: codedText(bodies, result.lines) } : { onText: false, offText: offTextOf(result) };
    cache.set(code, placement);
  });
}

function placementsOf(transcript: LoadedTranscript): WeakMap<CodeEntry, Placement> {
  let known = placedByTranscript.get(transcript);
  if (known === undefined) {
    known = new WeakMap();
    placedByTranscript.set(transcript, known);
  }
  return known;
}

/** The whole text of lines first..last (line bodies, without speaker label and timestamp), one line per line. */
function codedText(bodies: readonly string[], lines: readonly [number, number]): string {
  const parts: string[] = [];
  for (let line = lines[0]; line <= lines[1] && line <= bodies.length; line++) parts.push((bodies[line - 1] ?? '').trim());
  // Blank lines at either end of a code are not part of what was said.
  return parts.join('\n').trim();
}

function offTextOf(result: AnchorResult): OffText {
  switch (result.status) {
    case 'moved':
      return { kind: 'moved', lines: result.lines };
    case 'fuzzy':
      return { kind: 'similar', lines: result.lines, score: result.score ?? 0 };
    default: {
      const reason = result.reason ?? 'quote not found';
      return result.alternatives === undefined ? { kind: 'orphan', reason } : { kind: 'orphan', reason, alternatives: result.alternatives };
    }
  }
}

/** Why a code is left out, in English, for `summary --json` and the CLI's messages. */
export function offTextReason(offText: OffText): string {
  switch (offText.kind) {
    case 'no-transcript':
      return 'its transcript is missing or cannot be read';
    case 'moved':
      return `its quote is now at ${lineSpan(offText.lines)}, not where the code says: re-anchor it`;
    case 'similar':
      return `its text was changed; similar text (${Math.round(offText.score * 100)}% alike) is at ${lineSpan(offText.lines)}: accept it or re-anchor the code`;
    case 'orphan':
      return orphanReasonEn(offText);
  }
}

function orphanReasonEn(offText: Extract<OffText, { kind: 'orphan' }>): string {
  switch (offText.reason) {
    case ORPHAN_REASONS.notFound:
      return 'its quote is no longer in the transcript';
    case ORPHAN_REASONS.pastEnd:
      return 'its lines are past the end of the transcript and its quote is no longer in it';
    case ORPHAN_REASONS.emptyQuote:
      return 'it has no quote and its lines are past the end of the transcript';
    case ORPHAN_REASONS.ambiguous:
      return `its quote fits ${(offText.alternatives ?? []).map(lineSpan).join(' and ') || 'several places'} equally well`;
    default:
      // "too many places start like its quote", and any reason re-anchoring adds later.
      return offText.reason;
  }
}

function lineSpan([first, last]: readonly [number, number]): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}
