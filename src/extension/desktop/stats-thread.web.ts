/**
 * Web twin of stats-thread.ts: VS Code's web worker extension host is itself a worker
 * and offers no way to start another from an extension's bundle, so the re-anchoring
 * runs in the extension's own worker, a transcript at a time with a turn in between
 * (sidebar/stats-worker.ts). The editor's UI thread is never the one doing it.
 */
import type { StatsThread, StatsThreadEvents } from './ports';

export const startStatsThread: ((extensionPath: string, events: StatsThreadEvents) => StatsThread) | undefined = undefined;
