/** text: the public face of src/core/text; modules outside it import from here. */
export { type ConflictMarker, conflictMarkerLines, conflictMarkerOf, containsConflictMarker } from './conflict-markers';
export { escapeHtml, escapeMarkdown, terminalSafe } from './escape';
export { type Label, labelTexts, resolveLabel } from './labels';
