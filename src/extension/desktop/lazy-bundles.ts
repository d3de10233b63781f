/**
 * Desktop adapter (web twin: lazy-bundles.web.ts): a bundle loaded on first use
 * (../lazy.ts) is required from beside dist/extension.js; scripts/build.mjs turns each
 * `require('../lazy/NAME')` here into a require of dist/NAME.js, and run from the sources
 * it loads the module itself. Node caches a required module.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a require at call time is how a bundle is loaded on first use */
import type { Uri } from 'vscode';
import type { LazyBundleName } from './ports';

const bundles: Record<LazyBundleName, () => unknown> = {
  interop: () => require('../lazy/interop'),
  team: () => require('../lazy/team'),
  reports: () => require('../lazy/reports'),
};

export function loadLazyBundle<T>(name: LazyBundleName): Promise<T> {
  // A require that throws rejects the promise, as a failed read does in the web twin.
  return new Promise<T>((resolve) => resolve(bundles[name]() as T));
}

/** Node finds the bundles beside the running one; only the web twin needs to be told where they are. */
export function rememberExtensionLocation(_extensionUri: Uri): void {}
