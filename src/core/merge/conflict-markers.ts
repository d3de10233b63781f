/**
 * Git's conflict markers, as a merge without the sidecar driver leaves them:
 *
 *     <<<<<<< ours-label
 *     (ours)
 *     ||||||| base-label        only with merge.conflictStyle diff3 or zdiff3
 *     (base)
 *     =======
 *     (theirs)
 *     >>>>>>> theirs-label
 *
 * Lines outside the regions are common to all three. Splitting gives the whole text of
 * each side, which the sidecar merge then merges by code id. A lone `\r` is a line break
 * here, as in the sidecar reader.
 */
import { conflictMarkerOf, type ConflictMarker } from '../text';

/** Which marker is which (what a marker line is: the one rule in core/text). */
const KIND_OF_MARKER: Record<ConflictMarker, 'open' | 'base' | 'separator' | 'close'> = {
  '<<<<<<<': 'open',
  '|||||||': 'base',
  '=======': 'separator',
  '>>>>>>>': 'close',
};

export type MarkerSplit =
  | {
      status: 'split';
      ours: string;
      theirs: string;
      /** The base text when every region has a base section (diff3 style); else undefined. */
      base: string | undefined;
      /** How many conflict regions there were. */
      regions: number;
    }
  | { status: 'none' }
  | { status: 'malformed'; line: number; message: string };

export function splitConflictMarkers(rawText: string): MarkerSplit {
  const text = (rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText).replace(/\r\n?/gu, '\n');
  const lines = text.split('\n');
  const endsWithBreak = lines[lines.length - 1] === '';
  if (endsWithBreak) lines.pop();

  const ours: string[] = [];
  const theirs: string[] = [];
  const base: string[] = [];
  let state: 'common' | 'ours' | 'base' | 'theirs' = 'common';
  let regions = 0;
  let everyRegionHasBase = true;
  let regionHasBase = false;
  let openedAt = 0;
  const malformed = (index: number, message: string): MarkerSplit => ({ status: 'malformed', line: index + 1, message });

  for (const [index, line] of lines.entries()) {
    const marker = conflictMarkerOf(line);
    const kind = marker === undefined ? 'text' : KIND_OF_MARKER[marker];
    if (kind === 'text') {
      if (state === 'common' || state === 'ours') ours.push(line);
      if (state === 'common' || state === 'theirs') theirs.push(line);
      if (state === 'common' || state === 'base') base.push(line);
      continue;
    }
    if (state === 'common' && kind === 'open') {
      state = 'ours';
      regions++;
      regionHasBase = false;
      openedAt = index;
    } else if (state === 'ours' && kind === 'base') {
      state = 'base';
      regionHasBase = true;
    } else if ((state === 'ours' || state === 'base') && kind === 'separator') {
      state = 'theirs';
    } else if (state === 'theirs' && kind === 'close') {
      state = 'common';
      if (!regionHasBase) everyRegionHasBase = false;
    } else {
      return malformed(index, `unexpected conflict marker "${line.slice(0, 7)}" here (the region opened at line ${openedAt + 1})`);
    }
  }
  if (state !== 'common') return malformed(openedAt, 'this conflict region is never closed with ">>>>>>>"');
  if (regions === 0) return { status: 'none' };
  const join = (part: string[]) => (part.length === 0 ? '' : part.join('\n') + (endsWithBreak ? '\n' : ''));
  return { status: 'split', ours: join(ours), theirs: join(theirs), base: everyRegionHasBase ? join(base) : undefined, regions };
}
