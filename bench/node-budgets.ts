/**
 * The budgets of DESIGN §5 measured in Node: the cold index and summary against the
 * floor, one changed sidecar, opening and decorating a large transcript, keystrokes,
 * and memory. Each returns plain results; run.ts prints and records them.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCodebook } from '../src/core/codebook/codebook';
import { CodingSession } from '../src/core/session';
import { parseSidecar, serializeSidecar } from '../src/core/sidecar';
import { loadRecord, loadStudy, type TranscriptRecord } from '../src/core/study/study';
import { summarize, summaryToJson } from '../src/core/study/summary';
import { createFsStudyReader } from '../src/node/fs-study-reader';
import { labelWindow, planDecorations } from '../src/extension/decoration-plan';
import { floorJsYaml, floorJson } from './lib/floor';
import { cpuMilliseconds, measure, measureInterleaved, percentile, stats, type MeasureOptions, type Stats } from './lib/measure';
import { REPO_ROOT, timeProcess } from './lib/processes';
import type { StudyLayout } from './generate';

export interface Measurement {
  id: string;
  label: string;
  stats: Stats;
  /** Median over the floor's median, when the figure is compared with the floor. */
  ratio?: number;
  /** Which floor the ratio is to. */
  ratioTo?: string;
  budget?: { limit: number; unit: 'ms' | '× floor' | 'MiB' | 'KiB'; met: boolean; basis?: 'wall' | 'cpu' };
  note?: string;
}

const CODEBOOK_TEXT = readFileSync(path.join(REPO_ROOT, 'examples', 'codebook.yaml'), 'utf8');

/**
 * The verdict on a budget: ratios to the floor on wall-clock medians measured
 * interleaved; millisecond budgets on the wall-clock median. The CPU-time median is
 * reported beside it: lower than the wall clock when the process waited for a core on a
 * busy machine, higher when the garbage collector's helper threads worked alongside.
 */
function withBudget(measurement: Measurement, limit: number, unit: 'ms' | '× floor'): Measurement {
  const value = unit === '× floor' ? (measurement.ratio ?? Infinity) : measurement.stats.median;
  return { ...measurement, budget: { limit, unit, met: unit === '× floor' ? value <= limit : value < limit, basis: 'wall' } };
}

/** Cold index and summary in this process, interleaved with the floor. */
export async function coldInProcess(study: StudyLayout, options: MeasureOptions): Promise<Measurement[]> {
  const reader = () => createFsStudyReader(study.root);
  const results = await measureInterleaved(
    {
      floorJsYaml: () => floorJsYaml(study.root),
      floorJson: () => floorJson(study.root, study.jsonRoot),
      index: () => loadStudy(reader(), { transcripts: 'all' }),
      indexAndSummary: async () => {
        const loaded = await loadStudy(reader(), { transcripts: 'all' });
        return JSON.stringify(summaryToJson(summarize(loaded, { language: 'en' })), null, 2).length;
      },
    },
    options,
  );
  const floor = results.floorJsYaml.median;
  const ratio = (value: Stats) => value.median / floor;
  return [
    {
      id: 'floor.jsyaml',
      label: 'floor: read every transcript, read + js-yaml every sidecar',
      stats: results.floorJsYaml,
      ratio: 1,
      ratioTo: 'floor.jsyaml',
      note: `${mb(study.bytes.sidecars / (results.floorJsYaml.median / 1000))} MB/s of sidecars`,
    },
    {
      id: 'floor.json',
      label: 'reference: the same with JSON.parse of the same data',
      stats: results.floorJson,
      ratio: ratio(results.floorJson),
      ratioTo: 'floor.jsyaml',
    },
    {
      id: 'cold.index',
      label: 'cold index (loadStudy, in process)',
      stats: results.index,
      ratio: ratio(results.index),
      ratioTo: 'floor.jsyaml',
    },
    withBudget(
      {
        id: 'cold.indexSummary',
        label: 'cold index + summary + JSON (in process)',
        stats: results.indexAndSummary,
        ratio: ratio(results.indexAndSummary),
        ratioTo: 'floor.jsyaml',
      },
      1.5,
      '× floor',
    ),
  ];
}

/** `transcript-coder summary --json` as a process, interleaved with the floor as a process. */
export async function coldProcesses(study: StudyLayout, bundles: { cli: string; floor: string }, options: MeasureOptions): Promise<Measurement[]> {
  let cliBytes = 0;
  const results = await measureInterleaved(
    {
      floor: async () => {
        const run = await timeProcess([bundles.floor, study.root]);
        if (run.exitCode !== 0) throw new Error('the floor process failed');
      },
      cli: async () => {
        const run = await timeProcess([bundles.cli, 'summary', '--json', study.root]);
        cliBytes = run.stdoutBytes;
      },
    },
    { ...options, cpu: false },
  );
  const ratio = results.cli.median / results.floor.median;
  return [
    {
      id: 'process.floor',
      label: 'floor as a process (node + read + js-yaml)',
      stats: results.floor,
      ratio: 1,
      ratioTo: 'process.floor',
    },
    withBudget(
      {
        id: 'process.cli',
        label: 'CLI `summary --json` as a process',
        stats: results.cli,
        ratio,
        ratioTo: 'process.floor',
        note: `${mb(cliBytes)} MB of JSON on stdout`,
      },
      1.5,
      '× floor',
    ),
  ];
}

