/**
 * Memory of the study index, in a process of its own (run with --expose-gc): the heap
 * the index holds for the first `count` sidecars of a study, the heap the summary adds,
 * and the peak resident memory of indexing, summarizing and writing the JSON.
 * Usage: node --expose-gc --import tsx bench/memory.ts <study folder> <sidecar count>
 * Prints one line of JSON.
 */
import { loadStudy, type StudyReader } from '../src/core/study/study';
import { summarize, summaryToJson } from '../src/core/study/summary';
import { createFsStudyReader } from '../src/node/fs-study-reader';

export interface MemoryReport {
  sidecars: number;
  codes: number;
  /** Heap held by the index after a full collection, MiB. */
  indexHeapMiB: number;
  /** Heap held by index and summary together, MiB. */
  indexAndSummaryHeapMiB: number;
  /** Peak resident set of the whole process, MiB. */
  peakRssMiB: number;
}

async function main(): Promise<void> {
  const [root, countText] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (root === undefined || countText === undefined || gc === undefined) throw new Error('usage: node --expose-gc … bench/memory.ts <study> <count>');
  const fsReader = createFsStudyReader(root);
  const all = (await fsReader.listFiles()).filter((file) => file.endsWith('.codes.yaml'));
  const keep = new Set(all.slice(0, Number(countText)));
  const reader: StudyReader = {
    listFiles: async () => (await fsReader.listFiles()).filter((file) => !file.endsWith('.codes.yaml') || keep.has(file)),
    readFile: (file) => fsReader.readFile(file),
  };
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  const study = await loadStudy(reader, { transcripts: 'all' });
  const withIndex = heap();
  const summary = summarize(study, { language: 'en' });
  const withSummary = heap();
  const json = JSON.stringify(summaryToJson(summary), null, 2);
  const codes = study.records.reduce((sum, record) => sum + (record.sidecar.status === 'ok' ? record.sidecar.data.codes.length : 0), 0);
  const report: MemoryReport = {
    sidecars: study.records.length,
    codes,
    indexHeapMiB: (withIndex - before) / 2 ** 20,
    indexAndSummaryHeapMiB: (withSummary - before) / 2 ** 20,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  // Keep everything alive until measured.
  if (json.length === 0 || summary.agencies.length < 0) throw new Error('unreachable');
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
