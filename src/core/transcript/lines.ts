/**
 * The two things recognised at the start of a transcript line (see transcript.ts):
 * timestamps and speaker labels. Both are bounded look-aheads from a position, so a
 * 5 MB single-line transcript costs no more here than a short one.
 */

/** UTF-16 offsets within the line's text; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Timestamp {
  /** The time as written, without brackets: `00:12:34`, `12:34.5`. */
  text: string;
  seconds: number;
  /** Includes the brackets, if any. */
  span: Span;
}

/** `h:mm:ss` (1–2 digit hours) or `m:ss`, with an optional fraction `.5` / `,5`. */
const HOURS_MINUTES_SECONDS = String.raw`\d{1,2}:[0-5]\d:[0-5]\d(?:[.,]\d{1,3})?`;
const MINUTES_SECONDS = String.raw`\d{1,2}:[0-5]\d(?:[.,]\d{1,3})?`;
const TIME = `(?:${HOURS_MINUTES_SECONDS}|${MINUTES_SECONDS})`;
/** Nothing that would make the time part of a longer number or word. */
const TIME_END = String.raw`(?![\p{L}\p{N}:.,])`;

const BRACKETED_TIMESTAMP = new RegExp(String.raw`\[\s*(${TIME})\s*\]|\(\s*(${TIME})\s*\)`, 'uy');
/**
 * A bare time needs hours: `00:12:34` is a timestamp but `10:30` at the start of a
 * line is as likely to be "10:30 rapat dimulai" as a position in the recording.
 */
const BARE_TIMESTAMP = new RegExp(`${HOURS_MINUTES_SECONDS}${TIME_END}`, 'uy');
const WHOLE_TIME = new RegExp(String.raw`^\s*${TIME}\s*$`, 'u');

/** A timestamp starting exactly at `position`, or undefined. */
export function timestampAt(text: string, position: number): Timestamp | undefined {
  // Every timestamp starts with a bracket or a digit: most positions need no regex.
  const first = text.charCodeAt(position);
  const opensBracket = first === 0x5b || first === 0x28; // [ (
  if (!opensBracket && !(first >= 0x30 && first <= 0x39)) return undefined;
  let match: RegExpExecArray | null;
  let time: string;
  if (opensBracket) {
    BRACKETED_TIMESTAMP.lastIndex = position;
    match = BRACKETED_TIMESTAMP.exec(text);
    if (match === null) return undefined;
    time = match[1] ?? match[2] ?? '';
  } else {
    BARE_TIMESTAMP.lastIndex = position;
    match = BARE_TIMESTAMP.exec(text);
    if (match === null) return undefined;
    time = match[0];
  }
  return { text: time, seconds: secondsOf(time), span: { start: position, end: position + match[0].length } };
}

/** Whether the inside of a pair of brackets is a time (so the brackets are a timestamp, not a note). */
export function timestampInside(inside: string): boolean {
  return WHOLE_TIME.test(inside);
}

/** `h:mm:ss` or `m:ss`, with `.` or `,` before a fraction of a second. */
function secondsOf(time: string): number {
  // Whole seconds, the usual case, in integer arithmetic (the regexes vouch for the digits).
  let total = 0;
  let part = 0;
  for (let index = 0; index < time.length; index++) {
    const char = time.charCodeAt(index);
    if (char === 0x3a) {
      total = total * 60 + part;
      part = 0;
    } else if (char === 0x2e || char === 0x2c) {
      return time
        .replace(',', '.')
        .split(':')
        .reduce((sum, piece) => sum * 60 + Number(piece), 0);
    } else part = part * 10 + (char - 0x30);
  }
  return total * 60 + part;
}

/** A speaker name is at most this long and this many words; longer is a sentence. */
const MAX_NAME_LENGTH = 40;
const MAX_NAME_WORDS = 5;

/**
 * Lowercase words that may sit inside a name or role after its first word, as in
 * "Kepala Dinas Komunikasi dan Informatika" or "Ahmad bin Umar". Any other lowercase
 * word makes the label a sentence fragment ("Jadi begini:", "Berikut ini adalah:").
 */
const NAME_CONNECTORS = new Set(['dan', 'dari', 'bin', 'binti', 'van', 'von', 'der', 'de', 'al', 'and', 'of', 'the', 'for']);

/**
 * Capitalised words that end with a colon in ordinary transcript text without naming
 * anyone: header fields ("Tanggal: 7 Januari 2022") and spoken lead-ins ("Intinya:
 * anggarannya kurang"). Treating them as speakers would cut the lead-in off the quote.
 */
