/**
 * The transcript of an audio or video source as a timestamped transcript: REFI-QDA ties
 * positions in its text to moments of the media with SyncPoints (§12); here each line
 * that holds a sync point starts with that moment, `[hh:mm:ss]`, the convention the
 * transcript grammar reads. Positions after an inserted timestamp move with the text.
 */
import type { QdeSyncPoint } from './read-extras';
import { layoutLines } from './text-positions';

export interface StampedTranscript {
  text: string;
  /** A code point position of the original text in the stamped text. A start at a line's beginning stays before its timestamp. */
  map(position: number): number;
}

export function timestampTranscript(text: string, syncPoints: readonly QdeSyncPoint[]): StampedTranscript {
  const layout = layoutLines(text);
  const points = [...syncPoints].filter((point) => point.position >= 0).sort((a, b) => a.position - b.position || a.timeStamp - b.timeStamp);
  const insertions: Array<{ at: number; length: number }> = [];
  const lines = layout.map((line, index) => {
    const next = layout[index + 1]?.start ?? Number.POSITIVE_INFINITY;
    const point = points.find((candidate) => candidate.position >= line.start && candidate.position < next);
    if (point === undefined || line.text.trim() === '' || /^\s*\[\d{1,2}:\d{2}/u.test(line.text)) return line.text;
    const stamp = `[${clock(point.timeStamp)}] `;
    insertions.push({ at: line.start, length: stamp.length });
    return stamp + line.text;
  });
  const stamped = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  // Line breaks become LF: count how many code points each CR LF loses before a position.
  const crlfBefore = crlfStarts(text);
  return {
    text: stamped,
    map(position) {
      let shift = 0;
      for (const insertion of insertions) if (insertion.at < position) shift += insertion.length;
      const lost = crlfBefore.filter((at) => at < position - 1).length;
      return position + shift - lost;
    },
  };
}

function crlfStarts(text: string): number[] {
  const starts: number[] = [];
  let points = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit === 13 && text.charCodeAt(index + 1) === 10) starts.push(points);
    if (!(unit >= 0xdc00 && unit <= 0xdfff && index > 0)) points++;
  }
  return starts;
}

function clock(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
