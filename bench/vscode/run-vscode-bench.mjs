// The real-VS Code part of `npm run bench`, with the harness of test/vscode/ (README there):
//
//   1. a workspace .vscode-test/workspaces/bench: the example study plus seven copies of
//      the large transcript (20,000 lines, 2,000 codes) under transcripts/bench/, and the
//      transcripts of the generated study (1,000 × 200 codes) when one is given
//   2. code-server with a fresh profile "bench", the smoke-test driver (for the test
//      payload) and trace logging, so remoteexthost.log shows our activation in detail
//   3. the workbench in headless Chromium, with this repo as the development extension
//      and out/bench/vscode/index.js (bench/vscode/suite.ts) as the tests to run
//   4. activation read from remoteexthost.log and the extension host's performance marks;
//      opening and typing from what suite.ts measured through the API
//
// The same figures in the browser's web worker extension host: run-web-bench.mjs. (To move
// this runner's development extension there instead: the user setting
// `remote.extensionKind` {[EXTENSION_ID]: ['web']} in freshProfile works — checked with a
// probe; a payload entry ['extensionDevelopmentKind', 'web'] is ignored by code-server 4.139.1.)
//
// Usage: node bench/vscode/run-vscode-bench.mjs <input folder with large.txt> <output.json> [generated study folder]
// Needs `npm run build` first (dist/extension.js) and the setup of test/vscode.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { build } from 'esbuild';
import { launchBrowser } from '../../scripts/real-vscode/browser.mjs';
import { freshProfile, startCodeServer } from '../../scripts/real-vscode/code-server.mjs';
import { REPO_ROOT } from '../../scripts/real-vscode/paths.mjs';
import { prepareBenchWorkspace } from './bench-workspace.mjs';

const EXTENSION_ID = 'transcript-coder.transcript-coder';
const TIMEOUT_MS = 10 * 60_000;
const ACTIVATION_ROUNDS = 5;
const OUT = path.join(REPO_ROOT, 'out', 'bench', 'vscode');
// Another build of the extension to measure (e.g. a minified one), as a folder with its package.json.
const EXTENSION_PATH = process.env.BENCH_EXTENSION_PATH ?? REPO_ROOT;
const log = (message) => console.error(`[bench vscode] ${message}`);

async function main() {
  const [input, output, studyRoot] = process.argv.slice(2);
  if (input === undefined || output === undefined) throw new Error('usage: run-vscode-bench.mjs <input folder> <output.json> [generated study]');
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const setup = await import('node:child_process').then(({ spawnSync }) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'real-vscode', 'setup.mjs')], { stdio: 'inherit' }),
  );
  if (setup.status !== 0) throw new Error('scripts/real-vscode/setup.mjs failed');

  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'vscode', 'suite.ts')],
    outfile: path.join(OUT, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  if (process.env.BENCH_VSCODE_PROFILE === '1') writeFileSync(path.join(OUT, 'profile'), '');
  // The hostile study's figures alone (issue 19), without the rest or the activation rounds.
  const hostileOnly = process.env.BENCH_VSCODE_HOSTILE_ONLY === '1';
  if (hostileOnly) writeFileSync(path.join(OUT, 'hostile-only'), '');

  const workspace = prepareBenchWorkspace('bench', input, studyRoot);

  const profile = freshProfile('bench');
  const server = await startCodeServer({
    name: 'bench',
    profile,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver', '--log', 'trace'],
  });
  log(`code-server on ${server.url}`);
  let browser;
  let suiteResults;
  try {
    browser = await launchBrowser('bench');
    const { page } = browser;
    const remote = (absolutePath) => `vscode-remote://${new URL(server.url).host}${absolutePath}`;
    const url = new URL(server.url);
    url.searchParams.set('folder', workspace);
    url.searchParams.set(
      'payload',
      JSON.stringify([
        ['extensionDevelopmentPath', remote(EXTENSION_PATH)],
        ['extensionTestsPath', remote(path.join(OUT, 'index.js'))],
      ]),
    );
    const runPayload = async (target) => {
      let resolveExit;
      const exited = new Promise((resolve) => (resolveExit = resolve));
      await target.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
      await target.exposeFunction('codeAutomationLog', () => {});
      await target.goto(url.href, { waitUntil: 'domcontentloaded' });
      return Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref())]);
    };
    const code = await runPayload(page);
    log(`the bench suite ended (${code})`);
    const resultsFile = path.join(OUT, 'suite-results.json');
    suiteResults = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { error: `no results from the suite (${code})` };
    // Activation happens once per extension host: open the workbench again in new windows,
    // each with an extension host of its own, for a few more activations to take the median of.
    writeFileSync(path.join(OUT, 'activation-only'), '');
    for (let round = 1; round < (hostileOnly ? 1 : ACTIVATION_ROUNDS); round++) {
      const again = await browser.context.newPage();
      const ended = await runPayload(again);
      log(`activation round ${round + 1} ended (${ended})`);
      await again.close().catch(() => {});
    }
  } finally {
    await browser?.context.close().catch(() => {});
    await server.stop();
  }
  const rounds = [
    suiteResults.marks ?? [],
    ...readdirSync(OUT)
      .filter((name) => /^activation-\d+\.json$/.test(name))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(OUT, name), 'utf8')).marks ?? []),
  ];
  const activation = activationFromLogs(profile.userDataDir, rounds);
  writeFileSync(output, JSON.stringify(figures(suiteResults, activation), null, 2));
}

