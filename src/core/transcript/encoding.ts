/**
 * Reading and writing transcripts in whatever encoding the transcriber's tool produced
 * (DESIGN §3 "Transcripts"): UTF-8 with or without BOM, UTF-16 from Word, Windows-1252
 * from older Windows tools; LF, CRLF or old-Mac CR line endings.
 *
 * Decoding never silently damages text: a file is either read exactly (every byte
 * accounted for) or refused with a reason and, where it helps, the line to look at.
 * Sidecar line numbers refer to the text this module returns: BOM removed, line
 * endings normalised to LF.
 */

import { lineColumnAt, MAX_TEXT_FILE_BYTES } from '../problems';
import { describeCharacter, firstInvalidUtf16, firstInvalidUtf8, firstLoneSurrogate, lineAtByte } from './decode-positions';
import { decodeWindows1252, encodeWindows1252, windows1252Byte } from './windows-1252';

export { WINDOWS_1252_HIGH_BLOCK } from './windows-1252'; // the tests read the table

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** `mixed` when the file uses more than one kind; `none` when it has no line break at all. */
export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export type DecodeResult =
  | {
      ok: true;
      /** Line endings normalised to LF, BOM removed. */
      text: string;
      encoding: TextEncodingName;
      lineEnding: LineEnding;
      /** Something the user should know about how the file was read, e.g. a fallback. */
      notice?: string;
      /**
       * Set when the bytes are neither UTF-8 nor UTF-16 and do not look like Windows-1252
       * text either (see `looksLikeAnotherEncoding`): they were read as Windows-1252 so that
       * no byte is lost and a rewrite gives back the same bytes, but the text shown is
       * probably garbled. Callers that would convert or copy the text must refuse.
       */
      unknownEncoding?: true;
    }
  | { ok: false; reason: 'binary' | 'too-large' | 'undecodable'; message: string; line?: number };

/** Larger than any interview transcript; a guard against opening a video by mistake. */
export const DEFAULT_MAX_BYTES = MAX_TEXT_FILE_BYTES;

/** How much of a BOM-less file is inspected to decide whether it is UTF-16. */
const UTF16_SNIFF_BYTES = 4096;
/** Share of the high (or low) bytes that must be NUL for BOM-less UTF-16. */
const UTF16_NUL_SHARE = 0.9;
/** Share of code units that must look like text for BOM-less UTF-16. */
const UTF16_TEXT_SHARE = 0.9;

export function decodeText(bytes: Uint8Array, options?: { maxBytes?: number }): DecodeResult {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      message: `file is ${formatSize(bytes.length)}, larger than the ${formatSize(maxBytes)} limit for a transcript`,
    };
  }

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8WithBom(bytes);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, 'utf-16be');

  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    const utf16 = sniffBomlessUtf16(bytes);
    if (utf16 === undefined) return binaryFile(lineAtByte(bytes, firstNul));
    const result = decodeUtf16(bytes, 0, utf16);
    if (!result.ok) return result;
    const label = utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return { ...result, notice: `no byte order mark; read as ${label} from the pattern of its zero bytes` };
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return decoded(text, 'utf-8');
  } catch {
    // Not UTF-8: the usual reason is a file saved by an older Windows tool. Every byte
    // is a character in Windows-1252, so reading it that way loses nothing.
    const offset = firstInvalidUtf8(bytes);
    const line = lineAtByte(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const text = decoded(decodeWindows1252(bytes), 'windows-1252');
    const why = looksLikeAnotherEncoding(bytes);
    if (why !== undefined) {
      return {
        ...text,
        unknownEncoding: true,
        notice:
          `unknown encoding: not UTF-8 (line ${line}, byte 0x${byte}), not UTF-16, and not Windows-1252 text either (${why}); ` +
          'it may be in another code page (Cyrillic, Greek, Chinese, Japanese…), or not text at all. Its bytes are kept as they are, ' +
          'but its text would show garbled: if it is a transcript, open it in the tool that wrote it and save it as UTF-8',
      };
    }
    return { ...text, notice: `not valid UTF-8 (line ${line}, byte 0x${byte}); read as Windows-1252` };
  }
}

