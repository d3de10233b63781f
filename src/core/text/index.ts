/** text: the public face of src/core/text; modules outside it import from here. */
export { escapeHtml, escapeMarkdown, terminalSafe } from './escape';
export { type Label, labelTexts, resolveLabel } from './labels';
