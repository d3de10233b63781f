/**
 * The agreement report a methods chapter needs (issue 16): per coder pair and per
 * dimension the measures with their bands and the number of units, then every
 * disagreeing line with its text. Built once, written as Markdown or docx.
 */
import { computeAgreement, type AgreementOptions, type AgreementReport } from './report';
import type { CodedTranscriptForAgreement } from './units';

interface AgreementPair {
  coders: [string, string];
  report: AgreementReport;
}

export interface AgreementDocument {
  title: string;
  coders: string[];
  /** All named coders together (the figures for more than two coders), then every pair. */
  all: AgreementReport;
  pairs: AgreementPair[];
  /** The text of a transcript line, for the disagreement lists; '' when not known. */
  lineText: (file: string, line: number) => string;
}

const MAX_QUOTED_CHARACTERS = 240;

export function buildAgreementDocument(
  transcripts: ReadonlyArray<CodedTranscriptForAgreement>,
  coders: ReadonlyArray<string>,
  agreementOptions: AgreementOptions = {},
): AgreementDocument {
  const all = computeAgreement(transcripts, coders, agreementOptions);
  const pairs: AgreementPair[] = [];
  if (coders.length > 2) {
    for (let first = 0; first < coders.length; first++) {
      for (let second = first + 1; second < coders.length; second++) {
        const pair: [string, string] = [coders[first] ?? '', coders[second] ?? ''];
        pairs.push({ coders: pair, report: computeAgreement(transcripts, pair, agreementOptions) });
      }
    }
  }
  const byFile = new Map(transcripts.map((transcript) => [transcript.file, transcript.lines ?? []]));
  return {
    title: `Inter-coder agreement: ${coders.join(', ')}`,
    coders: [...coders],
    all,
    pairs,
    lineText: (file, line) => {
      const text = (byFile.get(file)?.[line - 1] ?? '').replace(/\s+/g, ' ').trim();
      return text.length > MAX_QUOTED_CHARACTERS ? `${text.slice(0, MAX_QUOTED_CHARACTERS - 1)}…` : text;
    },
  };
}
