import { strict as assert } from 'node:assert';
import { type Cooccurrence, type CooccurrenceTable, pairOf } from '../../src/core/cooccurrence';
import { buildCooccurrenceReport } from '../../src/core/report';
import { loadCooccurrenceStudy } from './cooccurrence-fixtures';
import { loadExampleStudy } from './report-fixtures';

/** `{ 'A × B': [lines, segment pairs] }` for every pair of the table. */
function pairCounts(cooccurrence: Cooccurrence, table: CooccurrenceTable): Record<string, [number, number]> {
  const label = (unit: number): string => cooccurrence.units[unit]?.label ?? '?';
  return Object.fromEntries(table.pairs.map((pair) => [`${label(pair.a)} × ${label(pair.b)}`, [pair.lines, pair.overlaps.length]]));
}

/** `{ label: [lines, segments] }` for every unit coded in the table's scope. */
function unitCounts(cooccurrence: Cooccurrence, table: CooccurrenceTable): Record<string, [number, number]> {
  return Object.fromEntries(table.units.map((u) => [cooccurrence.units[u.unit]?.label ?? '?', [u.lines, u.segments]]));
}

async function handMade(level: 'dimension' | 'indicator' | 'factor', language = 'en') {
  return buildCooccurrenceReport(await loadCooccurrenceStudy(), { level, language });
}

