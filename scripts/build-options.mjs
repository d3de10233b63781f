// The esbuild options the build shares with the tests (scripts/build.mjs runs the build;
// test/unit/web-build.test.ts builds the web bundle and the lazy bundles with them to check them).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * `vscode` is required once, through one module in the bundle. (Imported directly, each of
 * our ~30 modules importing it would copy the API's ~400 names into a namespace object of
 * its own while the bundle loads.)
 */
export const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** In the web build: a desktop adapter (src/extension/desktop/NAME.ts) is replaced by its twin NAME.web.ts. */
const webTwins = {
  name: 'web-twins',
  setup(build) {
    build.onResolve({ filter: /(^|\/)desktop\/[\w-]+$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      if (path.basename(path.dirname(file)) !== 'desktop' || !file.includes(`${path.sep}src${path.sep}extension${path.sep}`)) return undefined;
      const twin = `${file}.web.ts`;
      if (existsSync(twin)) return { path: twin };
      return { errors: [{ text: `${args.path} is a desktop adapter without a web twin (${path.relative('.', twin)})` }] };
    });
  },
};

/** The web build's options; test/unit/web-build.test.ts builds with them too. */
export const webBuildOptions = {
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  external: ['vscode'],
  plugins: [vscodeOnce, webTwins],
  entryPoints: ['src/extension/extension.ts'],
  sourcemap: true,
  logLevel: 'warning',
};

/** In the desktop's and the lazy bundles: yaml is required from dist/yaml.js when first touched. */
export const yamlSibling = {
  name: 'yaml-sibling',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-on-first-use' }));
    build.onResolve({ filter: /^\.\/yaml\.js$/, namespace: 'yaml-on-first-use' }, () => ({ path: './yaml.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'yaml-on-first-use' }, () => ({ contents: yamlOnFirstUse(), loader: 'js' }));
  },
};

/** A CommonJS stand-in for `yaml`: every export a getter that requires dist/yaml.js the first time. */
function yamlOnFirstUse() {
  const names = Object.keys(createRequire(import.meta.url)('yaml'));
  return [
    'let yaml;',
    "const load = () => (yaml ??= require('./yaml.js'));",
    "Object.defineProperty(exports, '__esModule', { value: true });",
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ].join('\n');
}

/**
 * A bundle loaded on first use (src/extension/lazy.ts: dist/interop.js, team.js, reports.js)
 * runs in Node and in a web worker alike, so it is built for a browser: a `vscode` or Node
 * built-in reaching it fails the build. test/unit/web-build.test.ts builds with these too.
 */
export const lazyBundleOptions = {
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  plugins: [yamlSibling],
  sourcemap: true,
  logLevel: 'warning',
};
