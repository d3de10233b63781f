/**
 * `npm run bench`: the budgets of DESIGN §5 on generated studies.
 *
 *   npm run bench                 everything: Node, the package, real VS Code
 *   npm run bench -- --quick      small sizes and few runs, to check the bench itself
 *   npm run bench -- --no-vscode  skip the real-VS Code part (code-server + Chromium)
 *   npm run bench -- --no-package skip building the .vsix
 *   npm run bench -- --no-memory  skip the memory figures
 *   npm run bench -- --only-vscode the real-VS Code parts alone (Node and web worker extension hosts)
 *   npm run bench -- --no-web     skip the web worker extension host part (issue 15)
 *   npm run bench -- --only=WORD  only the Node steps whose name holds WORD (e.g. --only=search)
 * Any of these makes a partial run: its JSON is named -quick/-partial/-vscode, ignored by
 * git, and RESULTS.md keeps the last full run.
 *
 * Studies are generated once per size and seed and kept in $BENCH_DIR (default
 * <tmp>/transcript-coder-bench). Results: a table on stdout, bench/results/bench-<date>.json,
 * and bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cooccurrenceOfStudy } from './cooccurrence';
import { ensureStudy, generateLargeTranscript, type StudySpec } from './generate';
import { hostileValidate } from './hostile';
import { studySearch } from './search';
import { machineInfo } from './lib/machine';
import { buildBenchBundles, OUT_DIR, REPO_ROOT } from './lib/processes';
import { resultsMarkdown, terminalTable, type BenchResults, type PackageFigures, type VsCodeFigures, type WebWorkerFigures } from './lib/report';
import {
  coldInProcess,
  coldProcesses,
  keystrokes,
  memory,
  oneChangedSidecar,
  openAndDecorate,
  writeAfterChange,
  yamlPackageThroughput,
  type Measurement,
} from './node-budgets';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
/** Only the real-VS Code figures. */
const ONLY_VSCODE = args.has('--only-vscode');
/** Only the Node steps whose name holds this word (`--only=search`); memory, package and VS Code are skipped. */
const ONLY_STEPS = [...args].find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/** A part skipped: RESULTS.md keeps the last full run. */
const SKIPS_A_PART = ['--no-vscode', '--no-package', '--no-memory', '--no-web'].some((flag) => args.has(flag)) || ONLY_STEPS !== undefined;
const PARTIAL = QUICK || ONLY_VSCODE || SKIPS_A_PART;
const BENCH_DIR = process.env['BENCH_DIR'] ?? path.join(os.tmpdir(), 'transcript-coder-bench');
const SEED = 20260601;

const STUDY: StudySpec = QUICK
  ? { seed: SEED, transcripts: 60, linesPerTranscript: 300, codesPerTranscript: 50, agencies: 6 }
  : { seed: SEED, transcripts: 1000, linesPerTranscript: 600, codesPerTranscript: 200, agencies: 10 };
const LARGE = QUICK ? { lines: 2_000, codes: 200 } : { lines: 20_000, codes: 2_000 };
/** The hostile study of issue 19 at three sizes: the ratios show how validate's cost grows. */
const HOSTILE = QUICK
  ? [{ lines: 2_000, codes: 20 }, { lines: 10_000, codes: 100 }, { lines: 10_000, codes: 200 }]
  : [{ lines: 20_000, codes: 20 }, { lines: 100_000, codes: 100 }, { lines: 100_000, codes: 2_000 }];
