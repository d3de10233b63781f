/** codebook: the public face of src/core/codebook; modules outside it import from here. */
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
