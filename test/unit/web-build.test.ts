/**
 * The web build (issue 15): dist/web/extension.js runs in a browser's web worker
 * extension host, where there is no Node. Built here with the build's own options, it
 * must take nothing from src/node, require nothing but `vscode`, and load in a context
 * that has only what a web worker has. Each desktop adapter's twin must export the same
 * names with the same types (checked by the compiler below, and by name at run time).
 * Whether it then works in a real VS Code's web worker host is the UI tests' job
 * (test/vscode/run-ui-tests.mjs --web).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
// @ts-expect-error -- a plain .mjs script without type declarations
import { lazyBundleOptions, webBuildOptions } from '../../scripts/build-options.mjs';
import * as yamlLibrary from 'yaml';
import { code, FILE, parsed } from './merge-fixtures';
import type * as GitUser from '../../src/extension/desktop/git-user';
import type * as GitUserWeb from '../../src/extension/desktop/git-user.web';
import type * as Host from '../../src/extension/desktop/host';
import type * as HostWeb from '../../src/extension/desktop/host.web';
import type * as ImportFiles from '../../src/extension/desktop/import-files';
import type * as ImportFilesWeb from '../../src/extension/desktop/import-files.web';
import type * as LazyBundles from '../../src/extension/desktop/lazy-bundles';
import type * as LazyBundlesWeb from '../../src/extension/desktop/lazy-bundles.web';
import type * as LocalDisk from '../../src/extension/desktop/local-disk';
import type * as LocalDiskWeb from '../../src/extension/desktop/local-disk.web';
import type * as MergeDriver from '../../src/extension/desktop/merge-driver';
import type * as MergeDriverWeb from '../../src/extension/desktop/merge-driver.web';
import type * as Start from '../../src/extension/desktop/start';
import type * as StartWeb from '../../src/extension/desktop/start.web';
import type * as StatsThread from '../../src/extension/desktop/stats-thread';
import type * as StatsThreadWeb from '../../src/extension/desktop/stats-thread.web';

/** `true` only when A and B are each assignable to the other: a twin that drifts fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const twinsAgree: [
  Same<typeof GitUser, typeof GitUserWeb>,
  Same<typeof Host, typeof HostWeb>,
  Same<typeof ImportFiles, typeof ImportFilesWeb>,
  Same<typeof LazyBundles, typeof LazyBundlesWeb>,
  Same<typeof LocalDisk, typeof LocalDiskWeb>,
  Same<typeof MergeDriver, typeof MergeDriverWeb>,
  Same<typeof Start, typeof StartWeb>,
  Same<typeof StatsThread, typeof StatsThreadWeb>,
] = [true, true, true, true, true, true, true, true];

const ROOT = path.resolve(__dirname, '..', '..');
const DESKTOP = path.join(ROOT, 'src', 'extension', 'desktop');

describe('the web build (issue 15)', function () {
  this.timeout(120_000);
  let bundle: string;
  let inputs: string[];

  before(async () => {
    const result = await build({ ...webBuildOptions, absWorkingDir: ROOT, outfile: 'web-build-test.js', write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
    const output = result.outputFiles?.find((file) => file.path.endsWith('.js'));
    assert.ok(output);
    bundle = output.text;
    inputs = Object.keys(result.metafile?.inputs ?? {});
  });

  it('every desktop adapter has a web twin, and the compiler holds them to the same exports', () => {
    assert.ok(twinsAgree.every(Boolean));
    const files = readdirSync(DESKTOP).sort();
    const adapters = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.web.ts') && file !== 'ports.ts');
    // twinsAgree above names each pair: a new adapter needs a twin and a line there.
    assert.deepEqual(adapters, ['git-user.ts', 'host.ts', 'import-files.ts', 'lazy-bundles.ts', 'local-disk.ts', 'merge-driver.ts', 'start.ts', 'stats-thread.ts']);
    for (const adapter of adapters) assert.ok(files.includes(adapter.replace(/\.ts$/u, '.web.ts')), `${adapter} has a twin`);
  });

  it('takes the twins and nothing from src/node or Node', () => {
    const ours = inputs.filter((input) => input.startsWith('src/'));
    assert.ok(ours.includes('src/extension/extension.ts'));
    assert.deepEqual(ours.filter((input) => input.startsWith('src/node/') || input.startsWith('src/cli/')), []);
    const desktopInputs = ours.filter((input) => input.startsWith('src/extension/desktop/') && !input.endsWith('/ports.ts'));
    assert.ok(desktopInputs.length >= 5, desktopInputs.join(', '));
    assert.deepEqual(desktopInputs.filter((input) => !input.endsWith('.web.ts')), [], 'a desktop adapter slipped into the web build');
    // The lazy parts (imports and exports, team work, the matrix) are not inside: the worker reads them on first use (lazy-bundles.web.ts).
    assert.deepEqual(ours.filter((input) => input.startsWith('src/extension/lazy/')), []);
    assert.ok(ours.includes('src/extension/desktop/lazy-bundles.web.ts'));
    const required = [...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/gu)].map((match) => match[1]);
    assert.deepEqual([...new Set(required)], ['vscode']);
  });

  it('loads where only a web worker\'s globals are: no process, Buffer, setImmediate or require but vscode', () => {
    const module = runInWorkerGlobals(bundle, 'dist/web/extension.js');
    assert.equal(typeof module.exports['activate'], 'function');
  });

  it('runs the workbench\'s code, which the web build runs after activation (desktop/start.web.ts), with a web worker\'s globals only', async () => {
    const workbench = await build({ ...webBuildOptions, entryPoints: ['src/extension/workbench.ts'], absWorkingDir: ROOT, outfile: 'web-workbench-test.js', write: false, sourcemap: false, logLevel: 'silent' });
    const text = workbench.outputFiles?.find((file) => file.path.endsWith('.js'))?.text;
    assert.ok(text);
    const module = runInWorkerGlobals(text, 'workbench.ts');
    assert.equal(typeof module.exports['startWorkbench'], 'function');
  });
});

/** Runs a CommonJS bundle in a context with only a web worker's globals; `vscode` is a stand-in and nothing else may be required. */
function runInWorkerGlobals(text: string, filename: string): { exports: Record<string, unknown> } {
  const requested: string[] = [];
  // Whatever the bundle reads of `vscode` while it loads (enum members, base classes) is a stand-in.
  const standIn: object = new Proxy(function standIn() {}, { get: (_target, name) => (name === '__esModule' ? false : name === 'prototype' ? {} : standIn) });
  const vscodeStub = Object.fromEntries([...text.matchAll(/\bvscode_exports\.(\w+)/gu)].map((match) => [match[1], standIn]));
  const module = { exports: {} as Record<string, unknown> };
  const worker = {
    module,
    exports: module.exports,
    require: (name: string) => {
      requested.push(name);
      if (name !== 'vscode') throw new Error(`${filename} required ${name}`);
      return vscodeStub;
    },
    console, TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, crypto: globalThis.crypto,
    setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, MessageChannel, performance,
  };
  const context = vm.createContext(worker);
  for (const nodeOnly of ['process', 'Buffer', 'setImmediate', 'global', '__dirname']) assert.equal(vm.runInContext(`typeof ${nodeOnly}`, context), 'undefined', nodeOnly);
  vm.runInContext(text, context, { filename });
  assert.deepEqual([...new Set(requested)], ['vscode']);
  return module;
}

