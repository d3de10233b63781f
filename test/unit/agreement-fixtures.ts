import type { CodedTranscriptForAgreement } from '../../src/core/agreement/units';

/**
 * A study small enough to count by hand. Coders rina and budi; sari codes too but is not
 * named. `a.txt` and `c.txt` are coded by both, `b.txt` only by rina.
 *
 *   a.txt, 6 lines, line 3 blank → units 1 2 4 5 6
 *   c.txt, 3 lines, line 2 blank → units 1 3
 * So 7 units per dimension.
 */
export const HAND_STUDY: CodedTranscriptForAgreement[] = [
  {
    file: 'a.txt',
    lineCount: 6,
    blankLines: new Set([3]),
    codes: [
      { lines: [1, 2], code: 'jones/organization/coordination', polarity: 'supporting', coder: 'rina' },
      { lines: [5, 5], code: 'jones/application', polarity: 'supporting', coder: 'rina' },
      { lines: [2, 2], code: 'jones/organization', polarity: 'inhibiting', coder: 'budi' },
      { lines: [4, 6], code: 'jones/application/budget', polarity: 'supporting', coder: 'budi' },
      { lines: [1, 1], code: 'edward/resources', polarity: 'inhibiting', coder: 'budi' },
      { lines: [1, 6], code: 'jones/interpretation', polarity: 'neutral', coder: 'sari' },
      { lines: [4, 4], code: 'jones', polarity: 'neutral', coder: 'rina' },
    ],
  },
  {
    file: 'b.txt',
    lineCount: 4,
    blankLines: new Set(),
    codes: [{ lines: [1, 4], code: 'vmvh/resources', polarity: 'supporting', coder: 'rina' }],
  },
  {
    file: 'c.txt',
    lineCount: 3,
    blankLines: new Set([2]),
    codes: [
      // Covers blank line 2, which is not a unit.
      { lines: [1, 3], code: 'jones/organization', polarity: 'neutral', coder: 'rina' },
      { lines: [3, 3], code: 'jones/organization/coordination', polarity: 'inhibiting', coder: 'budi' },
      { lines: [3, 3], code: 'jones/organization', polarity: 'supporting', coder: 'budi' },
      // Reaches past the end of the transcript: only line 3 exists.
      { lines: [3, 99], code: 'edward/resources', polarity: '', coder: 'rina' },
    ],
  },
];
