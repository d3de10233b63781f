/**
 * The faster paths made for the budgets of DESIGN §5 (bench/) give the same answers as
 * the straightforward code they replace: the summary, the decoration plan, and the
 * session's check that every code is still on its quote when a transcript opens.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { reanchor } from '../../src/core/anchoring';
import { DEFAULT_POLARITIES, dimensionPathOf, parseCodebook, resolveCodePath, type Codebook } from '../../src/core/codebook/codebook';
import { resolveLabel } from '../../src/core/text/labels';
import { compareProblems } from '../../src/core/problems/problem';
import { collapseWhitespace, quoteOfLines } from '../../src/core/transcript/quote';
import { CodingSession, type SessionCode } from '../../src/core/session';
import { serializeSidecar } from '../../src/core/sidecar';
import type { CodeEntry } from '../../src/core/sidecar/model';
import { indexedRecord } from './sidecar-arbitraries';
import { studyProblems, type Study, type TranscriptRecord } from '../../src/core/study/study';
import { compareSegments, factorKey, placedSegmentsOf, summarize, type LeftOutSegment, type DimensionSummary, type FactorSummary, type Segment, type StudySummary } from '../../src/core/study/summary';
import { lineBodies, parseTranscript } from '../../src/core/transcript/transcript';
import { colorOfCode, labelOfCode, labelOfPolarity } from '../../src/extension/code-colors';
import { planDecorations } from '../../src/extension/decoration-plan';

const CODEBOOK = parseCodebook(readFileSync(path.join(__dirname, '..', '..', 'examples', 'codebook.yaml'), 'utf8'), 'codebook.yaml').codebook as Codebook;
const CODE_PATHS = ['jones/organization', 'jones/organization/coordination', 'jones/interpretation/socialization', 'jones/application', 'edward/communication', 'jones/unknown/thing'];
const FACTORS = ['Komitmen pimpinan', 'komitmen  pimpinan', 'Anggaran terbatas', ' Anggaran terbatas ', 'Bimtek operator', 'Jaringan lambat'];

const code = (index: number) =>
  fc.record({
    first: fc.integer({ min: 1, max: 60 }),
    span: fc.nat(4),
    code: fc.constantFrom(...CODE_PATHS),
    polarity: fc.constantFrom('supporting', 'inhibiting', 'effort', 'neutral', 'unclear'),
    factor: fc.constantFrom(...FACTORS),
    coder: fc.constantFrom('rina', 'budi'),
    memo: fc.option(fc.constantFrom('catatan', 'lihat dokumen'), { nil: undefined }),
  }).map(({ first, span, memo, ...rest }): CodeEntry => ({ id: `c${index}x`, lines: [first, first + span], quote: 'q', ...rest, ...(memo === undefined ? {} : { memo }) }));

const record: fc.Arbitrary<TranscriptRecord> = fc
  .record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    folder: fc.constantFrom('bkpsdm', 'diskominfo'),
    agency: fc.option(fc.constantFrom('BKPSDM', 'Diskominfo', 'Bappeda'), { nil: undefined }),
    informant: fc.option(fc.constantFrom('Kepala Badan', 'Operator'), { nil: undefined }),
    codes: fc.integer({ min: 0, max: 12 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => code(index)))),
    broken: fc.integer({ min: 0, max: 4 }).map((roll) => roll === 0),
  })
  .map(({ name, folder, agency, informant, codes, broken }) =>
    indexedRecord({ name, folder, agency, attributes: informant === undefined ? {} : { informant }, codes, broken, brokenMessage: 'broken' }),
  );

// Lines 1..50 read "q", each code's quote: codes past line 50 are orphans, left out of the summary.
const TRANSCRIPT_TEXT = Array.from({ length: 50 }, () => 'q').join('\n');
const withTranscript = (r: TranscriptRecord): TranscriptRecord => {
  const { transcript } = parseTranscript(TRANSCRIPT_TEXT, r.transcriptPath);
  return { ...r, transcript: { transcript, bodies: lineBodies(transcript), encoding: 'utf-8' } };
};

const study: fc.Arbitrary<Study> = fc
  .uniqueArray(record.map(withTranscript), { selector: (r) => r.sidecarPath, maxLength: 8 })
  .map((records) => ({ codebook: { path: 'codebook.yaml', codebook: CODEBOOK, problems: [] }, records: records.sort((a, b) => (a.sidecarPath < b.sidecarPath ? -1 : 1)) }));

// The summary as it was written before it was made fast (src/core/study/summary.ts at be84ef0).
function referenceSummarize(input: Study, options: { language: string; coders?: readonly string[] }): StudySummary {
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string) => {
    const groups = new Map<string, T[]>();
    for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
    return groups;
  };
  const codebook = input.codebook.codebook;
  const byAgency = new Map<string, Segment[]>();
  const unassigned: Segment[] = [];
  const leftOut: LeftOutSegment[] = [];
  for (const r of input.records) {
    const placed = placedSegmentsOf(r, options.coders);
    leftOut.push(...placed.leftOut);
    const segments = placed.segments;
    if (segments.length === 0) continue;
    if (r.agency === undefined) unassigned.push(...segments);
    else byAgency.set(r.agency, [...(byAgency.get(r.agency) ?? []), ...segments]);
  }
  const order = new Map<string, number>();
  for (const framework of codebook?.frameworks ?? []) for (const dimension of framework.dimensions) order.set(`${framework.id}/${dimension.id}`, order.size);
  const polarityRank = new Map((codebook?.polarities ?? DEFAULT_POLARITIES).map((p, index) => [p.id, index]));
  const factorsOf = (segments: Segment[]): FactorSummary[] =>
    [...groupBy([...segments].sort(compareSegments), (s) => `${s.polarity}\u0000${factorKey(s.factor)}`).values()]
      .map((inGroup) => ({ polarity: (inGroup[0] as Segment).polarity, factor: collapseWhitespace((inGroup[0] as Segment).factor), segments: inGroup }))
      .sort(
        (a, b) =>
          (polarityRank.get(a.polarity) ?? Infinity) - (polarityRank.get(b.polarity) ?? Infinity) ||
          compareText(a.polarity, b.polarity) ||
          compareText(factorKey(a.factor), factorKey(b.factor)),
      );
  const dimensionsOf = (segments: Segment[]): DimensionSummary[] =>
    [...groupBy(segments, (s) => dimensionPathOf(s.code)).entries()]
      .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b))
      .map(([dimension, inDimension]) => {
        const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, dimension);
        return { dimension, label: resolved === undefined ? dimension : resolveLabel(resolved.dimension.label, options.language, dimension), factors: factorsOf(inDimension) };
      });
  return {
    version: 1,
    agencies: [...byAgency.entries()].sort(([a], [b]) => compareText(a, b)).map(([agency, segments]) => ({ agency, dimensions: dimensionsOf(segments) })),
    unassigned: unassigned.sort(compareSegments),
    leftOut: leftOut.sort((a, b) => compareSegments(a.segment, b.segment)),
    problems: studyProblems(input).sort(compareProblems),
  };
}

// The decoration plan as draw() computed it before it moved to decoration-plan.ts.
function referencePlan(codes: readonly SessionCode[], codebook: Codebook | undefined, language: string, lineCount: number) {
  const colorsByLine = new Map<number, Set<string>>();
  const labelsByLine = new Map<number, string[]>();
  for (const { entry } of codes.filter((c) => !c.detached)) {
    const color = colorOfCode(codebook, entry.code);
    for (let line = entry.lines[0]; line <= Math.min(entry.lines[1], lineCount); line++) {
      const colors = colorsByLine.get(line) ?? new Set<string>();
      colors.add(color);
      colorsByLine.set(line, colors);
    }
    const label = `${labelOfCode(codebook, entry.code, language)} · ${labelOfPolarity(codebook, entry.polarity, language)} · ${entry.factor}`;
    labelsByLine.set(entry.lines[0], [...(labelsByLine.get(entry.lines[0]) ?? []), label]);
  }
  const linesByColors = new Map<string, number[]>();
  for (const [line, colors] of colorsByLine) {
    const key = [...colors].sort().join(',');
    linesByColors.set(key, [...(linesByColors.get(key) ?? []), line - 1]);
  }
  const labels = [...labelsByLine].filter(([line]) => line <= lineCount).map(([line, texts]) => ({ line: line - 1, text: texts.join('   ') }));
  return { linesByColors, labels };
}

describe('performance paths give the same answers', function () {
  this.timeout(120_000);

  it('summarize equals the straightforward summary', () => {
    fc.assert(
      fc.property(study, fc.constantFrom('en', 'id'), fc.option(fc.constantFrom(['rina'], ['budi', 'rina']), { nil: undefined }), (input, language, coders) => {
        const options = coders === undefined ? { language } : { language, coders };
        assert.deepEqual(summarize(input, options), referenceSummarize(input, options));
        // Again, now from the segments kept per record, and with the records re-made around
        // the same data under other agencies, as the sidebar does.
        assert.deepEqual(summarize(input, options), referenceSummarize(input, options));
        const regrouped: Study = { ...input, records: input.records.map((r, index) => (index % 2 === 0 ? { ...r, agency: 'Dinas Sosial' } : r)) };
        assert.deepEqual(summarize(regrouped, options), referenceSummarize(regrouped, options));
      }),
      { numRuns: 400 },
    );
  });

  it('planDecorations equals what draw() computed before', () => {
    const sessionCode = fc.record({ entry: code(0), detached: fc.integer({ min: 0, max: 4 }).map((roll) => roll === 0) });
    fc.assert(
      fc.property(fc.array(sessionCode, { maxLength: 30 }), fc.integer({ min: 1, max: 70 }), fc.boolean(), fc.nat(80), fc.nat(80), (codes, lineCount, withCodebook, from, length) => {
        const codebook = withCodebook ? CODEBOOK : undefined;
        const plan = planDecorations(codes, codebook, { language: 'id', lineCount, endOfLineLabels: true });
        const reference = referencePlan(codes, codebook, 'id', lineCount);
        assert.deepEqual(plan, reference);
        assert.deepEqual(planDecorations(codes, codebook, { language: 'id', lineCount, endOfLineLabels: false }), { linesByColors: plan.linesByColors, labels: [] });
        // Labels for the lines near the screen only: those of the whole plan on these (0-based) lines.
        const labelWindow = { first: from, last: from + length };
        const windowed = planDecorations(codes, codebook, { language: 'id', lineCount, endOfLineLabels: true, labelWindow });
        assert.deepEqual(windowed.labels, reference.labels.filter(({ line }) => labelWindow.first <= line && line <= labelWindow.last));
      }),
      { numRuns: 500 },
    );
  });

  it('opening a session places codes as re-anchoring the whole transcript would', () => {
    const turn = fc.tuple(fc.constantFrom('Pewawancara', 'Camat', 'Kepala Badan'), fc.constantFrom('Ya, betul.', 'Anggaran kami terbatas tahun ini.', 'Operator sudah ikut bimtek [tertawa].', 'Jaringan sering putus.', '', 'Anggaran pengembangan SIMPEG sebagian besar dialihkan untuk pemulihan pascabanjir di awal tahun, jadi modul cuti ditunda.', 'Kami   adakan bimtek untuk operator SIMPEG di setiap OPD, dua kali setahun, narasumbernya dari Diskominfo.  '));
    const transcriptLines = fc.array(turn, { minLength: 3, maxLength: 40 }).map((turns) => turns.map(([speaker, text], index) => (text === '' ? '' : `[00:0${index % 10}:1${index % 10}] ${speaker}: ${text}`)));
    fc.assert(
      fc.property(
        transcriptLines,
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat(3)), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('[00:00:01] Lurah: Baru.', '', 'Catatan lapangan.')), { maxLength: 3 }),
        (lines, frontMatter, ranges, insertions) => {
          const saved = [...(frontMatter ? ['---', 'agency: BKPSDM', '---'] : []), ...lines];
          const bodies = lineBodies(parseTranscript(saved.join('\n') + '\n', '').transcript);
          const codes: CodeEntry[] = ranges.map(([start, span], index) => {
            const first = (start % saved.length) + 1;
            const last = Math.min(saved.length, first + span);
            return { id: `k${index}abcdef`, lines: [first, last], code: 'jones/organization', polarity: 'supporting', factor: 'f', quote: quoteOfLines(bodies, first, last), coder: 'rina' };
          });
          // The transcript as it is when it opens: sometimes changed outside the editor.
          const now = [...saved];
          for (const [at, text] of insertions) now.splice(at % (now.length + 1), 0, text);
          const text = now.join('\n') + '\n';
          const sidecar = serializeSidecar({ version: 1, transcript: 't.txt', attributes: {}, codes });
          const session = CodingSession.open(text, sidecar, 't.txt.codes.yaml', 't.txt');
          const results = reanchor(lineBodies(parseTranscript(text, '').transcript), codes);
          assert.deepEqual(
            [...session.movedOnOpen].sort(),
            results.filter((r) => r.status === 'moved').map((r) => r.id).sort(),
          );
          const placed = new Map(session.codes().map((c) => [c.entry.id, c]));
          for (const result of results) {
            const now = placed.get(result.id);
            const before = codes.find((c) => c.id === result.id) as CodeEntry;
            if (result.status === 'moved') assert.deepEqual(now?.entry.lines, result.lines);
            // Similar text is never taken silently: such a code waits off its text, as an orphan does, with the place offered.
            else if (result.status === 'orphan' || result.status === 'fuzzy') assert.equal(now?.detached, true);
            else assert.deepEqual([now?.entry.lines, now?.detached], [before.lines, false]);
            if (result.status === 'fuzzy') assert.deepEqual(session.similarText(result.id), { lines: result.lines, score: result.score });
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
