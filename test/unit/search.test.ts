import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeHitsInSidecar,
  foldForSearch,
  hitPages,
  hitRuns,
  type SearchQuery,
  SearchQueryError,
  type SearchResult,
  searchStudy,
  type TranscriptHits,
  uncodedRuns,
} from '../../src/core/search';
import { parseSidecar } from '../../src/core/sidecar';
import type { Study, TranscriptRecord } from '../../src/core/study';
import { lineBodies, parseTranscript, quoteOfLines } from '../../src/core/transcript';
import { seededRandom } from '../../src/core/text/seeded-random';
import { filesOf, loadMemoryStudy } from './helpers/memory-study';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

const hitsOf = (results: Iterable<SearchResult>): TranscriptHits[] => [...results].filter((result): result is TranscriptHits => result.kind === 'hits');
const linesIn = (results: Iterable<SearchResult>, transcriptPath: string): number[] =>
  hitsOf(results).find((result) => result.transcriptPath === transcriptPath)?.hits.map((hit) => hit.line) ?? [];

/** A one-transcript study from text, with an empty sidecar unless one is given. */
async function studyOf(transcripts: Record<string, { text: string; sidecar?: string }>): Promise<Study> {
  const files = new Map<string, string>();
  for (const [path, { text, sidecar }] of Object.entries(transcripts)) {
    files.set(path, text);
    files.set(`${path}.codes.yaml`, sidecar ?? `version: 1\ntranscript: ${path.split('/').pop() ?? path}\nattributes: {}\ncodes: []\n`);
  }
  return loadMemoryStudy(files);
}

