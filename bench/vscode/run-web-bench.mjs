// The web worker part of `npm run bench` (issue 15, item 3): the extension's budgets in
// the browser's web worker extension host, as vscode.dev and github.dev run it.
//
//   1. the packaged extension (dist/transcript-coder.vsix) and the bench's own web
//      extension (bench/vscode/web/, built for the browser) installed into a fresh profile
//      whose `remote.extensionKind` sends both to the web worker host
//   2. the bench workspace (bench-workspace.mjs) with `.web-bench/request.json`
//   3. code-server and headless Chromium open it; the bench extension measures on startup
//      and writes `.web-bench/results-<time>.json` through workspace.fs; then the workbench
//      is opened again in new pages, each a fresh web worker, for more activations
//   4. proof that it ran there: each result says it ran in a worker (importScripts), and
//      no remoteexthost.log of the profile activated the extension
//
// Usage: node bench/vscode/run-web-bench.mjs <input folder with large.txt> <output.json> [generated study folder]
// WEB_BENCH_MODE=activation measures only activations (a few minutes instead of ten);
// every round's raw results go to <output.json>.raw.json.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../../scripts/real-vscode/browser.mjs';
import { freshProfile, installVsix, startCodeServer } from '../../scripts/real-vscode/code-server.mjs';
import { REPO_ROOT, WORK_DIR } from '../../scripts/real-vscode/paths.mjs';
import { prepareBenchWorkspace } from './bench-workspace.mjs';

const EXTENSION_ID = 'transcript-coder.transcript-coder';
const BENCH_EXTENSION_ID = 'transcript-coder-bench.web-bench';
// Nine: on two cores a round shares them with the workbench starting in the same page, and varies twofold.
const ACTIVATION_ROUNDS = 9;
const TIMEOUT_MS = 10 * 60_000;
const OUT = path.join(WORK_DIR, 'web-bench');
const log = (message) => console.error(`[bench web] ${message}`);

async function main() {
  const [input, output, studyRoot] = process.argv.slice(2);
  if (input === undefined || output === undefined) throw new Error('usage: run-web-bench.mjs <input folder> <output.json> [generated study]');
  const setup = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'real-vscode', 'setup.mjs')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('scripts/real-vscode/setup.mjs failed');
  const ours = packageOurs();
  const bench = await packageBenchExtension();

  const workspace = prepareBenchWorkspace('web-bench', input, studyRoot);
  const requests = path.join(workspace, '.web-bench');
  mkdirSync(requests, { recursive: true });
  writeFileSync(path.join(requests, 'request.json'), JSON.stringify({ mode: process.env.WEB_BENCH_MODE ?? 'full' }));

  const profile = freshProfile('web-bench', { 'remote.extensionKind': { [EXTENSION_ID]: ['web'], [BENCH_EXTENSION_ID]: ['web'] } });
  installVsix(ours, profile);
  installVsix(bench, profile);
  const server = await startCodeServer({ name: 'web-bench', profile });
  log(`code-server on ${server.url}`);
  const rounds = [];
  let browser;
  try {
    browser = await launchBrowser('web-bench');
    const url = new URL(server.url);
    url.searchParams.set('folder', workspace);
    const open = async (page) => {
      const before = new Set(resultFiles(requests));
      await page.goto(url.href, { waitUntil: 'domcontentloaded' });
      const deadline = Date.now() + TIMEOUT_MS;
      while (Date.now() < deadline) {
        const fresh = resultFiles(requests).find((file) => !before.has(file));
        // The workbench may create the file before it writes it: a file not yet whole is read again on the next look.
        const results = fresh === undefined ? undefined : wholeJson(path.join(requests, fresh));
        if (results !== undefined) return results;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`no bench results within ${TIMEOUT_MS / 1000} s: is the bench extension running? (${profile.userDataDir}/logs)`);
    };
    rounds.push(await open(browser.page));
    // Left open, the first page's workbench goes on working (its extension host reads and
    // re-anchors the study) and shares the cores with every activation round after it.
    await browser.page.goto('about:blank').catch(() => {});
    log('the full round is done; activation rounds follow');
    writeFileSync(path.join(requests, 'request.json'), JSON.stringify({ mode: 'activation' }));
    for (let round = 1; round < ACTIVATION_ROUNDS; round++) {
      const page = await browser.context.newPage();
      rounds.push(await open(page));
      await page.close().catch(() => {});
    }
  } finally {
    await browser?.context.close().catch(() => {});
    await server.stop();
  }
  writeFileSync(`${output}.raw.json`, JSON.stringify(rounds, null, 2));
  writeFileSync(output, JSON.stringify(figures(rounds, serverActivations(profile.userDataDir)), null, 2));
}

function resultFiles(folder) {
  return existsSync(folder) ? readdirSync(folder).filter((name) => /^results-\d+\.json$/.test(name)).sort() : [];
}

function packageOurs() {
  if (process.env.BENCH_VSIX) return path.resolve(process.env.BENCH_VSIX);
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  const vsix = path.join(REPO_ROOT, 'dist', 'transcript-coder.vsix');
  if (result.status !== 0 || !existsSync(vsix)) throw new Error('`npm run package` did not produce dist/transcript-coder.vsix');
  return vsix;
}

