/**
 * The results of `npm run bench`: a table for the terminal, JSON under bench/results/,
 * and bench/RESULTS.md with the latest figures and the machine they ran on.
 */
import type { MachineInfo } from './machine';
import type { Measurement, MemoryFigures } from '../node-budgets';

export interface VsCodeFigures {
  /** VS Code (code-server) version the figures come from. */
  version?: string;
  activation?: {
    /** From remoteexthost.log: `_doActivateExtension` of ours to the log line after activate() returned. */
    fromLogMs?: number;
    logLines?: string[];
    /** From the extension host's performance marks: loading our bundle, and running activate(). */
    codeLoadingMs?: number;
    activateCallMs?: number;
    ourCodeMs?: number;
    /** Activations measured (one per extension host), and each one's figures. */
    rounds?: number;
    ourCodeRunsMs?: number[];
    fromLogRunsMs?: number[];
    met?: boolean;
  };
  open?: Measurement[];
  keystrokes?: Measurement[];
  /** Cold index through workspace.fs, and one changed sidecar. */
  studyIndex?: Measurement[];
  error?: string;
}

export interface PackageFigures {
  vsixBytes: number;
  /** The bundle loaded at activation. */
  extensionJsBytes: number;
  /** The bundles loaded on first use (exports, imports, team work, reports, yaml), by file. */
  lazyJsBytes?: Record<string, number>;
  cliJsBytes: number;
  met: boolean;
}

/** The web build's start in the turns after activation (src/extension/desktop/start.web.ts), each a summary of the rounds. */
interface WebStartFigures {
  runWorkbenchCodeMs: { median: number; max: number };
  registerEverythingMs: { median: number; max: number };
  untilReadyMs: { median: number; max: number };
}

/** The extension in the browser's web worker extension host (issue 15; bench/vscode/run-web-bench.mjs). */
export interface WebWorkerFigures {
  activation?: { ourCodeMs?: number; codeLoadingMs?: number; activateCallMs?: number; rounds?: number; ourCodeRunsMs?: number[]; met?: boolean; afterActivation?: WebStartFigures };
  measurements?: Measurement[];
  /** That it ran there: every round in a worker, and no activation in the server's Node extension host. */
  proof?: { everyRoundInAWorker: boolean; serverActivations: string[]; holds: boolean };
  error?: string;
}

export interface BenchResults {
  date: string;
  machine: MachineInfo;
  sizes: Record<string, unknown>;
  measurements: Measurement[];
  memory?: MemoryFigures;
  package?: PackageFigures;
  vscode?: VsCodeFigures;
  webWorker?: WebWorkerFigures;
  options: Record<string, unknown>;
}

function vscodeMeasurements(vscode: VsCodeFigures | undefined): Measurement[] {
  return [...(vscode?.studyIndex ?? []), ...(vscode?.open ?? []), ...(vscode?.keystrokes ?? [])];
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3));

function budgetText(measurement: Measurement): string {
  if (measurement.budget === undefined) return '';
  const { limit, unit, met, basis } = measurement.budget;
  return `${met ? 'met' : 'MISSED'} (< ${limit}${unit === 'ms' ? ' ms' : ` ${unit}`}${basis === 'cpu' ? ', CPU' : ''})`;
}

function rows(measurements: readonly Measurement[]): string[][] {
  return measurements.map((m) => [
    m.label,
    ms(m.stats.median),
    ms(m.stats.min),
    ms(m.stats.max),
    m.stats.cpu === undefined ? '' : ms(m.stats.cpu.median),
    m.ratio === undefined ? '' : `${m.ratio.toFixed(2)}×`,
    budgetText(m),
  ]);
}

const HEADER = ['measurement', 'median ms', 'min ms', 'max ms', 'CPU median ms', '÷ floor', 'budget'];