describe('co-occurrence', () => {
  /*
   * Dinas A, a/satu.txt (10 lines), dimension of each code (O organization, I
   * interpretation, A application):
   *   s1 O [1,3]  s2 A [2,2]  s3 O [3,5]  s4 I [4,4]  s5 A [6,7]  s6 O [8,8]  s7 I [5,9]
   *   (s8 A [9,9] is not on its text: left out)
   * Line by line: 1 O · 2 O A · 3 O (s1 and s3: one dimension, no pair) · 4 O I · 5 O I ·
   *   6 A I · 7 A I · 8 O I · 9 I · 10 nothing.
   *   O lines 1,2,3,4,5,8 = 6; A lines 2,6,7 = 3; I lines 4,5,6,7,8,9 = 6.
   *   O×A: line 2 = 1; O×I: lines 4,5,8 = 3; A×I: lines 6,7 = 2.
   * Segment pairs: s1–s2 (O×A); s3–s4, s3–s7 (line 5), s6–s7 (nested) (O×I: 3);
   *   s5–s7 (nested) (A×I: 1). s5 [6,7] and s6 [8,8] are adjacent: no pair; nor s2 [2,2] and s3 [3,5].
   *
   * Dinas B, b/dua.txt: d1 O [1,2], d2 A [2,3], d3 A [2,2], d4 I [5,5].
   *   O lines 1,2 = 2; A lines 2,3 = 2; I line 5 = 1. O×A: line 2 = 1 line, but two segment
   *   pairs (d1–d2, d1–d3); d2 and d3 are one dimension.
   *
   * The study is the sum: O×A 2 lines, 3 pairs; O×I 3, 3; A×I 2, 1.
   * c/tanpa.txt (no agency) codes O and A on one line: left out, not counted; c/rusak
   * has conflict markers: left out.
   */
  it('counts lines coded with both dimensions and overlapping segment pairs, per agency and for the study', async () => {
    const { cooccurrence } = await handMade('dimension');
    assert.deepEqual(
      cooccurrence.units.map((u) => u.key),
      ['jones/organization', 'jones/interpretation', 'jones/application'],
      'codebook order',
    );
    const [a, b] = cooccurrence.agencies;
    assert.deepEqual([a?.agency, b?.agency, cooccurrence.agencies.length], ['Dinas A', 'Dinas B', 2]);
    assert.deepEqual(pairCounts(cooccurrence, a as CooccurrenceTable), {
      'Organization × Interpretation': [3, 3],
      'Organization × Application': [1, 1],
      'Interpretation × Application': [2, 1],
    });
    assert.deepEqual(unitCounts(cooccurrence, a as CooccurrenceTable), { Organization: [6, 3], Interpretation: [6, 2], Application: [3, 2] });
    assert.deepEqual(pairCounts(cooccurrence, b as CooccurrenceTable), { 'Organization × Application': [1, 2] });
    assert.deepEqual(unitCounts(cooccurrence, b as CooccurrenceTable), { Organization: [2, 1], Interpretation: [1, 1], Application: [2, 2] });
    assert.equal(cooccurrence.study.agency, null);
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.study), {
      'Organization × Interpretation': [3, 3],
      'Organization × Application': [2, 3],
      'Interpretation × Application': [2, 1],
    });
    assert.deepEqual(unitCounts(cooccurrence, cooccurrence.study), { Organization: [8, 4], Interpretation: [7, 3], Application: [5, 4] });
  });

  it('lists each cell\'s segments: the two codes, their transcript, lines and quote, in transcript and line order', async () => {
    const { cooccurrence } = await handMade('dimension');
    const organizationInterpretation = pairOf(cooccurrence.study, 1, 0);
    assert.ok(organizationInterpretation !== undefined);
    assert.equal(pairOf(cooccurrence.study, 0, 1), organizationInterpretation, 'either order');
    assert.deepEqual(
      organizationInterpretation.overlaps.map((o) => [o.first.file, o.first.id, o.first.lines, o.second.id, o.second.lines]),
      [
        ['a/satu.txt', 's3', [3, 5], 's4', [4, 4]],
        ['a/satu.txt', 's3', [3, 5], 's7', [5, 9]],
        ['a/satu.txt', 's6', [8, 8], 's7', [5, 9]],
      ],
    );
    const first = organizationInterpretation.overlaps[0];
    assert.equal(first?.first.quote, 'Baris 3 dari satu.txt tentang pelaksanaan.');
    assert.match(first?.first.text ?? '', /^Baris 3 dari satu\.txt tentang pelaksanaan\.\nBaris 4 /u, 'the whole coded text, for the webview');
    const organizationApplication = pairOf(cooccurrence.study, 0, 2);
    assert.deepEqual(
      organizationApplication?.overlaps.map((o) => `${o.first.id}–${o.second.id}`),
      // d3 [2,2] before d2 [2,3]: the summary's order, by first line, then last.
      ['s1–s2', 'd1–d3', 'd1–d2'],
    );
  });

  it('at indicator level, two indicators of one dimension pair, and a code on the dimension itself is its own row', async () => {
    /*
     * Units: organization (s6 [8]), coordination (s1 [1,3]), apparatus resources (s3 [3,5]),
     * interpretation (s4, s7), application (s2, s5). Dinas A:
     *   coordination × apparatus resources: line 3 = 1, pair s1–s3;
     *   coordination × application: line 2 = 1, s1–s2;
     *   apparatus resources × interpretation: lines 4, 5 = 2, s3–s4 and s3–s7;
     *   organization × interpretation: line 8 = 1, s6–s7;
     *   interpretation × application: lines 6, 7 = 2, s5–s7.
     * Dinas B: coordination × application: line 2 = 1, d1–d2 and d1–d3.
     */
    const { cooccurrence } = await handMade('indicator');
    assert.deepEqual(
      cooccurrence.units.map((u) => u.label),
      ['Organization', 'Organization › Coordination between parties', 'Organization › Apparatus resources', 'Interpretation', 'Application'],
    );
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.agencies[0] as CooccurrenceTable), {
      'Organization × Interpretation': [1, 1],
      'Organization › Coordination between parties × Organization › Apparatus resources': [1, 1],
      'Organization › Coordination between parties × Application': [1, 1],
      'Organization › Apparatus resources × Interpretation': [2, 2],
      'Interpretation × Application': [2, 1],
    });
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.study)['Organization › Coordination between parties × Application'], [2, 3]);
  });

  it('at factor level, pairs factors of one dimension only, folding spacing and case as the summary does', async () => {
    /*
     * Organization: "Rapat rutin" (s1 [1,3]) × "SDM kurang" (s3 [3,5]): line 3 = 1, one pair;
     * "Bimtek" (s6 [8]) meets no other organization factor. Interpretation: "Juknis jelas"
     * (s4 [4]) and "Sosialisasi" (s7 [5,9]) do not touch. Application: "Anggaran kurang"
     * (s2) and "anggaran  Kurang" (s5) are one factor, named as first written; in Dinas B
     * "Aplikasi dipakai" (d2 [2,3]) × "Jaringan putus" (d3 [2]): line 2, one pair.
     * Factors of different dimensions (s1 × s2 on line 2) never pair here.
     */
    const { cooccurrence } = await handMade('factor');
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.study), {
      'Organization: Rapat rutin (Supporting) × Organization: SDM kurang (Inhibiting)': [1, 1],
      'Application: Aplikasi dipakai (Supporting) × Application: Jaringan putus (Inhibiting)': [1, 1],
    });
    const budget = cooccurrence.units.find((u) => u.factor === 'Anggaran kurang');
    assert.deepEqual([budget?.polarity, budget?.dimension], ['inhibiting', 'jones/application']);
    assert.equal(cooccurrence.study.units.find((u) => cooccurrence.units[u.unit] === budget)?.segments, 2);
  });

  it('names what it left out, with the reason, and gives labels in the study\'s language', async () => {
    const { cooccurrence, leftOut, problems } = await handMade('dimension', 'id');
    assert.deepEqual(
      leftOut.map((item) => `${item.file}:${item.line}`),
      ['c/rusak.txt.codes.yaml:3', 'a/satu.txt:9', 'c/tanpa.txt.codes.yaml:1'],
    );
    assert.match(leftOut[0]?.reason ?? '', /^semua kode c\/rusak\.txt: sidecar-nya tidak dapat dibaca \(penanda konflik merge git/u);
    assert.match(leftOut[1]?.reason ?? '', /^kode jones\/application “Hilang”/u);
    assert.match(leftOut[2]?.reason ?? '', /^2 segmen berkode dari c\/tanpa\.txt: transkrip tidak memiliki instansi/u);
    assert.match(problems[0]?.message ?? '', /^left out of the co-occurrence: /u);
    assert.deepEqual(cooccurrence.units.map((u) => u.label), ['Organisasi', 'Interpretasi', 'Aplikasi']);
  });

  it('counts a code path the codebook does not know under its path, as the findings report does', async () => {
    const study = await loadCooccurrenceStudy({
      'codebook.yaml': (await import('./cooccurrence-fixtures')).COOCCURRENCE_CODEBOOK,
      'x.txt': 'A: satu\nA: dua\n',
      'x.txt.codes.yaml':
        'version: 1\ntranscript: x.txt\nattributes:\n  agency: X\ncodes:\n' +
        '  - {id: x1, lines: [1, 2], code: jones/organization, polarity: supporting, factor: f, quote: satu, coder: r}\n' +
        '  - {id: x2, lines: [2, 2], code: edward/resources, polarity: supporting, factor: g, quote: dua, coder: r}\n',
    });
    const { cooccurrence, leftOut } = buildCooccurrenceReport(study, { level: 'dimension', language: 'en' });
    assert.deepEqual(leftOut, []);
    assert.deepEqual(cooccurrence.units.map((u) => [u.label, u.inCodebook]), [['Organization', true], ['edward/resources', false]]);
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.study), { 'Organization × edward/resources': [1, 1] });
  });

  it('gives the exact counts of the example study', async () => {
    /*
     * examples/: only kadis-kominfo.txt line 14 holds two dimensions (budget priority,
     * an application indicator, and ICT facilities, an organization one): one line, one
     * pair. Two codes share a line within one dimension (kepala-badan.txt 36, staf-operator.txt
     * 32): no pair at this level.
     * Organization: 40 codes over 11 + 11 + 9 + 6 + 9 + 5 lines (observation, Kabid Aptika,
     * Kadis, Kabid Mutasi, operator, Kepala Badan; line 36 of kepala-badan.txt once) = 51.
     * Interpretation: 18 codes, 3 + 2 + 3 + 5 + 2 + 4 = 19 lines (kepala-badan.txt 11–12).
     * Application: 20 codes, 1 + 3 + 5 + 2 + 3 + 7 = 21 lines (staf-operator.txt 32 once).
     */
    const { cooccurrence, leftOut } = buildCooccurrenceReport(await loadExampleStudy(), { level: 'dimension', language: 'en' });
    assert.deepEqual(leftOut, []);
    assert.deepEqual(pairCounts(cooccurrence, cooccurrence.study), { 'Organization × Application': [1, 1] });
    assert.deepEqual(
      cooccurrence.agencies.map((t) => [t.agency, t.pairs.length]),
      [
        ['BKPSDM Kabupaten Tanah Laut Selatan', 0],
        ['Diskominfo Kabupaten Tanah Laut Selatan', 1],
      ],
    );
    assert.deepEqual(unitCounts(cooccurrence, cooccurrence.study), { Organization: [51, 40], Interpretation: [19, 18], Application: [21, 20] });
    const indicators = buildCooccurrenceReport(await loadExampleStudy(), { level: 'indicator', language: 'en' }).cooccurrence;
    assert.deepEqual(pairCounts(indicators, indicators.study), {
      'Organization › Facilities and ICT infrastructure × Organization › Coordination between parties': [1, 1],
      'Organization › Facilities and ICT infrastructure × Application › Budget priority': [1, 1],
      'Application › Leadership commitment × Application › Supervision and monitoring': [1, 1],
    });
  });
});