/** bench/vscode/web built for the browser and packaged with the repo's vsce. */
async function packageBenchExtension() {
  const folder = path.join(OUT, 'extension');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(REPO_ROOT, 'bench', 'vscode', 'web', 'package.json'), path.join(folder, 'package.json'));
  await build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'vscode', 'web', 'suite.ts')],
    outfile: path.join(folder, 'dist', 'suite.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsix = path.join(OUT, 'web-bench.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(vsix)) throw new Error(`vsce could not package the bench extension:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/** Lines of the server's Node extension host logs that activated our extension: none may. */
function serverActivations(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true })
    .filter((file) => /(^|[/\\])remoteexthost[^/\\]*\.log$/.test(file))
    .flatMap((file) => readFileSync(path.join(logs, file), 'utf8').split('\n').filter((line) => line.includes(`_doActivateExtension ${EXTENSION_ID},`)));
}

function wholeJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function summary(samples) {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: samples };
}

const budget = (stats, limit) => ({ limit, unit: 'ms', met: stats.median < limit, basis: 'wall' });

function figures(rounds, serverLines) {
  const full = rounds[0] ?? {};
  const errors = rounds.filter((round) => round.error !== undefined).map((round) => round.error.split('\n')[0]);
  const activations = rounds
    .map((round) => {
      const at = (kind) => (round.marks ?? []).find((mark) => mark.name === `code/extHost/${kind}/${EXTENSION_ID}`)?.startTime;
      const loading = at('didLoadExtensionCode') - at('willLoadExtensionCode');
      const activate = at('didActivateExtension') - at('willActivateExtension');
      // The web build starts the workbench in two turns after activation (src/extension/desktop/start.web.ts): each is our code holding the worker too.
      const ours = (name) => (round.startMarks ?? []).find((mark) => mark.name === `transcript-coder/start/${name}`)?.startTime;
      // Our marks against our marks only: the host's are Date.now() values, ours the worker's performance clock, and the two drift apart by up to a second.
      const start = { runMs: ours('loaded') - ours('loading'), registerMs: ours('started') - ours('starting'), readyMs: ours('started') - ours('activating') };
      return Number.isFinite(loading) && Number.isFinite(activate) ? { loading, activate, total: loading + activate, start } : undefined;
    })
    .filter((round) => round !== undefined);
  const ourCode = summary(activations.map((round) => round.total));
  const measurements = [];
  if (full.coldIndex !== undefined) {
    const first = summary(full.coldIndex.runs);
    const again = summary(full.coldIndex.againRuns);
    measurements.push(
      { id: 'web.coldIndex', label: `Web worker: cold index of the study through workspace.fs (${full.coldIndex.records} sidecars)`, stats: first },
      { id: 'web.coldIndexAgain', label: 'Web worker: … the same study opened again in the session (files whose version has not changed neither read nor parsed again)', stats: again, note: `${(again.median / first.median).toFixed(2)}× the first opening` },
    );
  }
  if (full.changedSidecar !== undefined) {
    const changed = summary(full.changedSidecar.totals);
    const roundTrips = full.changedSidecar.statMs === undefined ? undefined : `one workspace.fs.stat ${summary(full.changedSidecar.statMs).median.toFixed(1)} ms, one readFile of the sidecar ${summary(full.changedSidecar.readMs).median.toFixed(1)} ms (medians)`;
    measurements.push({ id: 'web.change', label: 'Web worker: one changed sidecar → index and views updated (reloadSidecars)', stats: changed, budget: budget(changed, 20), note: roundTrips });
  }
  if (full.open !== undefined) {
    const runs = full.open.runs;
    const draw = summary(runs.map((run) => run.drawMs));
    measurements.push(
      { id: 'web.open.total', label: 'Web worker: open the 20,000-line transcript → decorations drawn', stats: summary(runs.map((run) => run.totalMs)) },
      { id: 'web.open.draw', label: 'Web worker: … of which our decoration pass', stats: draw, budget: budget(draw, 30), note: `${runs[0]?.lines} lines, ${runs[0]?.labels} labels` },
    );
  }
  const inWorker = rounds.every((round) => round.host === 'web worker');
  return {
    activation: {
      ourCodeMs: ourCode.median,
      codeLoadingMs: summary(activations.map((round) => round.loading)).median,
      activateCallMs: summary(activations.map((round) => round.activate)).median,
      rounds: activations.length,
      ourCodeRunsMs: activations.map((round) => Math.round(round.total * 10) / 10),
      met: activations.length > 0 ? ourCode.median < 50 : undefined,
      // After activation, in turns of their own: running the workbench's code, then registering everything; and from activate() until all is registered, the waits for those turns included.
      afterActivation: {
        runWorkbenchCodeMs: summary(activations.map((round) => round.start.runMs)),
        registerEverythingMs: summary(activations.map((round) => round.start.registerMs)),
        untilReadyMs: summary(activations.map((round) => round.start.readyMs)),
      },
    },
    measurements,
    proof: {
      everyRoundInAWorker: inWorker,
      serverActivations: serverLines,
      holds: inWorker && serverLines.length === 0 && rounds.length > 0,
    },
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
}

main().catch((error) => {
  console.error(`[bench web] FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