/**
 * Our activations in remoteexthost.log (trace level), one log per extension host: from
 * `_doActivateExtension` of ours to the last line our activate() caused (its command
 * registrations and context keys), read off the log's millisecond timestamps; and from
 * the extension host's performance marks, the time to load our bundle and to run
 * activate(). Medians over the rounds.
 */
function activationFromLogs(userDataDir, roundsOfMarks) {
  const logsRoot = path.join(userDataDir, 'logs');
  const logFiles = readdirSync(logsRoot)
    .flatMap((session) => readdirSync(path.join(logsRoot, session)).map((folder) => path.join(logsRoot, session, folder, 'remoteexthost.log')))
    .filter((file) => existsSync(file));
  const fromLogs = logFiles.map(activationInLog).filter((found) => found !== undefined);
  const fromMarks = roundsOfMarks.map((marks) => {
    const at = (kind) => marks.find((mark) => mark.name === `code/extHost/${kind}/${EXTENSION_ID}`)?.startTime;
    const loading = at('didLoadExtensionCode') - at('willLoadExtensionCode');
    const activate = at('didActivateExtension') - at('willActivateExtension');
    return Number.isFinite(loading) && Number.isFinite(activate) ? { loading, activate, total: loading + activate } : undefined;
  }).filter((round) => round !== undefined);
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? undefined : sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  };
  const result = {
    rounds: fromMarks.length,
    codeLoadingMs: median(fromMarks.map((round) => round.loading)),
    activateCallMs: median(fromMarks.map((round) => round.activate)),
    ourCodeMs: median(fromMarks.map((round) => round.total)),
    ourCodeRunsMs: fromMarks.map((round) => round.total),
    fromLogMs: median(fromLogs.map((found) => found.ms)),
    fromLogRunsMs: fromLogs.map((found) => found.ms),
    logLines: fromLogs[0]?.lines,
  };
  return result;
}

function activationInLog(logFile) {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const time = (line) => {
    const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line ?? '');
    return match === null ? undefined : Date.parse(`${match[1]}T${match[2]}`);
  };
  const start = lines.findIndex((line) => line.includes(`_doActivateExtension ${EXTENSION_ID}`));
  if (start < 0) return undefined;
  const call = lines.findIndex((line, index) => index > start && line.includes(`_callActivateOptional ${EXTENSION_ID}`));
  if (call < 0) return undefined;
  // Lines our activate() causes: our commands registered, context keys set, warnings about our configuration.
  const ours = (line) => /ExtHostCommands#registerCommand transcriptCoder\.|ExtHostCommands#executeCommand setContext|\[transcript-coder\.transcript-coder\]/.test(line);
  let end = call;
  for (let index = call + 1; index < lines.length && index < call + 400; index++) {
    if (ours(lines[index])) end = index;
    else if (/ExtensionService#_doActivateExtension|Eager extensions activated/.test(lines[index])) break;
  }
  const startTime = time(lines[start]);
  const endTime = time(lines[end]);
  if (startTime === undefined || endTime === undefined) return undefined;
  return { ms: endTime - startTime, lines: [lines[start], lines[call], lines[end]].map((line) => line.slice(0, 200)) };
}

function summary(samples) {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: samples };
}

/** Wall-clock figures, with the same runs in CPU time when measured (see bench/lib/measure.ts). */
function stats(samples, cpuSamples) {
  const result = summary(samples);
  if (cpuSamples !== undefined) result.cpu = summary(cpuSamples);
  return result;
}

/** Budgets in milliseconds are judged on the wall-clock median, as in bench/node-budgets.ts. */
function budget(figures, limit) {
  return { limit, unit: 'ms', met: figures.median < limit, basis: 'wall' };
}

function p99(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? NaN;
}

