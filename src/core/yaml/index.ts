/** yaml: the public face of src/core/yaml; modules outside it import from here. */
export { formatChars, lineNestingPast, yamlBoundsProblem } from './bounds';
export {
  aliasesStayBounded,
  checkNodes,
  conflictMarkerProblems,
  dedupe,
  describeValue,
  type Field,
  isEmpty,
  lineOf,
  type Reader,
  readFields,
  report,
  reportAt,
  resolveNode,
  textValue,
} from './reading';
export { anchorOffset, contentEnd, describeNode, findAnchorOrAlias, findPair, keyText, scalarText } from './nodes';
