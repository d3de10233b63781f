/** Recordings linked to transcripts (issue 17): the `media:` link, where each line is in the recording and back, and what is wrong with the timestamps. */
export { importedRecordingLink, MEDIA_ATTRIBUTE, MEDIA_EXTENSIONS, mediaFormatName, mediaKindOf, mediaLinkOf, type MediaLink, recordingBeside, relativeMediaPath, resolveMediaPath } from './link';
export { clockOf, lineAtTime, mediaTimeline, segmentSpan, type Timeline, timeOfLine } from './timeline';
export { mediaLineIn, mediaLinkProblem, mediaMissingProblem } from './link-problems';
