/**
 * Searching the bench study (issue 18, budget 5): 1,000 transcripts × 600 lines, read
 * into the index once (as the editor's index and `transcript-coder code` hold them),
 * then searched: the time to the first page of hits (budget 300 ms) and to all hits
 * (budget 2 s), for plain words with many hits, whole words, a regular expression and a
 * speaker's turns.
 */
import { hitPages, type SearchQuery, searchStudy } from '../src/core/search';
import { loadStudy } from '../src/core/study';
import { createFsStudyReader } from '../src/node/fs-study-reader';
import type { StudyLayout } from './generate';
import { measure, type MeasureOptions } from './lib/measure';
import type { Measurement } from './node-budgets';

const FIRST_PAGE_HITS = 100;
const FIRST_PAGE_BUDGET_MS = 300;
const ALL_HITS_BUDGET_MS = 2_000;

const QUERIES: Array<{ id: string; label: string; query: SearchQuery }> = [
  { id: 'words', label: 'plain words "anggaran" (about a third of all lines)', query: { pattern: 'anggaran', mode: 'words' } },
  { id: 'wholeWord', label: 'whole word "data"', query: { pattern: 'data', mode: 'whole-word' } },
  { id: 'regex', label: 'regex /koordinasi\\s+lintas|helpdesk/', query: { pattern: 'koordinasi\\s+lintas|helpdesk', mode: 'regex' } },
  { id: 'speaker', label: 'every turn of speaker "Camat" saying "jaringan"', query: { pattern: 'jaringan', mode: 'words', speaker: 'Camat' } },
  { id: 'rare', label: 'plain words "tidak ada di studi ini" (no hit: the whole study is read for the first page)', query: { pattern: 'tidak ada di studi ini', mode: 'words' } },
];

export async function studySearch(study: StudyLayout, options: MeasureOptions): Promise<Measurement[]> {
  const loadStarted = performance.now();
  const loaded = await loadStudy(createFsStudyReader(study.root), { transcripts: 'all' });
  const loadMs = performance.now() - loadStarted;
  const lines = loaded.records.reduce((sum, record) => sum + (record.transcript?.transcript.lines.length ?? 0), 0);
  const measurements: Measurement[] = [];
  for (const { id, label, query } of QUERIES) {
    let firstPageHits = 0;
    let allHits = 0;
    let transcripts = 0;
    const firstPage = await measure(() => {
      const page = hitPages(searchStudy(loaded.records, query), FIRST_PAGE_HITS).next();
      firstPageHits = page.done === true ? 0 : page.value.hitCount;
    }, options);
    const all = await measure(() => {
      allHits = 0;
      transcripts = 0;
      for (const result of searchStudy(loaded.records, query)) {
        if (result.kind !== 'hits') throw new Error(`${result.transcriptPath}: ${result.kind}`);
        allHits += result.hits.length;
        transcripts++;
      }
    }, options);
    measurements.push(
      {
        id: `search.${id}.firstPage`,
        label: `search, first page (${FIRST_PAGE_HITS} hits): ${label} — ${firstPageHits} hits on it`,
        stats: firstPage,
        budget: { limit: FIRST_PAGE_BUDGET_MS, unit: 'ms', met: firstPage.median < FIRST_PAGE_BUDGET_MS, basis: 'wall' },
      },
      {
        id: `search.${id}.all`,
        label: `search, all hits: ${label} — ${allHits} hits in ${transcripts} transcripts of ${loaded.records.length} (${lines} lines)`,
        stats: all,
        budget: { limit: ALL_HITS_BUDGET_MS, unit: 'ms', met: all.median < ALL_HITS_BUDGET_MS, basis: 'wall' },
        note: `the study read into the index once before: ${Math.round(loadMs)} ms (not counted)`,
      },
    );
  }
  return measurements;
}