/** The `yaml` package's parser on a sample of the sidecars: what indexing cost before the fast path. */
export async function yamlPackageThroughput(study: StudyLayout, sample: number): Promise<Measurement> {
  const { parseSidecarPrecisely } = await import('../src/core/sidecar/parse');
  const files = study.sidecars.slice(0, sample);
  const texts = await Promise.all(files.map((file) => readFile(path.join(study.root, file), 'utf8')));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const result = await measure(() => texts.forEach((text, index) => parseSidecarPrecisely(text, files[index] as string)), { warmup: 1, runs: 3 });
  const perStudy = (result.median / bytes) * study.bytes.sidecars;
  return {
    id: 'reference.precise',
    label: `precise parser (\`yaml\` package) on ${sample} sidecars`,
    stats: result,
    note: `${mb(bytes / (result.median / 1000))} MB/s: the whole study would take ≈ ${(perStudy / 1000).toFixed(1)} s`,
  };
}

/**
 * One changed sidecar: read it and rebuild its record (loadRecord), then update the
 * sidebar's model (the tree data: per-agency summaries), as the extension does when its
 * watcher reports the change.
 */
export async function oneChangedSidecar(study: StudyLayout, changes: number): Promise<Measurement[]> {
  const reader = createFsStudyReader(study.root);
  const loaded = await loadStudy(reader, { transcripts: 'all' });
  const { FactorModel, NO_FILTERS } = await import('../src/extension/sidebar/study-view');
  const model = new FactorModel();
  const rebuildStarted = performance.now();
  model.rebuild(loaded.records, { codebook: loaded.codebook, filters: NO_FILTERS, language: 'en' });
  const rebuildMs = performance.now() - rebuildStarted;
  const records = new Map(loaded.records.map((record) => [record.sidecarPath, record]));
  const recordTimes: number[] = [];
  const totalTimes: number[] = [];
  const recordCpus: number[] = [];
  const totalCpus: number[] = [];
  const step = Math.max(1, Math.floor(study.sidecars.length / changes));
  const originals = new Map<string, string>();
  try {
    for (let n = 0; n < changes + 2; n++) {
      const sidecarPath = study.sidecars[(n * step + 7) % study.sidecars.length] as string;
      const file = path.join(study.root, sidecarPath);
      const text = await readFile(file, 'utf8');
      if (!originals.has(file)) originals.set(file, text);
      const parsed = parseSidecar(text, sidecarPath);
      if (parsed.status !== 'ok') throw new Error(`${sidecarPath} does not read`);
      // A coder renames a factor: one code's line changes, as the extension would write it.
      const codes = parsed.data.codes.map((code, index) => (index === 3 ? { ...code, factor: `${code.factor} (direvisi ${n})` } : code));
      await writeFile(file, serializeSidecar({ ...parsed.data, codes }, parsed));
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const record: TranscriptRecord = await loadRecord(reader, sidecarPath, 'all');
      const recordDone = performance.now();
      const recordCpu = cpuMilliseconds(cpuBefore);
      records.set(sidecarPath, record);
      model.update(sidecarPath, record);
      const done = performance.now();
      const totalCpu = cpuMilliseconds(cpuBefore);
      if (n >= 2) {
        recordTimes.push(recordDone - started);
        totalTimes.push(done - started);
        recordCpus.push(recordCpu);
        totalCpus.push(totalCpu);
      }
    }
  } finally {
    for (const [file, text] of originals) await writeFile(file, text);
  }
  const fullStarted = performance.now();
  summarize({ codebook: loaded.codebook, records: [...records.values()] }, { language: 'en' });
  const fullMs = performance.now() - fullStarted;
  return [
    {
      id: 'change.record',
      label: 'one changed sidecar: re-read it into the index (loadRecord)',
      stats: stats(recordTimes, recordCpus),
    },
    withBudget(
      {
        id: 'change.indexAndTree',
        label: 'one changed sidecar: index + tree data (sidebar FactorModel.update)',
        stats: stats(totalTimes, totalCpus),
        note: `for comparison: the whole summary again takes ${fullMs.toFixed(0)} ms; building the model from scratch took ${rebuildMs.toFixed(0)} ms`,
      },
      20,
      'ms',
    ),
  ];
}

