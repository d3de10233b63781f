/**
 * `transcript-coder check-integrity`: every sidecar compared with its transcript, as
 * they are on disk now. Where `validate` also checks the codes against the codebook,
 * this asks only whether the files still agree with each other — the question after a
 * crash, a bad merge, a sync tool, or an edit outside the editor:
 *
 * - the sidecar can be read (decodes, parses, no conflict markers, ids unique);
 * - its transcript exists beside it, decodes, and is in an encoding we can trust;
 * - the `transcript:` field names that transcript;
 * - every code's lines lie within the transcript, and its quote is the text at them;
 * - no merge conflict is left recorded in the file;
 * - no temporary file of an interrupted write is left behind.
 *
 * Each inconsistency is an error at `path:line:col` (the code's place in the sidecar);
 * a leftover temporary file is a warning: the sidecar beside it is whole.
 */
import { reanchor, sitsOnQuote, type AnchorResult } from '../anchoring';
import { decodeText } from '../transcript';
import { conflictProblems } from '../merge';
import { compareProblems, problem, type Problem, type ProblemKind, readOrRefuse } from '../problems';
import type { CodeEntry } from '../sidecar';
import { isSidecarPath, loadRecord, type StudyReader, type TranscriptRecord } from './study';

export interface IntegrityReport {
  problems: Problem[];
  sidecars: number;
  codes: number;
  /** Codes found on their quote. */
  codesInPlace: number;
}

/** `.name.<pid>.<hex>.tmp`: what writeFileAtomic and the import writer leave when killed mid-write. */
const TEMPORARY_FILE = /(?:^|\/)\.[^/]+\.\d+\.[0-9a-f]+\.tmp(?:\/|$)/u;

export async function checkIntegrity(reader: StudyReader): Promise<IntegrityReport> {
  const files = await reader.listFiles();
  const report: IntegrityReport = { problems: [], sidecars: 0, codes: 0, codesInPlace: 0 };
  for (const path of files) {
    if (TEMPORARY_FILE.test(path)) {
      report.problems.push(
        problem('interrupted-write', path, 1, 1, 'warning', 'a temporary file left by a write that was interrupted (a crash or a kill); the file it was meant to replace is whole: delete this one'),
      );
    }
  }
  for (const sidecarPath of files.filter(isSidecarPath).sort()) {
    const record = await loadRecord(reader, sidecarPath, 'all');
    report.sidecars++;
    report.problems.push(...(await recordIntegrity(record, reader)));
    if (record.sidecar.status === 'ok') {
      report.codes += record.sidecar.data.codes.length;
      const bodies = record.transcript?.bodies;
      if (bodies !== undefined) report.codesInPlace += record.sidecar.data.codes.filter((code) => onQuote(bodies, code)).length;
    }
  }
  report.problems.sort(compareProblems);
  return report;
}

