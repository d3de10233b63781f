/** Merging sidecars by code id, and resolving what a merge left (issue 8, docs/merging.md). */
export { splitConflictMarkers } from './conflict-markers';
export { readConflictRecords } from './conflict-record';
export { conflictProblems } from './diagnostics';
export { mergeSidecars, recordedConflicts, type SidecarMerge } from './merge-sidecars';
export { describeConflict, type MergeConflict, type Side, stableJson } from './model';
export { resolveConflictMarkers, takeSide } from './resolve';