export interface LargeTranscript {
  transcriptText: string;
  sidecarText: string;
}

const LARGE_SIDECAR_PATH = 'transcripts/diskusi-kelompok.txt.codes.yaml';

/**
 * Opening a large transcript: the session (sidecar read, codes placed) and the decoration
 * plan, as the extension makes it when the editor opens at the top: colours for every
 * coded line, labels for the lines near the screen (a tall editor's 50 lines and the
 * margin either side, decoration-plan.ts).
 */
export async function openAndDecorate(large: LargeTranscript, options: MeasureOptions): Promise<Measurement[]> {
  const codebook = parseCodebook(CODEBOOK_TEXT, 'codebook.yaml').codebook;
  const lineCount = large.transcriptText.split('\n').length;
  const planOptions = { language: 'en', lineCount, endOfLineLabels: true, labelWindow: labelWindow([{ first: 0, last: 49 }], lineCount) };
  const open = () => CodingSession.open(large.transcriptText, large.sidecarText, LARGE_SIDECAR_PATH, 'diskusi-kelompok.txt');
  const session = open();
  if (session.readOnly || session.codes().length === 0) throw new Error('the large sidecar does not read');
  const plan = () => planDecorations(session.codes(), codebook, planOptions);
  const results = await measureInterleaved(
    {
      open,
      plan,
      both: () => planDecorations(open().codes(), codebook, planOptions),
    },
    options,
  );
  const sidecarOnly = await measure(() => parseSidecar(large.sidecarText, LARGE_SIDECAR_PATH), options);
  const size = `${lineCount.toLocaleString('en')} lines, ${session.codes().length.toLocaleString('en')} codes`;
  return [
    { id: 'open.sidecar', label: `read the sidecar (parseSidecar; ${size})`, stats: sidecarOnly },
    { id: 'open.session', label: 'open: CodingSession.open (sidecar read, codes placed)', stats: results.open },
    { id: 'open.plan', label: `decorations computed (planDecorations over session.codes(); labels for lines 1–${planOptions.labelWindow.last + 1})`, stats: results.plan },
    withBudget({ id: 'open.total', label: 'open + decorations computed (pure part, Node)', stats: results.both }, 30, 'ms'),
  ];
}

/**
 * Writing the large sidecar after one coding change, as the extension does after every
 * coding operation, in two files: the writer's own (canonical) file, which the fast writer
 * rewrites line by line (sidecar/canonical-writer.ts), and the same file with a researcher's
 * comment inside the changed code, which only the layout-keeping writer handles (it
 * parses the previous text with the `yaml` library). Both include the read-back check
 * (parseSidecar of the result, which takes the fast path), also measured alone. Not a
 * budget of DESIGN §5.
 */
export async function writeAfterChange(large: LargeTranscript, options: MeasureOptions): Promise<Measurement[]> {
  const parsed = parseSidecar(large.sidecarText, LARGE_SIDECAR_PATH);
  if (parsed.status !== 'ok') throw new Error('the large sidecar does not read');
  const changedIndex = 10;
  const codes = parsed.data.codes.map((code, index) => (index === changedIndex ? { ...code, factor: `${code.factor} (direvisi)` } : code));
  const changed = { ...parsed.data, codes };
  const changedId = parsed.data.codes[changedIndex]?.id ?? '';
  const commentedText = large.sidecarText.replace(`  - id: ${changedId}\n`, `  - id: ${changedId}\n    # dicek lagi dengan pembimbing\n`);
  const commented = parseSidecar(commentedText, LARGE_SIDECAR_PATH);
  if (commented.status !== 'ok' || commentedText === large.sidecarText) throw new Error('the commented sidecar does not read');
  const written = serializeSidecar(changed, parsed);
  const results = await measureInterleaved(
    {
      write: () => serializeSidecar(changed, parsed),
      commented: () => serializeSidecar(changed, commented),
      check: () => parseSidecar(written, LARGE_SIDECAR_PATH),
    },
    options,
  );
  const count = parsed.data.codes.length.toLocaleString('en');
  return [
    { id: 'write.large', label: `write the ${count}-code sidecar after one change (serializeSidecar; the writer's own file: fast writer)`, stats: results.write },
    {
      id: 'write.commented',
      label: `write it after one change when the changed code holds a hand comment (layout-keeping writer, yaml parse)`,
      stats: results.commented,
    },
    { id: 'write.check', label: '… of either, the read-back check (parseSidecar of the result)', stats: results.check },
  ];
}

interface EditKind {
  id: string;
  label: string;
  /** The edit at a line (1-based) of the current text, given its lines. */
  edit(lines: string[], line: number): { line: number; column: number; length: number; text: string };
}

