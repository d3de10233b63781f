/** transcript: the public face of src/core/transcript; modules outside it import from here. */
export { decodeText, type TextEncodingName } from './encoding';
export { isSpeakerName } from './lines';
export { collapseWhitespace, QUOTE_MAX_CHARS, quoteOfLines } from './quote';
export { frontMatterLastLine, lineBodies, lineBodyOf, parseLine, parseTranscript, type Transcript } from './transcript';
