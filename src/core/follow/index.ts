/** Codes follow their transcript when files change outside the editor: re-anchor a study, relink a sidecar whose transcript was renamed or moved, plan repairs (issue 12, docs/anchoring.md). */
export { reanchorRecord } from './reanchor-study';
export { planStudyRelinks } from './relink-study';
export { describeRelink, relinkedSidecarText, type RelinkMatch } from './relink';
export { acceptedPlacements, type PlannedMove, planReanchor } from './repair-plan';
export { type FileMove, planSidecarFollows, sidecarTextAfterMove } from './sidecar-follow';
export { normalizeStudyPath } from './study-path';