export function terminalTable(results: BenchResults): string {
  const all = [...results.measurements, ...vscodeMeasurements(results.vscode), ...(results.webWorker?.measurements ?? [])];
  const table = [HEADER, ...rows(all)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const lines = table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const extra: string[] = [];
  const activation = results.vscode?.activation;
  if (activation !== undefined) {
    extra.push(
      `activation (real VS Code): ${activation.fromLogMs === undefined ? 'n/a' : `${activation.fromLogMs} ms from remoteexthost.log`}; ` +
        `our code ${activation.ourCodeMs === undefined ? 'n/a' : `${ms(activation.ourCodeMs)} ms (load ${ms(activation.codeLoadingMs ?? NaN)} + activate ${ms(activation.activateCallMs ?? NaN)})`} ` +
        `${activation.met === undefined ? '' : activation.met ? 'met (< 50 ms)' : 'MISSED (< 50 ms)'}`,
    );
  }
  if (results.vscode?.error !== undefined) extra.push(`VS Code: ${results.vscode.error}`);
  if (results.webWorker !== undefined) extra.push(webWorkerText(results.webWorker));
  if (results.package !== undefined) {
    const p = results.package;
    extra.push(`package: .vsix ${kib(p.vsixBytes)} KiB ${p.met ? 'met (< 1 MiB)' : 'MISSED (< 1 MiB)'}; dist/extension.js ${kib(p.extensionJsBytes)} KiB at activation${lazyText(p)}; dist/cli.js ${kib(p.cliJsBytes)} KiB`);
  }
  if (results.memory !== undefined) extra.push(memoryText(results.memory));
  return [...lines, '', ...extra].join('\n');
}

function memoryText(memory: MemoryFigures): string {
  return (
    `memory: index heap ${memory.half.indexHeapMiB.toFixed(1)} MiB for ${memory.half.codes} codes, ${memory.full.indexHeapMiB.toFixed(1)} MiB for ${memory.full.codes} ` +
    `(×${memory.indexRatio.toFixed(2)} for ×${(memory.full.codes / memory.half.codes).toFixed(2)} codes; ${memory.bytesPerCode.toFixed(0)} bytes per code); ` +
    `peak RSS ${memory.full.peakRssMiB.toFixed(0)} MiB in process` +
    (memory.cliPeakRssMiB === undefined ? '' : `, ${memory.cliPeakRssMiB} MiB for the CLI`)
  );
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}

function markdownTable(measurements: readonly Measurement[]): string[] {
  const out = [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const [index, row] of rows(measurements).entries()) {
    const note = measurements[index]?.note;
    const cells = row.map((cell, column) => (column === 0 && note !== undefined ? `${cell} — ${note}` : cell));
    out.push(`| ${cells.map((cell) => cell.replace(/\|/gu, '\\|')).join(' | ')} |`);
  }
  return out;
}

export function resultsMarkdown(results: BenchResults, jsonFile: string): string {
  const m = results.machine;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); the budgets are those of DESIGN §5. Figures are',
    'wall-clock milliseconds over several runs after warm-up; budgets are judged on the',
    'wall-clock median. "÷ floor" is the median over the floor\'s, measured in the same run,',
    'interleaved with it. The CPU median (all threads of the process) is given beside it: it',
    'reads lower than the wall clock when the process waited for a core on a busy machine, and',
    "higher when the garbage collector's helper threads worked alongside.",
    '',
    `Latest run: ${results.date} — full results in \`${jsonFile}\`.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}. ` +
      `Load average ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end?.toFixed(1) ?? '?'} at the end` +
      (m.loadAverage.start > m.cores ? ' — a busy machine: other work was running, and figures read high.' : '.'),
    '',
    `Sizes: ${JSON.stringify(results.sizes)}`,
    '',
    '## Node (core, CLI)',
    '',
    ...markdownTable(results.measurements),
    '',
    '## Real VS Code (code-server, extension host)',
    '',
  ];
  const vscode = results.vscode;
  if (vscode === undefined) lines.push('Not run (`--no-vscode`).');
  else {
    if (vscode.error !== undefined) lines.push(`Error: ${vscode.error}`, '');
    if (vscode.version !== undefined) lines.push(`VS Code ${vscode.version}.`, '');
    const a = vscode.activation;
    if (a !== undefined) {
      lines.push(
        `- Activation: ${a.fromLogMs === undefined ? 'n/a' : `**${a.fromLogMs} ms** in \`remoteexthost.log\``} ` +
          `(our \`_doActivateExtension\` to the next log line after \`activate()\` returned, millisecond timestamps); ` +
          `our own code ${a.ourCodeMs === undefined ? 'n/a' : `**${ms(a.ourCodeMs)} ms**`} by the extension host's performance marks ` +
          `(loading the bundle ${ms(a.codeLoadingMs ?? NaN)} ms, \`activate()\` ${ms(a.activateCallMs ?? NaN)} ms; medians of ${a.rounds ?? '?'} activations: ` +
          `${(a.ourCodeRunsMs ?? []).join(', ')} ms by the marks, ${(a.fromLogRunsMs ?? []).join(', ')} ms in the logs) — ` +
          `${a.met === undefined ? '?' : a.met ? 'budget met (< 50 ms)' : 'budget MISSED (< 50 ms)'}.`,
      );
      for (const line of a.logLines ?? []) lines.push(`  - \`${line}\``);
      lines.push('');
    }
    if (vscodeMeasurements(vscode).length > 0) lines.push(...markdownTable(vscodeMeasurements(vscode)), '');
  }
  if (results.webWorker !== undefined) {
    const web = results.webWorker;
    lines.push('## Real VS Code, web worker extension host (the web build, as in vscode.dev)', '', `- ${webWorkerText(web)}`, '');
    if ((web.measurements ?? []).length > 0) lines.push(...markdownTable(web.measurements ?? []), '');
  }
  if (results.package !== undefined) {
    const p = results.package;
    lines.push(
      '## Package',
      '',
      `- \`.vsix\`: ${kib(p.vsixBytes)} KiB — ${p.met ? 'budget met (< 1 MiB)' : 'budget MISSED (< 1 MiB)'}`,
      `- \`dist/extension.js\` (loaded at activation): ${kib(p.extensionJsBytes)} KiB${lazyText(p)}; \`dist/cli.js\`: ${kib(p.cliJsBytes)} KiB`,
      '',
    );
  }
  if (results.memory !== undefined) lines.push('## Memory', '', `- ${memoryText(results.memory)}`, '');
  return lines.join('\n');
}

