/**
 * The sidebar's model kept current one changed sidecar at a time (FactorModel.update,
 * with agencies summarised again only when read) says the same as a model built from
 * scratch and as the core's summary, after any sequence of changes and reads; and each
 * change names every agency whose summary changed, or says the roots changed.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseCodebook, type Codebook } from '../../src/core/codebook/codebook';
import type { CodeEntry } from '../../src/core/sidecar/model';
import { indexedRecord } from './sidecar-arbitraries';
import type { LoadedCodebook, TranscriptRecord } from '../../src/core/study/study';
import { summarize } from '../../src/core/study/summary';
import { agencySegments, countsOf, FactorModel, NO_FILTERS, type SidebarFilters } from '../../src/extension/sidebar/study-view';

const CODEBOOK: LoadedCodebook = {
  path: 'codebook.yaml',
  codebook: parseCodebook(readFileSync(path.join(__dirname, '..', '..', 'examples', 'codebook.yaml'), 'utf8'), 'codebook.yaml').codebook as Codebook,
  problems: [],
};
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const FOLDERS = ['bkpsdm', 'diskominfo'];

const code = (index: number): fc.Arbitrary<CodeEntry> =>
  fc
    .record({
      first: fc.integer({ min: 1, max: 40 }),
      span: fc.nat(3),
      code: fc.constantFrom('jones/organization', 'jones/organization/coordination', 'jones/application', 'edward/communication', 'jones/unknown/thing'),
      polarity: fc.constantFrom('supporting', 'inhibiting', 'effort', 'unclear'),
      factor: fc.constantFrom('Komitmen pimpinan', 'komitmen  pimpinan', 'Anggaran terbatas', 'Bimtek operator'),
      coder: fc.constantFrom('rina', 'budi'),
    })
    .map(({ first, span, ...rest }) => ({ id: `c${index}`, lines: [first, first + span] as [number, number], quote: 'q', ...rest }));

/** A sidecar as the index reads it: with or without an agency, sometimes broken. */
const record: fc.Arbitrary<TranscriptRecord> = fc
  .record({
    name: fc.constantFrom(...NAMES),
    folder: fc.constantFrom(...FOLDERS),
    agency: fc.option(fc.constantFrom('BKPSDM', 'Diskominfo', 'Bappeda'), { nil: undefined }),
    source: fc.constantFrom('interview', 'document'),
    informant: fc.constantFrom('Kepala Badan', 'Operator', undefined),
    codes: fc.integer({ min: 0, max: 6 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => code(index)))),
    broken: fc.integer({ min: 0, max: 5 }).map((roll) => roll === 0),
  })
  .map(({ name, folder, agency, source, informant, codes, broken }) =>
    indexedRecord({ name, folder, agency, attributes: informant === undefined ? { source } : { source, informant }, codes, broken, brokenMessage: `broken ${codes.length}` }),
  );

/** One step: a sidecar read again (or gone), and whether the tree then reads every agency. */
const step = fc.record({
  path: fc.constantFrom(...NAMES.flatMap((name) => FOLDERS.map((folder) => `transcripts/${folder}/${name}.txt.codes.yaml`))),
  record: fc.option(record, { nil: undefined }),
  readAfter: fc.boolean(),
});

const filters: fc.Arbitrary<SidebarFilters> = fc.constantFrom(
  NO_FILTERS,
  { ...NO_FILTERS, coders: ['rina'] },
  { ...NO_FILTERS, polarities: ['inhibiting'], sources: ['interview'] },
);

/** The record as it would be read at this path. */
function at(sidecarPath: string, read: TranscriptRecord): TranscriptRecord {
  const transcriptPath = sidecarPath.replace(/\.codes\.yaml$/u, '');
  return { ...read, sidecarPath, transcriptPath, problems: read.problems.map((p) => ({ ...p, file: sidecarPath })) };
}

/** Everything the views read from a model. */
function view(model: FactorModel) {
  return {
    agencies: model.agencies(),
    summaries: model.agencies().map((agency) => model.agency(agency)),
    counts: model.agencies().map((agency) => {
      const summary = model.agency(agency);
      const fromSummary = summary === undefined ? undefined : countsOf(agencySegments(summary));
      assert.deepEqual(model.agencyCounts(agency), fromSummary, `the counts of ${agency} without its summary`);
      return fromSummary;
    }),
    codeCounts: [...model.codeCounts()].sort(([a], [b]) => (a < b ? -1 : 1)),
    broken: model.broken().map((r) => r.sidecarPath),
  };
}

describe('the sidebar model, one changed sidecar at a time', () => {
  it('says what a model built from scratch and the core summary say, after any changes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => r.sidecarPath }), fc.array(step, { maxLength: 12 }), filters, (initial, steps, chosen) => {
        const settings = { codebook: CODEBOOK, filters: chosen, language: 'en' };
        const model = new FactorModel();
        model.rebuild(initial, settings);
        const truth = new Map(initial.map((r) => [r.sidecarPath, r]));
        for (const { path: sidecarPath, record: read, readAfter } of steps) {
          const current = read === undefined ? undefined : at(sidecarPath, read);
          if (current === undefined) truth.delete(sidecarPath);
          else truth.set(sidecarPath, current);
          model.update(sidecarPath, current);
          if (readAfter) view(model);
        }
        const fresh = new FactorModel();
        fresh.rebuild([...truth.values()], settings);
        assert.deepEqual(view(model), view(fresh));
        assert.deepEqual(model.summary(), summarize(fresh.study(), { language: 'en' }));
      }),
      { numRuns: 300 },
    );
  });

  it('names every agency whose summary changed, or says the roots changed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(record, { selector: (r) => r.sidecarPath }), fc.array(step, { minLength: 1, maxLength: 8 }), (initial, steps) => {
        const model = new FactorModel();
        model.rebuild(initial, { codebook: CODEBOOK, filters: NO_FILTERS, language: 'en' });
        for (const { path: sidecarPath, record: read } of steps) {
          const before = view(model);
          const { agencies, rootsChanged } = model.update(sidecarPath, read === undefined ? undefined : at(sidecarPath, read));
          const after = view(model);
          if (rootsChanged) continue;
          assert.deepEqual(after.agencies, before.agencies, 'the agencies changed: the roots must be refreshed');
          assert.deepEqual(after.broken, before.broken, 'the unreadable sidecars changed: the roots must be refreshed');
          after.agencies.forEach((agency, index) => {
            if (!agencies.includes(agency)) assert.deepEqual(after.summaries[index], before.summaries[index], `${agency} changed but was not named`);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
