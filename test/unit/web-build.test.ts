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
import { webBuildOptions } from '../../scripts/build-options.mjs';
import type * as GitUser from '../../src/extension/desktop/git-user';
import type * as GitUserWeb from '../../src/extension/desktop/git-user.web';
import type * as Host from '../../src/extension/desktop/host';
import type * as HostWeb from '../../src/extension/desktop/host.web';
import type * as ImportFiles from '../../src/extension/desktop/import-files';
import type * as ImportFilesWeb from '../../src/extension/desktop/import-files.web';
import type * as LocalDisk from '../../src/extension/desktop/local-disk';
import type * as LocalDiskWeb from '../../src/extension/desktop/local-disk.web';
import type * as MergeDriver from '../../src/extension/desktop/merge-driver';
import type * as MergeDriverWeb from '../../src/extension/desktop/merge-driver.web';
import type * as StatsThread from '../../src/extension/desktop/stats-thread';
import type * as StatsThreadWeb from '../../src/extension/desktop/stats-thread.web';

/** `true` only when A and B are each assignable to the other: a twin that drifts fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const twinsAgree: [
  Same<typeof GitUser, typeof GitUserWeb>,
  Same<typeof Host, typeof HostWeb>,
  Same<typeof ImportFiles, typeof ImportFilesWeb>,
  Same<typeof LocalDisk, typeof LocalDiskWeb>,
  Same<typeof MergeDriver, typeof MergeDriverWeb>,
  Same<typeof StatsThread, typeof StatsThreadWeb>,
] = [true, true, true, true, true, true];

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
    assert.deepEqual(adapters, ['git-user.ts', 'host.ts', 'import-files.ts', 'local-disk.ts', 'merge-driver.ts', 'stats-thread.ts']);
    for (const adapter of adapters) assert.ok(files.includes(adapter.replace(/\.ts$/u, '.web.ts')), `${adapter} has a twin`);
  });

  it('takes the twins and nothing from src/node or Node', () => {
    const ours = inputs.filter((input) => input.startsWith('src/'));
    assert.ok(ours.includes('src/extension/extension.ts'));
    assert.deepEqual(ours.filter((input) => input.startsWith('src/node/') || input.startsWith('src/cli/')), []);
    const desktopInputs = ours.filter((input) => input.startsWith('src/extension/desktop/') && !input.endsWith('/ports.ts'));
    assert.ok(desktopInputs.length >= 5, desktopInputs.join(', '));
    assert.deepEqual(desktopInputs.filter((input) => !input.endsWith('.web.ts')), [], 'a desktop adapter slipped into the web build');
    // The lazy parts (imports and exports, team work, the matrix) are inside: a worker cannot load a sibling file.
    for (const lazy of ['src/extension/lazy/interop.ts', 'src/extension/lazy/team.ts', 'src/extension/lazy/reports.ts']) assert.ok(ours.includes(lazy), lazy);
    const required = [...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/gu)].map((match) => match[1]);
    assert.deepEqual([...new Set(required)], ['vscode']);
  });

  it('loads where only a web worker\'s globals are: no process, Buffer, setImmediate or require but vscode', () => {
    const requested: string[] = [];
    // Whatever the bundle reads of `vscode` while it loads (enum members, base classes) is a stand-in.
    const standIn: object = new Proxy(function standIn() {}, { get: (_target, name) => (name === '__esModule' ? false : name === 'prototype' ? {} : standIn) });
    const vscodeStub = Object.fromEntries([...bundle.matchAll(/\bvscode_exports\.(\w+)/gu)].map((match) => [match[1], standIn]));
    const module = { exports: {} as Record<string, unknown> };
    const worker = {
      module,
      exports: module.exports,
      require: (name: string) => {
        requested.push(name);
        if (name !== 'vscode') throw new Error(`the web build required ${name}`);
        return vscodeStub;
      },
      console, TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, crypto: globalThis.crypto,
      setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, MessageChannel, performance,
    };
    const context = vm.createContext(worker);
    for (const nodeOnly of ['process', 'Buffer', 'setImmediate', 'global', '__dirname']) assert.equal(vm.runInContext(`typeof ${nodeOnly}`, context), 'undefined', nodeOnly);
    vm.runInContext(bundle, context, { filename: 'dist/web/extension.js' });
    assert.equal(typeof module.exports['activate'], 'function');
    assert.deepEqual([...new Set(requested)], ['vscode']);
  });
});
