/**
 * Find-and-code, for all searches over real studies (the bundled examples and the
 * hand-written study of test/fixtures, comments, odd ids and CRLF included):
 * (a) it only adds: a sidecar without hits is not touched, and one with hits, once the
 *     added codes are taken out again (what undo does), is the same bytes as before;
 * (b) a second run of the same search and code adds nothing.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { codeHitsInSidecar, foldForSearch, type SearchQuery, searchStudy, type TranscriptHits } from '../../src/core/search';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import type { Study } from '../../src/core/study';
import { seededRandom } from '../../src/core/text/seeded-random';
import { filesOf, loadMemoryStudy } from './helpers/memory-study';

const ROOT = join(__dirname, '..', '..');
const STUDY_FILES = new Map([...filesOf(join(ROOT, 'examples'), 'examples/'), ...filesOf(join(ROOT, 'test', 'fixtures', 'hand-written-study'), 'hand/')]);

const PATTERNS = ['anggaran', 'data', 'SIMPEG', 'koordinasi', 'Bimtek', 'pegawai', 'OPD', 'server', 'a', 'e', 'tahun ini', 'dan'];
const REGEXES = ['\\bdata\\b', 'angg?aran|server', '^ya', '\\d{4}', 'k(oo|o)rdinasi', '[.?]$'];
const CODES = ['jones/application/budget-priority', 'jones/organization', 'jones/organization/coordination'];

const query: fc.Arbitrary<SearchQuery> = fc.oneof(
  fc.record({ pattern: fc.constantFrom(...PATTERNS), mode: fc.constantFrom('words' as const, 'whole-word' as const) }),
  fc.record({ pattern: fc.constantFrom(...REGEXES), mode: fc.constant('regex' as const) }),
  fc.record({ pattern: fc.constant(''), mode: fc.constant('words' as const), speaker: fc.constantFrom('Kepala Badan', 'KABAN', 'Pewawancara', 'Kabid Aptika') }),
);

/** Find and code over the whole study: sidecar path → new text, for the sidecars that changed. */
function findAndCode(study: Study, files: ReadonlyMap<string, string>, search: SearchQuery, code: string, seed: number): { written: Map<string, string>; added: Map<string, string[]> } {
  const random = seededRandom(seed);
  const written = new Map<string, string>();
  const added = new Map<string, string[]>();
  const records = new Map(study.records.map((record) => [record.sidecarPath, record]));
  for (const result of searchStudy(study.records, search)) {
    assert.equal(result.kind, 'hits', `${result.transcriptPath}: ${result.kind}`);
    const hits = result as TranscriptHits;
    const bodies = records.get(hits.sidecarPath)?.transcript?.bodies ?? [];
    const coding = codeHitsInSidecar(
      { sidecarText: files.get(hits.sidecarPath) ?? '', sidecarPath: hits.sidecarPath, bodies, hitLines: hits.hits.map((hit) => hit.line) },
      { code, polarity: 'inhibiting', factor: 'Dicari dan dikode', coder: 'uji' },
      random,
    );
    if (coding.newText !== undefined) {
      written.set(hits.sidecarPath, coding.newText);
      added.set(hits.sidecarPath, coding.added.map((entry) => entry.id));
    }
  }
  return { written, added };
}

describe('find and code, for all searches (issue 18)', () => {
  let study: Study;
  before(async () => {
    study = await loadMemoryStudy(STUDY_FILES);
    assert.ok(study.records.length >= 8 && study.records.every((record) => record.sidecar.status === 'ok' && record.transcript !== undefined));
  });

  it('only adds codes: taking them out again gives every sidecar byte for byte', () => {
    fc.assert(
      fc.property(query, fc.constantFrom(...CODES), fc.integer(), (search, code, seed) => {
        const { written, added } = findAndCode(study, STUDY_FILES, search, code, seed);
        for (const [path, newText] of written) {
          const before = STUDY_FILES.get(path) ?? '';
          const after = parseSidecar(newText, path);
          const original = parseSidecar(before, path);
          assert.ok(after.status === 'ok' && original.status === 'ok');
          const ids = new Set(added.get(path));
          assert.ok(ids.size > 0);
          // Everything that was there is still there, unchanged; only the added ids are new.
          const kept = after.data.codes.filter((entry) => !ids.has(entry.id));
          assert.deepEqual(
            kept.map((entry) => JSON.stringify(entry)).sort(),
            original.data.codes.map((entry) => JSON.stringify(entry)).sort(),
          );
          assert.deepEqual(after.data.attributes, original.data.attributes);
          assert.equal(serializeSidecar({ ...after.data, codes: kept }, after), before, `${path}: undo gives the same bytes`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('adds nothing the second time', async () => {
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom(...CODES), fc.integer(), async (search, code, seed) => {
        const first = findAndCode(study, STUDY_FILES, search, code, seed);
        const files = new Map([...STUDY_FILES, ...first.written]);
        const again = findAndCode(await loadMemoryStudy(files), files, search, code, seed + 1);
        assert.equal(again.written.size, 0, `second run wrote ${[...again.written.keys()].join(', ')}`);
      }),
      { numRuns: 25 },
    );
  });

  it('finds plain words exactly where the folded line holds the folded words, ASCII lines read without folding or not', async () => {
    const piece = fc.constantFrom('a', 'A', 'e', 'É', 'é', 'e\u0301', 'K', 'k', 'İ', 'i', 'ı', 'ß', 's', 'S', 'x', '-', ' ');
    const lineText = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(lineText, { minLength: 1, maxLength: 8 }), fc.array(piece.filter((p) => p !== ' '), { minLength: 1, maxLength: 3 }), async (texts, patternPieces) => {
        const transcript = texts.map((text) => `P: x${text}`).join('\n') + '\n';
        const files = new Map([['t.txt', transcript], ['t.txt.codes.yaml', 'version: 1\ntranscript: t.txt\nattributes: {}\ncodes: []\n']]);
        const loaded = await loadMemoryStudy(files);
        const pattern = patternPieces.join('');
        const found = [...searchStudy(loaded.records, { pattern, mode: 'words' })].flatMap((result) => (result.kind === 'hits' ? result.hits.map((hit) => hit.line) : []));
        const bodies = loaded.records[0]?.transcript?.bodies ?? [];
        const expected = bodies.flatMap((body, index) => (body !== '' && foldForSearch(body).includes(foldForSearch(pattern)) ? [index + 1] : []));
        assert.deepEqual(found, expected);
      }),
      { numRuns: 200 },
    );
  });
});
