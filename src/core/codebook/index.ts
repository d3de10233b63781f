/** The codebook (DESIGN §3): frameworks, dimensions and indicators; reading codebook.yaml with positions, the built-in templates, and the pure edits the sidebar makes. */
export { allCodePaths, codeLabel, dimensionPathOf, resolveCodePath } from './codebook';
export { codebookYaml } from './emit';
export { type CodebookEdit, CodebookEditError, editCodebook, isUnder } from './edits';
export {
  type Codebook,
  DEFAULT_POLARITIES,
  type Dimension,
  DIMENSION_PALETTE,
  type Framework,
  type Indicator,
  isValidId,
  type Polarity,
} from './model';
export { parseCodebook } from './reader';
export { codebookYamlFromTemplates, FRAMEWORK_TEMPLATES, templateIds } from './templates';
