/**
 * The study seen from the editor: the codebook and every sidecar of a workspace folder,
 * kept current by file watchers. Commands use it for colours, labels, factor and agency
 * suggestions; the sidebar builds on it.
 */
import * as vscode from 'vscode';
import { type Codebook, dimensionPathOf } from '../core/codebook';
import { factorKey, loadCodebook, type LoadedCodebook, loadRecord, loadStudy, StudyParseCache, type Study, type StudyReader, type TranscriptRecord } from '../core/study';
import { sidecarPathFor } from '../core/sidecar';
import type { AnchorResult } from '../core/anchoring';
import { reanchorInputOf, rememberPlacements } from '../core/study';
import { afterActivation } from './after-activation';
import { indexingProgress } from './indexing-progress';
import { exists } from './file-io';
import { type FileCheck, fileVersion, readVersioned } from './workspace-files';
import { NewestRead } from './newest-read';
import { readSettings } from './settings';
import { Disposable } from './dispose';
import { nextTurn } from './next-turn';
import { atMost } from './at-most';

/**
 * Records carry their transcripts: the sidebar and the matrix count a code only when it
 * is on its text (core/on-text.ts), and that is read in the transcript.
 */
const TRANSCRIPTS = 'all';
/** Reads under way at once while a study is indexed: enough to hide a remote file system's latency, few enough not to meet its rate limit (issue 15). */
const CONCURRENT_READS = 32;
/**
 * How long a file's check may stand in for the check of the read that follows it
 * (createReader): short, so the window between a check and its read (there is always one)
 * stays a matter of milliseconds.
 */
const CHECK_HANDOVER_MS = 100;
/** Sidecars and transcripts parsed before, per study folder, kept for this editor session: a study opened again reads and parses only what changed (core/study/parse-cache.ts). */
const PARSED_BEFORE = new Map<string, StudyParseCache>();

function parsedBeforeOf(folder: vscode.Uri): StudyParseCache {
  const key = folder.toString();
  let cache = PARSED_BEFORE.get(key);
  if (cache === undefined) PARSED_BEFORE.set(key, (cache = new StudyParseCache()));
  return cache;
}

/**
 * Placing a record's codes is left to the worker thread above this much work (lines,
 * plus codes weighted by their bounded search), as opening a transcript is
 * (coded-documents.ts): a hostile transcript takes seconds (issue 19).
 */
const INLINE_PLACING_WORK = 5_000;
const CODE_WORK = 25;

/** The codebook's key among the reads: no sidecar path can be empty. */
const CODEBOOK_KEY = '';

/**
 * What changed in the index, so views can refresh only that: one sidecar (with its
 * record before and after; undefined when it did not exist), the codebook, or everything.
 */
export type StudyIndexChange =
  | { kind: 'all' }
  | { kind: 'codebook' }
  | { kind: 'record'; sidecarPath: string; previous: TranscriptRecord | undefined; current: TranscriptRecord | undefined };

/** Re-anchors codes on line bodies elsewhere (the worker thread, sidebar/stats-worker.ts). */
export interface Placer {
  place(bodies: readonly string[], codes: ReturnType<typeof reanchorInputOf>[]): Promise<AnchorResult[]>;
}

