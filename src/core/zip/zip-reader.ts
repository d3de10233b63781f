/**
 * Reading zip archives that come from outside (.qdpx projects, .docx files) without
 * letting them in: every entry name is checked for escaping the folder (zip-slip), the
 * count and the declared sizes are bounded before anything is decompressed, and
 * decompression stops as soon as an entry produces more bytes than it declared or than
 * the limits allow (a zip bomb cannot make us allocate or loop past them). Each entry
 * read is checked against its CRC-32, so a damaged or truncated archive is refused
 * rather than read as shorter text.
 *
 * The central directory is parsed here rather than by fflate's unzipSync because that
 * function allocates each entry's declared size up front and checks no CRC; fflate's
 * streaming Inflate does the decompression.
 */
import { Inflate } from 'fflate';

export interface ZipLimits {
  /** Entries in the archive, read or not. */
  maxEntries: number;
  /** Bytes of one entry once decompressed. */
  maxEntryBytes: number;
  /** Bytes of all entries read from one archive, once decompressed. */
  maxTotalBytes: number;
  /** Decompressed ÷ compressed size above which an entry over 1 MiB is taken for a bomb. */
  maxRatio: number;
}

const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  // Interview text deflates about 3:1 and XML about 10:1; 200:1 is only reached by
  // long runs of one byte, which is what a bomb is made of.
  maxRatio: 200,
};

const RATIO_APPLIES_ABOVE = 1024 * 1024;

/** A refusal: the archive (`file`) is broken or hostile; `entry` names the part, when one is to blame. */
export class ZipError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly entry?: string,
  ) {
    super(`${file}: ${entry === undefined ? '' : `entry "${entry}": `}${message}`);
  }
}

interface ZipEntry {
  /** As stored, with '\\' turned into '/'. */
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
  isDirectory: boolean;
}

export interface ZipArchive {
  readonly file: string;
  readonly entries: readonly ZipEntry[];
  /** The entry with this name; paths compare case-insensitively when asked (Windows tools write `Sources/`). */
  find(name: string, options?: { caseInsensitive?: boolean }): ZipEntry | undefined;
  /** The entry's bytes, within the limits and checked against its CRC-32. */
  read(entry: ZipEntry): Uint8Array;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const NO_VALUE_32 = 0xffffffff;

export function openZip(bytes: Uint8Array, file: string, limits: Partial<ZipLimits> = {}): ZipArchive {
  const bounds: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string, entry?: string): never => {
    throw new ZipError(file, message, entry);
  };
  const u16 = (offset: number): number => (offset + 2 <= bytes.length ? view.getUint16(offset, true) : fail(truncatedAt(offset)));
  const u32 = (offset: number): number => (offset + 4 <= bytes.length ? view.getUint32(offset, true) : fail(truncatedAt(offset)));
  const u64 = (offset: number): number => {
    const value = u32(offset) + u32(offset + 4) * 0x100000000;
    return Number.isSafeInteger(value) ? value : fail('a ZIP64 size or offset is too large to be real');
  };

