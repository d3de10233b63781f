/** Small text helpers every subject uses: Markdown escaping and link neutralising, multilingual labels, seeded randomness for ids and tests. */
export { escapeHtml, escapeMarkdown, terminalSafe } from './escape';
export { type Label, labelTexts, resolveLabel } from './labels';