const NOT_SPEAKERS = new Set([
  // header fields
  'tanggal', 'hari', 'hari/tanggal', 'hari, tanggal', 'waktu', 'jam', 'pukul', 'tempat', 'lokasi', 'judul', 'topik',
  'tema', 'durasi', 'sumber', 'catatan', 'keterangan', 'date', 'time', 'place', 'location', 'duration', 'title',
  'topic', 'subject', 'source', 'note', 'notes', 'nb', 'ps',
  // lead-ins and enumerations
  'jadi', 'intinya', 'pokoknya', 'artinya', 'maksudnya', 'misalnya', 'contohnya', 'contoh', 'yaitu', 'yakni',
  'kesimpulannya', 'kesimpulan', 'pertama', 'kedua', 'ketiga', 'keempat', 'kelima', 'terakhir', 'berikut',
  'example', 'first', 'second', 'third', 'finally', 'however', 'therefore',
]);

/** Letters, marks, digits and the punctuation names and titles use ("Bapak H. Ahmad", "Informan 2 (Kabid)"). */
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} .,'’()/&-]+$/u;
const STARTS_LIKE_A_NAME = /^[\p{Lu}\p{Lt}\p{N}]/u;
const WORD_STARTS_LIKE_A_NAME = /^[\p{Lu}\p{Lt}\p{N}(]/u;
/** "Pukul 10.30:" names a time, not a person. */
const CONTAINS_TIME = /\d[.:]\d/;

/**
 * A speaker label starting exactly at `position`: `Name:`, `**Name:**` or `**Name**:`,
 * followed by whitespace or the end of the line. Names start with a capital letter or
 * a digit and read like a name or role, not like a sentence (see isSpeakerName).
 */
export function speakerLabelAt(text: string, position: number): { name: string; span: Span } | undefined {
  return text.startsWith('**', position) ? boldLabelAt(text, position) : plainLabelAt(text, position);
}

function plainLabelAt(text: string, position: number): { name: string; span: Span } | undefined {
  // Only the first colon can end a label: names hold no colons, and looking further
  // would let "Lihat https://x.go.id: ..." or "10:30: ..." pass.
  const limit = Math.min(text.length, position + MAX_NAME_LENGTH + 1);
  let colon = position;
  while (colon < limit && text[colon] !== ':') colon++;
  if (colon >= limit || !endsLabel(text, colon + 1)) return undefined;
  const name = normalizeName(text.slice(position, colon));
  return readsAsSpeaker(name) ? { name, span: { start: position, end: colon + 1 } } : undefined;
}

function boldLabelAt(text: string, position: number): { name: string; span: Span } | undefined {
  const innerStart = position + 2;
  const closing = text.indexOf('**', innerStart);
  if (closing < 0 || closing > innerStart + MAX_NAME_LENGTH + 1) return undefined;
  const inner = text.slice(innerStart, closing);
  let end: number;
  let rawName: string;
  if (inner.endsWith(':')) {
    // **Name:** text
    end = closing + 2;
    rawName = inner.slice(0, -1);
  } else if (text[closing + 2] === ':') {
    // **Name**: text
    end = closing + 3;
    rawName = inner;
  } else return undefined;
  if (rawName.includes(':') || !endsLabel(text, end)) return undefined;
  const name = normalizeName(rawName);
  return readsAsSpeaker(name) ? { name, span: { start: position, end } } : undefined;
}

function endsLabel(text: string, index: number): boolean {
  const next = text[index];
  return next === undefined || next === ' ' || next === '\t' || next.trim() === '';
}

function normalizeName(raw: string): string {
  return raw.replace(/\s+/gu, ' ').trim();
}

/**
 * isSpeakerName, remembered: a transcript names the same few speakers line after line,
 * and the answer takes several Unicode regexes. Bounded, so a file of ever-new labels
 * cannot grow it without end.
 */
const speakerAnswers = new Map<string, boolean>();
const MAX_SPEAKER_ANSWERS = 1_000;

function readsAsSpeaker(name: string): boolean {
  let answer = speakerAnswers.get(name);
  if (answer === undefined) {
    answer = isSpeakerName(name);
    if (speakerAnswers.size >= MAX_SPEAKER_ANSWERS) speakerAnswers.clear();
    speakerAnswers.set(name, answer);
  }
  return answer;
}

/**
 * Whether a label reads like a speaker: "P", "I", "Q", "A", "Pewawancara", "Informan 1",
 * "Kepala Bidang", "Bapak H. Ahmad", "Kepala Dinas Komunikasi dan Informatika". Not
 * "Dengan demikian dapat disimpulkan bahwa", "Jadi begini", "Tanggal", "Pukul 10.30".
 * When in doubt the answer is no: a missed label leaves the text in the body, a false
 * one would cut words off what the informant said.
 */
export function isSpeakerName(name: string): boolean {
  if (name === '' || name.length > MAX_NAME_LENGTH) return false;
  if (!STARTS_LIKE_A_NAME.test(name) || !NAME_CHARACTERS.test(name) || !/\p{L}/u.test(name)) return false;
  if (CONTAINS_TIME.test(name) || NOT_SPEAKERS.has(name.toLowerCase())) return false;
  const words = name.split(' ');
  if (words.length > MAX_NAME_WORDS) return false;
  return words.slice(1).every((word) => WORD_STARTS_LIKE_A_NAME.test(word) || NAME_CONNECTORS.has(word));
}
