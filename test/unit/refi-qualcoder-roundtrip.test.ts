/**
 * The round trip ours → QualCoder → ours, on a file QualCoder itself wrote:
 * test/fixtures/refi-qda-world/qualcoder-4.0b-example-study.qdpx is the bundled example
 * study exported here, imported by QualCoder 4.0 Beta's own importer and exported again by
 * its own exporter (scripts/qualcoder-import.py, scripts/qualcoder-export.py; README there).
 * Every code of examples/ must come back on the same transcript and lines, with the same
 * code (by its labels: ids cannot survive, see below), polarity, coder and memo. What
 * QualCoder drops is stated here with the reason, and the import must name it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCodebook, resolveCodePath, type Codebook } from '../../src/core/codebook';
import { parseSidecar, type SidecarData } from '../../src/core/sidecar';
import { resolveLabel } from '../../src/core/text';
import { importQdpx } from '../../src/core/refi-qda/import-qdpx';
import type { Study } from '../../src/core/study';
import { loadAll } from './helpers/refi-study';

const FIXTURE = join(__dirname, '..', 'fixtures', 'refi-qda-world', 'qualcoder-4.0b-example-study.qdpx');
const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** A code path as its English labels, "Charles O. Jones › Organization › Coordination between parties". */
function labelPath(codebook: Codebook, path: string): string {
  const resolved = resolveCodePath(codebook, path);
  assert.ok(resolved !== undefined, `${path} is in its codebook`);
  return [resolved.framework.label, resolved.dimension.label, ...(resolved.indicator === undefined ? [] : [resolved.indicator.label])]
    .map((label) => resolveLabel(label, 'en'))
    .join(' › ');
}

function polarityLabel(codebook: Codebook, id: string): string {
  const polarity = codebook.polarities.find((entry) => entry.id === id);
  assert.ok(polarity !== undefined, `polarity ${id} is in its codebook`);
  return resolveLabel(polarity.label, 'en');
}

/** What must survive of one code: everything but its id and factor. */
function survivingShape(codebook: Codebook, transcript: string, code: SidecarData['codes'][number]): string {
  return JSON.stringify([transcript, code.lines, labelPath(codebook, code.code), polarityLabel(codebook, code.polarity), code.coder, code.memo ?? '']);
}

