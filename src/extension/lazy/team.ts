/** dist/team.js (see ../lazy.ts): agreement between coders, merging, git's merge driver. */
export { agreementInput, codersOf, computeAgreement, doneAttributeKey, doneAttributeValue, formatAgreementMarkdown } from '../../core/agreement';
export { resolveConflictMarkers, takeSide } from '../../core/merge';
export { setUpMergeDriver } from '../../node/git-setup';
