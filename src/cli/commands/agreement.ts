/**
 * `transcript-coder agreement [dir] --coders A,B[,C...] [--json] [--polarity]`:
 * inter-coder agreement on line units (issue 8, DESIGN §6), from the study as it is on
 * disk.
 *
 * Units and what counts are decided in core/agreement/study-input.ts, shared with the
 * extension; a sidecar left out makes the exit code 1, because the figures then leave
 * out work that exists.
 */
import { agreementInput, computeAgreement, formatAgreementTable, type CodedTranscriptForAgreement } from '../../core/agreement';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export interface AgreementCommandOptions {
  coders: string | undefined;
  json: boolean;
  byPolarity: boolean;
  codebookPath: string | undefined;
}

export async function runAgreement(dir: string, options: AgreementCommandOptions, context: CliContext): Promise<number> {
  const coders = (options.coders ?? '').split(',').map((coder) => coder.trim()).filter((coder) => coder !== '');
  if (coders.length < 2) throw new UsageError('agreement needs at least two coders: --coders A,B[,C...]');
  if (new Set(coders).size !== coders.length) throw new UsageError(`a coder is named twice in --coders ${options.coders ?? ''}`);

  const loadOptions = { transcripts: 'all' as const, ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) };
  const { study } = await loadStudyFolder(dir, loadOptions, context);
  const transcripts: CodedTranscriptForAgreement[] = [];
  const skipped: string[] = [];
  for (const record of study.records) {
    const input = agreementInput(record);
    if (typeof input === 'string') skipped.push(input);
    else transcripts.push(input);
  }

  const report = computeAgreement(transcripts, coders, { byPolarity: options.byPolarity });
  report.notes.push(...skipped);
  if (options.json) context.stdout(JSON.stringify(report, null, 2) + '\n');
  else context.stdout(formatAgreementTable(report));
  return skipped.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