/** The inconsistencies of one sidecar with its transcript. */
async function recordIntegrity(record: TranscriptRecord, reader: StudyReader): Promise<Problem[]> {
  const problems: Problem[] = [];
  // What the study loader found: an unreadable sidecar, a missing or undecodable transcript.
  problems.push(...record.problems.filter((found) => found.severity === 'error'));

  // Only a transcript read as Windows-1252 can be in an unknown encoding: read those again to ask.
  const suspect = record.transcript?.encoding === 'windows-1252';
  const transcriptBytes = suspect ? (await readOrRefuse((file) => reader.readFile(file), record.transcriptPath)).bytes : undefined;
  const decoded = transcriptBytes === undefined ? undefined : decodeText(transcriptBytes);
  if (decoded?.ok === true && decoded.unknownEncoding === true) {
    problems.push(problem('encoding-unknown', record.transcriptPath, 1, 1, 'error', decoded.notice ?? 'unknown encoding'));
  }

  if (record.sidecar.status !== 'ok') return problems;
  const { data, codePositions, source } = record.sidecar;
  const at = (code: CodeEntry, [kind, message]: [ProblemKind, string]): void => {
    const position = codePositions.get(code.id) ?? { line: 1, column: 1 };
    problems.push(problem(kind, record.sidecarPath, position.line, position.column, 'error', message, code.id));
  };

  const expected = record.transcriptPath.slice(record.transcriptPath.lastIndexOf('/') + 1);
  if (data.transcript !== expected) {
    const line = source.text.split('\n').findIndex((text) => /^transcript\s*:/u.test(text)) + 1;
    problems.push(
      problem(
        'transcript-field',
        record.sidecarPath,
        Math.max(1, line),
        1,
        'error',
        `\`transcript: ${data.transcript}\` names another file than the transcript beside this sidecar (${expected}); the codes are placed on ${expected}`,
      ),
    );
  }
  problems.push(...conflictProblems(data, source.text, record.sidecarPath));

  const bodies = record.transcript?.bodies;
  if (bodies === undefined) return problems;
  const misplaced = data.codes.filter((code) => !onQuote(bodies, code));
  const results = new Map(reanchor(bodies, misplaced).map((result) => [result.id, result]));
  for (const code of misplaced) {
    if (code.quote === '' && code.lines[1] <= bodies.length) {
      // Without a quote nothing says where the code belongs: re-anchoring leaves it where it is.
      const position = codePositions.get(code.id) ?? { line: 1, column: 1 };
      problems.push(
        problem(
          'quote-missing',
          record.sidecarPath,
          position.line,
          position.column,
          'warning',
          `the code has no quote, so whether lines ${formatRange(code.lines)} of ${record.transcriptPath} still hold its text cannot be checked; ` +
            'they now hold other text than when it was coded: check it, and re-code it to give it a quote',
          code.id,
        ),
      );
      continue;
    }
    at(code, misplacedMessage(code, results.get(code.id), record.transcriptPath, bodies.length));
  }
  return problems;
}

function onQuote(bodies: readonly string[], code: CodeEntry): boolean {
  return sitsOnQuote(bodies, code);
}

/** What kind of misplacement re-anchoring found, and the message for it. */
function misplacedMessage(code: CodeEntry, result: AnchorResult | undefined, transcriptPath: string, lineCount: number): [ProblemKind, string] {
  const lines = formatRange(code.lines);
  if (code.lines[1] > lineCount) {
    const found = result !== undefined && result.status !== 'orphan' ? `; its quote is at lines ${formatRange(result.lines)}` : '';
    return [anchorKind(result), `lines ${lines} are outside ${transcriptPath}, which has ${lineCount} lines${found}: run \`transcript-coder reanchor --write\`, or re-code it`];
  }
  const quote = JSON.stringify(code.quote.length > 80 ? `${code.quote.slice(0, 77)}...` : code.quote);
  switch (result?.status) {
    case 'moved':
      return ['code-moved', `the quote ${quote} is not at lines ${lines} of ${transcriptPath} but at lines ${formatRange(result.lines)}: run \`transcript-coder reanchor --write\``];
    case 'fuzzy':
      return ['quote-similar', `the quote ${quote} is not at lines ${lines} of ${transcriptPath}; similar text is at lines ${formatRange(result.lines)}: check it, then accept it with \`transcript-coder reanchor --accept-similar --write\``];
    default:
      return ['code-orphaned', `the quote ${quote} is not at lines ${lines} of ${transcriptPath} nor anywhere else in it: the code is an orphan, kept until a person re-codes or removes it`];
  }
}

function anchorKind(result: AnchorResult | undefined): ProblemKind {
  return result?.status === 'moved' ? 'code-moved' : result?.status === 'fuzzy' ? 'quote-similar' : 'code-orphaned';
}

function formatRange(lines: readonly [number, number]): string {
  return lines[0] === lines[1] ? `${lines[0]}` : `${lines[0]}-${lines[1]}`;
}
