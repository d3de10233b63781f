/**
 * Where a decode failed, said the way a person looks for it: the first byte that is not
 * UTF-8 or UTF-16, the first lone surrogate, the line of a byte, a character named by
 * its code point, line and column.
 */
import { lineColumnAt } from '../problems';

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (the
 * WHATWG rules: no overlongs, no surrogates, nothing above U+10FFFF). Only called
 * after TextDecoder has already said the bytes are not UTF-8, to say where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Index (in code units) of the first unpaired surrogate or of a dangling odd byte. */
export function firstInvalidUtf16(bytes: Uint8Array, bigEndian: boolean): number {
  const units = Math.floor(bytes.length / 2);
  const unitAt = (i: number): number =>
    bigEndian ? ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0) : ((bytes[2 * i + 1] ?? 0) << 8) | (bytes[2 * i] ?? 0);
  for (let i = 0; i < units; i++) {
    const unit = unitAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 1 >= units) return i;
      const next = unitAt(i + 1);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return units;
}

export function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/** 1-based line of a byte offset in an ASCII-compatible encoding; CRLF, CR and LF each end a line. */
export function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 10 || (byte === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

export function describeCharacter(lfText: string, index: number): string {
  const codePoint = lfText.codePointAt(index) ?? 0;
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const { line, column } = lineColumnAt(lfText, index);
  const shown = codePoint >= 0xd800 && codePoint <= 0xdfff ? '' : `'${String.fromCodePoint(codePoint)}' `;
  return `the character ${shown}(U+${hex}) at line ${line}, column ${column}`;
}
