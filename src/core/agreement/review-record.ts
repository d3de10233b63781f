/**
 * The not-coded record of a disagreement review: the items the consensus coder settled as
 * "this stays uncoded", which a code cannot say. It lives in the sidecar attribute
 * `not-coded-by-<consensus>` (data contract v1: attributes are text, and `codes:` keeps
 * meaning coded passages, so no reader of v1 files counts a decision as a code).
 *
 * Each entry is `dimension first-last "quote"`, entries separated by commas, the quote a
 * JSON string (so a comma or a quotation mark in it is unambiguous):
 *
 *     not-coded-by-consensus: jones/interpretation 34-34 "Selama pengamatan tidak ada pegawai…"
 *
 * Like a code, an entry finds its lines again by its quote: the lines are where it was when
 * written, and the same re-anchoring that places codes after the transcript changed
 * (anchoring's `reanchor`: exact quote near the old lines, then anywhere, then
 * approximate) places the entry in the live text each time the review is computed. So an
 * edit above or below a settled item leaves it settled, while the lines it is about keep
 * their text. Files written before the quote was added (`dimension first-last` only) are
 * read as they were: such an entry holds at its lines.
 */
import { reanchor } from '../anchoring';
import { quoteOfLines } from '../transcript';
import { coderSlug } from './blind';

const NOT_CODED_PREFIX = 'not-coded-by-';

export interface NotCodedEntry {
  dimension: string;
  /** As written: where the entry was when recorded. */
  lines: [number, number];
  /** Absent in entries written before quotes were recorded. */
  quote?: string;
}

/** The sidecar attribute recording the items the consensus coder settled as uncoded. */
export function notCodedAttributeKey(consensus: string): string {
  return `${NOT_CODED_PREFIX}${coderSlug(consensus)}`;
}

const ENTRY = /\s*([^\s,"]+)\s+(\d+)-(\d+)(?:\s+("(?:[^"\\]|\\.)*"))?\s*(?:,|$)/y;

/**
 * The entries of a record. Text that is no entry is skipped here, but never lost: the
 * record is only rewritten through `withEntry`/`withoutEntry`, which keep such text.
 */
export function parseNotCoded(value: string | undefined): NotCodedEntry[] {
  return splitRecord(value).flatMap((part) => (part.entry === undefined ? [] : [part.entry]));
}

type RecordPart = { entry: NotCodedEntry; text: string } | { entry: undefined; text: string };

function splitRecord(value: string | undefined): RecordPart[] {
  const text = value ?? '';
  const parts: RecordPart[] = [];
  let at = 0;
  while (at < text.length) {
    ENTRY.lastIndex = at;
    const match = ENTRY.exec(text);
    if (match !== null && match[0] !== '') {
      const [, dimension = '', first = '0', last = '0', quoted] = match;
      const quote = quoted === undefined ? undefined : parseQuote(quoted);
      parts.push({ entry: { dimension, lines: [Number(first), Number(last)], ...(quote === undefined ? {} : { quote }) }, text: match[0].trim().replace(/,$/, '').trim() });
      at = ENTRY.lastIndex;
      continue;
    }
    // Not an entry (hand-edited): kept as written, up to the next comma.
    const comma = text.indexOf(',', at);
    const end = comma === -1 ? text.length : comma + 1;
    const rest = text.slice(at, end).replace(/,$/, '').trim();
    if (rest !== '') parts.push({ entry: undefined, text: rest });
    at = end;
  }
  return parts;
}

function parseQuote(quoted: string): string | undefined {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function formatNotCodedEntry(entry: NotCodedEntry): string {
  const where = `${entry.dimension} ${entry.lines[0]}-${entry.lines[1]}`;
  return entry.quote === undefined || entry.quote === '' ? where : `${where} ${JSON.stringify(entry.quote)}`;
}

/**
 * Where each entry sits in the live text (`bodies`: each line's body, 1-based as lines are):
 * its lines when its quote is found there or moved with it; undefined when the quote is
 * found nowhere (the text it was about is gone or changed beyond recognition).
 */
export function placeNotCoded(entries: readonly NotCodedEntry[], bodies: readonly string[]): Array<[number, number] | undefined> {
  const quoted = entries.flatMap((entry, index) => (entry.quote === undefined || entry.quote === '' ? [] : [{ id: String(index), lines: entry.lines, quote: entry.quote }]));
  const placed = new Map(reanchor(bodies, quoted).map((result) => [Number(result.id), result.status === 'orphan' ? undefined : result.lines]));
  return entries.map((entry, index) => (placed.has(index) ? placed.get(index) : [entry.lines[0], entry.lines[1]]));
}

/** The entry for an item at `lines` of the live text, its quote read from there. */
function notCodedEntryAt(dimension: string, lines: readonly [number, number], bodies: readonly string[]): NotCodedEntry {
  return { dimension, lines: [lines[0], lines[1]], quote: quoteOfLines(bodies, lines[0], lines[1]) };
}

/**
 * The record with the item at `lines` in it (`notCoded`) or out of it. Entries are placed
 * in the live text first, so the entry of a moved item is recognised; every entry that was
 * placed is written at its live lines, the rest (and text that is no entry) as it was.
 * Undefined: the record already says so.
 */
export function changeNotCoded(value: string | undefined, dimension: string, lines: readonly [number, number], bodies: readonly string[], notCoded: boolean): string | undefined {
  const parts = splitRecord(value);
  const entries = parts.flatMap((part) => (part.entry === undefined ? [] : [part.entry]));
  const places = placeNotCoded(entries, bodies);
  const isItem = (entry: NotCodedEntry, index: number) => {
    const place = places[index];
    return entry.dimension === dimension && place !== undefined && place[0] === lines[0] && place[1] === lines[1];
  };
  const present = entries.some(isItem);
  if (present === notCoded) return undefined;
  const kept: string[] = [];
  let index = 0;
  for (const part of parts) {
    if (part.entry === undefined) {
      kept.push(part.text);
      continue;
    }
    const entry = part.entry;
    const place = places[index];
    if (!isItem(entry, index++)) kept.push(place === undefined ? part.text : formatNotCodedEntry({ ...entry, lines: place }));
  }
  if (notCoded) kept.push(formatNotCodedEntry(notCodedEntryAt(dimension, lines, bodies)));
  return kept.join(', ');
}
