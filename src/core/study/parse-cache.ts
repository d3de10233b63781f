/**
 * Sidecars and transcripts parsed before (issue 15): a study opened a second time in the
 * same editor session (its folder removed from the workspace and added again) parses YAML
 * again only for the sidecars whose bytes changed. The cache lives as long as the
 * extension host: a reloaded window or browser tab starts without it. Parsing
 * is most of a cold index's time on a fast file system (bench/RESULTS.md).
 *
 * On a slow one (a browser's web worker reading a remote, issue 15) reading is most of
 * it. There the reader also tells each file's version — the file system's modification
 * time and size, taken before the bytes were read — and a sidecar whose version has not
 * changed since it was parsed is not read again at all (`unchangedAt`); nor is a
 * transcript (`transcriptAt`), whose lines and problems are kept with their version. The
 * version is asked of the file system each time; only the read and the parse are saved.
 * A transcript is kept only by version: without one, it is read and parsed every time.
 *
 * One entry per sidecar path, replaced when its bytes change, so the cache never holds
 * more than the study. The key is the bytes' length and two independent 32-bit hashes
 * (FNV-1a and a multiplicative one): a collision that would show stale codes needs both
 * to collide at one length, about one chance in 10^19 per changed file.
 */
import type { Problem } from '../problems';
import type { SidecarParse } from '../sidecar';
import type { LoadedTranscript } from './loaded-transcript';

export class StudyParseCache {
  private readonly entries = new Map<string, { key: string; parse: SidecarParse; version: string | undefined }>();
  private readonly transcripts = new Map<string, { version: string; loaded: LoadedTranscript | undefined; problems: Problem[] }>();
  /** How many parses were taken from the cache and how many were made: the bench reports them. */
  readonly counts = { reused: 0, parsed: 0, unread: 0 };

  /** The parse of `bytes` at `path`: the one made before from the same bytes, or `parse()`'s. `version`: the file's, when these bytes were read. */
  parseOf(path: string, bytes: Uint8Array, parse: () => SidecarParse, version?: string): SidecarParse {
    const key = contentKey(bytes);
    const entry = this.entries.get(path);
    if (entry !== undefined && entry.key === key) {
      this.counts.reused++;
      entry.version = version;
      return entry.parse;
    }
    const parsed = parse();
    this.counts.parsed++;
    this.entries.set(path, { key, parse: parsed, version });
    return parsed;
  }

  /** Whether a version of `path` is known, so that asking the file system for its version now may save a read. */
  hasVersionOf(path: string): boolean {
    return this.entries.get(path)?.version !== undefined;
  }

  /** The parse made from `path` at this very version, without reading it again; undefined when the version changed. */
  unchangedAt(path: string, version: string | undefined): SidecarParse | undefined {
    const entry = this.entries.get(path);
    if (entry === undefined || version === undefined || entry.version !== version) return undefined;
    this.counts.unread++;
    return entry.parse;
  }

  /** A transcript loaded at `version`, with the problems its loading gave. */
  rememberTranscript(path: string, version: string | undefined, loaded: LoadedTranscript | undefined, problems: readonly Problem[]): void {
    if (version === undefined) this.transcripts.delete(path);
    else this.transcripts.set(path, { version, loaded, problems: [...problems] });
  }

  /** Whether a version of the transcript at `path` is known. */
  hasTranscript(path: string): boolean {
    return this.transcripts.has(path);
  }

  /** The transcript loaded from `path` at this very version, and its problems; undefined when the version changed. */
  transcriptAt(path: string, version: string | undefined): { loaded: LoadedTranscript | undefined; problems: readonly Problem[] } | undefined {
    const entry = this.transcripts.get(path);
    if (entry === undefined || version === undefined || entry.version !== version) return undefined;
    this.counts.unread++;
    return entry;
  }
}

function contentKey(bytes: Uint8Array): string {
  let fnv = 0x811c9dc5;
  let multiplicative = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    fnv = Math.imul(fnv ^ byte, 0x01000193);
    multiplicative = (Math.imul(multiplicative, 31) + byte + 1) | 0;
  }
  return `${bytes.length}:${(fnv >>> 0).toString(36)}:${(multiplicative >>> 0).toString(36)}`;
}
