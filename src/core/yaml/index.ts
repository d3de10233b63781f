/** yaml: the public face of src/core/yaml; modules outside it import from here. */
export { formatChars, lineNestingPast, yamlBoundsProblem } from './bounds';
export {
  aliasesStayBounded,
  checkNodes,
  conflictMarkerProblems,
  dedupe,
  describeNode,
  type Field,
  isEmpty,
  lineOf,
  type Reader,
  readFields,
  report,
  reportAt,
  resolveNode,
  scalarText,
} from './reading';
