/**
 * Lines of a transcript against the time of its recording (issue 17). A line with a
 * timestamp (`[00:12:34]`, or a caption cue's start as the importer writes it) is at
 * that time; the spoken lines between two timestamps are spread evenly between them
 * (interpolated by line, blank lines not counted). Before the first timestamp the lines
 * run from 0 s; after the last, to the end of the recording when its length is known.
 * Timestamps that go backwards or past the end are not used (see mediaTimeline's problems).
 */
import { problem, type Problem } from '../problems';
import type { Transcript } from '../transcript';

interface Anchor {
  /** Index into `spoken`. */
  index: number;
  seconds: number;
}

export interface Timeline {
  /** Line numbers (1-based) of the lines that are spoken text: not front matter, not blank. */
  readonly spoken: readonly number[];
  /** Times the lines are interpolated between, in order of index and of time. */
  readonly anchors: readonly Anchor[];
  /** Seconds of each spoken line, non-decreasing. */
  readonly times: readonly number[];
  /** Whether any line carries a timestamp that is used. */
  readonly stamped: boolean;
}

export interface TimelineOptions {
  /** The recording's length in seconds, when known (the player reports it). */
  duration?: number;
  /** For messages: the transcript and the recording, as the user names them. */
  file: string;
  media: string;
}

/** The timeline of a transcript, and what is wrong with its timestamps (warnings on their lines). */
export function mediaTimeline(transcript: Transcript, options: TimelineOptions): { timeline: Timeline; problems: Problem[] } {
  const problems: Problem[] = [];
  const duration = options.duration !== undefined && Number.isFinite(options.duration) && options.duration > 0 ? options.duration : undefined;
  const spoken: number[] = [];
  const anchors: Anchor[] = [];
  let last: { line: number; seconds: number; text: string } | undefined;
  // Timestamps past the end mostly have one cause (the wrong recording, or a shorter one):
  // one warning, on the first of them, counting the rest.
  const pastEnd: Array<{ line: number; column: number; text: string }> = [];
  for (const line of transcript.lines) {
    if (line.kind === 'front-matter' || line.kind === 'blank') continue;
    spoken.push(line.number);
    const stamp = line.timestamp;
    if (stamp === undefined) continue;
    const column = stamp.span.start + 1;
    if (last !== undefined && stamp.seconds < last.seconds) {
      problems.push(
        problem('media-timestamp-order', options.file, line.number, column, 'warning',
          `timestamp ${stamp.text} is earlier than ${last.text} on line ${last.line}: timestamps go backwards, so this one is not used to find lines in ${options.media}; correct one of them`),
      );
      continue;
    }
    if (duration !== undefined && stamp.seconds > duration) {
      pastEnd.push({ line: line.number, column, text: stamp.text });
      continue;
    }
    anchors.push({ index: spoken.length - 1, seconds: stamp.seconds });
    last = { line: line.number, seconds: stamp.seconds, text: stamp.text };
  }
  const first = pastEnd[0];
  if (first !== undefined && duration !== undefined) {
    const others = pastEnd.length - 1;
    const more = others === 0 ? '' : others === 1 ? `, and so is the one on line ${pastEnd[1]?.line}` : `, and so are ${others} more after it (lines ${pastEnd[1]?.line}–${pastEnd[pastEnd.length - 1]?.line})`;
    problems.push(
      problem('media-timestamp-past-end', options.file, first.line, first.column, 'warning',
        `timestamp ${first.text} is past the end of ${options.media} (${clockOf(duration)} long)${more}: is it the right recording, or the wrong time?`),
    );
  }
  const stamped = anchors.length > 0;
  if (!stamped && spoken.length > 0) {
    problems.push(
      problem('media-no-timestamps', options.file, spoken[0] ?? 1, 1, 'warning',
        duration === undefined
          ? `no timestamps such as [00:12:34] at the start of lines: lines cannot be matched to ${options.media}, so playing starts at the beginning`
          : `no timestamps such as [00:12:34] at the start of lines: where each line is in ${options.media} is only estimated, by spreading the lines evenly over its ${clockOf(duration)}`),
    );
  }
  return { timeline: { spoken, anchors, times: interpolate(spoken.length, anchors, duration), stamped }, problems };
}

function interpolate(count: number, anchors: readonly Anchor[], duration: number | undefined): number[] {
  if (count === 0) return [];
  const first = anchors[0];
  const ends: Anchor[] = first === undefined || first.index > 0 ? [{ index: 0, seconds: 0 }] : [];
  ends.push(...anchors);
  const lastAnchor = ends[ends.length - 1] as Anchor;
  // Past the last anchor, the lines reach the end of the recording (a virtual line after the last).
  if (duration !== undefined && duration > lastAnchor.seconds) ends.push({ index: count, seconds: duration });
  const times = new Array<number>(count);
  for (let k = 0; k < ends.length; k++) {
    const from = ends[k] as Anchor;
    const to = ends[k + 1];
    const stop = to === undefined ? count : Math.min(to.index, count);
    for (let index = from.index; index < stop; index++) {
      times[index] = to === undefined ? from.seconds : from.seconds + ((to.seconds - from.seconds) * (index - from.index)) / (to.index - from.index);
    }
  }
  return times;
}

/** Index into `spoken` of a line: the line itself, else the next spoken line below, else the last above. */
function spokenIndexOf(timeline: Timeline, line: number): number | undefined {
  const { spoken } = timeline;
  if (spoken.length === 0) return undefined;
  let low = 0;
  let high = spoken.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spoken[middle] as number) < line) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, spoken.length - 1);
}

/** Where a line is in the recording, in seconds; undefined for a transcript without spoken lines. */
export function timeOfLine(timeline: Timeline, line: number): number | undefined {
  const index = spokenIndexOf(timeline, line);
  return index === undefined ? undefined : timeline.times[index];
}

/** The line being spoken at `seconds`: the last spoken line whose time is not after it (the first line before any). */
export function lineAtTime(timeline: Timeline, seconds: number): number | undefined {
  const { spoken, times } = timeline;
  if (spoken.length === 0) return undefined;
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] as number) <= seconds) low = middle + 1;
    else high = middle;
  }
  return spoken[Math.max(0, low - 1)];
}

/**
 * The span of a coded segment (lines first–last): from the first line's time to the time
 * of the next spoken line after the last (undefined end: to the end of the recording).
 */
export function segmentSpan(timeline: Timeline, first: number, last: number): { start: number; end?: number } | undefined {
  const start = timeOfLine(timeline, first);
  if (start === undefined) return undefined;
  const lastIndex = spokenIndexOf(timeline, last);
  const after = lastIndex === undefined ? undefined : (timeline.spoken[lastIndex] as number) <= last ? timeline.times[lastIndex + 1] : timeline.times[lastIndex];
  return after !== undefined && after > start ? { start, end: after } : { start };
}

/** `h:mm:ss` or `m:ss`, as a player shows a time. */
export function clockOf(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
