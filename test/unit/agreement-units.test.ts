import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  buildLineUnits,
  CODED,
  dimensionOf,
  NO_POLARITY,
  NOT_CODED,
  type CodedTranscriptForAgreement,
  type DimensionUnits,
  type UnitValueKind,
} from '../../src/core/agreement/units';
import { HAND_STUDY } from './agreement-fixtures';

const C = CODED;
const N = NOT_CODED;

function dimensionNamed(dimensions: DimensionUnits[], dimension: string): DimensionUnits {
  const found = dimensions.find((entry) => entry.dimension === dimension);
  assert.ok(found, `dimension ${dimension} present`);
  return found;
}

/** The tallies as sorted "value | value × count" lines, easy to compare with a hand count. */
function tallyLines(units: DimensionUnits): string[] {
  return units.tallies.map(({ values, count }) => `${values.join(' | ')} × ${count}`).sort();
}

function disagreementLines(units: DimensionUnits): string[][] {
  return units.disagreements.map((unit) => [`${unit.file}:${unit.line}`, ...unit.values]);
}

describe('agreement line units', () => {
  it('reads the dimension from a code path', () => {
    assert.equal(dimensionOf('jones/organization/coordination'), 'jones/organization');
    assert.equal(dimensionOf('jones/organization'), 'jones/organization');
    assert.equal(dimensionOf('jones'), undefined);
    assert.equal(dimensionOf('jones/'), undefined);
    assert.equal(dimensionOf(''), undefined);
  });

  it('counts only transcripts every named coder has coded, and says why the others do not count', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi']);
    assert.deepEqual(built.includedTranscripts, ['a.txt', 'c.txt']);
    assert.deepEqual(built.excludedTranscripts, [{ file: 'b.txt', codersWithoutCodes: ['budi'] }]);
    assert.deepEqual(built.codersWithoutCodes, []);
  });

  it('takes dimensions only from named coders in counted transcripts, sorted by path', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi']);
    // Not vmvh/resources (b.txt does not count), not jones/interpretation (sari is not named).
    assert.deepEqual(
      built.dimensions.map((entry) => entry.dimension),
      ['edward/resources', 'jones/application', 'jones/organization'],
    );
    assert.equal(built.codesWithoutDimension, 1);
  });

  it('makes one unit per non-blank line per dimension (blank lines are not units, even when coded)', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi']);
    for (const entry of built.dimensions) {
      assert.equal(entry.unitCount, 7, entry.dimension);
      assert.equal(
        entry.tallies.reduce((sum, { count }) => sum + count, 0),
        7,
        entry.dimension,
      );
    }
  });

  it('coverage: each coder covers a line or not; indicator codes count for their dimension', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi']);
    const organization = dimensionNamed(built.dimensions, 'jones/organization');
    // a1 C N, a2 C C, a4–a6 N N, c1 C N, c3 C C.
    assert.deepEqual(tallyLines(organization), [`${C} | ${C} × 2`, `${C} | ${N} × 2`, `${N} | ${N} × 3`].sort());
    assert.deepEqual(disagreementLines(organization), [
      ['a.txt:1', C, N],
      ['c.txt:1', C, N],
    ]);
    // jones/application/budget (budi, lines 4–6) covers its dimension.
    const application = dimensionNamed(built.dimensions, 'jones/application');
    assert.deepEqual(tallyLines(application), [`${C} | ${C} × 1`, `${N} | ${C} × 2`, `${N} | ${N} × 4`].sort());
    assert.deepEqual(disagreementLines(application), [
      ['a.txt:4', N, C],
      ['a.txt:6', N, C],
    ]);
    // rina's code reaching line 99 of the 3-line c.txt counts only on line 3.
    const resources = dimensionNamed(built.dimensions, 'edward/resources');
    assert.deepEqual(tallyLines(resources), [`${C} | ${N} × 1`, `${N} | ${C} × 1`, `${N} | ${N} × 5`].sort());
    assert.deepEqual(disagreementLines(resources), [
      ['a.txt:1', N, C],
      ['c.txt:3', C, N],
    ]);
  });

  it('by polarity: the polarity of the covering codes, two different ones joined in sorted order', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi'], { value: 'polarity' });
    const organization = dimensionNamed(built.dimensions, 'jones/organization');
    assert.deepEqual(disagreementLines(organization), [
      ['a.txt:1', 'supporting', N],
      ['a.txt:2', 'supporting', 'inhibiting'],
      ['c.txt:1', 'neutral', N],
      ['c.txt:3', 'neutral', 'inhibiting+supporting'],
    ]);
    assert.equal(tallyLines(organization).find((line) => line.startsWith(`${N} | ${N}`)), `${N} | ${N} × 3`);
    const resources = dimensionNamed(built.dimensions, 'edward/resources');
    assert.deepEqual(resources.disagreements.find((unit) => unit.file === 'c.txt')?.values, [NO_POLARITY, N]);
  });

  it("keeps each coder's covering code paths of the dimension, sorted and distinct", () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi'], { value: 'polarity' });
    const c3 = dimensionNamed(built.dimensions, 'jones/organization').disagreements.find(
      (unit) => unit.file === 'c.txt' && unit.line === 3,
    );
    assert.deepEqual(c3?.codes, [['jones/organization'], ['jones/organization', 'jones/organization/coordination']]);
  });

  it('adds requested dimensions nobody used, reducing indicator paths to their dimension', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi'], { dimensions: ['vmvh/standards/clarity', 'jones'] });
    const standards = dimensionNamed(built.dimensions, 'vmvh/standards');
    assert.equal(standards.unitCount, 7);
    assert.deepEqual(tallyLines(standards), [`${N} | ${N} × 7`].sort());
    assert.deepEqual(standards.disagreements, []);
    assert.equal(built.dimensions.length, 4);
  });

  it('a named coder with no codes anywhere: nothing counts, and it is reported, not thrown', () => {
    const built = buildLineUnits(HAND_STUDY, ['rina', 'budi', 'ghost']);
    assert.deepEqual(built.codersWithoutCodes, ['ghost']);
    assert.deepEqual(built.includedTranscripts, []);
    assert.deepEqual(
      built.excludedTranscripts.map((entry) => [entry.file, entry.codersWithoutCodes]),
      [
        ['a.txt', ['ghost']],
        ['b.txt', ['budi', 'ghost']],
        ['c.txt', ['ghost']],
      ],
    );
    assert.deepEqual(built.dimensions, []);
  });

  it('refuses fewer than two coders, or the same coder twice', () => {
    assert.throws(() => buildLineUnits(HAND_STUDY, ['rina']), /at least two coders.*only "rina"/);
    assert.throws(() => buildLineUnits(HAND_STUDY, []), /at least two coders; got none/);
    assert.throws(() => buildLineUnits(HAND_STUDY, ['rina', 'rina']), /named twice/);
  });

  describe('against a line-by-line enumeration', () => {
    const coders = ['rina', 'budi', 'sari'];
    const code = fc.record({
      first: fc.integer({ min: 0, max: 12 }),
      length: fc.integer({ min: 0, max: 4 }),
      code: fc.constantFrom('f/d1', 'f/d1/i1', 'f/d1/i2', 'f/d2', 'g/d1/i1', 'f'),
      polarity: fc.constantFrom('supporting', 'inhibiting', 'effort', ''),
      coder: fc.constantFrom('rina', 'budi', 'sari', 'other'),
    });
    const transcript = fc.record({
      lineCount: fc.integer({ min: 0, max: 10 }),
      blank: fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 4 }),
      codes: fc.array(code, { maxLength: 12 }),
    });
    const study = fc.array(transcript, { minLength: 1, maxLength: 4 }).map((entries) =>
      entries.map(
        (entry, index): CodedTranscriptForAgreement => ({
          file: `t${index}.txt`,
          lineCount: entry.lineCount,
          blankLines: new Set(entry.blank),
          codes: entry.codes.map((c) => ({
            lines: [c.first, c.first + c.length] as [number, number],
            code: c.code,
            polarity: c.polarity,
            coder: c.coder,
          })),
        }),
      ),
    );

    /** Every unit spelled out, the slow and obvious way. */
    function enumerate(transcripts: CodedTranscriptForAgreement[], named: string[], value: UnitValueKind) {
      const included = transcripts.filter((t) => named.every((coder) => t.codes.some((c) => c.coder === coder)));
      const dimensionsUsed = new Set<string>();
      for (const t of included) {
        for (const c of t.codes) {
          const parts = c.code.split('/');
          if (named.includes(c.coder) && parts.length >= 2) dimensionsUsed.add(`${parts[0]}/${parts[1]}`);
        }
      }
      const result = new Map<string, Array<{ at: string; values: string[] }>>();
      for (const dimension of [...dimensionsUsed].sort()) {
        const units: Array<{ at: string; values: string[] }> = [];
        for (const t of included) {
          for (let line = 1; line <= t.lineCount; line++) {
            if (t.blankLines.has(line)) continue;
            const values = named.map((coder) => {
              const covering = t.codes.filter(
                (c) =>
                  c.coder === coder &&
                  (c.code === dimension || c.code.startsWith(`${dimension}/`)) &&
                  c.lines[0] <= line &&
                  line <= c.lines[1],
              );
              if (covering.length === 0) return N;
              if (value === 'coverage') return C;
              return [...new Set(covering.map((c) => c.polarity || NO_POLARITY))].sort().join('+');
            });
            units.push({ at: `${t.file}:${line}`, values });
          }
        }
        result.set(dimension, units);
      }
      return result;
    }

    for (const value of ['coverage', 'polarity'] as const) {
      it(`${value}: same units, same tallies, same disagreeing lines`, () => {
        fc.assert(
          fc.property(study, fc.integer({ min: 2, max: 3 }), (transcripts, coderCount) => {
            const named = coders.slice(0, coderCount);
            const expected = enumerate(transcripts, named, value);
            const built = buildLineUnits(transcripts, named, { value });
            assert.deepEqual(
              built.dimensions.map((entry) => entry.dimension),
              [...expected.keys()],
            );
            for (const entry of built.dimensions) {
              const units = expected.get(entry.dimension) ?? [];
              assert.equal(entry.unitCount, units.length);
              const counted = new Map<string, number>();
              for (const unit of units) counted.set(unit.values.join(' | '), (counted.get(unit.values.join(' | ')) ?? 0) + 1);
              assert.deepEqual(tallyLines(entry), [...counted].map(([values, count]) => `${values} × ${count}`).sort());
              assert.deepEqual(
                entry.disagreements.map((unit) => [`${unit.file}:${unit.line}`, ...unit.values]),
                units.filter((unit) => new Set(unit.values).size > 1).map((unit) => [unit.at, ...unit.values]),
              );
            }
          }),
        );
      });
    }
  });
});
