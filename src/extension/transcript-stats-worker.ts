/**
 * The worker thread of the study's re-anchoring (issue 19, item 1): re-anchoring every
 * transcript of a study — for the Transcripts view's figures and for the Problems panel —
 * is the longest work the extension does while it indexes, and one large or hostile
 * transcript can take seconds. Here it cannot freeze the editor: the extension host's main
 * thread only sends bytes or line bodies and codes, and receives figures or problems
 * (sidebar/stats-worker.ts). Bundled on its own as dist/transcript-stats-worker.js.
 */
import { parentPort } from 'node:worker_threads';
import { answerStatsRequest, type StatsRequest } from './sidebar/transcript-stats';

parentPort?.on('message', (request: StatsRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, answer: answerStatsRequest(request) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
