/**
 * Web twin of lazy-bundles.ts: a web worker cannot require a sibling file, so a bundle
 * loaded on first use (../lazy.ts) is read from the extension's own folder through
 * `workspace.fs` (VS Code serves it there: vscode-remote: in code-server, https: in
 * vscode.dev and github.dev) and run as a CommonJS module, the way the worker's
 * extension host runs dist/web/extension.js itself. It is the code of this extension,
 * from the folder VS Code installed it in, so it is trusted as much as this file is.
 *
 * A bundle requires only `yaml`, which dist/web/extension.js carries and hands over
 * (scripts/build.mjs makes `yaml` a require of ./yaml.js in each bundle). A read that
 * fails for a moment is asked once more; a bundle that cannot be loaded is named in the
 * error, and asked for again on the next use.
 */
import * as vscode from 'vscode';
import * as yamlLibrary from 'yaml';
import { readTwice } from '../read-twice';
import { isFileSystemAnswer } from '../workspace-files';
import type { LazyBundleName } from './ports';

let extensionLocation: vscode.Uri | undefined;
const loading = new Map<LazyBundleName, Promise<unknown>>();

export function rememberExtensionLocation(extensionUri: vscode.Uri): void {
  extensionLocation = extensionUri;
}

export function loadLazyBundle<T>(name: LazyBundleName): Promise<T> {
  let pending = loading.get(name);
  if (pending === undefined) {
    pending = load(name);
    loading.set(name, pending);
    pending.catch(() => loading.delete(name));
  }
  return pending as Promise<T>;
}

async function load(name: LazyBundleName): Promise<unknown> {
  if (extensionLocation === undefined) throw new Error(`dist/${name}.js cannot be loaded before the extension is activated`);
  const file = vscode.Uri.joinPath(extensionLocation, 'dist', `${name}.js`);
  const bytes = await readTwice(async () => vscode.workspace.fs.readFile(file), `dist/${name}.js`, isFileSystemAnswer);
  const module: { exports: unknown } = { exports: {} };
  const run = new Function('module', 'exports', 'require', `${new TextDecoder().decode(bytes)}\n//# sourceURL=${file.toString(true)}`) as (
    module: { exports: unknown },
    exports: unknown,
    require: (id: string) => unknown,
  ) => void;
  run(module, module.exports, (id) => {
    if (id === './yaml.js') return yamlLibrary;
    throw new Error(`dist/${name}.js requires "${id}", which a browser does not have`);
  });
  return module.exports;
}
