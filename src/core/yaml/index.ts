/** One reader of YAML with positions for the files users write (codebook, sidecars, memos): node helpers, and the bounds checked before the parser runs. */
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
