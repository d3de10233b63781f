/** A transcript as the study index holds it: its own module, since both study.ts and the parse cache name it. */
import type { TextEncodingName, Transcript } from '../transcript';

export interface LoadedTranscript {
  transcript: Transcript;
  /** Line bodies (text after speaker label and timestamp), index 0 = line 1. */
  bodies: string[];
  encoding: TextEncodingName;
}
