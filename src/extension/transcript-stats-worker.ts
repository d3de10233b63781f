/**
 * The worker thread of the Transcripts view (issue 19, item 1): decoding, parsing and
 * re-anchoring every transcript of a study is the longest work the extension does while
 * it indexes, and one large or hostile transcript can take seconds. Here it cannot freeze
 * the editor: the extension host's main thread only sends bytes and codes and receives the
 * figures (sidebar/stats-worker.ts). Bundled on its own as dist/transcript-stats-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import type { CodeEntry } from '../core/sidecar-model';
import { computeTranscriptStats } from './sidebar/transcript-stats';

export interface StatsRequest {
  id: number;
  bytes: Uint8Array;
  transcriptPath: string;
  codes: CodeEntry[];
}

parentPort?.on('message', (request: StatsRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, stats: computeTranscriptStats(request.bytes, request.transcriptPath, request.codes) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