export class StudyIndex extends Disposable implements vscode.Disposable {
  private codebookState: LoadedCodebook | undefined;
  private readonly records = new Map<string, TranscriptRecord>();
  /** Per sidecar path (and CODEBOOK_KEY): reads that overlap are applied newest-last. */
  private readonly reads = new NewestRead();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private readonly changedDetail = this.register(new vscode.EventEmitter<StudyIndexChange>());
  private readonly studyReader: StudyReader;
  readonly onDidChange = this.changed.event;
  /** Fires with every onDidChange, saying what changed. */
  readonly onDidChangeDetail = this.changedDetail.event;
  readonly ready: Promise<void>;
  /**
   * Settled once the codebook has been read the first time: a coding key pressed while
   * the study is still being read waits for it instead of finding "no codebook".
   */
  readonly codebookRead: Promise<void>;
  private codebookWasRead: () => void = () => undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly placer?: Placer,
    /** Sidecars parsed before (the bench gives an empty one to time a first opening). */
    parsedBefore: StudyParseCache = parsedBeforeOf(folder.uri),
  ) {
    super();
    const reader = this.createReader(parsedBefore);
    this.studyReader = reader;
    this.codebookRead = new Promise((resolve) => (this.codebookWasRead = resolve));
    this.ready = afterActivation()
      .then(() => {
        if (this.isDisposed) return;
        this.watch(reader);
        return indexingProgress.track(this.loadAll(reader));
      })
      .finally(() => this.codebookWasRead());
  }

  private watch(reader: StudyReader): void {
    const folder = this.folder;
    const sidecars = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.codes.yaml'));
    const codebook = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.codebookPath()));
    // Events are only hints: VS Code reports an atomic save (rename over the file) as a
    // create, and drops a create and a delete that fall into one batch. Every event
    // therefore reads the file, and what is on disk decides, delete events included.
    // The extension host matches a watcher's pattern by path alone: an event of another file
    // system at the same path (a virtual workspace's backing store) is not this study's.
    const onlyOurs = (handle: (uri: vscode.Uri) => void) => (uri: vscode.Uri) => {
      if (uri.scheme === folder.uri.scheme && uri.authority === folder.uri.authority) handle(uri);
    };
    const reloadRecord = onlyOurs((uri) => void this.reloadPath(reader, vscode.workspace.asRelativePath(uri, false)));
    // A transcript deleted, renamed, put back or changed (in the editor, by git, by a file
    // manager): its sidecar's "transcript is gone" problem follows, and whether its codes
    // are on their text (the sidebar and the matrix count only those) is read again.
    const files = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const transcriptCameOrWent = (uri: vscode.Uri) => {
      const sidecarPath = sidecarPathFor(vscode.workspace.asRelativePath(uri, false));
      if (this.records.has(sidecarPath)) void this.reloadPath(reader, sidecarPath);
    };
    const reloadCodebook = onlyOurs(() => void this.reloadCodebook(reader));
    this.registerAll(
      sidecars,
      codebook,
      files,
      files.onDidCreate(
        onlyOurs((uri) => {
          transcriptCameOrWent(uri);
          void this.readSidecarsUnder(reader, uri);
        }),
      ),
      files.onDidChange(onlyOurs(transcriptCameOrWent)),
      files.onDidDelete(
        onlyOurs((uri) => {
          transcriptCameOrWent(uri);
          // A folder deleted outside VS Code (a file manager, `rm -r`, git) is one event, not
          // one per file inside: the sidecars under it are read again, so they and their
          // Problems go.
          const folderPath = `${vscode.workspace.asRelativePath(uri, false)}/`;
          for (const sidecarPath of this.records.keys()) if (sidecarPath.startsWith(folderPath)) void this.reloadPath(reader, sidecarPath);
        }),
      ),
      sidecars.onDidCreate(reloadRecord),
      sidecars.onDidChange(reloadRecord),
      sidecars.onDidDelete(reloadRecord),
      codebook.onDidCreate(reloadCodebook),
      codebook.onDidChange(reloadCodebook),
      codebook.onDidDelete(reloadCodebook),
    );
  }

  /**
   * A folder copied, moved or checked out into the study may arrive as one event for the
   * folder, none for the sidecars inside it: they are looked for and read.
   */
  private async readSidecarsUnder(reader: StudyReader, uri: vscode.Uri): Promise<void> {
    const type = await vscode.workspace.fs.stat(uri).then(
      (stat) => stat.type,
      () => undefined, // Gone again: its delete event says so.
    );
    if (type === undefined || (type & vscode.FileType.Directory) === 0) return;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.codes.yaml'));
    await Promise.all(found.map((sidecar) => this.reloadPath(reader, vscode.workspace.asRelativePath(sidecar, false))));
  }

  get codebook(): Codebook | undefined {
    return this.codebookState?.codebook;
  }

  get loadedCodebook(): LoadedCodebook | undefined {
    return this.codebookState;
  }

  codebookUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...this.codebookPath().split('/'));
  }

  allRecords(): TranscriptRecord[] {
    return [...this.records.values()];
  }

  record(sidecarPath: string): TranscriptRecord | undefined {
    return this.records.get(sidecarPath);
  }

  /** Reads files through `workspace.fs`, by study-relative path. */
  /**
   * The whole study read afresh from disk, as the CLI reads it: for reports, exports,
   * agreement and the summary, which must match `transcript-coder` to the byte.
   */
  loadWhole(transcripts: 'all' | 'when-needed'): Promise<Study> {
    return loadStudy(this.studyReader, { transcripts, codebookPath: this.codebookPath() });
  }

  get reader(): StudyReader {
    return this.studyReader;
  }

  /** A study-relative path as a URI. */
  uriOf(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...path.split('/'));
  }

  /**
   * Reads these sidecars again now, without waiting for the file watcher: after the
   * extension wrote them, so views show the change at once.
   */
  async reloadSidecars(paths: readonly string[]): Promise<void> {
    await Promise.all(paths.map((path) => this.reloadPath(this.studyReader, path)));
  }

  /**
   * Lists and reads the whole study again: the Refresh command, for when file events
   * were missed (a remote file system, a burst of writes by git or another tool).
   */
  reloadEverything(): Promise<void> {
    return indexingProgress.track(this.readEverything());
  }

  private async readEverything(): Promise<void> {
    this.codebookState = await loadCodebook(this.studyReader, this.codebookPath());
    const paths = await this.studyReader.listFiles();
    const records = await Promise.all(paths.map((path) => this.load(this.studyReader, path)));
    this.records.clear();
    for (const record of records) this.records.set(record.sidecarPath, record);
    this.fire({ kind: 'all' });
  }

  /** Reads the codebook again now (after the extension wrote it). */
  reloadCodebookNow(): Promise<void> {
    return this.reloadCodebook(this.studyReader);
  }

  /** Factor names used for a dimension anywhere in the study, most used first. */
  factorsFor(codePath: string): string[] {
    const dimension = dimensionPathOf(codePath);
    const counts = new Map<string, { name: string; count: number }>();
    for (const record of this.records.values()) {
      if (record.sidecar.status !== 'ok') continue;
      for (const code of record.sidecar.data.codes) {
        if (dimensionPathOf(code.code) !== dimension || code.factor.trim() === '') continue;
        const key = factorKey(code.factor);
        const entry = counts.get(key) ?? { name: code.factor.trim(), count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((e) => e.name);
  }

  /** Agencies named in the study's sidecars. */
  agencies(): string[] {
    const names = new Set<string>();
    for (const record of this.records.values()) if (record.agency !== undefined) names.add(record.agency);
    return [...names].sort((a, b) => a.localeCompare(b));
  }

  private codebookPath(): string {
    return readSettings(this.folder.uri).codebookPath;
  }

  private fire(change: StudyIndexChange): void {
    this.changedDetail.fire(change);
    this.changed.fire();
  }

  private createReader(parsedBefore: StudyParseCache): StudyReader {
    const folder = this.folder;
    const reading = atMost(CONCURRENT_READS);
    /** The version each file had when it was last read (parse-cache.ts). */
    const versions = new Map<string, string | undefined>();
    /**
     * A version just asked for, with the check behind it: when a study is read again with
     * its parse cache (opened again, Refresh) and a file has changed, its read follows at
     * once and takes the check over instead of asking the file system again (one round trip
     * less per changed file, issue 15; a reload after a change asks no version). Used once,
     * and only within CHECK_HANDOVER_MS.
     */
    const checkedJustNow = new Map<string, { checked: FileCheck; at: number }>();
    const handOver = (path: string): FileCheck | undefined => {
      const taken = checkedJustNow.get(path);
      checkedJustNow.delete(path);
      return taken !== undefined && performance.now() - taken.at < CHECK_HANDOVER_MS ? taken.checked : undefined;
    };
    return {
      async listFiles() {
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.codes.yaml'), '**/node_modules/**');
        return found.map((uri) => vscode.workspace.asRelativePath(uri, false));
      },
      readFile: (path) =>
        reading(async () => {
          const read = await readVersioned(vscode.Uri.joinPath(folder.uri, ...path.split('/')), handOver(path));
          versions.set(path, read.version);
          return read.bytes;
        }),
      version: (path) =>
        reading(async () => {
          const { version, checked } = await fileVersion(vscode.Uri.joinPath(folder.uri, ...path.split('/')));
          checkedJustNow.set(path, { checked, at: performance.now() });
          return version;
        }),
      versionOfLastRead: (path) => versions.get(path),
      exists: (path) => exists(vscode.Uri.joinPath(folder.uri, ...path.split('/'))),
      // A turn of the event loop between steps of parsing a transcript (issue 19).
      pause: () => new Promise<void>((resolve) => nextTurn(resolve)),
      parsedBefore,
    };
  }

  private async loadAll(reader: StudyReader): Promise<void> {
    const codebook = await loadCodebook(reader, this.codebookPath());
    if (!this.reads.started(CODEBOOK_KEY)) this.codebookState = codebook;
    this.codebookWasRead();
    const paths = await reader.listFiles();
    const records = await Promise.all(paths.map((path) => this.load(reader, path)));
    for (const record of records) {
      // A watcher event during the first load already read this file again, later.
      if (!this.reads.started(record.sidecarPath)) this.records.set(record.sidecarPath, record);
    }
    this.fire({ kind: 'all' });
  }

  private reloadCodebook(reader: StudyReader): Promise<void> {
    return this.reads.read(CODEBOOK_KEY, () => loadCodebook(reader, this.codebookPath()), (loaded) => {
      this.codebookState = loaded;
      this.fire({ kind: 'codebook' });
    });
  }

  private reloadPath(reader: StudyReader, path: string): Promise<void> {
    let missing = false;
    const version = reader.version;
    const noticingAbsence: StudyReader = {
      listFiles: () => reader.listFiles(),
      ...(reader.exists === undefined ? {} : { exists: reader.exists }),
      ...(reader.pause === undefined ? {} : { pause: reader.pause }),
      // The sidecar is read again whatever its version says (an event or a caller asked for
      // it; its parse is still kept by content); its transcript only when its own version
      // changed: a changed sidecar then costs one question about the transcript, not a read.
      ...(reader.parsedBefore === undefined || version === undefined
        ? {}
        : {
            parsedBefore: reader.parsedBefore,
            version: (file: string) => (file === path ? Promise.resolve(undefined) : version(file)),
            ...(reader.versionOfLastRead === undefined ? {} : { versionOfLastRead: reader.versionOfLastRead }),
          }),
      readFile: async (file) => {
        const bytes = await reader.readFile(file);
        if (file === path && bytes === undefined) missing = true;
        return bytes;
      },
    };
    return this.reads.read(path, () => this.load(noticingAbsence, path), (record) => {
      const previous = this.records.get(path);
      if (missing) {
        if (previous === undefined) return;
        this.records.delete(path);
        this.fire({ kind: 'record', sidecarPath: path, previous, current: undefined });
        return;
      }
      this.records.set(path, record);
      this.fire({ kind: 'record', sidecarPath: path, previous, current: record });
    });
  }

  /**
   * A record, with its codes already placed on their text in the worker thread: the views
   * count only codes on their text (core/on-text.ts), and re-anchoring a large or hostile
   * transcript on the main thread would hold the editor for seconds (issue 19).
   */
  private async load(reader: StudyReader, path: string): Promise<TranscriptRecord> {
    const record = await loadRecord(reader, path, TRANSCRIPTS);
    const transcript = record.transcript;
    if (this.placer === undefined || transcript === undefined || record.sidecar.status !== 'ok' || record.sidecar.data.codes.length === 0) return record;
    const codes = record.sidecar.data.codes;
    // A usual transcript is placed in a few milliseconds where the views ask (on-text.ts);
    // the worker, one request at a time, could keep it waiting behind a long one.
    if (transcript.bodies.length + CODE_WORK * codes.length <= INLINE_PLACING_WORK) return record;
    try {
      rememberPlacements(transcript, codes, await this.placer.place(transcript.bodies, codes.map(reanchorInputOf)));
    } catch {
      // The worker failed: the views place the codes themselves when they ask (on-text.ts).
    }
    return record;
  }
}