const RUNS = QUICK
  ? { cold: { warmup: 0, runs: 2 }, editor: { warmup: 2, runs: 5, collect: false }, search: { warmup: 1, runs: 3 }, keystrokes: 100, changes: 5 }
  : { cold: { warmup: 1, runs: 5 }, editor: { warmup: 5, runs: 21, collect: false }, search: { warmup: 2, runs: 9 }, keystrokes: 600, changes: 20 };

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const machine = machineInfo();
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, load ${machine.loadAverage.start.toFixed(1)}`);
  const bundles = await buildBenchBundles();
  const study = ensureStudy(BENCH_DIR, STUDY, log);
  log(`study: ${study.sidecars.length} sidecars, ${study.codes} codes, ${(study.bytes.sidecars / 1e6).toFixed(1)} MB of sidecars, ${(study.bytes.transcripts / 1e6).toFixed(1)} MB of transcripts`);
  const large = generateLargeTranscript(SEED + 1, LARGE.lines, LARGE.codes);

  const measurements: Measurement[] = [];
  const step = async (name: string, run: () => Promise<Measurement[]> | Measurement[]) => {
    if (ONLY_VSCODE || (ONLY_STEPS !== undefined && !name.includes(ONLY_STEPS))) return;
    log(name);
    measurements.push(...(await run()));
  };
  await step('cold index and summary, in process, against the floor', () => coldInProcess(study, RUNS.cold));
  await step('CLI summary --json as a process, against the floor as a process', () => coldProcesses(study, bundles, RUNS.cold));
  await step('the precise (`yaml`) parser on a sample, for reference', async () => [await yamlPackageThroughput(study, QUICK ? 10 : 20)]);
  await step('one changed sidecar', () => oneChangedSidecar(study, RUNS.changes));
  await step('open and decorate the large transcript', () => openAndDecorate(large, RUNS.editor));
  await step('keystrokes in the large transcript', () => keystrokes(large, RUNS.keystrokes));
  await step('writing the large sidecar after a change', () => writeAfterChange(large, RUNS.editor));
  await step('co-occurrence of the study', () => cooccurrenceOfStudy(study, RUNS.cold));
  await step('search the study: first page of hits and all hits', () => studySearch(study, RUNS.search));
  await step('a hostile study: lines sharing a prefix, near-miss quotes', () => hostileValidate(BENCH_DIR, HOSTILE, { warmup: 0, runs: QUICK ? 1 : 3 }));

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    sizes: {
      study: { ...STUDY, sidecars: study.sidecars.length, codes: study.codes, sidecarMB: round(study.bytes.sidecars / 1e6), transcriptMB: round(study.bytes.transcripts / 1e6), jsonMB: round(study.bytes.json / 1e6) },
      largeTranscript: { lines: LARGE.lines, codes: LARGE.codes, transcriptKB: round(large.transcriptText.length / 1e3), sidecarKB: round(large.sidecarText.length / 1e3) },
    },
    measurements,
    options: { quick: QUICK, benchDir: BENCH_DIR, runs: RUNS },
  };
  if (!args.has('--no-memory') && !ONLY_VSCODE && ONLY_STEPS === undefined) {
    log('memory');
    results.memory = await memory(study, bundles.cli);
  }
  if (!args.has('--no-package') && !ONLY_VSCODE && ONLY_STEPS === undefined) {
    log('package');
    results.package = packageFigures();
  }
  if (!args.has('--no-vscode') && ONLY_STEPS === undefined) {
    log('real VS Code (code-server): activation, opening the large transcript, keystrokes');
    if (args.has('--no-package') || ONLY_VSCODE) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    }
    results.vscode = vscodeFigures(large, study.root);
    if (!args.has('--no-web')) {
      log('real VS Code, web worker extension host (the web build): activation, index, one changed sidecar, decorations');
      results.webWorker = webWorkerFigures(study.root);
    }
  }
  machine.loadAverage.end = os.loadavg()[0] ?? 0;

  const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const jsonName = `bench-${results.date.replace(/[:.]/gu, '-')}${QUICK ? '-quick' : ''}${ONLY_VSCODE ? '-vscode' : SKIPS_A_PART ? '-partial' : ''}.json`;
  writeFileSync(path.join(resultsDir, jsonName), JSON.stringify(results, null, 2) + '\n');
  if (!PARTIAL) writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), resultsMarkdown(results, `bench/results/${jsonName}`));
  console.log(terminalTable(results));
  log(`results: bench/results/${jsonName}${PARTIAL ? ' (partial run: RESULTS.md left as it was)' : ' and bench/RESULTS.md'}`);
}

function packageFigures(): PackageFigures {
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  const vsix = path.join(OUT_DIR, 'transcript-coder.vsix');
  rmSync(vsix, { force: true });
  const packaged = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (packaged.status !== 0) throw new Error(`vsce package failed: ${packaged.stderr}${packaged.stdout}`);
  const vsixBytes = statSync(vsix).size;
  return {
    vsixBytes,
    extensionJsBytes: statSync(path.join(REPO_ROOT, 'dist', 'extension.js')).size,
    lazyJsBytes: Object.fromEntries(
      readdirSync(path.join(REPO_ROOT, 'dist'))
        .filter((name) => name.endsWith('.js') && name !== 'extension.js' && name !== 'cli.js')
        .map((name) => [name, statSync(path.join(REPO_ROOT, 'dist', name)).size]),
    ),
    cliJsBytes: statSync(path.join(REPO_ROOT, 'dist', 'cli.js')).size,
    met: vsixBytes < 1024 * 1024,
  };
}

function vscodeFigures(large: { transcriptText: string; sidecarText: string }, studyRoot: string): VsCodeFigures {
  const input = path.join(OUT_DIR, 'vscode-input');
  rmSync(input, { recursive: true, force: true });
  mkdirSync(input, { recursive: true });
  writeFileSync(path.join(input, 'large.txt'), large.transcriptText);
  writeFileSync(path.join(input, 'large.txt.codes.yaml'), large.sidecarText.replace('transcript: diskusi-kelompok.txt', 'transcript: large.txt'));
  const output = path.join(OUT_DIR, 'vscode-results.json');
  rmSync(output, { force: true });
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench', 'vscode', 'run-vscode-bench.mjs'), input, output, studyRoot], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (!existsSync(output)) return { error: `the VS Code bench wrote no results (exit ${run.status ?? run.signal}); see .vscode-test/logs/` };
  return JSON.parse(readFileSync(output, 'utf8')) as VsCodeFigures;
}

/** After vscodeFigures, whose input folder (the large transcript) it reuses; needs the .vsix (npm run package). */
function webWorkerFigures(studyRoot: string): WebWorkerFigures {
  const output = path.join(OUT_DIR, 'web-results.json');
  rmSync(output, { force: true });
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench', 'vscode', 'run-web-bench.mjs'), path.join(OUT_DIR, 'vscode-input'), output, studyRoot], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 20 * 60_000,
  });
  if (!existsSync(output)) return { error: `the web worker bench wrote no results (exit ${run.status ?? run.signal}); see .vscode-test/logs/` };
  return JSON.parse(readFileSync(output, 'utf8')) as WebWorkerFigures;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
