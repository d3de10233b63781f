/**
 * A coding session's sidecar on disk: the text last read or written, and the one way a
 * session's codes reach the file — read what is there, compare with what was last seen,
 * merge three-way by code id when someone else wrote it (a second window, the CLI, git),
 * write (DESIGN §3, docs/merging.md). The extension's coded documents and the tests use
 * this same class; only the `StudyFiles` adapter under the store differs.
 */
import type { CodingSession, SidecarReload } from '../session';
import type { StudyStore } from './store';

export type SidecarSave =
  /** `reload`: the file had been changed by someone else and was merged (or replayed, or is broken). */
  | { status: 'written' | 'unchanged'; reload?: SidecarReload }
  /** Restricted mode: nothing written; `tellUser` once per untrusted period. */
  | { status: 'untrusted'; tellUser: boolean };

/** What taking in the file on disk did: nothing (`unchanged`), or a reload and perhaps a write. */
export type SidecarTakeIn = { changed: false } | { changed: true; reload: SidecarReload; save?: SidecarSave };

export class SessionSidecar {
  constructor(
    private readonly store: StudyStore,
    /** The sidecar's path as the store's adapter knows it. */
    readonly path: string,
    readonly session: CodingSession,
    /** The text last read or written: a different text on disk means someone else wrote it. */
    public knownText: string | undefined,
  ) {}

  /** Writes the session's codes, after any read or write of the file under way. `liveText`: the transcript as the editor holds it. */
  save(liveText: () => string): Promise<SidecarSave> {
    return this.store.serialized(this.path, async () => {
      const text = this.session.sidecarText();
      return text === undefined ? { status: 'unchanged' } : this.writeNow(text, liveText);
    });
  }

  /** A take-in queued behind the file's other tasks and not yet started: it answers every report made before it starts. */
  private waitingTakeIn: Promise<SidecarTakeIn> | undefined;

  /**
   * Takes in the file as it is on disk now (a watcher event, or a command about to change
   * codes): merged by code id with what this session has not written yet, and the merge
   * written back when it differs from the file.
   * A file system may report one change many times (a remote one, a watcher echoing its own
   * events): while a take-in waits in the queue, a new report waits for that one, which
   * reads the file after it — so a burst of reports costs one read, and a write asked
   * meanwhile is not held back behind a read per report.
   */
  takeInFromDisk(liveText: () => string): Promise<SidecarTakeIn> {
    if (this.waitingTakeIn !== undefined) {
      const unchanged: SidecarTakeIn = { changed: false };
      return this.waitingTakeIn.then(
        () => unchanged,
        () => unchanged,
      );
    }
    const takeIn = this.store.serialized(this.path, async (): Promise<SidecarTakeIn> => {
      this.waitingTakeIn = undefined;
      const text = await this.store.readTextNow(this.path).catch(() => undefined);
      if (text === undefined || text === this.knownText) return { changed: false };
      // Nothing of this session's own to add: the file is taken in, never rewritten (a
      // hand-written sidecar keeps its layout, and a file deleted meanwhile is not brought back).
      const hasOwnChanges = this.session.hasUnwrittenChanges(this.knownText);
      const reload = this.session.reloadSidecarKeepingLocalChanges(text, this.knownText, liveText());
      this.knownText = text;
      if (reload.status === 'broken' || !hasOwnChanges) return { changed: true, reload };
      const merged = this.session.sidecarText();
      if (merged === undefined || merged === text) return { changed: true, reload };
      return { changed: true, reload, save: await this.writeNow(merged, liveText) };
    });
    this.waitingTakeIn = takeIn;
    return takeIn;
  }

  /** Inside the file's queue: never overwrites what someone else wrote since it was last seen. */
  private async writeNow(text: string, liveText: () => string): Promise<SidecarSave> {
    const decision = this.store.decideWrite();
    if (!decision.write) return { status: 'untrusted', tellUser: decision.tellUser };
    let reload: SidecarReload | undefined;
    const onDisk = await this.store.readTextNow(this.path);
    if (onDisk !== this.knownText && onDisk !== undefined && onDisk !== text) {
      reload = this.session.reloadSidecarKeepingLocalChanges(onDisk, this.knownText, liveText());
      this.knownText = onDisk;
      const merged = this.session.sidecarText();
      if (merged === undefined || merged === onDisk) return { status: 'unchanged', reload };
      text = merged;
    }
    const written = await this.store.writeBytesNow(this.path, new TextEncoder().encode(text));
    this.knownText = text;
    this.session.markWritten(text);
    return reload === undefined ? { status: written } : { status: written, reload };
  }
}
