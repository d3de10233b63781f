/** dist/team.js (see ../lazy.ts): agreement between coders, merging sidecars. */
export {
  agreedSettlement,
  agreementInput,
  checkReviewCoders,
  codersOf,
  computeAgreement,
  doneAttributeKey,
  doneAttributeValue,
  formatAgreementMarkdown,
  listDisagreements,
  settleItem,
} from '../../core/agreement';
export { resolveConflictMarkers, takeSide } from '../../core/merge';