function figures(suite, activation) {
  const out = { version: suite.version };
  if (suite.error !== undefined) out.error = suite.error.split('\n')[0];
  out.activation = { ...activation, met: activation.ourCodeMs === undefined ? undefined : activation.ourCodeMs < 50 };
  out.studyReady = suite.studyReady;
  const runs = suite.open?.runs ?? [];
  if (runs.length > 0) {
    const pick = (key) => stats(runs.map((run) => run[key]));
    const draw = stats(runs.map((run) => run.drawMs), runs.map((run) => run.drawCpuMs));
    out.open = [
      { id: 'vscode.open.total', label: 'VS Code: open the large transcript → decorations set (all of it, VS Code included)', stats: pick('totalMs') },
      { id: 'vscode.open.toDocument', label: 'VS Code: … of which VS Code loading the document', stats: pick('toDocumentMs') },
      {
        id: 'vscode.open.toSession',
        label: 'VS Code: … of which document open → our session ready (sidecar read via workspace.fs, codes placed)',
        stats: stats(runs.map((run) => run.toCodesMs + run.toDrawnMs - run.drawMs)),
      },
      {
        id: 'vscode.open.draw',
        label: 'VS Code: decorations computed and set (our draw, onDidDraw)',
        stats: draw,
        budget: budget(draw, 30),
        note: `${runs[0].lines} lines, ${runs[0].labels} labels`,
      },
    ];
  }
  if (suite.coldIndex !== undefined) {
    out.studyIndex = [
      {
        id: 'vscode.coldIndex',
        label: `VS Code: cold index of the study through workspace.fs (${suite.coldIndex.records} sidecars)`,
        stats: stats(suite.coldIndex.runs),
      },
      {
        id: 'vscode.coldIndexAgain',
        label: 'VS Code: … the same study opened again in the session: files whose version has not changed neither read nor parsed again (issue 15)',
        stats: stats(suite.coldIndex.againRuns),
        note: `${(stats(suite.coldIndex.againRuns).median / stats(suite.coldIndex.runs).median).toFixed(2)}× the first opening, in the same run`,
      },
    ];
  }
  if (suite.changedSidecar !== undefined && suite.changedSidecar.totals.length > 0) {
    const total = stats(suite.changedSidecar.totals);
    out.studyIndex = [
      ...(out.studyIndex ?? []),
      {
        id: 'vscode.change.total',
        label: 'VS Code: one changed sidecar → index and views updated (reloadSidecars)',
        stats: total,
        budget: budget(total, 20),
      },
      {
        id: 'vscode.change.listeners',
        label: 'VS Code: … of which the listeners of the index change (trees, diagnostics, decorations)',
        stats: stats(suite.changedSidecar.listeners, suite.changedSidecar.listenersCpu),
      },
    ];
  }
  const hostile = suite.hostileIndex;
  if (hostile !== undefined && hostile.longestBlockMs.length > 0) {
    const longest = stats(hostile.longestBlockMs);
    const size = `${hostile.size.lines.toLocaleString('en')} lines sharing a prefix × ${hostile.size.codes.toLocaleString('en')} near-miss quotes`;
    out.studyIndex = [
      ...(out.studyIndex ?? []),
      {
        id: 'vscode.hostile.longestBlock',
        label: `VS Code: longest block of the extension host while a hostile study is indexed (${size})`,
        stats: longest,
        budget: budget(longest, 50),
        note: 'a 10 ms timer in the extension host; issue 19',
      },
      { id: 'vscode.hostile.indexed', label: 'VS Code: … the hostile study indexed, its Problems and Transcripts view figures done', stats: stats(hostile.totalMs) },
      ...(hostile.idleLongestBlockMs === undefined
        ? []
        : [{ id: 'vscode.hostile.idleLongestBlock', label: 'VS Code: … the floor: longest block of the extension host over 5 s with nothing to index', stats: stats(hostile.idleLongestBlockMs) }]),
    ];
  }
  const hostileOpen = suite.hostileOpen;
  if (hostileOpen !== undefined && hostileOpen.longestBlockMs.length > 0) {
    const longest = stats(hostileOpen.longestBlockMs);
    out.studyIndex = [
      ...(out.studyIndex ?? []),
      {
        id: 'vscode.hostile.openLongestBlock',
        label: 'VS Code: longest block of the extension host while the hostile transcript is opened and its codes re-anchored',
        stats: longest,
        budget: budget(longest, 50),
        note: 'a 10 ms timer in the extension host; issue 19',
      },
      { id: 'vscode.hostile.opened', label: 'VS Code: … opened, every code re-anchored', stats: stats(hostileOpen.totalMs) },
      ...(hostileOpen.uncodedLongestBlockMs === undefined
        ? []
        : [
            {
              id: 'vscode.hostile.uncodedOpenLongestBlock',
              label: 'VS Code: … the floor: longest block while the same text, without codes, is opened (VS Code\'s own work on a 7 MB file)',
              stats: stats(hostileOpen.uncodedLongestBlockMs),
            },
          ]),
    ];
  }
  const keys = suite.keystrokes;
  if (keys !== undefined) {
    const apply = stats(keys.apply, keys.applyCpu);
    const total = keys.apply.map((value, index) => value + (keys.rest[index] ?? 0));
    out.keystrokes = [
      {
        id: 'vscode.keystroke.apply',
        label: 'VS Code: keystroke, positions updated (session.applyEdits)',
        stats: apply,
        budget: budget(apply, 0.5),
        note: `p99 ${p99(keys.apply).toFixed(3)} ms over ${keys.apply.length}`,
      },
      {
        id: 'vscode.keystroke.total',
        label: 'VS Code: keystroke, all our synchronous work (positions + listeners)',
        stats: stats(total),
        note: `p99 ${p99(total).toFixed(3)} ms`,
      },
    ];
    if (keys.draws.length > 0) out.keystrokes.push({ id: 'vscode.keystroke.redraw', label: 'VS Code: redraw after a pause in typing (onDidDraw)', stats: stats(keys.draws) });
  }
  return out;
}

main().catch((error) => {
  console.error(`[bench vscode] FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
