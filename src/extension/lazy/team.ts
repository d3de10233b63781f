/** dist/team.js (see ../lazy.ts): agreement between coders, merging, git's merge driver. */
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
export { mergeDriver } from '../desktop/merge-driver';
