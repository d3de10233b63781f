/**
 * The one write path of a study (issue 14): every file Transcript Coder writes in a study —
 * a sidecar after a coding act, the codebook after an edit, memos, a sidecar moved along
 * with its transcript — is written here, through the `StudyFiles` port of the host.
 *
 * Here, once for every host:
 * - trust: in restricted mode nothing is written (trust.ts); the store asks before any write;
 * - order: reads and writes of one file are queued (path-queue.ts), so a read-modify-write
 *   is never interleaved with another write of the same file;
 * - text: files are read through the core's decoder (encodings, BOM, CRLF → LF) and
 *   written as UTF-8.
 * Merging a sidecar someone else wrote is session-sidecar.ts, on top of this.
 */
import { decodeText } from '../transcript';
import type { StudyFiles } from './files';
import { PathQueue } from './path-queue';
import { UntrustedWorkspaceError, WorkspaceWriteGate, type WriteDecision } from './trust';

export class StudyStore {
  private readonly queue = new PathQueue();
  private readonly gate: WorkspaceWriteGate;

  /** `isTrusted`: whether this workspace may be written (the CLI's always may). */
  constructor(
    readonly files: StudyFiles,
    private readonly isTrusted: () => boolean = () => true,
  ) {
    this.gate = new WorkspaceWriteGate(isTrusted);
  }

  /** Whether this workspace may be written: asked before offering or starting anything that writes. */
  mayWrite(): boolean {
    return this.isTrusted();
  }

  /** Throws UntrustedWorkspaceError naming the file unless writes are allowed: the one trust check. */
  assertMayWrite(path: string): void {
    if (!this.mayWrite()) throw new UntrustedWorkspaceError(this.files.describe(path));
  }

  /** The same check for a write that is not a file of the store's: a workspace setting, a folder of imported files. */
  assertMayWriteTo(description: string): void {
    if (!this.mayWrite()) throw new UntrustedWorkspaceError(description);
  }

  /**
   * For writes made as the user types (a sidecar after each coding act): whether to write,
   * and whether to tell the user that nothing is written — once per untrusted period.
   */
  decideWrite(): WriteDecision {
    return this.gate.decide();
  }

  /** Runs `task` after every task queued before it on `path`. */
  serialized<T>(path: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(path, task);
  }

  /** The file's text (decoded, LF line ends); undefined when missing. Throws an Error naming the file when it is not text. */
  readText(path: string): Promise<string | undefined> {
    return this.serialized(path, () => this.readTextNow(path));
  }

  readBytes(path: string): Promise<Uint8Array | undefined> {
    return this.serialized(path, () => this.files.readBytes(path));
  }

  writeText(path: string, text: string): Promise<'written' | 'unchanged'> {
    return this.writeBytes(path, new TextEncoder().encode(text));
  }

  /** Rejects with UntrustedWorkspaceError, writing nothing, in an untrusted workspace. */
  async writeBytes(path: string, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
    this.assertMayWrite(path);
    return this.serialized(path, () => this.writeBytesNow(path, bytes));
  }

  /**
   * Read, change, write, with nothing else on the file in between. `change` gets the text
   * (undefined when the file is missing) and returns the new text, or undefined to leave
   * the file as it is.
   */
  async updateText(path: string, change: (text: string | undefined) => string | undefined): Promise<'written' | 'unchanged'> {
    this.assertMayWrite(path);
    return this.serialized(path, async () => {
      const next = change(await this.readTextNow(path));
      return next === undefined ? 'unchanged' : this.writeBytesNow(path, new TextEncoder().encode(next));
    });
  }

  /** `updateText` for files kept byte for byte (a BOM, CRLF line ends): `change` gets the bytes, or undefined when missing. */
  async updateBytes(path: string, change: (bytes: Uint8Array | undefined) => Uint8Array | undefined): Promise<'written' | 'unchanged'> {
    this.assertMayWrite(path);
    return this.serialized(path, async () => {
      const next = change(await this.files.readBytes(path));
      return next === undefined ? 'unchanged' : this.writeBytesNow(path, next);
    });
  }

  /** Inside a task of `serialized(path, …)`: read without queueing behind oneself. */
  async readTextNow(path: string): Promise<string | undefined> {
    const bytes = await this.files.readBytes(path);
    if (bytes === undefined) return undefined;
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new Error(`${this.files.describe(path)}: ${decoded.message}`);
    return decoded.text;
  }

  /** Inside a task of `serialized(path, …)`: write without queueing behind oneself (trust is asked again). */
  writeBytesNow(path: string, bytes: Uint8Array): Promise<'written' | 'unchanged'> {
    this.assertMayWrite(path);
    return this.files.writeBytes(path, bytes);
  }
}
