/**
 * Sidecars parsed before, kept by their content (issue 15): a study opened a second time
 * in the same editor session — its folder re-added, its index rebuilt after a setting
 * changed, a browser tab's study reopened — reads its files again (they may have changed
 * on the remote) but parses YAML again only for the sidecars whose bytes changed. Parsing
 * is most of a cold index's time on a fast file system (bench/RESULTS.md).
 *
 * One entry per sidecar path, replaced when its bytes change, so the cache never holds
 * more than the study. The key is the bytes' length and two independent 32-bit hashes
 * (FNV-1a and a multiplicative one): a collision that would show stale codes needs both
 * to collide at one length, about one chance in 10^19 per changed file.
 */
import type { SidecarParse } from '../sidecar';

export class SidecarParseCache {
  private readonly entries = new Map<string, { key: string; parse: SidecarParse }>();
  /** How many parses were taken from the cache and how many were made: the bench reports them. */
  readonly counts = { reused: 0, parsed: 0 };

  /** The parse of `bytes` at `path`: the one made before from the same bytes, or `parse()`'s. */
  parseOf(path: string, bytes: Uint8Array, parse: () => SidecarParse): SidecarParse {
    const key = contentKey(bytes);
    const entry = this.entries.get(path);
    if (entry !== undefined && entry.key === key) {
      this.counts.reused++;
      return entry.parse;
    }
    const parsed = parse();
    this.counts.parsed++;
    this.entries.set(path, { key, parse: parsed });
    return parsed;
  }

  forget(path: string): void {
    this.entries.delete(path);
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
