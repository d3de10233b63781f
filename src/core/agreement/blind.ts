/**
 * Blind double-coding, as recorded in a sidecar's attributes (issue 16): when a coder
 * marks a transcript done, the attribute `done-by-<coder>` says whether blind mode was on
 * (`blind 2025-03-01` or `not blind 2025-03-01`). One key per coder, so two coders'
 * branches change different keys and merge without a conflict.
 */
export interface BlindCodingRecord {
  /** Counted transcripts every named coder marked done while blind mode was on. */
  blind: string[];
  /** Counted transcripts with no blind record for at least one named coder. */
  notBlind: string[];
}

const DONE_PREFIX = 'done-by-';

/** The attribute key for a coder: their name lowercased, anything but letters, digits and '-' as '-'. */
export function doneAttributeKey(coder: string): string {
  const slug = coder
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return `${DONE_PREFIX}${slug === '' ? 'coder' : slug}`;
}

/** The attribute value: blind or not, and the day it was marked done (YYYY-MM-DD). */
export function doneAttributeValue(blind: boolean, day: string): string {
  return `${blind ? 'blind' : 'not blind'} ${day}`;
}

/** Whether the coder's done record says blind. */
function markedBlind(attributes: Readonly<Record<string, string>> | undefined, coder: string): boolean {
  const value = attributes?.[doneAttributeKey(coder)] ?? '';
  return /^blind\b/u.test(value.trim());
}

/** Per counted transcript: blind when every named coder marked it done in blind mode. */
export function blindCodingRecord(
  transcripts: ReadonlyArray<{ file: string; attributes?: Readonly<Record<string, string>> }>,
  coders: ReadonlyArray<string>,
): BlindCodingRecord {
  const blind: string[] = [];
  const notBlind: string[] = [];
  for (const transcript of transcripts) {
    (coders.every((coder) => markedBlind(transcript.attributes, coder)) ? blind : notBlind).push(transcript.file);
  }
  return { blind, notBlind };
}

/** One sentence on blind coding, for every rendering. */
export function blindCodingSentence(record: BlindCodingRecord): string {
  const total = record.blind.length + record.notBlind.length;
  if (total === 0) return 'Blind coding: no transcript counted.';
  if (record.notBlind.length === 0) return `Blind coding: all ${total} counted transcripts were marked done by every coder in blind mode.`;
  return (
    `Blind coding: ${record.blind.length} of ${total} counted transcripts were marked done by every coder in blind mode; ` +
    `not recorded as blind: ${record.notBlind.join(', ')}.`
  );
}
