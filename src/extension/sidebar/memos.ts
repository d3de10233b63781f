/**
 * Analytic memos per agency × dimension (issue 4), kept in the study's `memos.yaml`
 * through the core memos model, read again when the file changes (git included), and
 * edited in a small editor document: the memo opens as a Markdown document of the
 * `transcript-coder-memo:` scheme, and saving it writes memos.yaml.
 */
import * as vscode from 'vscode';
import { type LoadedMemos, loadMemos, type Memo, memoKey, MEMOS_PATH, memosFor, MemosNotWritableError, setMemo } from '../../core/study';
import { afterActivation } from '../after-activation';
import { storePath, studyStore } from '../workspace-files';
import { NewestRead } from '../newest-read';
import type { StudyIndex } from '../study-index';
import type { StudyIndexes } from '../study-indexes';
import { Disposable } from '../dispose';

export const MEMO_SCHEME = 'transcript-coder-memo';

export class MemoStore extends Disposable implements vscode.Disposable {
  private loaded: LoadedMemos = { path: MEMOS_PATH, memos: [], broken: false, problems: [] };
  private readonly changed = this.register(new vscode.EventEmitter<string[]>());
  /** Fires with the agencies whose memos changed. */
  readonly onDidChange = this.changed.event;
  private readonly reads = new NewestRead();
  ready: Promise<void>;

  constructor(readonly study: StudyIndex) {
    super();
    this.ready = afterActivation().then(() => {
      if (this.isDisposed) return;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(study.folder, MEMOS_PATH));
      const reload = () => void this.reload();
      this.registerAll(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
      return this.reload();
    });
  }

  get memos(): LoadedMemos {
    return this.loaded;
  }

  get uri(): vscode.Uri {
    return this.study.uriOf(MEMOS_PATH);
  }

  memoFor(agency: string, dimension: string): Memo | undefined {
    return memosFor(this.loaded.memos, agency, dimension)[0];
  }

  /** Sets (or, with blank text, removes) one memo and writes memos.yaml. Throws when the file is broken. */
  async set(agency: string, dimension: string, text: string, author: string): Promise<void> {
    const date = localDate(new Date());
    // Read and written in one step of the store's queue (trust is asked there, once).
    await studyStore.updateBytes(storePath(this.uri), (bytes) => {
      // Decoded as it is (BOM and CRLF kept) so only the memo's lines change.
      const previous = bytes === undefined ? undefined : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      return new TextEncoder().encode(setMemo(previous, agency, dimension, text, author, date));
    });
    await this.reload();
  }

  /** Reads memos.yaml again; overlapping reloads are applied in the order they started. */
  reload(): Promise<void> {
    return this.reads.read(MEMOS_PATH, () => loadMemos(this.study.reader, MEMOS_PATH), (loaded) => {
      const before = this.loaded;
      this.loaded = loaded;
      const changed = changedAgencies(before.memos, loaded.memos);
      if (changed.length > 0 || before.broken !== loaded.broken) this.changed.fire(changed);
    });
  }
}

function changedAgencies(before: readonly Memo[], after: readonly Memo[]): string[] {
  const text = (memos: readonly Memo[]) => {
    const map = new Map<string, string>();
    for (const memo of memos) map.set(memoKey(memo.agency, memo.dimension), `${map.get(memoKey(memo.agency, memo.dimension)) ?? ''}${memo.text}\u0000`);
    return map;
  };
  const a = text(before);
  const b = text(after);
  const agencies = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) agencies.add(key.split('\u0000')[0] ?? '');
  }
  return [...agencies];
}

/** One memo store per study folder, made when first asked for. */
export class MemoStores extends Disposable implements vscode.Disposable {
  private readonly byFolder = new Map<string, MemoStore>();
  private readonly changed = this.register(new vscode.EventEmitter<{ study: StudyIndex; agencies: string[] }>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly studies: StudyIndexes) {
    super();
  }

  for(study: StudyIndex): MemoStore {
    const key = study.folder.uri.toString();
    let store = this.byFolder.get(key);
    if (store === undefined || store.study !== study) {
      store?.dispose();
      store = new MemoStore(study);
      const created = store;
      this.byFolder.set(key, created);
      this.register(created.onDidChange((agencies) => this.changed.fire({ study, agencies })));
    }
    return store;
  }

  /** Reads every memos.yaml again (the Refresh command: file events can be missed). */
  async reloadAll(): Promise<void> {
    await Promise.all([...this.byFolder.values()].map((store) => store.reload()));
  }

  forFolder(folderUri: string): MemoStore | undefined {
    const study = this.studies.all().find((candidate) => candidate.folder.uri.toString() === folderUri);
    return study === undefined ? undefined : this.for(study);
  }

  override dispose(): void {
    for (const store of this.byFolder.values()) store.dispose();
    super.dispose();
  }
}

interface MemoAddress {
  folder: string;
  agency: string;
  dimension: string;
}

/** The editor document of one memo: `transcript-coder-memo:/<agency> · <dimension>.md?<address>`. */
export function memoUri(study: StudyIndex, agency: string, dimension: string, title: string): vscode.Uri {
  const address: MemoAddress = { folder: study.folder.uri.toString(), agency, dimension };
  const name = `${title}.md`.replace(/[/\\]/gu, '∕');
  return vscode.Uri.from({ scheme: MEMO_SCHEME, path: `/${name}`, query: JSON.stringify(address) });
}

function addressOf(uri: vscode.Uri): MemoAddress {
  try {
    const parsed = JSON.parse(uri.query) as Partial<MemoAddress>;
    if (typeof parsed.folder === 'string' && typeof parsed.agency === 'string' && typeof parsed.dimension === 'string') {
      return { folder: parsed.folder, agency: parsed.agency, dimension: parsed.dimension };
    }
  } catch {
    // fall through
  }
  throw vscode.FileSystemError.FileNotFound(uri);
}

/** Memos as files: reading gives the memo's text, saving writes memos.yaml. */
export class MemoFileSystem extends Disposable implements vscode.FileSystemProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changed.event;

  constructor(
    private readonly stores: MemoStores,
    private readonly author: () => Promise<string | undefined>,
  ) {
    super();
    this.register(stores.onDidChange(() => {
        // Someone else changed memos.yaml: open memo documents read their text again.
        const open = vscode.workspace.textDocuments.filter((document) => document.uri.scheme === MEMO_SCHEME);
        if (open.length > 0) this.changed.fire(open.map((document) => ({ type: vscode.FileChangeType.Changed, uri: document.uri })));
      }));
  }

  private store(uri: vscode.Uri): { store: MemoStore; address: MemoAddress } {
    const address = addressOf(uri);
    const store = this.stores.forFolder(address.folder);
    if (store === undefined) throw vscode.FileSystemError.Unavailable(uri);
    return { store, address };
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const text = await this.text(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: new TextEncoder().encode(text).byteLength };
  }

  private async text(uri: vscode.Uri): Promise<string> {
    const { store, address } = this.store(uri);
    await store.ready;
    return store.memoFor(address.agency, address.dimension)?.text ?? '';
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.text(uri));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { store, address } = this.store(uri);
    await store.ready;
    try {
      await store.set(address.agency, address.dimension, new TextDecoder().decode(content), (await this.author()) ?? '');
    } catch (error) {
      if (error instanceof MemosNotWritableError) throw vscode.FileSystemError.NoPermissions(error.message);
      throw error;
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** The user's calendar day, `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
