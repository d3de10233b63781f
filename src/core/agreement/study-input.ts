/**
 * Agreement input from the study index: what the CLI and the extension both feed to
 * `computeAgreement`, so their figures cannot differ.
 *
 * A transcript's units are its lines that hold text: blank lines and the lines of its
 * YAML front matter (metadata, never coded) are left out, so layout cannot inflate the
 * figures. Only sidecars that read cleanly count; a broken sidecar, or one whose
 * transcript cannot be read, is named in a note, because the figures then leave out
 * work that exists.
 */
import type { TranscriptRecord } from '../study';
import type { CodedTranscriptForAgreement } from './units';

/** The record as agreement input, or a note saying why it was left out. */
export function agreementInput(record: TranscriptRecord): CodedTranscriptForAgreement | string {
  if (record.sidecar.status !== 'ok') {
    return `Not counted: ${record.sidecarPath} cannot be read (${record.sidecar.reason}); run \`transcript-coder validate\`.`;
  }
  if (record.transcript === undefined) {
    return `Not counted: the transcript of ${record.sidecarPath} (${record.transcriptPath}) cannot be read; run \`transcript-coder validate\`.`;
  }
  const { lines } = record.transcript.transcript;
  const blankLines = new Set(lines.filter((line) => line.kind === 'blank' || line.kind === 'front-matter').map((line) => line.number));
  return {
    file: record.transcriptPath,
    lineCount: lines.length,
    blankLines,
    codes: record.sidecar.data.codes,
    lines: lines.map((line) => line.text),
    attributes: record.sidecar.data.attributes,
  };
}

/** Every coder named in the study's readable sidecars, sorted. */
export function codersOf(records: readonly TranscriptRecord[]): string[] {
  const coders = new Set<string>();
  for (const record of records) {
    if (record.sidecar.status !== 'ok') continue;
    for (const code of record.sidecar.data.codes) if (code.coder !== '') coders.add(code.coder);
  }
  return [...coders].sort();
}
