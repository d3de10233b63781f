/**
 * The port through which the core keeps a study's files: bytes in, bytes out, by a path
 * the adapter understands. Three adapters implement it — the extension's over
 * `workspace.fs` (src/extension/workspace-files.ts), the CLI's over the disk
 * (src/node/node-study-files.ts) and `MemoryStudyFiles` below for tests and for hosts
 * without a disk — and one contract suite (test/contract/study-files-contract.ts) runs
 * against each, so the write path the tests exercise is the one that ships.
 *
 * What an adapter owns: where a path lives, writing atomically where the medium allows,
 * and refusing links and special files (SECURITY.md). What it does not own: trust, the
 * order of writes, merging — the store does those once for every adapter (store.ts).
 */
export interface StudyFiles {
  /** The file's bytes; undefined when it does not exist. Throws when it exists but cannot be read. */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  /** Replaces the file's bytes (making it when missing); 'unchanged' when they were these bytes already. */
  writeBytes(path: string, bytes: Uint8Array): Promise<'written' | 'unchanged'>;
  /** The path as the user knows it, for messages: study-relative where the adapter can tell. */
  describe(path: string): string;
}

/** Files held in memory: the tests' adapter, and a study that lives nowhere else. */
export class MemoryStudyFiles implements StudyFiles {
  private readonly files = new Map<string, Uint8Array>();
  /** Every write, in order: the contract tests and the reliability tests read it. */
  readonly writes: string[] = [];

  constructor(initial: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(initial)) this.files.set(path, toBytes(content));
  }

  readBytes(path: string): Promise<Uint8Array | undefined> {
    const bytes = this.files.get(path);
    return Promise.resolve(bytes === undefined ? undefined : bytes.slice());
  }

  writeBytes(path: string, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
    const existing = this.files.get(path);
    if (existing !== undefined && sameBytes(existing, bytes)) return Promise.resolve('unchanged');
    this.files.set(path, bytes.slice());
    this.writes.push(path);
    return Promise.resolve('written');
  }

  describe(path: string): string {
    return path;
  }

  /** The file's text as it is now (UTF-8), for tests; undefined when missing. */
  text(path: string): string | undefined {
    const bytes = this.files.get(path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  /** Another writer (a second window, the CLI, git) changes the file behind the store's back. */
  writeBehind(path: string, content: string | Uint8Array): void {
    this.files.set(path, toBytes(content));
  }

  delete(path: string): void {
    this.files.delete(path);
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
