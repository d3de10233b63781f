/** Transcripts (DESIGN §3): decoding bytes in any encoding, lines with speakers and timestamps, front matter, and the quote of a range of lines. */
export { decodeText, type TextEncodingName } from './encoding';
export { isSpeakerName } from './lines';
export { collapseWhitespace, QUOTE_MAX_CHARS, quoteOfLines } from './quote';
export { frontMatterLastLine, lineBodies, lineBodyOf, parseLine, parseTranscript, type Transcript } from './transcript';
