import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  agreedSettlement,
  buildAgreementDocument,
  computeAgreement,
  formatAgreementMarkdown,
  renderAgreementDocumentMarkdown,
  listDisagreements,
  type ReviewCode,
  type ReviewCoders,
  type ReviewTranscript,
  type Settlement,
  type SettleChoice,
  settleItem,
} from '../../src/core/agreement';

const CODERS: ReviewCoders = { a: 'rina', b: 'budi', consensus: 'consensus' };

/**
 * a.txt, 8 lines, line 4 blank:
 *   rina: organization/coordination supporting 1–3 (line 3: budi agrees), application inhibiting 5–6
 *   budi: organization inhibiting 3–3, application inhibiting 5–5, edward/resources supporting 8
 */
const HAND_BODIES = [
  'Rapat koordinasi diadakan tiap bulan.',
  'Semua kepala bidang hadir.',
  'Tetapi keputusan rapat jarang ditindaklanjuti.',
  '',
  'Anggaran pengembangan aplikasi dipotong.',
  'Sisa anggaran dipakai untuk pemulihan banjir, kata Kabid.',
  'Tidak ada catatan.',
  'Staf TI bertambah dua orang tahun ini.',
];

function handTranscript(extra: ReviewCode[] = [], attributes: Record<string, string> = {}): ReviewTranscript {
  return {
    file: 'a.txt',
    lineCount: 8,
    bodies: HAND_BODIES,
    blankLines: new Set([4]),
    attributes,
    codes: [
      { id: 'r1', lines: [1, 3], code: 'jones/organization/coordination', polarity: 'supporting', factor: 'Rapat rutin', coder: 'rina' },
      { id: 'r2', lines: [5, 6], code: 'jones/application', polarity: 'inhibiting', factor: 'Anggaran', coder: 'rina', memo: 'cek' },
      { id: 'b1', lines: [3, 3], code: 'jones/organization', polarity: 'inhibiting', factor: 'Koordinasi lemah', coder: 'budi' },
      { id: 'b2', lines: [5, 5], code: 'jones/application', polarity: 'inhibiting', factor: 'Anggaran kurang', coder: 'budi' },
      { id: 'b3', lines: [8, 8], code: 'edward/resources', polarity: 'supporting', factor: 'Staf', coder: 'budi' },
      ...extra,
    ],
  };
}

/** The transcript after a settlement, with new ids n1, n2, … as a session would give. */
function apply(transcript: ReviewTranscript, settlement: Settlement, counter = { next: 1 }): ReviewTranscript {
  const kept = transcript.codes.filter((code) => !settlement.remove.includes(code.id));
  const added = settlement.add.map((code): ReviewCode => ({ id: `n${counter.next++}`, lines: code.lines, ...code.fields }));
  return { ...transcript, codes: [...kept, ...added], attributes: settlement.attributes ?? transcript.attributes };
}

