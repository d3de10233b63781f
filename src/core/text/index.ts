/** Small text helpers every subject uses: git's conflict-marker rule, Markdown escaping and link neutralising, case and accent folding, multilingual labels, seeded randomness for ids and tests. */
export { type ConflictMarker, conflictMarkerLines, conflictMarkerOf, containsConflictMarker } from './conflict-markers';
export { escapeHtml, escapeMarkdown, terminalSafe } from './escape';
export { foldForSearch, needsFolding, sameFolded } from './fold';
export { type Label, labelTexts, resolveLabel } from './labels';