describe('study search (issue 18)', () => {
  let examples: Study;
  before(async () => {
    examples = await loadMemoryStudy(filesOf(EXAMPLES));
  });

  describe('folding', () => {
    it('folds case and accents, never spelling', () => {
      assert.equal(foldForSearch('Koordinasi'), foldForSearch('koordinasi'));
      assert.equal(foldForSearch('KOORDİNASİ'), 'koordinasi');
      assert.equal(foldForSearch('Café résumé naïve'), 'cafe resume naive');
      assert.equal(foldForSearch('Cafe\u0301'), 'cafe', 'a combining accent typed as its own character folds too');
      assert.notEqual(foldForSearch('kordinasi'), foldForSearch('koordinasi'));
      assert.equal(foldForSearch('[00:01:02] Pak Camat:'), '[00:01:02] pak camat:');
    });

    it('finds a word whatever its case and accents, but not a misspelling', async () => {
      const study = await studyOf({
        'a.txt': { text: 'P: Koordinasi lintas bidang.\nP: koordinasi berjalan.\nP: Kordinasi kurang.\nP: Le café est fermé.\nP: Cafe di kantor.\n' },
      });
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'KOORDINASI', mode: 'words' }), 'a.txt'), [1, 2]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'kordinasi', mode: 'words' }), 'a.txt'), [3]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'café', mode: 'words' }), 'a.txt'), [4, 5]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'cafe', mode: 'words' }), 'a.txt'), [4, 5]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'caf(e|é)', mode: 'regex' }), 'a.txt'), [4, 5], 'a regular expression runs over folded text too');
    });

    it('reads white space in plain words as any white space, and regex characters as themselves', async () => {
      const study = await studyOf({ 'a.txt': { text: 'P: rapat   koordinasi bulanan\nP: rapat\tkoordinasi\nP: biaya (anggaran) naik 5.000?\nP: biaya anggaran\n' } });
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'rapat koordinasi', mode: 'words' }), 'a.txt'), [1, 2]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: '(anggaran) naik 5.000?', mode: 'words' }), 'a.txt'), [3]);
      const dashes = await studyOf({ 'b.txt': { text: 'P: basis-data/2 baru\nP: basis data\n' } });
      assert.deepEqual(linesIn(searchStudy(dashes.records, { pattern: 'Basis-Data/2', mode: 'whole-word' }), 'b.txt'), [1]);
    });
  });

  describe('whole words', () => {
    it('matches a word, not the start or middle of a longer one', async () => {
      const study = await studyOf({
        'a.txt': { text: 'P: Data pegawai.\nP: database baru\nP: pemutakhiran datanya\nP: basis-data, lalu data.\nP: data_lama\nP: Dáta\n' },
      });
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'data', mode: 'whole-word' }), 'a.txt'), [1, 4, 6]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'data', mode: 'words' }), 'a.txt'), [1, 2, 3, 4, 5, 6]);
    });
  });

  describe('what is searched: line bodies, numbered as sidecars number them', () => {
    it('counts front matter lines, so a hit is the line a sidecar would name', () => {
      const path = 'transcripts/bkpsdm/kepala-badan.txt';
      const fileLines = readFileSync(join(EXAMPLES, 'transcripts/bkpsdm/kepala-badan.txt'), 'utf8').split('\n');
      const hits = hitsOf(searchStudy(examples.records, { pattern: 'anggaran', mode: 'words' })).find((result) => result.transcriptPath === path);
      assert.ok(hits !== undefined && hits.hits.length > 0);
      for (const hit of hits.hits) {
        assert.equal(hit.text, fileLines[hit.line - 1]);
        assert.match(foldForSearch(hit.text), /anggaran/u);
      }
      assert.ok(fileLines[0] === '---', 'the transcript has front matter, so the numbers are checked across it');
    });

    it('never finds the speaker label, the timestamp or the front matter', async () => {
      const study = await studyOf({
        'a.txt': { text: '---\nagency: Dinas Kesehatan\n---\n[00:00:05] Kepala Dinas: Selamat pagi.\n[00:00:09] Pewawancara: Kepala Dinas sudah lama menjabat?\n' },
      });
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'Kepala Dinas', mode: 'words' }), 'a.txt'), [5]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'kesehatan', mode: 'words' }), 'a.txt'), []);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: '00:00', mode: 'words' }), 'a.txt'), []);
      const [hit] = hitsOf(searchStudy(study.records, { pattern: 'Kepala Dinas', mode: 'words' }))[0]?.hits ?? [];
      assert.deepEqual(hit, { line: 5, text: '[00:00:09] Pewawancara: Kepala Dinas sudah lama menjabat?', body: 'Kepala Dinas sudah lama menjabat?', speaker: 'Pewawancara' }, 'a hit keeps the line as written, and what is said apart');
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: '^Kepala', mode: 'regex' }), 'a.txt'), [5], 'an anchor sits at the start of the body');
    });
  });

  describe('filters', () => {
    it('limits to a speaker label, folded; an empty pattern finds every turn of the speaker', async () => {
      const study = await studyOf({
        'a.txt': { text: 'Pewawancara: Apa kendala anggaran?\n**Kepala Badan:** Anggaran terbatas.\nKepala Badan: Itu saja.\nKepala Badan:\nKEPALA BADAN: anggaran lagi\n' },
      });
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: 'anggaran', mode: 'words', speaker: 'kepala badan' }), 'a.txt'), [2, 5]);
      assert.deepEqual(linesIn(searchStudy(study.records, { pattern: '', mode: 'words', speaker: 'Kepala Badan' }), 'a.txt'), [2, 3, 5], 'a turn with nothing said is not a hit');
      const markdown = hitsOf(searchStudy(study.records, { pattern: 'terbatas', mode: 'words' }))[0]?.hits[0];
      assert.deepEqual([markdown?.speaker, markdown?.body], ['Kepala Badan', 'Anggaran terbatas.'], "a Markdown label's ** is neither the speaker's nor the body's");
      assert.throws(() => searchStudy(study.records, { pattern: '  ', mode: 'words' }), SearchQueryError);
    });

    it('limits to an agency from the sidecar or, failing that, the front matter', () => {
      const search = (agency: string) =>
        hitsOf(searchStudy(examples.records, { pattern: 'anggaran', mode: 'words', agency })).map((result) => result.transcriptPath);
      const bkpsdm = examples.records.find((record) => record.transcriptPath === 'transcripts/bkpsdm/kepala-badan.txt') as TranscriptRecord;
      assert.equal(bkpsdm.agencySource, 'front-matter');
      assert.deepEqual(search('bkpsdm kabupaten tanah laut selatan'), ['transcripts/bkpsdm/kepala-badan.txt']);
      assert.deepEqual(search('No Such Agency'), []);
    });

    it('limits to a folder and to attribute values', () => {
      const paths = (query: Partial<SearchQuery>) =>
        hitsOf(searchStudy(examples.records, { pattern: 'anggaran', mode: 'words', ...query })).map((result) => result.transcriptPath);
      const all = paths({});
      assert.ok(all.some((path) => path.startsWith('transcripts/bkpsdm/')) && all.some((path) => path.startsWith('transcripts/diskominfo/')));
      assert.ok(paths({ folder: 'transcripts/diskominfo' }).every((path) => path.startsWith('transcripts/diskominfo/')));
      assert.ok(paths({ folder: 'transcripts/diskominfo/' }).length > 0);
      assert.deepEqual(paths({ folder: 'transcripts/disko' }), [], 'a folder is a whole path segment');
      assert.deepEqual(paths({ attributes: { source: 'observation' } }), ['transcripts/diskominfo/catatan-observasi.txt']);
      assert.deepEqual(paths({ attributes: { source: 'observation', informant: 'nobody' } }), []);
    });
  });

  describe('runs and pages', () => {
    it('groups consecutive hit lines into runs', () => {
      assert.deepEqual(hitRuns([9, 3, 4, 5, 5, 12, 11]), [
        [3, 5],
        [9, 9],
        [11, 12],
      ]);
      assert.deepEqual(hitRuns([]), []);
    });

    it('gives the first page before the rest of the study is searched, and loses no hit across pages', async () => {
      const text = Array.from({ length: 10 }, (_, index) => `P: anggaran ${index}`).join('\n') + '\n';
      const study = await studyOf({ 'a.txt': { text }, 'b.txt': { text }, 'c.txt': { text } });
      let pulled = 0;
      function* counted(): Generator<TranscriptRecord> {
        for (const record of study.records) {
          pulled++;
          yield record;
        }
      }
      const pages = hitPages(searchStudy(counted(), { pattern: 'anggaran', mode: 'words' }), 4);
      const first = pages.next();
      assert.equal(first.done, false);
      assert.equal(first.value?.hitCount, 4);
      assert.equal(pulled, 1, 'the first page needed only the first transcript');
      const rest = [...pages];
      assert.deepEqual([first.value?.hitCount, ...rest.map((page) => page.hitCount)], [4, 4, 4, 4, 4, 4, 4, 2]);
      const all = [first.value, ...rest].flatMap((page) => hitsOf(page?.results ?? []).flatMap((result) => result.hits.map((hit) => `${result.transcriptPath}:${hit.line}`)));
      assert.equal(new Set(all).size, 30);
    });
  });

  describe('bad patterns', () => {
    it('refuses an invalid regular expression with the engine\'s reason', () => {
      assert.throws(() => searchStudy([], { pattern: '(unclosed', mode: 'regex' }), (error: Error) => error instanceof SearchQueryError && /\/\(unclosed\/ is not a valid regular expression: .*group/iu.test(error.message));
    });

    it('refuses a pattern that matches empty text', () => {
      assert.throws(() => searchStudy([], { pattern: 'a*', mode: 'regex' }), /matches empty text/u);
    });

    it('refuses nested repetition before anything is searched', () => {
      for (const pattern of ['(a+)+$', '(\\w+\\s?)*$', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
        assert.throws(() => searchStudy([], { pattern, mode: 'regex' }), (error: Error) => error instanceof SearchQueryError && error.message.includes(pattern) && /exponential/u.test(error.message));
      }
      assert.doesNotThrow(() => searchStudy([], { pattern: '\\bangg?aran\\b|\\p{Lu}{3,}', mode: 'regex' }));
    });

    it('stops a pattern that is too slow on a transcript, naming the pattern and the transcript', async () => {
      const text = Array.from({ length: 600 }, (_, index) => `P: baris ${index}`).join('\n') + '\n';
      const study = await studyOf({ 'a.txt': { text }, 'lambat.txt': { text }, 'z.txt': { text } });
      let clock = 0;
      // The second transcript is slow: its clock runs a second per look.
      const now = () => (clock += pulledSlow() ? 1_000 : 0);
      let current = '';
      const pulledSlow = () => current === 'lambat.txt';
      function* tracked(): Generator<TranscriptRecord> {
        for (const record of study.records) {
          current = record.transcriptPath;
          yield record;
        }
      }
      const results = [...searchStudy(tracked(), { pattern: 'baris', mode: 'regex' }, { now, maxMillisecondsPerTranscript: 1_500 })];
      assert.deepEqual(results.map((result) => `${result.kind} ${result.transcriptPath}`), ['hits a.txt', 'too-slow lambat.txt'], 'the search stops there');
      const slow = results[1];
      assert.ok(slow?.kind === 'too-slow' && slow.message.includes('/baris/') && slow.message.includes('lambat.txt'));
    });
  });

  describe('find and code', () => {
    const SIDECAR = `# coded by hand\nversion: 1\ntranscript: a.txt\nattributes:\n  agency: Bappeda\ncodes:\n  - id: abcdefgh\n    lines: [2, 3]\n    code: jones/application/budget-priority\n    polarity: inhibiting\n    factor: lama\n    quote: "anggaran dua"\n    coder: rina\n`;
    const TRANSCRIPT = 'P: anggaran satu\nP: anggaran dua\nP: anggaran tiga\nP: lain\nP: anggaran lima\nP: anggaran enam\n';
    const bodies = lineBodies(parseTranscript(TRANSCRIPT, 'a.txt').transcript);
    const fields = { code: 'jones/application/budget-priority', polarity: 'inhibiting', factor: 'Anggaran terbatas', coder: 'budi' };

    it('leaves hit lines already coded with the same code, and runs the rest', () => {
      const codes = [{ code: fields.code, lines: [2, 3] as [number, number] }, { code: 'jones/organization', lines: [5, 5] as [number, number] }];
      assert.deepEqual(uncodedRuns([1, 2, 3, 5, 6], codes, fields.code), { runs: [[1, 1], [5, 6]], alreadyCoded: [2, 3] });
    });

    it('adds one code per run, quoted as every code is quoted, keeping the file\'s comments', () => {
      const coding = codeHitsInSidecar({ sidecarText: SIDECAR, sidecarPath: 'a.txt.codes.yaml', bodies, hitLines: [1, 2, 3, 5, 6] }, fields, seededRandom(7));
      assert.deepEqual(coding.added.map((code) => code.lines), [[1, 1], [5, 6]]);
      assert.deepEqual(coding.alreadyCoded, [2, 3]);
      for (const code of coding.added) {
        assert.equal(code.quote, quoteOfLines(bodies, code.lines[0], code.lines[1]));
        assert.match(code.id, /^[a-z][a-z0-9]{7}$/u);
        assert.deepEqual({ code: code.code, polarity: code.polarity, factor: code.factor, coder: code.coder }, fields);
      }
      assert.ok(coding.newText?.startsWith('# coded by hand\n'));
      const reread = parseSidecar(coding.newText ?? '', 'a.txt.codes.yaml');
      assert.equal(reread.status, 'ok');
      assert.equal(reread.status === 'ok' ? reread.data.codes.length : 0, 3);
      const again = codeHitsInSidecar({ sidecarText: coding.newText ?? '', sidecarPath: 'a.txt.codes.yaml', bodies, hitLines: [1, 2, 3, 5, 6] }, fields, seededRandom(8));
      assert.deepEqual(again.added, []);
      assert.equal(again.newText, undefined, 'a second run writes nothing');
    });

    it('codes nothing in a broken sidecar and says where it is broken', () => {
      const coding = codeHitsInSidecar({ sidecarText: 'version: 1\ncodes: [\n', sidecarPath: 'a.txt.codes.yaml', bodies, hitLines: [1] }, fields, seededRandom(1));
      assert.equal(coding.newText, undefined);
      assert.match(coding.refused ?? '', /^a\.txt\.codes\.yaml:\d+: /u);
    });

    it('lists the hits of a transcript whose sidecar is broken, naming it', async () => {
      const study = await studyOf({ 'a.txt': { text: TRANSCRIPT, sidecar: '<<<<<<< HEAD\nversion: 1\n=======\nversion: 1\n>>>>>>> theirs\n' } });
      const [result] = hitsOf(searchStudy(study.records, { pattern: 'anggaran', mode: 'words' }));
      assert.equal(result?.hits.length, 5);
      assert.match(result?.brokenSidecar ?? '', /^a\.txt\.codes\.yaml:\d+: .*conflict/iu);
    });
  });
});
