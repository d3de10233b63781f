/**
 * Runs the study's re-anchoring in a worker thread (../transcript-stats-worker.ts), one
 * transcript at a time — the Transcripts view's figures (computeTranscriptStats) and the
 * Problems panel's anchor problems (anchorProblems) — so the extension host's main thread
 * never waits on re-anchoring a transcript (issue 19, item 1). Where no worker can be started, or it fails (no bundle
 * beside this one, a host without worker threads), the work runs here instead, after a
 * turn of the event loop so that other work gets in between transcripts.
 */
import type { AnchorResult } from '../../core/anchoring';
import type { Problem } from '../../core/problems';
import type { ReanchorInput } from '../../core/session';
import type { CodeEntry } from '../../core/sidecar';
import type { TranscriptRecord } from '../../core/study';
import { answerStatsRequest, joinBodies, type StatsRequest, type TranscriptStats } from './transcript-stats';
import { Disposable } from '../dispose';
import { startStatsThread } from '../desktop/stats-thread';
import type { StatsThread } from '../desktop/ports';
import { nextTurn } from '../next-turn';

const URGENCY: Record<StatsRequest['kind'], number> = { reanchor: 0, place: 1, anchors: 2, stats: 3 };

interface Waiting {
  request: StatsRequest;
  resolve: (answer: never) => void;
  reject: (error: Error) => void;
}

export class TranscriptStatsWorker extends Disposable {
  private worker: StatsThread | undefined;
  private nextId = 0;
  /** The request the worker is working on. */
  private readonly waiting = new Map<number, Waiting>();
  /** Requests not yet sent to the worker, in the order they will be sent. */
  private readonly queued: Waiting[] = [];
  /** The worker could not start or stopped: from then on the work runs in this thread. */
  private failed = false;

  /** `extensionPath`: where the bundles are (in its dist/); undefined: work in this thread (as in a browser, desktop/stats-thread.web.ts). */
  constructor(private readonly extensionPath: string | undefined) {
    super();
  }

  /** Whether the work runs off the main thread (tests and the bench report it). */
  get offMainThread(): boolean {
    return this.extensionPath !== undefined && startStatsThread !== undefined && !this.failed;
  }

  compute(bytes: Uint8Array, transcriptPath: string, codes: readonly CodeEntry[]): Promise<TranscriptStats> {
    return this.ask({ id: this.nextId++, kind: 'stats', bytes, transcriptPath, codes: [...codes] });
  }

  /** The problems of codes off their text in a record whose transcript is loaded (the Problems panel). */
  anchorProblems(record: TranscriptRecord): Promise<Problem[]> {
    if (record.sidecar.status !== 'ok' || record.transcript === undefined) return Promise.resolve([]);
    const { sidecarPath, transcriptPath } = record;
    const { data, codePositions } = record.sidecar;
    return this.ask({ id: this.nextId++, kind: 'anchors', sidecarPath, transcriptPath, codes: data.codes, codePositions, bodies: joinBodies(record.transcript.bodies) });
  }

  /** An open transcript's deferred re-anchoring (CodingSession.pendingReanchor) on its live text. */
  reanchor(text: string, codes: ReanchorInput[]): Promise<AnchorResult[]> {
    return this.ask({ id: this.nextId++, kind: 'reanchor', text, codes });
  }

  /** Re-anchoring of a record's codes on its line bodies, for the placements the sidebar counts (core/on-text.ts). */
  place(bodies: readonly string[], codes: ReanchorInput[]): Promise<AnchorResult[]> {
    return this.ask({ id: this.nextId++, kind: 'place', bodies: joinBodies(bodies), codes });
  }

  /**
   * One request at a time goes to the worker; the rest wait here, in the order of
   * URGENCY: an editor waiting for its codes first, then the index's placements, the
   * Problems panel's, and the Transcripts view's figures last, so a long queue of
   * figures (a study read again) never delays what the user is looking at.
   */
  private ask<T>(request: StatsRequest): Promise<T> {
    const worker = this.start();
    if (worker === undefined) return inThisThread(request) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = { request, resolve: resolve as (answer: never) => void, reject };
      const later = this.queued.findIndex((queued) => URGENCY[queued.request.kind] > URGENCY[request.kind]);
      if (later >= 0) this.queued.splice(later, 0, entry);
      else this.queued.push(entry);
      // Copying a large request to the worker takes milliseconds: not in the asker's turn,
      // which has often just parsed the transcript or joined its bodies (issue 19, item 1).
      nextTurn(() => this.pump());
    });
  }

  private pump(): void {
    const worker = this.worker;
    if (worker === undefined || this.waiting.size > 0) return;
    const next = this.queued.shift();
    if (next === undefined) return;
    this.waiting.set(next.request.id, next);
    worker.send(next.request);
  }

  private start(): StatsThread | undefined {
    if (this.worker !== undefined || this.isDisposed || this.failed || this.extensionPath === undefined || startStatsThread === undefined) return this.worker;
    let worker: StatsThread | undefined = undefined;
    // The thread failed to start or died: what it was asked is worked out here instead.
    const fail = () => {
      if (this.worker === worker) this.worker = undefined;
      if (!this.isDisposed) this.failed = true;
      const waiting = [...this.waiting.values(), ...this.queued];
      this.waiting.clear();
      this.queued.length = 0;
      for (const { request, resolve, reject } of waiting) {
        if (this.isDisposed) reject(new Error('the Transcripts view was closed'));
        else inThisThread(request).then(resolve as (answer: unknown) => void, reject);
      }
    };
    worker = startStatsThread(this.extensionPath, {
      answer: (message) => {
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.error === undefined) waiting?.resolve(message.answer as never);
        else waiting?.reject(new Error(message.error));
        this.pump();
      },
      failed: fail,
    });
    this.worker = worker;
    return worker;
  }

  override dispose(): void {
    super.dispose();
    this.worker?.terminate();
    this.worker = undefined;
  }
}

async function inThisThread(request: StatsRequest): Promise<unknown> {
  await new Promise<void>((resolve) => nextTurn(resolve));
  return answerStatsRequest(request);
}
