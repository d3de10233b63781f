/**
 * Where a source's text is, by the path forms REFI-QDA and the tools use:
 *
 * - `internal://name` — in the archive's `sources/` folder (§7.2);
 * - `relative://name` — beside the project (relative to its basePath, §7.2): first in
 *   the archive, then beside the .qdpx/.qde;
 * - `absolute://path` (and `file://`) — a file on the writer's disk: read only when the
 *   adapter finds it inside the study root;
 * - a bare name (qc writes `plainTextPath="board_2017.txt"`) — in the archive's
 *   `sources/`, at the archive's top, then beside the project.
 *
 * The core never touches the disk: the adapter's `beside` does, and it alone decides
 * what is inside the root (it refuses `..`, absolute paths elsewhere and symlinks out).
 */
export interface SourceFiles {
  /** An archive entry by its full name inside the archive, or undefined. */
  inArchive(name: string): Uint8Array | undefined;
  /**
   * A file beside the project: `path` relative to the project's folder, or absolute when
   * `absolute`. Returns the bytes, undefined when there is no such file, or a sentence
   * saying why it was not read (outside the study root).
   */
  beside?(path: string, absolute: boolean): Uint8Array | string | undefined;
}

export type Resolved = { bytes: Uint8Array; from: string } | { why: string };

export function resolveSourcePath(path: string, files: SourceFiles): Resolved {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//iu.exec(path);
  const kind = scheme?.[1]?.toLowerCase();
  const rest = scheme === null ? path : path.slice(scheme[0].length);
  const name = safeDecode(rest).replace(/\\/gu, '/');
  const archive = (entry: string): Resolved | undefined => {
    const bytes = files.inArchive(entry);
    return bytes === undefined ? undefined : { bytes, from: `the archive's ${entry}` };
  };
  const beside = (entry: string, absolute: boolean): Resolved => {
    if (files.beside === undefined) return { why: `${path} is outside the project file, and nothing beside it can be read here` };
    const found = files.beside(entry, absolute);
    if (typeof found === 'string') return { why: found };
    return found === undefined ? { why: `${path} is neither in the archive nor beside the project` } : { bytes: found, from: `${entry} beside the project` };
  };
  switch (kind) {
    case 'internal':
      return archive(`sources/${name}`) ?? archive(name) ?? { why: `${path} is missing from the archive's sources/ folder` };
    case 'relative':
      return archive(`sources/${name}`) ?? beside(name, false);
    case 'absolute':
    case 'file':
      return beside(name, true);
    case undefined:
      return archive(`sources/${name}`) ?? archive(name) ?? beside(name, false);
    default:
      return { why: `${path} uses the unknown scheme ${kind}://` };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