  const eocd = findEndOfCentralDirectory(bytes, view);
  if (eocd < 0) {
    fail(
      bytes.length === 0
        ? 'the file is empty, not a zip archive'
        : 'not a zip archive, or its end is cut off (no end-of-central-directory record); was the download or copy complete?',
    );
  }
  let entryCount = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) fail('archives split over several files are not supported');
  if (eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    const zip64 = u64(eocd - 12);
    if (u32(zip64) !== ZIP64_EOCD_SIGNATURE) fail('its ZIP64 directory record is damaged');
    entryCount = u64(zip64 + 32);
    directorySize = u64(zip64 + 40);
    directoryOffset = u64(zip64 + 48);
  }
  if (entryCount > bounds.maxEntries) fail(`it holds ${entryCount} entries, more than the ${bounds.maxEntries} allowed`);
  if (directoryOffset + directorySize > bytes.length) fail('its central directory lies past the end of the file: the archive is truncated or damaged');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (u32(offset) !== CENTRAL_SIGNATURE) fail(`central directory entry ${index + 1} is damaged`);
    const flags = u16(offset + 8);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    const nameStart = offset + 46;
    if (nameStart + nameLength + extraLength > bytes.length) fail(truncatedAt(nameStart));
    const name = decodeName(bytes.subarray(nameStart, nameStart + nameLength), (flags & 0x800) !== 0).replace(/\\/gu, '/');
    checkEntryName(name, fail);
    const key = name.toLowerCase();
    if (seen.has(key)) fail('the archive holds two entries of this name; which one is meant cannot be told', name);
    seen.add(key);

    let size = u32(offset + 24);
    let compressedSize = u32(offset + 20);
    let localHeaderOffset = u32(offset + 42);
    if (size === NO_VALUE_32 || compressedSize === NO_VALUE_32 || localHeaderOffset === NO_VALUE_32) {
      const zip64 = readZip64Extra(bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength));
      if (size === NO_VALUE_32) size = zip64.shift() ?? fail('its ZIP64 sizes are missing', name);
      if (compressedSize === NO_VALUE_32) compressedSize = zip64.shift() ?? fail('its ZIP64 sizes are missing', name);
      if (localHeaderOffset === NO_VALUE_32) localHeaderOffset = zip64.shift() ?? fail('its ZIP64 offset is missing', name);
    }
    entries.push({
      name,
      method: u16(offset + 10),
      crc32: u32(offset + 16),
      compressedSize,
      size,
      localHeaderOffset,
      encrypted: (flags & 0x1) !== 0,
      isDirectory: name.endsWith('/'),
    });
    offset = nameStart + nameLength + extraLength + commentLength;
  }

  let totalRead = 0;
  return {
    file,
    entries,
    find(name, options) {
      if (options?.caseInsensitive !== true) return entries.find((entry) => entry.name === name);
      const wanted = name.toLowerCase();
      return entries.find((entry) => entry.name.toLowerCase() === wanted);
    },
    read(entry) {
      const where = (message: string): never => fail(message, entry.name);
      if (entry.encrypted) where('it is encrypted; export the project again without a password');
      if (entry.size > bounds.maxEntryBytes) {
        where(`it unpacks to ${formatBytes(entry.size)}, more than the ${formatBytes(bounds.maxEntryBytes)} allowed for one entry`);
      }
      if (entry.size > RATIO_APPLIES_ABOVE && entry.size / Math.max(entry.compressedSize, 1) > bounds.maxRatio) {
        where(`it claims to unpack ${Math.round(entry.size / Math.max(entry.compressedSize, 1))} times larger than it is stored, which only a zip bomb does`);
      }
      if (totalRead + entry.size > bounds.maxTotalBytes) where(`the archive unpacks to more than the ${formatBytes(bounds.maxTotalBytes)} allowed`);
      if (u32(entry.localHeaderOffset) !== LOCAL_SIGNATURE) where('its local header is missing or damaged');
      const dataStart = entry.localHeaderOffset + 30 + u16(entry.localHeaderOffset + 26) + u16(entry.localHeaderOffset + 28);
      const dataEnd = dataStart + entry.compressedSize;
      if (dataEnd > bytes.length) where('its data lies past the end of the file: the archive is truncated');
      const stored = bytes.subarray(dataStart, dataEnd);
      let data: Uint8Array;
      if (entry.method === 0) data = stored;
      else if (entry.method === 8) data = inflateBounded(stored, entry.size, where);
      else data = where(`it is compressed with method ${entry.method}; only stored (0) and deflate (8) are supported`);
      if (data.length !== entry.size) where(`it unpacks to ${data.length} bytes but declares ${entry.size}: the archive is damaged`);
      if (crc32(data) !== entry.crc32) where('its checksum (CRC-32) does not match: the archive is damaged');
      totalRead += data.length;
      return data;
    },
  };
}

function truncatedAt(offset: number): string {
  return `the archive is truncated or damaged (a record at byte ${offset} runs past its end)`;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  return -1;
}

function readZip64Extra(extra: Uint8Array): number[] {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let offset = 0; offset + 4 <= extra.length; ) {
    const id = view.getUint16(offset, true);
    const length = view.getUint16(offset + 2, true);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let field = offset + 4; field + 8 <= offset + 4 + length && field + 8 <= extra.length; field += 8) {
        values.push(view.getUint32(field, true) + view.getUint32(field + 4, true) * 0x100000000);
      }
      return values;
    }
    offset += 4 + length;
  }
  return [];
}

/**
 * Names are checked for every entry, read or not: an archive holding one entry that
 * escapes its folder was made to attack, and none of it is trusted.
 */
function checkEntryName(name: string, fail: (message: string, entry?: string) => never): void {
  if (name === '') fail('an entry has an empty name');
  if (name.includes('\0')) fail('an entry name contains a NUL character', name.replace(/\0/gu, '\\0'));
  if (name.startsWith('/') || /^[A-Za-z]:/u.test(name)) fail('it is an absolute path, which would escape the folder it is unpacked into', name);
  if (name.split('/').includes('..')) fail("it contains '..', which would escape the folder it is unpacked into (zip-slip)", name);
}

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Without the UTF-8 flag, names are in the DOS code page; Latin-1 keeps every byte.
    return utf8Flag ? new TextDecoder('utf-8').decode(bytes) : Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  }
}

/** Inflates at most `expected` bytes; more is refused the moment it appears. */
function inflateBounded(stored: Uint8Array, expected: number, fail: (message: string) => never): Uint8Array {
  const output = new Uint8Array(expected);
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    if (produced + chunk.length > expected) fail(`it unpacks to more than the ${expected} bytes it declares: the archive is damaged or a zip bomb`);
    output.set(chunk, produced);
    produced += chunk.length;
  });
  const CHUNK = 64 * 1024;
  try {
    for (let offset = 0; offset < stored.length; offset += CHUNK) {
      inflate.push(stored.subarray(offset, Math.min(offset + CHUNK, stored.length)), offset + CHUNK >= stored.length);
    }
    if (stored.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    fail(`its compressed data is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  return output.subarray(0, produced);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
