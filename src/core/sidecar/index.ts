/** Sidecars — `<transcript>.codes.yaml` (DESIGN §3): the model, reading with problems at file:line:column, the fast reader and writer of the canonical layout, and writing that keeps the user's comments and layout. */
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
export { hasConflictMarkers, parseSidecar, type SidecarParse, type SidecarParseOk } from './parse';
export { CODE_ID_PATTERN, CODE_PATH_PATTERN, POLARITY_PATTERN } from './read-codes';
export { indentLines, renderNodePair, renderValue } from './render';
export { emptySidecar, newCodeEntry, newCodeId, type NewCodeFields, sidecarChanged } from './create';
export { serializeSidecar, sidecarDataEqual } from './write';
export { normalizeSidecarText, parseSidecarYaml } from './yaml-nodes';