/** Below this many bytes above 0x7F, the share of them says too little to doubt Windows-1252. */
const FOREIGN_MIN_HIGH_BYTES = 8;
/** Share of bytes above 0x7F among non-space bytes beyond which the text is not Western European. */
const FOREIGN_HIGH_SHARE = 0.3;
/** Share of control bytes (other than tab and line breaks) among non-space bytes beyond which the file is binary. */
const FOREIGN_CONTROL_SHARE = 0.01;
/** Bytes Windows-1252 leaves undefined: no Windows tool writes them as text. */
const WINDOWS_1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Why bytes that are not UTF-8 are not Windows-1252 text either, or undefined when they
 * may well be. Windows-1252 text in the languages it serves (Indonesian, English, the
 * Western European ones) is mostly ASCII with an accented letter, a curly quote or a
 * dash here and there; text in another single- or double-byte code page (Windows-1251,
 * GBK, Shift_JIS, EUC-KR…) is mostly bytes above 0x7F, and double-byte ones use the
 * five bytes Windows-1252 leaves undefined. Binary data without NUL bytes looks the same.
 */
function looksLikeAnotherEncoding(bytes: Uint8Array): string | undefined {
  let high = 0;
  let visible = 0;
  let undefinedByte = -1;
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c) continue;
    visible++;
    if (byte >= 0x80) {
      high++;
      if (undefinedByte < 0 && WINDOWS_1252_UNDEFINED.has(byte)) undefinedByte = i;
    } else if (byte < 0x20 || byte === 0x7f) controls++;
  }
  // Text has line breaks and tabs, hardly ever other control characters; binary data has them everywhere.
  if (controls >= FOREIGN_MIN_HIGH_BYTES && controls / Math.max(1, visible) > FOREIGN_CONTROL_SHARE) {
    return `${Math.max(1, Math.round((controls / visible) * 100))}% of its bytes are control characters, as in binary data`;
  }
  if (undefinedByte >= 0 && high >= FOREIGN_MIN_HIGH_BYTES) {
    const hex = (bytes[undefinedByte] ?? 0).toString(16).toUpperCase();
    return `byte 0x${hex} at line ${lineAtByte(bytes, undefinedByte)} has no meaning in Windows-1252`;
  }
  if (high >= FOREIGN_MIN_HIGH_BYTES && high / Math.max(1, visible) > FOREIGN_HIGH_SHARE) {
    return `${Math.round((high / visible) * 100)}% of its characters are outside ASCII, where Windows-1252 text has a few accents and quotation marks`;
  }
  return undefined;
}

/**
 * Replaces CRLF and lone CR (old Mac) with LF, reporting which kind the text used.
 * One pass, linear in the text.
 */
export function normalizeLineEndings(text: string): { text: string; lineEnding: LineEnding } {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lf++;
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    }
  }
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  const lineEnding: LineEnding =
    kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : lf > 0 ? 'lf' : crlf > 0 ? 'crlf' : 'cr';
  const normalized = crlf + cr === 0 ? text : text.replace(/\r\n?/g, '\n');
  return { text: normalized, lineEnding };
}

/**
 * Encodes text for writing back in the file's own encoding and line ending.
 *
 * - The text's own line breaks are normalised first, then written as `lineEnding`.
 *   `mixed` and `none` are written as LF: the original mix cannot be reproduced, and
 *   LF is what the sidecar's line numbers are counted on.
 * - UTF-16 is written with a byte order mark, as Word and Notepad write it, so the
 *   file never again depends on BOM-less guessing.
 * - A character the encoding cannot hold (or a lone surrogate, which no encoding here
 *   can hold and which our own reader would refuse) throws an Error that names it and
 *   its line and column, rather than writing a replacement character.
 */
export function encodeText(text: string, encoding: TextEncodingName, lineEnding: LineEnding): Uint8Array {
  const lf = normalizeLineEndings(text).text;
  // Check on the LF text, so the line and column in the message are the ones the user sees.
  assertEncodable(lf, encoding);
  const out = lineEnding === 'crlf' ? lf.replace(/\n/g, '\r\n') : lineEnding === 'cr' ? lf.replace(/\n/g, '\r') : lf;

  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(out);
    case 'utf-8-bom': {
      const body = new TextEncoder().encode(out);
      const bytes = new Uint8Array(body.length + 3);
      bytes.set([0xef, 0xbb, 0xbf]);
      bytes.set(body, 3);
      return bytes;
    }
    case 'utf-16le':
    case 'utf-16be':
      return encodeUtf16(out, encoding === 'utf-16be');
    case 'windows-1252':
      return encodeWindows1252(out);
  }
}