describe('disagreement review (issue 16, item 2)', () => {
  it('lists each run of disagreeing lines per dimension once, with both coders\' codes', () => {
    const review = listDisagreements(handTranscript(), CODERS);
    assert.deepEqual(
      review.items.map((item) => [item.key, item.a.map((c) => c.id), item.b.map((c) => c.id)]),
      [
        ['jones/organization@1-2', ['r1'], []],
        ['jones/organization@3-3', ['r1'], ['b1']],
        ['jones/application@6-6', ['r2'], []],
        ['edward/resources@8-8', [], ['b3']],
      ],
    );
    assert.equal(review.settled, 0);
    assert.deepEqual(review.codersWithoutCodes, []);
  });

  it('by coverage, line 3 (both coded the dimension) is no disagreement', () => {
    const review = listDisagreements(handTranscript(), CODERS, { value: 'coverage' });
    assert.deepEqual(review.items.map((item) => item.key), ['jones/organization@1-2', 'jones/application@6-6', 'edward/resources@8-8']);
  });

  it('keeps A, B, both or neither as consensus codes, and reads settled back from the file', () => {
    let transcript = handTranscript();
    const counter = { next: 1 };
    const settle = (key: string, choice: SettleChoice) => {
      const item = listDisagreements(transcript, CODERS).items.find((candidate) => candidate.key === key);
      assert.ok(item, key);
      transcript = apply(transcript, settleItem(transcript, CODERS, item, choice), counter);
    };
    settle('jones/organization@3-3', { kind: 'keep-both' });
    const both = transcript.codes.filter((code) => code.coder === 'consensus');
    assert.deepEqual(both.map((code) => [code.code, code.polarity, code.lines]), [
      ['jones/organization/coordination', 'supporting', [3, 3]],
      ['jones/organization', 'inhibiting', [3, 3]],
    ]);
    settle('jones/organization@1-2', { kind: 'keep-a' });
    settle('jones/application@6-6', { kind: 'neither' });
    assert.equal(transcript.attributes['not-coded-by-consensus'], 'jones/application 6-6 "Sisa anggaran dipakai untuk pemulihan banjir, kata Kabid."');
    let review = listDisagreements(transcript, CODERS);
    assert.equal(review.settled, 3);
    assert.deepEqual(review.items.filter((item) => !item.settled).map((item) => item.key), ['edward/resources@8-8']);

    // Changing one's mind: keep B on the item first settled as uncoded takes it out of the record.
    settle('jones/application@6-6', { kind: 'keep-b' });
    assert.equal(transcript.attributes['not-coded-by-consensus'], 'jones/application 6-6 "Sisa anggaran dipakai untuk pemulihan banjir, kata Kabid."', 'B has no code on line 6 either: still uncoded');
    settle('jones/application@6-6', { kind: 'keep-a' });
    assert.equal(transcript.attributes['not-coded-by-consensus'], undefined);
    const onSix = transcript.codes.filter((code) => code.coder === 'consensus' && code.code === 'jones/application');
    assert.deepEqual(onSix.map((code) => [code.lines, code.factor, code.memo]), [[[6, 6], 'Anggaran', 'cek']]);
    review = listDisagreements(transcript, CODERS);
    assert.equal(review.settled, 3);
  });

  it('settling again replaces only the item\'s lines of a longer consensus code', () => {
    const transcript = handTranscript([{ id: 'c1', lines: [1, 3], code: 'jones/organization', polarity: 'neutral', factor: 'x', coder: 'consensus' }]);
    const review = listDisagreements(transcript, CODERS);
    assert.equal(review.settled, 2, 'lines 1–3 are covered by the consensus code');
    const item = review.items.find((candidate) => candidate.key === 'jones/organization@3-3');
    assert.ok(item);
    const settlement = settleItem(transcript, CODERS, item, { kind: 'recode', code: 'jones/organization/communication', polarity: 'effort', factor: 'Grup WA' });
    assert.deepEqual(settlement.remove, ['c1']);
    assert.deepEqual(settlement.add.map((code) => [code.lines, code.fields.code, code.fields.coder]), [
      [[1, 2], 'jones/organization', 'consensus'],
      [[3, 3], 'jones/organization/communication', 'consensus'],
    ]);
    assert.equal(settlement.attributes, undefined);
  });

  it('copies the agreed codes, and names a coder without codes instead of comparing', () => {
    const agreed = agreedSettlement(handTranscript(), CODERS);
    assert.deepEqual(agreed.add.map((code) => [code.lines, code.fields.code, code.fields.coder]), [[[5, 5], 'jones/application', 'consensus']]);
    const lonely: ReviewTranscript = { ...handTranscript(), codes: handTranscript().codes.filter((code) => code.coder !== 'budi') };
    const review = listDisagreements(lonely, CODERS);
    assert.deepEqual(review.items, []);
    assert.deepEqual(review.codersWithoutCodes, ['budi']);
    assert.throws(() => listDisagreements(lonely, { a: 'rina', b: 'budi', consensus: 'rina' }), /must be neither of the coders/);
  });

  it('the agreement report shows each coder against the consensus after the review', () => {
    let transcript = handTranscript();
    const counter = { next: 1 };
    transcript = apply(transcript, agreedSettlement(transcript, CODERS), counter);
    for (const key of listDisagreements(transcript, CODERS).items.map((item) => item.key)) {
      const item = listDisagreements(transcript, CODERS).items.find((candidate) => candidate.key === key);
      assert.ok(item);
      transcript = apply(transcript, settleItem(transcript, CODERS, item, { kind: 'keep-a' }), counter);
    }
    const input = { ...transcript, codes: transcript.codes.map((code) => ({ ...code })) };
    const markdown = renderAgreementDocumentMarkdown(buildAgreementDocument([input], ['rina', 'budi'], {}, 'consensus'));
    const after = markdown.slice(markdown.indexOf('## After the disagreement review'));
    assert.ok(markdown.indexOf('## After the disagreement review') > 0);
    assert.match(after, /## rina against the consensus \(consensus\)/);
    assert.match(after, /## budi against the consensus \(consensus\)/);
    const rinaSection = after.slice(after.indexOf('## rina against'), after.indexOf('## budi against'));
    assert.match(rinaSection, /\| \*\*pooled\*\* \| \d+ \| 1\.000 \| 1\.000 almost perfect \| 1\.000 /, rinaSection);
    assert.throws(() => buildAgreementDocument([input], ['rina', 'budi'], {}, 'budi'), /is one of the coders compared/);
  });

  it("the editor's agreement preview shows unitized alpha beside the line units", () => {
    const markdown = formatAgreementMarkdown(computeAgreement([handTranscript()], ['rina', 'budi']), (file, line) => `${file}#L${line}`);
    const unitized = markdown.slice(markdown.indexOf('## Unitized alpha per dimension'));
    assert.ok(markdown.indexOf('## Unitized alpha per dimension') > markdown.indexOf('| **pooled** |'));
    assert.match(unitized, /^\| jones\/organization \| /m);
    assert.match(unitized, /^\| edward\/resources \| /m);
  });

  it('keep A on every item after the agreed copy makes the consensus agree with A on every unit (property)', () => {
    const dimensions = ['jones/organization', 'jones/application/budget', 'edward/resources'];
    const polarities = ['supporting', 'inhibiting'];
    const code = (coder: string, lineCount: number) =>
      fc.record({
        first: fc.integer({ min: 1, max: lineCount }),
        length: fc.integer({ min: 0, max: 4 }),
        code: fc.constantFrom(...dimensions),
        polarity: fc.constantFrom(...polarities),
      }).map(({ first, length, code: path, polarity }) => ({ lines: [first, Math.min(lineCount, first + length)] as [number, number], code: path, polarity, factor: `f ${path}`, coder }));
    const study = fc.integer({ min: 3, max: 25 }).chain((lineCount) =>
      fc.record({
        lineCount: fc.constant(lineCount),
        blank: fc.uniqueArray(fc.integer({ min: 1, max: lineCount }), { maxLength: 3 }),
        a: fc.array(code('rina', lineCount), { minLength: 1, maxLength: 6 }),
        b: fc.array(code('budi', lineCount), { minLength: 1, maxLength: 6 }),
        value: fc.constantFrom('coverage' as const, 'polarity' as const),
      }),
    );
    fc.assert(
      fc.property(study, ({ lineCount, blank, a, b, value }) => {
        const codes = [...a, ...b].map((entry, index): ReviewCode => ({ id: `c${index}`, ...entry }));
        const bodies = Array.from({ length: lineCount }, (_, index) => (blank.includes(index + 1) ? '' : `baris nomor ${index + 1}`));
        let transcript: ReviewTranscript = { file: 't.txt', lineCount, bodies, blankLines: new Set(blank), codes, attributes: {} };
        const counter = { next: 1 };
        transcript = apply(transcript, agreedSettlement(transcript, CODERS, { value }), counter);
        const keys = listDisagreements(transcript, CODERS, { value }).items.map((item) => item.key);
        for (const key of keys) {
          const item = listDisagreements(transcript, CODERS, { value }).items.find((candidate) => candidate.key === key);
          assert.ok(item);
          transcript = apply(transcript, settleItem(transcript, CODERS, item, { kind: 'keep-a' }), counter);
        }
        const after = listDisagreements(transcript, CODERS, { value });
        assert.equal(after.settled, after.items.length, 'every item reads as settled');
        const report = computeAgreement([transcript], ['rina', 'consensus'], { byPolarity: value === 'polarity' });
        if (report.transcripts.included.length === 0) {
          // A had only codes on blank lines: the consensus coder has nothing to copy.
          assert.ok(nonBlankCodes(transcript, 'rina') === 0);
          return;
        }
        for (const dimension of report.dimensions) {
          assert.deepEqual(dimension.disagreements, [], dimension.dimension);
          assert.ok(dimension.krippendorffAlpha === null || Math.abs(dimension.krippendorffAlpha - 1) < 1e-12, `${dimension.dimension}: α = ${dimension.krippendorffAlpha}`);
        }
        assert.ok(report.pooled.krippendorffAlpha === null || Math.abs(report.pooled.krippendorffAlpha - 1) < 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});

function nonBlankCodes(transcript: ReviewTranscript, coder: string): number {
  return transcript.codes.filter((code) => {
    if (code.coder !== coder) return false;
    for (let line = code.lines[0]; line <= code.lines[1]; line++) if (!transcript.blankLines.has(line)) return true;
    return false;
  }).length;
}
