// Bundles the extension-host test suite: one CommonJS file per *.test.ts plus index.js,
// into out/test/vscode/suite/. `vscode` is provided by the extension host and mocha is
// loaded from node_modules at run time, so both stay external.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `grep`: only the tests whose full title matches run (suite/index.ts reads grep.json).
 * `suite`: the folder under test/vscode — `suite` (trusted) or `untrusted` (restricted mode).
 */
export async function buildSuite({ grep, suite = 'suite' } = {}) {
  const suiteDir = path.join(repoRoot, 'test', 'vscode', suite);
  const outDir = path.join(repoRoot, 'out', 'test', 'vscode', suite);
  rmSync(outDir, { recursive: true, force: true }); // no stale bundles of deleted tests
  const entryPoints = readdirSync(suiteDir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(suiteDir, name));
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  // The extension host does not inherit our environment, so the pattern travels as a file.
  if (grep) writeFileSync(path.join(outDir, 'grep.json'), JSON.stringify(grep));
  return path.join(outDir, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite({ suite: process.argv[2] }));
}
