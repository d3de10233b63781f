/**
 * Runs computeTranscriptStats in a worker thread (../transcript-stats-worker.ts), one
 * transcript at a time, so the extension host's main thread never waits on re-anchoring
 * a transcript (issue 19, item 1). Where no worker can be started, or it fails (no bundle
 * beside this one, a host without worker threads), the work runs here instead, after a
 * turn of the event loop so that other work gets in between transcripts.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CodeEntry } from '../../core/sidecar-model';
import type { StatsRequest } from '../transcript-stats-worker';
import { computeTranscriptStats, type TranscriptStats } from './transcript-stats';

const WORKER_FILE = 'transcript-stats-worker.js';

interface Waiting {
  request: StatsRequest;
  resolve: (stats: TranscriptStats) => void;
  reject: (error: Error) => void;
}

export class TranscriptStatsWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private disposed = false;
  /** The worker could not start or stopped: from then on the work runs in this thread. */
  private failed = false;

  /** `folder`: where the bundles are (dist/); undefined: work in this thread. */
  constructor(private readonly folder: string | undefined) {}

  /** Whether the work runs off the main thread (tests and the bench report it). */
  get offMainThread(): boolean {
    return this.folder !== undefined && !this.failed;
  }

  compute(bytes: Uint8Array, transcriptPath: string, codes: readonly CodeEntry[]): Promise<TranscriptStats> {
    const worker = this.start();
    if (worker === undefined) return inThisThread(bytes, transcriptPath, codes);
    const id = this.nextId++;
    const request: StatsRequest = { id, bytes, transcriptPath, codes: [...codes] };
    return new Promise<TranscriptStats>((resolve, reject) => {
      this.waiting.set(id, { request, resolve, reject });
      worker.postMessage(request);
    });
  }

  private start(): Worker | undefined {
    if (this.worker !== undefined || this.disposed || this.failed || this.folder === undefined) return this.worker;
    const worker = new Worker(path.join(this.folder, WORKER_FILE));
    // An idle worker must not keep the extension host alive.
    worker.unref();
    worker.on('message', (answer: { id: number; stats?: TranscriptStats; error?: string }) => {
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.stats !== undefined) waiting?.resolve(answer.stats);
      else waiting?.reject(new Error(answer.error ?? 'the transcript could not be read'));
    });
    // The worker failed to start or died: what it was asked is worked out here instead.
    const fail = () => {
      if (this.worker === worker) this.worker = undefined;
      if (!this.disposed) this.failed = true;
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const { request, resolve, reject } of waiting) {
        if (this.disposed) reject(new Error('the Transcripts view was closed'));
        else inThisThread(request.bytes, request.transcriptPath, request.codes).then(resolve, reject);
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

async function inThisThread(bytes: Uint8Array, transcriptPath: string, codes: readonly CodeEntry[]): Promise<TranscriptStats> {
  await new Promise((resolve) => setImmediate(resolve));
  return computeTranscriptStats(bytes, transcriptPath, codes);
}
