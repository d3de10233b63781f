/** follow: the public face of src/core/follow; modules outside it import from here. */
export { reanchorRecord } from './reanchor-study';
export { planStudyRelinks } from './relink-study';
export { describeRelink, relinkedSidecarText, type RelinkMatch } from './relink';
export { acceptedPlacements, type PlannedMove, planReanchor } from './repair-plan';
export { type FileMove, planSidecarFollows, sidecarTextAfterMove } from './sidecar-follow';
export { normalizeStudyPath } from './study-path';
