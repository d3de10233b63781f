/**
 * Desktop adapter (web twin: stats-thread.web.ts): the Transcripts view's re-anchoring in a
 * Node worker thread running dist/transcript-stats-worker.js (issue 19, item 1).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatsThread, StatsThreadEvents } from './ports';

const WORKER_FILE = 'transcript-stats-worker.js';

/** Starts the thread from the bundles in `extensionPath`/dist; undefined where threads cannot be started. */
export const startStatsThread: ((extensionPath: string, events: StatsThreadEvents) => StatsThread) | undefined = (extensionPath, events) => {
  const worker = new Worker(path.join(extensionPath, 'dist', WORKER_FILE));
  // An idle worker must not keep the extension host alive.
  worker.unref();
  worker.on('message', events.answer);
  worker.on('error', events.failed);
  worker.on('exit', events.failed);
  return {
    send: (request) => worker.postMessage(request),
    terminate: () => void worker.terminate(),
  };
};
