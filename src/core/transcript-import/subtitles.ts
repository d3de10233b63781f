/**
 * WebVTT and SRT captions, as Zoom, Microsoft Teams and Whisper write them, as a
 * transcript with one line per speaker turn: `[hh:mm:ss] Speaker: text`, the time being
 * where the turn starts. Consecutive cues of the same speaker are one turn.
 *
 * How each tool names speakers:
 * - Teams: `<v Budi Santoso>Selamat pagi</v>` (WebVTT voice spans);
 * - Zoom: `Budi Santoso: Selamat pagi` at the start of each cue;
 * - Whisper: no speakers, so each cue is its own line (merging would make the whole
 *   recording one line, which no one can code); WhisperX-style diarization writes
 *   `[SPEAKER_00]: text`, kept as the speaker "Speaker 00" so the label reads as one.
 * - noScribe: `<v S01>` voices.
 *
 * The cues are read by subtitle-cues.ts (the W3C WebVTT parser); karaoke, rolling and
 * word-level cues are made back into sentences by subtitle-repeats.ts.
 */
import { isSpeakerName } from '../transcript';
import { readCues, SubtitleError, type Cue, type CuePart, type SubtitleFormat } from './subtitle-cues';
import { dropRepeats, isWordLevel, sentencesOf } from './subtitle-repeats';

export { SubtitleError, type SubtitleFormat } from './subtitle-cues';

export function subtitlesToText(source: string, format: SubtitleFormat, file: string): { text: string; notices: string[] } {
  const read = readCues(source, format, file);
  if (read.cues.length === 0) {
    const why = read.notices.length > 0 ? ` (${read.notices.join('; ')})` : '';
    throw new SubtitleError(`${file}: no cues found; is it a ${format === 'vtt' ? 'WebVTT' : 'SRT'} file?${why}`);
  }
  const notices = [...read.notices];
  const diarized = read.cues.map((cue) => ({ ...cue, parts: cue.parts.map(diarizedSpeaker) }));
  const unrepeated = dropRepeats(diarized, file);
  notices.push(...unrepeated.notices);
  let cues = unrepeated.cues;
  nameZoomSpeakers(cues);
  if (isWordLevel(cues)) {
    const sentences = sentencesOf(cues);
    if (sentences.length < cues.length) notices.push(`${file}: ${cues.length} cues of one word each joined into ${sentences.length} sentences`);
    cues = sentences;
  }
  return { text: turnsText(cues), notices };
}

const DIARIZED = /^\[?SPEAKER[_ ](\d+)\]?:?\s*/iu;

function diarizedSpeaker(part: CuePart): CuePart {
  const match = part.speaker === undefined ? DIARIZED.exec(part.text) : null;
  if (match === null) return part;
  return { speaker: `Speaker ${match[1] ?? ''}`, text: part.text.slice(match[0].length) };
}

/**
 * Zoom writes "Name: text". A prefix is taken for a name when it reads as one, or when it
 * begins at least two cues and looks like a name (short, no sentence punctuation) —
 * Zoom shows display names such as "budi.s" or "iPhone Dinas" as typed.
 */
function nameZoomSpeakers(cues: Cue[]): void {
  const PREFIX = /^([^:]{1,40}):\s+(.+)$/su;
  const counts = new Map<string, number>();
  for (const cue of cues) {
    for (const part of cue.parts) {
      const match = part.speaker === undefined ? PREFIX.exec(part.text) : null;
      if (match !== null) counts.set(match[1] ?? '', (counts.get(match[1] ?? '') ?? 0) + 1);
    }
  }
  const isName = (name: string): boolean =>
    isSpeakerName(name) || ((counts.get(name) ?? 0) >= 2 && !/[?!;,]|\.$/u.test(name) && name.trim().split(/\s+/u).length <= 5 && !/^\d/u.test(name));
  for (const cue of cues) {
    cue.parts = cue.parts.map((part) => {
      const match = part.speaker === undefined ? PREFIX.exec(part.text) : null;
      const name = match?.[1]?.trim();
      return match !== null && name !== undefined && isName(match[1] ?? '') ? { speaker: name, text: (match[2] ?? '').trim() } : part;
    });
  }
}

function turnsText(cues: readonly Cue[]): string {
  const lines: string[] = [];
  let current: { start: number; speaker?: string; texts: string[] } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const label = current.speaker === undefined ? '' : `${current.speaker}: `;
    lines.push(`[${clock(current.start)}] ${label}${current.texts.join(' ')}`);
    current = undefined;
  };
  for (const cue of cues) {
    for (const part of cue.parts) {
      if (current !== undefined && part.speaker !== undefined && current.speaker === part.speaker) {
        current.texts.push(part.text);
        continue;
      }
      flush();
      current = part.speaker === undefined ? { start: cue.start, texts: [part.text] } : { start: cue.start, speaker: part.speaker, texts: [part.text] };
    }
  }
  flush();
  return lines.join('\n') + '\n';
}

function clock(time: number): string {
  const totalSeconds = Math.floor(time);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const secs = totalSeconds % 60;
  return [hours, minutes, secs].map((value) => String(value).padStart(2, '0')).join(':');
}
