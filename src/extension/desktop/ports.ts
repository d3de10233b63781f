/**
 * What the desktop build has and a browser has not (issue 15): Node's disk, processes and
 * threads. Each module in this folder is a desktop adapter with a twin `NAME.web.ts`
 * exporting the same names with the same types; the browser build (scripts/build.mjs)
 * bundles the twin in its place, and test/unit/web-build.test.ts checks that the two
 * agree. A capability a browser lacks is `undefined` there, so every caller says what
 * it does without it.
 */
import type { Uri } from 'vscode';
import type { FileToWrite } from '../../core/problems';
import type { StatsRequest } from '../sidebar/transcript-stats';

/** The local disk, where links can be resolved and files replaced atomically. */
export interface LocalDisk {
  /** Writes `bytes` to a temporary file and renames it over `path`; never through a link leaving `within`. */
  writeAtomic(path: string, bytes: Uint8Array, within: string | undefined): Promise<'written' | 'unchanged'>;
  /** Whether `path`, links resolved in every folder on the way, lies inside the folder `root`. */
  realPathInside(root: string, path: string, studyPath: string): Promise<'inside' | 'missing'>;
}

/** A thread that answers the Transcripts view's requests (../transcript-stats-worker.ts). */
export interface StatsThread {
  send(request: StatsRequest): void;
  terminate(): void;
}

export interface StatsThreadEvents {
  answer(message: { id: number; answer?: never; error?: string }): void;
  /** It could not start, or stopped. */
  failed(): void;
}

/** The bundles loaded on first use (../lazy.ts): dist/NAME.js. */
export type LazyBundleName = 'interop' | 'team' | 'reports';

/** git's merge driver, which runs the bundled CLI with the editor's own runtime. */
export interface MergeDriverPort {
  setUp(folderPath: string, extensionPath: string): Promise<{ root: string; changes: string[] }>;
}

/** Where an import's files are written and its outside sources read. */
export interface ImportFiles {
  writeNewFolder(target: Uri, files: readonly FileToWrite[]): Promise<void>;
  addFilesWithoutOverwriting(target: Uri, files: readonly FileToWrite[]): Promise<void>;
  /** A reader of the sources beside a project in `folder`; `wanted` are those a first pass of the import asked for. */
  besideReader(folder: Uri, wanted: ReadonlyArray<{ path: string; absolute: boolean }>): Promise<(path: string, absolute: boolean) => Uint8Array | string | undefined>;
}