/**
 * The bundles loaded on first use (src/extension/lazy.ts) are the same files on the
 * desktop and in a browser: built with the build's own options, each must require only
 * ./yaml.js (which the web build hands over from its own copy) and run where only a web
 * worker's globals are, the way lazy-bundles.web.ts runs it.
 */
describe('the bundles loaded on first use, in a web worker (issue 15)', function () {
  this.timeout(120_000);
  const expected: Record<string, string[]> = {
    interop: ['exportFormat', 'renderExport', 'importQdpx', 'importTranscript', 'renderAgreementDocumentDocx'],
    team: ['computeAgreement', 'listDisagreements', 'settleItem', 'resolveConflictMarkers', 'takeSide'],
    reports: ['buildStudyMatrix', 'exportMatrixSvg', 'computeCooccurrence'],
  };
  const lazyFolder = path.join(ROOT, 'src', 'extension', 'lazy');

  it('there is one for each module under src/extension/lazy/', () => {
    assert.deepEqual(readdirSync(lazyFolder).map((file) => file.replace(/\.ts$/u, '')).sort(), Object.keys(expected).sort());
  });

  for (const [name, names] of Object.entries(expected)) {
    it(`dist/${name}.js requires only ./yaml.js and runs with a web worker's globals`, async () => {
      const result = await build({ ...lazyBundleOptions, absWorkingDir: ROOT, entryPoints: [`src/extension/lazy/${name}.ts`], outfile: `${name}.js`, write: false, sourcemap: false, minify: true, logLevel: 'silent' });
      const text = result.outputFiles?.find((file) => file.path.endsWith('.js'))?.text ?? '';
      const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/gu)].map((match) => match[1]);
      assert.deepEqual([...new Set(required)], ['./yaml.js']);
      const module = { exports: {} as Record<string, unknown> };
      const worker = {
        module,
        exports: module.exports,
        require: (id: string) => {
          if (id !== './yaml.js') throw new Error(`dist/${name}.js required ${id}`);
          return yamlLibrary;
        },
        console, TextEncoder, TextDecoder, URL, atob, btoa, crypto: globalThis.crypto, setTimeout, clearTimeout, queueMicrotask, performance,
      };
      const context = vm.createContext(worker);
      vm.runInContext(text, context, { filename: `dist/${name}.js` });
      for (const exported of names) assert.equal(typeof module.exports[exported], 'function', `${name}: ${exported}`);
    });
  }

  it('one of them does real work there: dist/team.js merges a sidecar conflict through yaml handed over', async () => {
    const result = await build({ ...lazyBundleOptions, absWorkingDir: ROOT, entryPoints: ['src/extension/lazy/team.ts'], outfile: 'team.js', write: false, sourcemap: false, logLevel: 'silent' });
    const text = result.outputFiles?.find((file) => file.path.endsWith('.js'))?.text ?? '';
    const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
    vm.runInContext(text, vm.createContext({ module, exports: module.exports, require: () => yamlLibrary, TextEncoder, TextDecoder }), { filename: 'dist/team.js' });
    const head = 'version: 1\ntranscript: kaban.txt\nattributes:\n  agency: BKPSDMD\ncodes:\n';
    const conflicted = `${head}<<<<<<< HEAD\n${code({ id: 'bbbb2222', lines: '[4, 4]' })}=======\n${code({ id: 'cccc3333', lines: '[5, 5]', coder: 'budi' })}>>>>>>> budi\n`;
    const merged = module.exports['resolveConflictMarkers']?.(conflicted, FILE) as { status: string; text?: string };
    assert.equal(merged.status, 'clean', JSON.stringify(merged));
    assert.deepEqual(parsed(merged.text ?? '').data.codes.map((entry) => entry.id), ['bbbb2222', 'cccc3333']);
  });
});