function assertEncodable(text: string, encoding: TextEncodingName): void {
  const loneSurrogate = firstLoneSurrogate(text);
  if (loneSurrogate >= 0) {
    throw new Error(
      `cannot write as ${encodingLabel(encoding)}: ${describeCharacter(text, loneSurrogate)} is a lone surrogate, not a character`,
    );
  }
  if (encoding !== 'windows-1252') return;
  for (let i = 0; i < text.length; i++) {
    if (windows1252Byte(text.charCodeAt(i)) === undefined) {
      throw new Error(
        `cannot write as Windows-1252: ${describeCharacter(text, i)} is not in its character set; save the transcript as UTF-8`,
      );
    }
  }
}

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, !bigEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), !bigEndian);
  return out;
}

function decodeUtf8WithBom(bytes: Uint8Array): DecodeResult {
  const body = bytes.subarray(3);
  try {
    const result = decoded(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), 'utf-8-bom');
    return rejectNul(result.text) ?? result;
  } catch {
    // The BOM says UTF-8, so a guess at another encoding would be wrong in the first
    // three characters already: refuse, and point at the damage.
    const line = lineAtByte(body, firstInvalidUtf8(body));
    return {
      ok: false,
      reason: 'undecodable',
      message: `starts with a UTF-8 byte order mark but is not valid UTF-8 (line ${line})`,
      line,
    };
  }
}

function decodeUtf16(bytes: Uint8Array, start: number, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  const body = bytes.subarray(start);
  try {
    const result = decoded(new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding);
    return rejectNul(result.text) ?? result;
  } catch {
    const bigEndian = encoding === 'utf-16be';
    const unit = firstInvalidUtf16(body, bigEndian);
    const prefix = new TextDecoder(encoding, { ignoreBOM: true }).decode(body.subarray(0, unit * 2));
    const normalizedPrefix = normalizeLineEndings(prefix).text;
    const line = lineColumnAt(normalizedPrefix, normalizedPrefix.length).line;
    const label = bigEndian ? 'UTF-16 BE' : 'UTF-16 LE';
    return { ok: false, reason: 'undecodable', message: `not valid ${label} (line ${line})`, line };
  }
}

/** A NUL in decoded (LF) text means binary data, or UTF-32, which no transcript tool writes. */
function rejectNul(text: string): DecodeResult | undefined {
  const nul = text.indexOf('\0');
  return nul < 0 ? undefined : binaryFile(lineColumnAt(text, nul).line);
}

function binaryFile(line: number): DecodeResult {
  return {
    ok: false,
    reason: 'binary',
    message: `looks like a binary file (NUL byte at line ${line}), not a text transcript`,
    line,
  };
}

function decoded(text: string, encoding: TextEncodingName): Extract<DecodeResult, { ok: true }> {
  const normalized = normalizeLineEndings(text);
  return { ok: true, text: normalized.text, encoding, lineEnding: normalized.lineEnding };
}

/**
 * UTF-16 without a BOM, written by some exporters: text that is mostly ASCII has a NUL
 * in every high byte, i.e. at every odd offset (LE) or every even offset (BE). Binary
 * files have NULs too, but not in that regular pattern over mostly-printable units.
 */
function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  if (units === 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < units; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  const bigEndian =
    evenNul / units >= UTF16_NUL_SHARE && oddNul / units <= 1 - UTF16_NUL_SHARE
      ? true
      : oddNul / units >= UTF16_NUL_SHARE && evenNul / units <= 1 - UTF16_NUL_SHARE
        ? false
        : undefined;
  if (bigEndian === undefined) return undefined;

  let textLike = 0;
  for (let i = 0; i < units; i++) {
    const high = bytes[bigEndian ? 2 * i : 2 * i + 1] ?? 0;
    const low = bytes[bigEndian ? 2 * i + 1 : 2 * i] ?? 0;
    const unit = (high << 8) | low;
    if (unit === 9 || unit === 10 || unit === 13 || (unit >= 0x20 && unit !== 0x7f && (unit < 0x80 || unit >= 0xa0))) {
      textLike++;
    }
  }
  if (textLike / units < UTF16_TEXT_SHARE) return undefined;
  return bigEndian ? 'utf-16be' : 'utf-16le';
}

function encodingLabel(encoding: TextEncodingName): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return 'UTF-8 with BOM';
    case 'utf-16le':
      return 'UTF-16 LE';
    case 'utf-16be':
      return 'UTF-16 BE';
    case 'windows-1252':
      return 'Windows-1252';
  }
}

function formatSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  const kib = bytes / 1024;
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
