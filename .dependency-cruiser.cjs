/**
 * The house's dependency rules (docs/architecture.md), checked by `npm run lint`:
 * - no import cycles, type-only imports included;
 * - src/core is pure: it imports neither src/node, src/extension nor src/cli (that it
 *   imports no `vscode` and no Node built-in is eslint's rule, in eslint.config.mjs);
 * - a src/core folder is reached from outside only through its index.ts, its public face;
 * - src/node is the CLI's and the desktop extension's: the extension imports it only in
 *   the desktop adapters listed below, which a web build replaces.
 */
/**
 * Extension modules that may use src/node: the desktop adapters in src/extension/desktop/
 * (not their NAME.web.ts twins, which the web build bundles in their place, issue 15).
 */
const DESKTOP_ADAPTERS = ['^src/extension/desktop/[^/.]+\\.ts$'];

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A cycle makes two modules one; split what both need into a third.', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core runs in the extension, the CLI and a browser: adapters live in src/node, src/extension and src/cli.',
      from: { path: '^src/core/' },
      to: { path: '^src/(node|extension|cli)/' },
    },
    {
      name: 'core-folder-through-its-index',
      severity: 'error',
      comment: 'Import another src/core folder through its index.ts (its public face), never a module inside it.',
      from: { path: '^src/core/([^/]+)/' },
      to: { path: '^src/core/[^/]+/.+', pathNot: ['^src/core/$1/', '^src/core/[^/]+/index\\.ts$'] },
    },
    {
      name: 'adapters-use-core-through-its-indexes',
      severity: 'error',
      comment: 'The extension, the CLI and the Node adapters import src/core folders through their index.ts.',
      from: { path: '^src/(extension|cli|node)/' },
      to: { path: '^src/core/[^/]+/.+', pathNot: '^src/core/[^/]+/index\\.ts$' },
    },
    {
      name: 'extension-node-only-in-desktop-adapters',
      severity: 'error',
      comment: 'src/node needs a disk and a process; only the desktop adapters listed in .dependency-cruiser.cjs use it.',
      from: { path: '^src/extension/', pathNot: DESKTOP_ADAPTERS },
      to: { path: '^src/node/' },
    },
    {
      name: 'cli-not-extension',
      severity: 'error',
      comment: 'The CLI runs without VS Code.',
      from: { path: '^src/(cli|node|core)/' },
      to: { path: '^src/extension/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|out|node_modules)/' },
  },
};
