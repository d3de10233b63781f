/**
 * Co-occurrence over generated studies: every count equals a brute-force count (each line
 * of each transcript, each pair of codes), the table is symmetric, the same whatever order
 * the study's transcripts come in, a pair's lines never exceed either unit's, and the
 * study's counts are the sum of the agencies'.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { computeCooccurrence, type Cooccurrence, cooccurrenceToJson, type CooccurrenceLevel, pairOf } from '../../src/core/cooccurrence';
import { dimensionPathOf } from '../../src/core/codebook';
import { factorKey, summarize, type Segment, type Study } from '../../src/core/study';
import { COOCCURRENCE_CODEBOOK, type HandCode, loadCooccurrenceStudy, sidecarText, transcriptText } from './cooccurrence-fixtures';

const PATHS = ['jones/organization', 'jones/organization/coordination', 'jones/organization/apparatus-resources', 'jones/interpretation', 'jones/application', 'jones/unknown'];
const POLARITIES = ['supporting', 'inhibiting'];
const FACTORS = ['Anggaran', 'anggaran ', 'SDM', 'Jaringan'];
const LEVELS: CooccurrenceLevel[] = ['dimension', 'indicator', 'factor'];

const codeArbitrary = (lines: number) =>
  fc
    .record({
      first: fc.integer({ min: 1, max: lines }),
      length: fc.integer({ min: 0, max: 4 }),
      path: fc.constantFrom(...PATHS),
      polarity: fc.constantFrom(...POLARITIES),
      factor: fc.constantFrom(...FACTORS),
    })
    .map(({ first, length, path, polarity, factor }) => ({ lines: [first, Math.min(lines, first + length)] as [number, number], code: path, polarity, factor }));

const transcriptArbitrary = fc.integer({ min: 1, max: 12 }).chain((lines) =>
  fc.record({ lines: fc.constant(lines), agency: fc.constantFrom('Dinas A', 'Dinas B', 'Dinas C'), codes: fc.array(codeArbitrary(lines), { maxLength: 8 }) }),
);

const studyArbitrary = fc.record({ transcripts: fc.array(transcriptArbitrary, { minLength: 1, maxLength: 5 }), seed: fc.integer() });

function filesOf(transcripts: readonly { lines: number; agency: string; codes: Omit<HandCode, 'id'>[] }[]): Record<string, string> {
  const files: Record<string, string> = { 'codebook.yaml': COOCCURRENCE_CODEBOOK };
  transcripts.forEach((t, index) => {
    const name = `t${index}.txt`;
    files[name] = transcriptText(name, t.lines);
    files[`${name}.codes.yaml`] = sidecarText(name, t.agency, t.codes.map((c, i) => ({ ...c, id: `c${i}` })));
  });
  return files;
}

function unitKeyOf(segment: Segment, level: CooccurrenceLevel): string {
  if (level === 'indicator') return segment.code;
  const dimension = dimensionPathOf(segment.code);
  return level === 'dimension' ? dimension : `${dimension}\u0000${segment.polarity}\u0000${factorKey(segment.factor)}`;
}

/** Brute force: `lines[x][y]` and `overlaps[x][y]` for every ordered pair of unit keys, over the given segments. */
function bruteForce(segments: readonly Segment[], level: CooccurrenceLevel) {
  const lines = new Map<string, number>();
  const overlaps = new Map<string, number>();
  const unitLines = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const pairable = (x: string, y: string) => x !== y && (level !== 'factor' || x.split('\u0000')[0] === y.split('\u0000')[0]);
  const files = new Set(segments.map((s) => s.file));
  for (const file of files) {
    const inFile = segments.filter((s) => s.file === file);
    const last = Math.max(...inFile.map((s) => s.lines[1]));
    for (let line = 1; line <= last; line++) {
      const units = [...new Set(inFile.filter((s) => s.lines[0] <= line && line <= s.lines[1]).map((s) => unitKeyOf(s, level)))];
      for (const x of units) {
        bump(unitLines, x);
        for (const y of units) if (pairable(x, y)) bump(lines, `${x}|${y}`);
      }
    }
    for (const s of inFile) {
      for (const t of inFile) {
        const [x, y] = [unitKeyOf(s, level), unitKeyOf(t, level)];
        if (s !== t && pairable(x, y) && s.lines[0] <= t.lines[1] && t.lines[0] <= s.lines[1]) bump(overlaps, `${x}|${y}`);
      }
    }
  }
  return { lines, overlaps, unitLines };
}

