/**
 * Base64 with what both of the extension's hosts have, `btoa` and `atob` (Node's `Buffer`
 * is not in a browser's worker, issue 15). No library: these two globals are the codec;
 * this only carries bytes to and from the binary strings they take.
 */

/** Bytes, or a string's UTF-8 bytes, as base64. */
export function toBase64(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 text; undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}
