import { build } from 'esbuild';
import { webBuildOptions } from './build-options.mjs';
const variant = process.argv[2];
const plugins = [...webBuildOptions.plugins];
if (variant === 'nolazy') plugins.push({ name: 'x', setup(b) { b.onResolve({ filter: /^\.\/lazy\/[\w-]+$/ }, () => ({ path: 'x', namespace: 'empty' })); b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {}', loader: 'js' })); } });
if (variant === 'noyaml') plugins.push({ name: 'y', setup(b) { b.onResolve({ filter: /^yaml$/ }, () => ({ path: 'x', namespace: 'empty' })); b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {}', loader: 'js' })); } });
await build({ ...webBuildOptions, plugins, minify: true, sourcemap: false, outfile: `/tmp/exp-${variant}.js` });
