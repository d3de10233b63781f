// Bundles the extension and the command line with esbuild.
//
// The extension is split so that activation reads, compiles and runs only what it needs
// (DESIGN §5: activation under 50 ms of our code). dist/extension.js is what activation
// loads; the heavy, rarely used parts are bundles of their own beside it, loaded on first
// use through src/extension/lazy.ts. Those bundles (dist/interop.js, team.js, reports.js)
// are pure core code built for any platform: the desktop requires them
// (src/extension/desktop/lazy-bundles.ts, where each `require('../lazy/NAME')` becomes a
// require of dist/NAME.js), and the web build reads and runs the same files
// (lazy-bundles.web.ts). A `vscode` or Node built-in reaching one of them fails this build.
// The `yaml` library is one more bundle, dist/yaml.js, for the desktop: it is needed once a
// codebook or an irregular sidecar is read, not to activate, so in the desktop's bundles
// `yaml` is a stand-in whose exports load it when first touched; the lazy bundles require
// it as ./yaml.js, which the web build hands over from its own copy.
// `vscode` stays external (the editor provides it); the CLI is one file with a shebang.
//
// The web build (issue 15), dist/web/extension.js, is what a browser's web worker
// extension host loads (package.json `browser`): one CommonJS file with yaml inside and no
// Node built-in. Each desktop adapter in src/extension/desktop/ is replaced there by its
// twin NAME.web.ts (test/unit/web-build.test.ts checks that both export the same names and
// types).
//
// Minified unless --no-minify: the tests and the bench then measure what ships. Source
// maps either way, for stack traces.
import { build } from 'esbuild';
import { chmod, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { lazyBundleOptions, vscodeOnce, webBuildOptions, yamlSibling } from './build-options.mjs';

const LAZY_BUNDLES = (await readdir('src/extension/lazy')).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !process.argv.includes('--no-minify'),
  logLevel: 'warning',
};

/** In the desktop extension's bundles: the lazy modules are required from sibling bundles at run time. */
const siblingBundles = {
  name: 'sibling-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lazy\/[\w-]+$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'extension', 'desktop', 'lazy-bundles.ts')) ? { path: `./${args.path.slice('../lazy/'.length)}.js`, external: true } : undefined,
    );
  },
};

await rm('dist', { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
const extension = { ...common, external: ['vscode'], plugins: [vscodeOnce, siblingBundles, yamlSibling] };
await Promise.all([
  build({ ...extension, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' }),
  // The Transcripts view's re-anchoring, in a worker thread (src/extension/sidebar/stats-worker.ts).
  build({ ...extension, entryPoints: ['src/extension/transcript-stats-worker.ts'], outfile: 'dist/transcript-stats-worker.js' }),
  ...LAZY_BUNDLES.map((name) => build({ ...lazyBundleOptions, minify: common.minify, entryPoints: [`src/extension/lazy/${name}.ts`], outfile: `dist/${name}.js` })),
  build({ ...common, stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', sourcefile: 'yaml-bundle.js' }, outfile: 'dist/yaml.js' }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...webBuildOptions, minify: common.minify, outfile: 'dist/web/extension.js' }),
]);
await chmod('dist/cli.js', 0o755);
