/**
 * Windows-1252, the encoding of transcripts typed in Word on Windows and saved as plain
 * text: decoded and encoded by a table of our own (the reason is below).
 */

/**
 * Windows-1252 bytes 0x80–0x9F, as the WHATWG Encoding Standard maps them. The five
 * bytes the Windows code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to
 * the C1 control characters of the same value, U+0081 and so on — as browsers'
 * TextDecoder does — and are encoded back to the same bytes, so every byte sequence
 * round-trips. Every other byte is its own code point (ASCII and Latin-1).
 *
 * We decode with this table rather than `new TextDecoder('windows-1252')` because
 * Node.js from 20.18.3 and 22.13.0 decodes that label as Latin-1, turning 0x92 into
 * U+0092 instead of '’' (nodejs/node#56542, #60888) — exactly the curly quotes and
 * dashes that Windows transcripts are full of.
 */
export const WINDOWS_1252_HIGH_BLOCK: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const WINDOWS_1252_REVERSE: ReadonlyMap<number, number> = new Map(
  WINDOWS_1252_HIGH_BLOCK.map((codePoint, index) => [codePoint, 0x80 + index]),
);

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  // Chunked so String.fromCharCode's argument count stays far below engine limits.
  const chunkSize = 8192;
  const units = new Uint16Array(Math.min(bytes.length, chunkSize));
  for (let start = 0; start < bytes.length; start += chunkSize) {
    const end = Math.min(bytes.length, start + chunkSize);
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      units[i - start] = byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH_BLOCK[byte - 0x80] ?? byte) : byte;
    }
    chunks.push(String.fromCharCode(...units.subarray(0, end - start)));
  }
  return chunks.join('');
}

export function windows1252Byte(code: number): number | undefined {
  return code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : WINDOWS_1252_REVERSE.get(code);
}

/** Only called after assertEncodable, so every character has a byte. */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = windows1252Byte(text.charCodeAt(i)) ?? 0x3f;
  return out;
}
