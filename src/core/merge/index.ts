/** Merging sidecars by code id, and resolving what a merge left (issue 8, docs/merging.md). */
export { mergeSidecars, recordedConflicts, type SidecarMerge } from './merge-sidecars';
export { mergeSidecarData, type DataMerge, type SideData } from './merge-data';
export { splitConflictMarkers, type MarkerSplit } from './conflict-markers';
export { resolveConflictMarkers, takeSide, type MarkerResolution, type SideTaken } from './resolve';
export { CONFLICT_KEY, readConflictRecords, writeConflictRecords, type ReadRecords, type RecordPositions } from './conflict-record';
export { conflictProblems } from './diagnostics';
export { conflictsOf } from './conflict-list';
export * from './model';
