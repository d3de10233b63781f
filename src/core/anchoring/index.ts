/** Keeping codes on their lines: live while editing, and after outside changes. See docs/anchoring.md. */
export { LiveAnchors, type TextEdit, type TrackedCode } from './edits';
export {
  type AnchoredCode,
  type AnchorResult,
  type AnchorStatus,
  DEFAULT_FUZZY_THRESHOLD,
  ORPHAN_REASONS,
  reanchor,
  sitsOnQuote,
} from './reanchor';
export { diceSimilarity, quoteSimilarity } from './similarity';
