import { strict as assert } from 'node:assert';
import { computeAgreement, formatAgreementTable, type AgreementReport } from '../../src/core/agreement';
import { HAND_STUDY } from './agreement-fixtures';

function near(actual: number | null, expected: number): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${String(actual)} ≠ ${expected}`);
}

describe('agreement report', () => {
  const report: AgreementReport = computeAgreement(HAND_STUDY, ['rina', 'budi']);

  it('has the JSON shape of issue 8', () => {
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), ['unit', 'value', 'coders', 'dimensions', 'pooled', 'transcripts', 'notes', 'unitized', 'blindCoding']);
    assert.equal(json.unit, 'line');
    assert.deepEqual(json.coders, ['rina', 'budi']);
    const dimensions = json.dimensions as Array<Record<string, unknown>>;
    for (const dimension of dimensions) {
      assert.deepEqual(Object.keys(dimension), [
        'dimension',
        'units',
        'percentAgreement',
        'cohenKappa',
        'krippendorffAlpha',
        'disagreements',
      ]);
    }
    assert.deepEqual(Object.keys(json.pooled as object), ['units', 'percentAgreement', 'cohenKappa', 'krippendorffAlpha']);
  });

  it('computes the figures counted by hand for jones/organization', () => {
    // 7 units, 5 agreeing; rina codes 4, budi 2; 2 lines both coded.
    const organization = report.dimensions.find((entry) => entry.dimension === 'jones/organization');
    assert.ok(organization);
    assert.equal(organization.units, 7);
    near(organization.percentAgreement, 5 / 7);
    // κ = (N·agree − Σ a_c·b_c)/(N² − Σ a_c·b_c) = (35 − (4·2 + 3·5))/(49 − 23) = 12/26.
    near(organization.cohenKappa, 12 / 26);
    // n = 14, n_coded = 6, n_not = 8, Σ o_cc = 10: α = (13·10 − (30 + 56))/(14·13 − 86) = 44/96.
    near(organization.krippendorffAlpha, 44 / 96);
  });

  it('lists the disagreeing lines sorted by file then line, with each coder\'s covering codes', () => {
    assert.deepEqual(
      report.dimensions.map((entry) => [entry.dimension, entry.disagreements.map((d) => `${d.file}:${d.line}`)]),
      [
        ['edward/resources', ['a.txt:1', 'c.txt:3']],
        ['jones/application', ['a.txt:4', 'a.txt:6']],
        ['jones/organization', ['a.txt:1', 'c.txt:1']],
      ],
    );
    const first = report.dimensions.find((entry) => entry.dimension === 'jones/organization')?.disagreements[0];
    assert.deepEqual(first, {
      file: 'a.txt',
      line: 1,
      codes: { rina: ['jones/organization/coordination'], budi: [] },
      values: { rina: 'coded', budi: '(not coded)' },
    });
  });

  it('pools every dimension × line unit', () => {
    // 21 units, 15 agreeing; rina codes 6, budi 6; 3 lines both coded.
    assert.equal(report.pooled.units, 21);
    near(report.pooled.percentAgreement, 15 / 21);
    near(report.pooled.cohenKappa, (21 * 15 - (6 * 6 + 15 * 15)) / (21 * 21 - (6 * 6 + 15 * 15)));
    // n = 42, n_coded = 12, n_not = 30, Σ o_cc = 2·15: α = (41·30 − (132 + 870))/(42·41 − 1002).
    near(report.pooled.krippendorffAlpha, 228 / 720);
  });

  it('says what counted and why in its notes', () => {
    assert.deepEqual(report.transcripts, {
      included: ['a.txt', 'c.txt'],
      excluded: [{ file: 'b.txt', codersWithoutCodes: ['budi'] }],
    });
    const notes = report.notes.join('\n');
    assert.match(notes, /non-blank line of a transcript that every named coder \(rina, budi\) has coded/);
    assert.match(notes, /Transcripts counted: 2; not counted .*: 1 \(b\.txt: no codes by budi\)/);
    assert.match(notes, /1 code\(s\) with a path that names no dimension/);
  });

  it('by polarity: compares polarities and shows the combined category', () => {
    const byPolarity = computeAgreement(HAND_STUDY, ['rina', 'budi'], { byPolarity: true });
    assert.equal(byPolarity.value, 'polarity');
    const organization = byPolarity.dimensions.find((entry) => entry.dimension === 'jones/organization');
    assert.ok(organization);
    near(organization.percentAgreement, 3 / 7);
    assert.deepEqual(
      organization.disagreements.map((d) => [`${d.file}:${d.line}`, d.values.rina, d.values.budi]),
      [
        ['a.txt:1', 'supporting', '(not coded)'],
        ['a.txt:2', 'supporting', 'inhibiting'],
        ['c.txt:1', 'neutral', '(not coded)'],
        ['c.txt:3', 'neutral', 'inhibiting+supporting'],
      ],
    );
    assert.match(byPolarity.notes.join('\n'), /sorted and joined with "\+"/);
  });

  it('three coders: no Cohen\'s kappa, pairwise percent agreement, alpha over all three', () => {
    const three = computeAgreement(
      [
        {
          file: 't.txt',
          lineCount: 2,
          blankLines: new Set(),
          codes: [
            { lines: [1, 1], code: 'jones/organization', polarity: 'supporting', coder: 'a' },
            { lines: [1, 1], code: 'jones/organization', polarity: 'supporting', coder: 'b' },
            { lines: [1, 2], code: 'jones/organization', polarity: 'supporting', coder: 'c' },
          ],
        },
      ],
      ['a', 'b', 'c'],
    );
    const [organization] = three.dimensions;
    assert.ok(organization);
    assert.equal(organization.cohenKappa, null);
    // Line 1 all agree; line 2: only pair (a, b) agrees → (1 + 1/3)/2.
    near(organization.percentAgreement, 2 / 3);
    // n = 6 (4 coded, 2 not); Σ o_cc = 6/2 + 2/2 = 4: α = (5·4 − (12 + 2))/(30 − 14) = 6/16.
    near(organization.krippendorffAlpha, 6 / 16);
    assert.deepEqual(organization.disagreements[0]?.codes, { a: [], b: [], c: ['jones/organization'] });
    const table = formatAgreementTable(three);
    assert.match(table, /^Dimension\s+Units\s+Agreement \(pairwise mean\)\s+Krippendorff's alpha$/m);
    assert.match(table, /^jones\/organization\s+2\s+0\.667\s+0\.375 unreliable$/m);
    assert.match(three.notes.join('\n'), /mean over coder pairs/);
  });

  it('a named coder with no codes: an empty report that says so', () => {
    const empty = computeAgreement(HAND_STUDY, ['rina', 'ghost']);
    assert.deepEqual(empty.dimensions, []);
    assert.deepEqual(empty.pooled, { units: 0, percentAgreement: null, cohenKappa: null, krippendorffAlpha: null });
    assert.match(empty.notes.join('\n'), /Coder "ghost" has no codes in the study/);
    assert.match(formatAgreementTable(empty), /\(pooled\)\s+0\s+n\/a\s+n\/a \(no units\)\s+n\/a \(no units\)/);
  });

  it('refuses fewer than two coders with a clear error', () => {
    assert.throws(() => computeAgreement(HAND_STUDY, ['rina']), /Agreement needs at least two coders/);
  });

  describe('text table', () => {
    const table = formatAgreementTable(report);
    const rowOf = (label: string) => table.split('\n').find((line) => line.startsWith(label)) ?? '';

    it('shows each figure to three decimals with its band', () => {
      // κ = 12/26 = 0.4615 → moderate; α = 44/96 = 0.4583 → unreliable; agreement 5/7.
      assert.match(rowOf('jones/organization'), /^jones\/organization\s+7\s+0\.714\s+0\.462 moderate\s+0\.458 unreliable$/);
      assert.match(rowOf('(pooled)'), /^\(pooled\)\s+21\s+0\.714\s+0\.300 fair\s+0\.317 unreliable$/);
    });

    it('explains the bands and the unit, and lists the disagreements', () => {
      assert.match(table, /Kappa bands \(Landis & Koch 1977\): < 0 poor, 0–0\.20 slight/);
      assert.match(table, /Alpha bands \(Krippendorff 2004\): reliable \(α ≥ 0\.800\)/);
      assert.match(table, /Note: Unit: one non-blank line/);
      assert.match(table, /Disagreements in jones\/organization \(2\):\n {2}a\.txt:1 {2}rina: jones\/organization\/coordination; budi: \(not coded\)/);
      assert.doesNotMatch(formatAgreementTable(report, { listDisagreements: false }), /Disagreements in/);
    });

    it('marks undefined figures instead of printing a number', () => {
      const withUnused = computeAgreement(HAND_STUDY, ['rina', 'budi'], { dimensions: ['vmvh/standards'] });
      assert.match(
        formatAgreementTable(withUnused),
        /^vmvh\/standards\s+7\s+1\.000\s+n\/a \(no variation\)\s+n\/a \(no variation\)$/m,
      );
    });
  });
});
