/**
 * fast-check generators of sidecar data, for the property tests of the reader and the
 * writer. Text is drawn from characters that trouble YAML (indicators, quotes, `: `,
 * ` #`, line breaks, tabs, control characters) mixed with any Unicode.
 */
import fc from 'fast-check';
import type { CodeEntry, SidecarData } from '../../src/core/sidecar/model';
import { normalizeSidecarText } from '../../src/core/sidecar/yaml-nodes';
import type { TranscriptRecord } from '../../src/core/study/study';

const TRICKY_CHARACTERS = [
  'a', 'Z', '0', '9', ' ', '  ', '\n', '\t', ':', ': ', ' #', '#', '-', '- ', '?', ',', '[', ']', '{', '}', '&', '*',
  '!', '|', '>', "'", '"', '%', '@', '`', '\\', '~', '.', '---', '...', 'null', 'true', 'yes', '1', '0x1F', '1e3',
  '2022-01-07', 'é', 'ñ', 'Ğ', 'ẓ', '😀', '👩🏽‍🔬', '\u0085', '\u2028', '\u00a0', '\ufeff', '\u0000', '\u0007', '\u007f', '\r',
  '\r\n',
];

/** Any text: mostly troublesome pieces, sometimes arbitrary Unicode. */
export const text = (options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> =>
  fc.oneof(
    fc.array(fc.constantFrom(...TRICKY_CHARACTERS), { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 12 }).map((parts) => parts.join('')),
    fc.string({ unit: 'grapheme', minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 30 }),
  );

export const codeId = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/u);

export const lines = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 500 }))
  .map(([first, length]): [number, number] => [first, first + length]);

const CODE_PATH = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\/[a-z][a-z0-9-]{0,10}(?:\/[a-z][a-z0-9-]{0,10})?$/u);

/** Everything of a code but its id. Built once: building arbitraries is the slow part. */
const codeFields = fc.record({
  lines,
  code: fc.oneof(CODE_PATH, text({ minLength: 1 })),
  polarity: fc.oneof(fc.constantFrom('supporting', 'inhibiting', 'effort', 'neutral'), text({ minLength: 1 })),
  factor: text(),
  quote: text({ maxLength: 80 }),
  memo: fc.option(text({ maxLength: 40 }), { nil: undefined }),
  coder: text(),
});

function withId(id: string, fields: Omit<CodeEntry, 'id'>): CodeEntry {
  const { memo, ...rest } = fields;
  return memo === undefined ? { id, ...rest } : { id, ...rest, memo };
}

export const sidecarData: fc.Arbitrary<SidecarData> = fc
  .record({
    transcript: text({ minLength: 1 }),
    // fromEntries: the parser gives ordinary objects; fast-check's have no prototype.
    attributes: fc.dictionary(text({ maxLength: 8 }), text(), { maxKeys: 6 }).map((d) => Object.fromEntries(Object.entries(d))),
    ids: fc.uniqueArray(codeId, { maxLength: 8 }),
    fields: fc.array(codeFields, { minLength: 8, maxLength: 8 }),
  })
  .map(({ transcript, attributes, ids, fields }) => ({
    version: 1 as const,
    transcript,
    attributes,
    codes: ids.map((id, index) => withId(id, fields[index] as Omit<CodeEntry, 'id'>)),
  }));

/** Text of the kind researchers type: words, digits, punctuation, quotes and brackets inside. */
export const words = fc.stringMatching(/^[A-Za-z0-9À-ž][A-Za-z0-9À-ž ,.;()'"!?&/%=+-]{0,40}$/u).map((value) => value.trimEnd());
const multiline = fc.array(words, { minLength: 2, maxLength: 4 }).map((lines) => lines.join('\n'));

/** Sidecars as the extension writes them: valid ids and paths, the transcript's own name, realistic text. */
export const writtenData: fc.Arbitrary<SidecarData> = fc
  .record({
    attributes: fc.record(
      {
        agency: words,
        informant: words,
        role: words,
        date: fc.constantFrom('2023-03-14', '14 Maret 2023'),
        source: fc.constantFrom('interview', 'observation', 'document', 'focus-group'),
        jenis_kelamin: fc.constantFrom('L', 'P', 'perempuan'),
      },
      { requiredKeys: [] },
    ),
    codes: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z][a-z0-9]{7}$/u),
        lines: fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.nat(40)).map(([first, more]): [number, number] => [first, first + more]),
        code: fc.constantFrom('jones/organization', 'jones/application/budget-priority', 'edward/disposition/incentives'),
        polarity: fc.constantFrom('supporting', 'inhibiting', 'effort', 'neutral'),
        factor: words,
        quote: fc.oneof(words, fc.constant('[00:01:02] Pak Camat: "Ya, betul" [tertawa]')),
        coder: fc.constantFrom('rina', 'budi'),
        memo: fc.option(fc.oneof(words, multiline, multiline.map((text) => `${text}\n`)), { nil: undefined }),
      }),
      { selector: (code) => code.id, maxLength: 10 },
    ),
  })
  .map(({ attributes, codes }) => ({
    version: 1 as const,
    transcript: 'wawancara.txt',
    attributes: Object.fromEntries(Object.entries(attributes)),
    codes: codes.map(({ memo, ...code }): CodeEntry => (memo === undefined ? code : { ...code, memo })),
  }));

/**
 * A transcript's record as the study index holds it after reading its sidecar, for the
 * property tests of summaries and the sidebar: read, or broken with one problem.
 */
export function indexedRecord(options: {
  name: string;
  folder: string;
  agency: string | undefined;
  attributes: Record<string, string>;
  codes: CodeEntry[];
  broken: boolean;
  brokenMessage: string;
}): TranscriptRecord {
  const transcriptPath = `transcripts/${options.folder}/${options.name}.txt`;
  const sidecarPath = `${transcriptPath}.codes.yaml`;
  const sidecar: TranscriptRecord['sidecar'] = options.broken
    ? { status: 'broken', reason: 'syntax', problems: [{ kind: 'sidecar-invalid', file: sidecarPath, line: 3, column: 1, severity: 'error', message: options.brokenMessage }] }
    : {
        status: 'ok',
        data: { version: 1, transcript: `${options.name}.txt`, attributes: options.attributes, codes: options.codes },
        problems: [],
        codePositions: new Map(),
        source: normalizeSidecarText(''),
      };
  const result: TranscriptRecord = { sidecarPath, transcriptPath, sidecar, problems: [...sidecar.problems] };
  if (options.agency !== undefined) result.agency = options.agency;
  return result;
}
