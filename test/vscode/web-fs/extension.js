// A file system without a local disk, for `run-ui-tests.mjs --virtual`: the workbench opens
// vscode-vfs://tc-test/<absolute folder>, and every call on such a URI is answered here, in
// the browser's web worker extension host, from the same path on code-server's machine
// through VS Code's remote file system (vscode-remote://<authority>/<path>). That is how
// github.dev works — its URIs are vscode-vfs://github/<owner>/<repo>/…, with GitHub's API
// behind the provider instead: the extension under test sees no file: URI, no Node fs, no
// ripgrep — only FileSystemProvider calls, and the file search this extension provides
// (workspace.findFiles needs one for a scheme of its own). code-server has no provider of
// its own for vscode-vfs:, so this one takes the scheme.
// The UI tests keep reading and writing the folder on disk; the watcher below passes those
// changes on, as a remote repository's provider reports a change made elsewhere.
// Plain CommonJS in one file, as a web worker extension host loads it: the runner packages
// this folder as it is, no build step.
/* global require, exports -- CommonJS, provided by the extension host's loader */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the host hands `vscode` to require() only
const vscode = require('vscode');

const SCHEME = 'vscode-vfs';
/**
 * Every call the provider answers, with sizes, times and a short digest of the bytes: the
 * workbench keeps this log in the browser's IndexedDB, and a failing UI test writes it
 * beside its screenshot (workbench.mjs), so a lost or stale write can be traced.
 */
let trace = { info: () => {} };

/** A short digest of bytes (FNV-1a), enough to tell two versions of a file apart in the log. */
function digest(bytes) {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `${bytes.length}b#${hash.toString(16)}`;
}
const AUTHORITY = 'tc-test';

/** The file behind a vscode-vfs://tc-test/ URI. */
function backing(uri) {
  return vscode.Uri.from({ scheme: 'vscode-remote', authority: vscode.env.remoteAuthority, path: uri.path });
}

/** The vscode-vfs://tc-test/ URI of a file behind it. */
function front(uri) {
  return vscode.Uri.from({ scheme: SCHEME, authority: AUTHORITY, path: uri.path });
}

/** Re-raises an error of workspace.fs as the FileSystemError a provider must throw, for `uri`. */
function asProviderError(error, uri) {
  const make = vscode.FileSystemError[error?.code];
  if (typeof make === 'function') return make(uri);
  return error;
}

async function exists(uri) {
  try {
    await vscode.workspace.fs.stat(backing(uri));
    return true;
  } catch {
    return false;
  }
}

async function pass(uri, action, describe = () => '') {
  try {
    const result = await action();
    trace.info(`${uri.path} ${describe(result)}`);
    return result;
  } catch (error) {
    trace.info(`${uri.path} failed: ${error?.code ?? ''} ${error?.message ?? error}`);
    throw asProviderError(error, uri);
  }
}

class PassThroughFileSystem {
  constructor() {
    this.changes = new vscode.EventEmitter();
    this.onDidChangeFile = this.changes.event;
  }

  /**
   * VS Code asks to watch each folder and open file; one watcher on the backing of every
   * vscode-vfs: workspace folder (startWatching) reports all of them, so this adds none.
   */
  watch() {
    return new vscode.Disposable(() => {});
  }

  /** Passes changes made on disk behind VS Code's back (by a test, or git) on as changes of the vscode-vfs: files. */
  startWatching(folder) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(backing(folder), '**/*'));
    const report = (type) => (changed) => {
      // The extension host matches a watcher's RelativePattern by path alone, not by scheme
      // (extHostFileSystemEventService: parsedPattern(uri.fsPath)), so the vscode-vfs: events
      // fired below come back here as events of this pattern: passed on again, each would
      // fire forever (seen: 200 "changed" a second for one sidecar after one write, starving
      // its writes). Only the backing file system's own events are passed on.
      if (changed.scheme !== backing(folder).scheme) return;
      trace.info(`watcher: ${changed.path} ${['', 'changed', 'created', 'deleted'][type]}`);
      this.changes.fire([{ type, uri: front(changed) }]);
    };
    watcher.onDidCreate(report(vscode.FileChangeType.Created));
    watcher.onDidChange(report(vscode.FileChangeType.Changed));
    watcher.onDidDelete(report(vscode.FileChangeType.Deleted));
    return watcher;
  }

  stat(uri) {
    return pass(uri, () => vscode.workspace.fs.stat(backing(uri)), (stat) => `stat: mtime ${stat.mtime} size ${stat.size}`);
  }

  readDirectory(uri) {
    return pass(uri, () => vscode.workspace.fs.readDirectory(backing(uri)));
  }

  createDirectory(uri) {
    return pass(uri, () => vscode.workspace.fs.createDirectory(backing(uri)));
  }

  readFile(uri) {
    return pass(uri, () => vscode.workspace.fs.readFile(backing(uri)), (bytes) => `read: ${digest(bytes)}`);
  }

  async writeFile(uri, content, options) {
    const there = await exists(uri);
    if (!there && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (there && options.create && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    await pass(uri, () => vscode.workspace.fs.writeFile(backing(uri), content), () => `write: ${digest(content)}`);
    this.changes.fire([{ type: there ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  async delete(uri, options) {
    await pass(uri, () => vscode.workspace.fs.delete(backing(uri), { recursive: options.recursive, useTrash: false }), () => 'delete');
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  async rename(oldUri, newUri, options) {
    await pass(oldUri, () => vscode.workspace.fs.rename(backing(oldUri), backing(newUri), { overwrite: options.overwrite }), () => `rename to ${newUri.path}`);
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }
}

/** Every file under `folder` (a vscode-vfs: URI), walked through the provider's own backing. */
async function allFiles(folder, token) {
  const files = [];
  const walk = async (directory) => {
    if (token.isCancellationRequested) return;
    for (const [name, type] of await vscode.workspace.fs.readDirectory(backing(directory))) {
      if (name === '.git' || name === 'node_modules') continue;
      const child = vscode.Uri.joinPath(directory, name);
      if (type & vscode.FileType.Directory) await walk(child);
      else files.push(child);
    }
  };
  await walk(folder);
  return files;
}

/**
 * Quick Open and workspace.findFiles for vscode-vfs: (the proposed fileSearchProvider API, as
 * github.dev's own provider uses). VS Code filters the list by the query's globs and ranks
 * it for Quick Open; a test study is small enough to list whole.
 */
const fileSearch = {
  async provideFileSearchResults(query, options, token) {
    const files = await allFiles(options.folder, token);
    return options.maxResults ? files.slice(0, options.maxResults) : files;
  },
};

exports.activate = (context) => {
  trace = vscode.window.createOutputChannel('Test file system (vscode-vfs)', { log: true });
  context.subscriptions.push(trace);
  const fileSystem = new PassThroughFileSystem();
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, fileSystem, { isCaseSensitive: true }));
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === SCHEME && folder.uri.authority === AUTHORITY) context.subscriptions.push(fileSystem.startWatching(folder.uri));
  }
  context.subscriptions.push(vscode.workspace.registerFileSearchProvider(SCHEME, fileSearch));
};