function placedSegments(study: Study, agency: string | null): Segment[] {
  const summary = summarize(study, { language: 'en' });
  return summary.agencies.filter((a) => agency === null || a.agency === agency).flatMap((a) => a.dimensions.flatMap((d) => d.factors.flatMap((f) => f.segments)));
}

function checkAgainstBruteForce(study: Study, cooccurrence: Cooccurrence, level: CooccurrenceLevel): void {
  const keys = cooccurrence.units.map((u) => u.key);
  for (const table of [cooccurrence.study, ...cooccurrence.agencies]) {
    const expected = bruteForce(placedSegments(study, table.agency), level);
    for (let x = 0; x < keys.length; x++) {
      const own = table.units.find((u) => u.unit === x)?.lines ?? 0;
      assert.equal(own, expected.unitLines.get(keys[x] as string) ?? 0, `lines of ${keys[x]}`);
      for (let y = 0; y < keys.length; y++) {
        if (x === y) continue;
        const pair = pairOf(table, x, y);
        assert.equal(pair, pairOf(table, y, x), 'symmetric');
        const key = `${keys[x]}|${keys[y]}`;
        assert.equal(pair?.lines ?? 0, expected.lines.get(key) ?? 0, `lines of ${key} in ${table.agency}`);
        // The brute force meets each pair of codes twice, once under x|y and once under y|x.
        assert.equal(pair?.overlaps.length ?? 0, expected.overlaps.get(key) ?? 0, `segment pairs of ${key}`);
        if (pair !== undefined) {
          const otherLines = table.units.find((u) => u.unit === y)?.lines ?? 0;
          assert.ok(pair.lines <= own && pair.lines <= otherLines, 'a pair never exceeds either unit');
        }
      }
    }
  }
}

/** The records in an order drawn from `seed`. */
function shuffled(study: Study, seed: number): Study {
  let state = seed >>> 0;
  const records = [...study.records];
  for (let i = records.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [records[i], records[j]] = [records[j] as (typeof records)[number], records[i] as (typeof records)[number]];
  }
  return { ...study, records };
}

describe('co-occurrence, over generated studies', () => {
  it('equals a brute-force count, is symmetric, never exceeds either unit, and does not depend on the order of the transcripts', async () => {
    await fc.assert(
      fc.asyncProperty(studyArbitrary, async ({ transcripts, seed }) => {
        const study = await loadCooccurrenceStudy(filesOf(transcripts));
        for (const level of LEVELS) {
          const options = { level, language: 'en' };
          const cooccurrence = computeCooccurrence(summarize(study, { language: 'en' }), study.codebook.codebook, options);
          checkAgainstBruteForce(study, cooccurrence, level);
          const reordered = shuffled(study, seed);
          const again = computeCooccurrence(summarize(reordered, { language: 'en' }), reordered.codebook.codebook, options);
          const json = (c: Cooccurrence) => cooccurrenceToJson(c, [c.study, ...c.agencies], []);
          assert.deepEqual(json(again), json(cooccurrence));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the study\'s counts are the sum of the agencies\'', async () => {
    await fc.assert(
      fc.asyncProperty(studyArbitrary, async ({ transcripts }) => {
        const study = await loadCooccurrenceStudy(filesOf(transcripts));
        const cooccurrence = computeCooccurrence(summarize(study, { language: 'en' }), study.codebook.codebook, { level: 'dimension', language: 'en' });
        for (const pair of cooccurrence.study.pairs) {
          const inAgencies = cooccurrence.agencies.map((table) => pairOf(table, pair.a, pair.b));
          assert.equal(pair.lines, inAgencies.reduce((sum, p) => sum + (p?.lines ?? 0), 0));
          assert.equal(pair.overlaps.length, inAgencies.reduce((sum, p) => sum + (p?.overlaps.length ?? 0), 0));
        }
        const agencyPairs = cooccurrence.agencies.reduce((sum, table) => sum + table.pairs.length, 0);
        assert.ok(cooccurrence.study.pairs.length <= agencyPairs);
      }),
      { numRuns: 100 },
    );
  });
});