/** ", then on first use: interop.js 385 KiB, …" — the bundles activation does not load. */
function lazyText(p: PackageFigures): string {
  const lazy = Object.entries(p.lazyJsBytes ?? {});
  return lazy.length === 0 ? '' : `, then on first use: ${lazy.map(([name, bytes]) => `${name} ${kib(bytes)} KiB`).join(', ')}`;
}

function webWorkerText(web: WebWorkerFigures): string {
  const a = web.activation;
  const proof = web.proof;
  return [
    a === undefined || a.ourCodeMs === undefined
      ? 'activation in the web worker: n/a'
      : `activation in the web worker: our code ${ms(a.ourCodeMs)} ms (load ${ms(a.codeLoadingMs ?? NaN)} + activate ${ms(a.activateCallMs ?? NaN)}; median of ${a.rounds} activations: ${(a.ourCodeRunsMs ?? []).join(', ')} ms) ${a.met ? 'met (< 50 ms)' : 'MISSED (< 50 ms)'}`,
    ...(a?.afterActivation === undefined
      ? []
      : [
          `then, each in a turn of its own: the workbench's code ${ms(a.afterActivation.runWorkbenchCodeMs.median)} ms (max ${ms(a.afterActivation.runWorkbenchCodeMs.max)}), ` +
            `registering everything ${ms(a.afterActivation.registerEverythingMs.median)} ms (max ${ms(a.afterActivation.registerEverythingMs.max)}); ` +
            `from activate() to all registered ${ms(a.afterActivation.untilReadyMs.median)} ms (medians)`,
        ]),
    proof === undefined
      ? 'where it ran: n/a'
      : proof.holds
        ? 'ran in the web worker extension host in every round, and the server\'s Node extension host never activated it'
        : `NOT shown to run in the web worker only (in a worker every round: ${proof.everyRoundInAWorker}; server activations: ${proof.serverActivations.length})`,
    ...(web.error === undefined ? [] : [`error: ${web.error}`]),
  ].join('; ');
}