describe('Round trip through QualCoder 4.0 Beta: our export → its importer → its exporter → our import', function () {
  this.timeout(30_000);
  let study: Study;
  const result = importQdpx(new Uint8Array(readFileSync(FIXTURE)), 'qualcoder-4.0b-example-study.qdpx');
  const file = (path: string): string => {
    const found = result.files.find((entry) => entry.path === path);
    assert.ok(found !== undefined, `${path} among ${result.files.map((entry) => entry.path).join(', ')}`);
    return found.content;
  };
  const parsed = parseCodebook(file('codebook.yaml'), 'codebook.yaml').codebook;
  assert.ok(parsed !== undefined, 'the imported codebook.yaml reads');
  const imported: Codebook = parsed;
  let original: Codebook;
  /** QualCoder names a source as our export did: the study path with "/" written " - ". */
  const importedPath = (studyPath: string): string => studyPath.replaceAll('/', ' - ');

  before(async () => {
    study = await loadAll(EXAMPLES);
    assert.ok(study.codebook.codebook !== undefined);
    original = study.codebook.codebook;
    assert.equal(study.records.length, 6);
  });

  it('imports all of it: 6 sources, 155 codings, 0 lost', () => {
    assert.equal(result.lostCodings, 0);
    assert.equal(result.transcripts, 6);
    assert.equal(result.summary.tallies.codings.found, 155);
    assert.equal(result.summary.tallies.codings.arrived, 155);
  });

  it('gives back every code of the example study: same transcript, lines, code, polarity, coder and memo (78 of 78)', () => {
    let originalCodes = 0;
    for (const record of study.records) {
      if (record.sidecar.status !== 'ok') return assert.fail(`${record.sidecarPath} does not read`);
      const path = importedPath(record.transcriptPath);
      const back = parseSidecar(file(`${path}.codes.yaml`), `${path}.codes.yaml`);
      if (back.status !== 'ok') return assert.fail(JSON.stringify(back));
      const want = record.sidecar.data.codes.map((code) => survivingShape(original, path, code)).sort();
      const got = back.data.codes.map((code) => survivingShape(imported, path, code)).sort();
      assert.deepEqual(got, want, path);
      originalCodes += want.length;
      // The text comes back whole, so the same lines hold the same words.
      const lines = record.transcript?.transcript.lines.map((line) => line.text) ?? [];
      assert.equal(file(path), lines.join('\n') + '\n', path);
    }
    assert.equal(originalCodes, 78);
    assert.equal(result.codes, 78);
  });

  it('brings the polarity codes back as the polarities, with their ids and both languages, and says how it knew', () => {
    assert.deepEqual(imported.polarities, original.polarities);
    assert.ok(!imported.frameworks.some((framework) => /^polarit/iu.test(resolveLabel(framework.label, 'en'))));
    assert.ok(result.notices.some((notice) => /code folder "Polarity" read as the polarities/u.test(notice.message)));
  });

  it('keeps each transcript\'s attributes, the agency included (QualCoder exports it as a source variable)', () => {
    for (const record of study.records) {
      if (record.sidecar.status !== 'ok') return assert.fail(record.sidecarPath);
      const path = importedPath(record.transcriptPath);
      const attributes = (parseYaml(file(`${path}.codes.yaml`)) as { attributes: Record<string, string> }).attributes;
      for (const [key, value] of Object.entries(record.sidecar.data.attributes)) assert.equal(String(attributes[key]), String(value), `${path} ${key}`);
      assert.equal(attributes['agency'], record.agency, path);
    }
  });

  it('states what QualCoder drops, and the import names what it cannot place', () => {
    const codes = study.records.flatMap((record) => (record.sidecar.status === 'ok' ? record.sidecar.data.codes : []));
    const backCodes = result.files.filter((entry) => entry.path.endsWith('.codes.yaml')).flatMap((entry) => (parseYaml(entry.content) as SidecarData).codes);
    // Factors: QualCoder has no field for a segment's name; its exporter writes the selected
    // text as the selection's name, which names no factor. 78 factors written, none back.
    assert.equal(codes.filter((code) => code.factor !== '').length, 78);
    assert.equal(backCodes.filter((code) => code.factor !== '').length, 0);
    // Ids, second-language labels and study paths travel in transcript-coder.json, which
    // QualCoder's importer never reads: ids are derived anew, labels are English only.
    const originalIds = new Set(codes.map((code) => code.id));
    assert.equal(backCodes.filter((code) => originalIds.has(code.id)).length, 0);
    assert.equal(labelPath(original, 'jones/organization/coordination'), 'Charles O. Jones › Organization › Coordination between parties');
    assert.equal(imported.frameworks[0]?.dimensions[0]?.label, 'Organization');
    // Cases: QualCoder's importer stores each agency's link to its text as positions 0 to the
    // text's length, and its exporter writes a SourceRef only for a link stored as 0–0, so both
    // cases come without a link. They are named as left out; the agency arrives as the
    // source variable (above).
    assert.deepEqual(result.summary.tallies.cases, { found: 2, arrived: 0, leftOut: 2 });
    const caseNotices = result.notices.filter((notice) => /^case ".*" left out: it links to no source/u.test(notice.message));
    assert.deepEqual(caseNotices.map((notice) => notice.message.split('"')[1]).sort(), ['BKPSDM Kabupaten Tanah Laut Selatan', 'Diskominfo Kabupaten Tanah Laut Selatan']);
    // QualCoder's empty project Description holds nothing, so nothing is named for it.
    assert.ok(!result.notices.some((notice) => /project description/u.test(notice.message)));
    assert.deepEqual(result.summary.otherLeftOut, {});
  });
});
