/** Keeping codes on their lines: live while editing, and after outside changes. See docs/anchoring.md. */
export { LiveAnchors, type LineRange, type LiveCodeInput, type TextEdit, type TrackedCode } from './edits';
export {
  DEFAULT_FUZZY_THRESHOLD,
  ORPHAN_REASONS,
  reanchor,
  sitsOnQuote,
  type AnchorResult,
  type AnchorStatus,
  type AnchoredCode,
  type ReanchorOptions,
} from './reanchor';
export { diceSimilarity, normalizeForSimilarity, quoteSimilarity } from './similarity';
