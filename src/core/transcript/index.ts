/** Transcripts (DESIGN §3): decoding bytes in any encoding, lines with speakers and timestamps, front matter, and the quote of a range of lines. */
export { decodeText, type TextEncodingName } from './encoding';
export { isSpeakerName } from './lines';
export { collapsedPrefix, collapseWhitespace, QUOTE_MAX_CHARS, QUOTE_READS_CHARS, quoteOfLines, startsLike } from './quote';
export { frontMatterLastLine, lineBodies, lineBodyOf, parseLine, parseTranscript, parseTranscriptInSteps, type Transcript } from './transcript';
