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
 */
import { collapseWhitespace } from '../quote';
import { isSpeakerName } from '../transcript-line';

export type SubtitleFormat = 'vtt' | 'srt';

interface Cue {
  start: number;
  parts: Array<{ speaker?: string; text: string }>;
}

export class SubtitleError extends Error {}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)/u;

export function subtitlesToText(source: string, format: SubtitleFormat, file: string): { text: string; notices: string[] } {
  const text = source.replace(/^\ufeff/u, '').replace(/\r\n?/gu, '\n');
  if (format === 'vtt' && !/^WEBVTT(?:[ \t\n]|$)/u.test(text)) {
    throw new SubtitleError(`${file}:1:1: a WebVTT file starts with "WEBVTT"; this one does not`);
  }
  const cues: Cue[] = [];
  const notices: string[] = [];
  let lineNumber = 1;
  for (const block of text.split(/\n[ \t]*\n/u)) {
    const blockStart = lineNumber;
    lineNumber += block.split('\n').length + 1;
    const lines = block.split('\n');
    const timingIndex = lines.findIndex((line) => line.includes('-->'));
    if (timingIndex < 0) continue; // header, NOTE, STYLE, REGION, or a stray index
    const timing = TIMING.exec(lines[timingIndex] ?? '');
    if (timing === null) {
      notices.push(`${file}:${blockStart + timingIndex}: cue timing "${(lines[timingIndex] ?? '').trim()}" not understood; cue left out`);
      continue;
    }
    const payload = lines.slice(timingIndex + 1).join('\n');
    const parts = cueParts(payload);
    if (parts.length > 0) cues.push({ start: seconds(timing[1] ?? '0:00'), parts });
  }
  if (cues.length === 0) throw new SubtitleError(`${file}: no cues found; is it a ${format === 'vtt' ? 'WebVTT' : 'SRT'} file?`);
  nameZoomSpeakers(cues);
  return { text: turnsText(cues), notices };
}

/** The cue's text split by voice: Teams may put two voices in one cue. */
function cueParts(payload: string): Array<{ speaker?: string; text: string }> {
  const parts: Array<{ speaker?: string; text: string }> = [];
  const voice = /<v(?:\.[^\s>]*)*[ \t]+([^>]*)>/gu;
  let match: RegExpExecArray | null;
  let last = 0;
  let speaker: string | undefined;
  const push = (raw: string): void => {
    const text = collapseWhitespace(decodeEntities(raw.replace(/<[^>]*>/gu, ' ')));
    if (text !== '') parts.push(speaker === undefined ? { text } : { speaker, text });
  };
  while ((match = voice.exec(payload)) !== null) {
    push(payload.slice(last, match.index));
    speaker = collapseWhitespace(decodeEntities(match[1] ?? '')) || undefined;
    last = match.index + match[0].length;
  }
  push(payload.slice(last));
  return parts.map(diarizedSpeaker);
}

const DIARIZED = /^\[?SPEAKER[_ ](\d+)\]?:?\s*/iu;

function diarizedSpeaker(part: { speaker?: string; text: string }): { speaker?: string; text: string } {
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

function seconds(time: string): number {
  const [clockPart = '0'] = time.replace(',', '.').split('.');
  return clockPart.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function clock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const secs = totalSeconds % 60;
  return [hours, minutes, secs].map((value) => String(value).padStart(2, '0')).join(':');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
