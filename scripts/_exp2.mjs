import { build } from 'esbuild';
import { webBuildOptions } from './build-options.mjs';
await build({ ...webBuildOptions, minify: false, sourcemap: false, outfile: `/tmp/exp-unmin.js` });
