/** sidecar: the public face of src/core/sidecar; modules outside it import from here. */
export { layoutItems, layoutMap, simpleItems, simplePairs, TextLines } from './layout';
export {
  ATTRIBUTE_ORDER,
  CODE_KEY_ORDER,
  type CodeEntry,
  compareCodes,
  SIDECAR_SUFFIX,
  type SidecarData,
  sidecarPathFor,
  SOURCE_TYPES,
  type SourcePosition,
  transcriptPathFor,
} from './model';
export { parseSidecar, type SidecarParse, type SidecarParseOk } from './parse';
export { CODE_ID_PATTERN } from './read-codes';
export { indentLines, renderNodePair, renderValue } from './render';
export { emptySidecar, newCodeId } from './sidecar';
export { serializeSidecar, sidecarDataEqual } from './write';
export { normalizeSidecarText, parseSidecarYaml } from './yaml-nodes';
