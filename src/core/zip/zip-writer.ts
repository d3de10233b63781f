/**
 * Writing zip archives that are the same bytes every time for the same content: entries
 * in the order given, one fixed timestamp, fixed compression level and attributes. That
 * lets a committed export be diffed, and lets tests compare two exports byte for byte.
 */
import { zipSync, type Zippable } from 'fflate';

/**
 * 1980-01-01 00:00:00, the earliest time a zip entry can hold. Built from local date
 * parts because fflate writes the DOS time from local parts: this way the stored time
 * is the same in every time zone.
 */
function fixedEntryTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

export interface ZipFileEntry {
  /** '/'-separated path inside the archive. */
  path: string;
  data: Uint8Array;
}

export function writeZip(files: readonly ZipFileEntry[]): Uint8Array {
  const mtime = fixedEntryTime();
  const tree: Zippable = {};
  for (const file of files) {
    if (Object.prototype.hasOwnProperty.call(tree, file.path)) throw new Error(`writeZip: ${file.path} given twice`);
    // A flat map of full paths: fflate writes the keys as entry names in insertion order.
    tree[file.path] = [file.data, { level: 6, mtime, os: 0, attrs: 0 }];
  }
  return zipSync(tree);
}