const EDIT_KINDS: EditKind[] = [
  { id: 'char', label: 'type a character inside a coded line', edit: (lines, line) => ({ line, column: Math.floor((lines[line - 1] ?? '').length / 2), length: 0, text: 'a' }) },
  { id: 'enter', label: 'Enter inside a line', edit: (lines, line) => ({ line, column: Math.floor((lines[line - 1] ?? '').length / 2), length: 0, text: '\n' }) },
  { id: 'join', label: 'Backspace joining two lines', edit: (lines, line) => ({ line, column: (lines[line - 1] ?? '').length, length: 1, text: '' }) },
  { id: 'paste', label: 'paste three lines', edit: (_lines, line) => ({ line, column: 0, length: 0, text: '[00:00:01] Pewawancara: Baik.\n[00:00:02] Camat: Ya.\n[00:00:03] Lurah: Betul.\n' }) },
];

/** Keystrokes in the large transcript: positions of 2,000 codes kept by session.applyEdits. */
export function keystrokes(large: LargeTranscript, samples: number): Measurement[] {
  const session = CodingSession.open(large.transcriptText, large.sidecarText, LARGE_SIDECAR_PATH, 'diskusi-kelompok.txt');
  const lines = large.transcriptText.split('\n');
  const coded = session.codes().map((code) => code.entry.lines[0]);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const measurements: Measurement[] = [];
  const all: number[] = [];
  const allCpu: number[] = [];
  for (const kind of EDIT_KINDS) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let n = 0; n < samples + 100; n++) {
      const line = Math.min(lines.length - 1, Math.max(1, coded[Math.floor(random() * coded.length)] ?? 1));
      const { column, length, text } = kind.edit(lines, line);
      let offset = 0;
      for (let i = 0; i < line - 1; i++) offset += (lines[i] as string).length + 1;
      offset += column;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      session.applyEdits([{ offset, length, text }]);
      const elapsed = performance.now() - started;
      const cpuElapsed = cpuMilliseconds(cpuBefore);
      if (n >= 100) {
        times.push(elapsed);
        all.push(elapsed);
        cpuTimes.push(cpuElapsed);
        allCpu.push(cpuElapsed);
      }
      // Keep the mirror of the text in step.
      let remaining = length;
      let endLine = line;
      let endColumn = column;
      while (remaining > 0) {
        const available = (lines[endLine - 1] as string).length - endColumn;
        if (remaining <= available) {
          endColumn += remaining;
          remaining = 0;
        } else {
          remaining -= available + 1;
          endLine++;
          endColumn = 0;
        }
      }
      const replaced = (lines[line - 1] as string).slice(0, column) + text + (lines[endLine - 1] as string).slice(endColumn);
      lines.splice(line - 1, endLine - line + 1, ...replaced.split('\n'));
    }
    measurements.push({
      id: `keystroke.${kind.id}`,
      label: `keystroke: ${kind.label}`,
      stats: stats(times, cpuTimes),
      note: `p99 ${percentile(times, 99).toFixed(3)} ms over ${times.length}`,
    });
  }
  if (session.lineCount() !== lines.length) throw new Error('the keystroke mirror lost step with the session');
  measurements.push({
    ...withBudget({ id: 'keystroke.all', label: 'keystroke: any of the above (positions updated)', stats: stats(all, allCpu) }, 0.5, 'ms'),
    note: `p99 ${percentile(all, 99).toFixed(3)} ms over ${all.length}`,
  });
  return measurements;
}

export interface MemoryFigures {
  half: { sidecars: number; codes: number; indexHeapMiB: number; indexAndSummaryHeapMiB: number; peakRssMiB: number };
  full: { sidecars: number; codes: number; indexHeapMiB: number; indexAndSummaryHeapMiB: number; peakRssMiB: number };
  /** Index heap at full size over index heap at half size: 2 when the footprint is linear. */
  indexRatio: number;
  bytesPerCode: number;
  cliPeakRssMiB?: number;
}

/** Index footprint at half and full size (separate processes), and the CLI's peak memory. */
export async function memory(study: StudyLayout, cli: string): Promise<MemoryFigures> {
  const run = (count: number) => {
    const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', path.join(REPO_ROOT, 'bench', 'memory.ts'), study.root, String(count)], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (result.status !== 0) throw new Error(`bench/memory.ts failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim()) as MemoryFigures['full'];
  };
  const half = run(Math.floor(study.sidecars.length / 2));
  const full = run(study.sidecars.length);
  const cliRun = await timeProcess([cli, 'summary', '--json', study.root], { withTime: true });
  const figures: MemoryFigures = {
    half,
    full,
    indexRatio: full.indexHeapMiB / half.indexHeapMiB,
    bytesPerCode: (full.indexHeapMiB * 2 ** 20) / full.codes,
  };
  if (cliRun.maxRssMiB !== undefined) figures.cliPeakRssMiB = cliRun.maxRssMiB;
  return figures;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
