/** Co-occurrence (issue 18): lines and overlapping segments shared by pairs of dimensions, indicators or factors, per agency and for the study; its terminal table and JSON. */
export { computeCooccurrence, type Cooccurrence, type CooccurrenceTable, pairOf } from './cooccurrence';
export { cooccurrenceToJson, formatCooccurrenceTable, pairsByWeight } from './cooccurrence-output';
export { COOCCURRENCE_LEVELS, type CooccurrenceLevel } from './units';
