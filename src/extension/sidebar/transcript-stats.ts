/**
 * What the Transcripts view shows of one transcript — its coding progress, the codes off
 * their text, the agency its front matter names — computed from its bytes and its codes.
 * No `vscode` import: this runs in a worker thread (transcript-stats-worker.ts), so that
 * re-anchoring a large or hostile transcript never holds the extension host's main thread
 * (issue 19, item 1), and in the main thread only where no worker can be started.
 */
import { reanchor, type AnchorResult } from '../../core/anchoring';
import { decodeText, lineBodies, parseTranscript } from '../../core/transcript';
import type { CodeEntry, SidecarParse } from '../../core/sidecar';
import { anchorProblems, type TranscriptRecord } from '../../core/study';
import { reanchorTranscriptText, type ReanchorInput } from '../../core/session';
import { transcriptProgress, type TranscriptProgress } from './study-view';

/** A code re-anchoring cannot confirm on its lines: an orphan, or similar text waiting to be accepted. */
export interface OffTextCode {
  id: string;
  code: string;
  factor: string;
  lines: [number, number];
  status: 'fuzzy' | 'orphan';
  /** Where similar text is, and how alike (for fuzzy). */
  similar?: { lines: [number, number]; score: number };
  reason?: string;
}

export interface TranscriptStats {
  progress?: TranscriptProgress;
  /** Why there is no progress: the transcript is missing or cannot be decoded. */
  problem?: string;
  /** From the transcript's front matter, for transcripts without a sidecar agency. */
  agency?: string;
  offText?: OffTextCode[];
}

/** What the worker thread is asked: one transcript's figures, or one record's anchor problems. */
export type StatsRequest =
  | { id: number; kind: 'stats'; bytes: Uint8Array; transcriptPath: string; codes: CodeEntry[] }
  /** What anchorProblems reads of a record, and no more (it is copied between threads). */
  | { id: number; kind: 'anchors'; sidecarPath: string; transcriptPath: string; codes: CodeEntry[]; codePositions: Map<string, { line: number; column: number }>; bodies: JoinedBodies }
  /** An open transcript's re-anchoring (CodingSession.pendingReanchor), on its live text. */
  | { id: number; kind: 'reanchor'; text: string; codes: ReanchorInput[] }
  /** Where a record's codes are (on-text.ts's placements), on its line bodies (joined by LF: one string copies fast). */
  | { id: number; kind: 'place'; bodies: JoinedBodies; codes: ReanchorInput[] };

/**
 * Line bodies as one string and their count: copying 100,000 strings to the worker holds
 * the main thread for tens of milliseconds, one string of the same text for about one.
 * A body never holds a LF (the transcript is split on it).
 */
export interface JoinedBodies {
  text: string;
  count: number;
}

/** Joined once per transcript: the index's placements and the Problems panel's anchors ask for the same bodies. */
const joinedOnce = new WeakMap<readonly string[], JoinedBodies>();

/** `bodies` must not change afterwards (a parsed transcript's never do). */
export function joinBodies(bodies: readonly string[]): JoinedBodies {
  let joined = joinedOnce.get(bodies);
  if (joined === undefined) {
    joined = { text: bodies.join('\n'), count: bodies.length };
    joinedOnce.set(bodies, joined);
  }
  return joined;
}

function splitBodies(joined: JoinedBodies): string[] {
  return joined.count === 0 ? [] : joined.text.split('\n');
}

export function answerStatsRequest(request: StatsRequest): TranscriptStats | ReturnType<typeof anchorProblems> | AnchorResult[] {
  if (request.kind === 'stats') return computeTranscriptStats(request.bytes, request.transcriptPath, request.codes);
  if (request.kind === 'reanchor') return reanchorTranscriptText(request.text, request.codes);
  if (request.kind === 'place') return reanchor(splitBodies(request.bodies), request.codes);
  const sidecar = { status: 'ok', data: { version: 1, transcript: '', attributes: {}, codes: request.codes }, codePositions: request.codePositions, problems: [] } as unknown as SidecarParse;
  const record = { sidecarPath: request.sidecarPath, transcriptPath: request.transcriptPath, sidecar, problems: [], transcript: { bodies: splitBodies(request.bodies) } } as unknown as TranscriptRecord;
  return anchorProblems(record);
}

function computeTranscriptStats(bytes: Uint8Array, transcriptPath: string, codes: readonly CodeEntry[]): TranscriptStats {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { problem: decoded.message };
  const { transcript } = parseTranscript(decoded.text, transcriptPath);
  const bodies = lineBodies(transcript);
  // One re-anchoring serves both the progress and the list of codes off their text.
  const results = reanchor(bodies, codes);
  const agencyValue = transcript.frontMatter?.data['agency'];
  const agency = typeof agencyValue === 'string' && agencyValue.trim() !== '' ? agencyValue.trim() : undefined;
  return { progress: transcriptProgress(transcript, bodies, codes, results), offText: offTextOf(results, codes), ...(agency === undefined ? {} : { agency }) };
}

function offTextOf(results: readonly AnchorResult[], codes: readonly CodeEntry[]): OffTextCode[] {
  const byId = new Map(codes.map((code) => [code.id, code]));
  return results.flatMap((result): OffTextCode[] => {
    const code = byId.get(result.id);
    if (code === undefined || (result.status !== 'orphan' && result.status !== 'fuzzy')) return [];
    const lines: [number, number] = [code.lines[0], code.lines[1]];
    return [
      {
        id: code.id,
        code: code.code,
        factor: code.factor,
        lines,
        status: result.status,
        ...(result.status === 'fuzzy' ? { similar: { lines: result.lines, score: result.score ?? 0 } } : {}),
        ...(result.reason === undefined ? {} : { reason: result.reason }),
      },
    ];
  });
}
