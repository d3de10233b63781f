/**
 * `transcript-coder agreement [dir] --coders A,B[,C...] [--json] [--polarity]
 * [--unit line|character] [--report md|docx --out FILE]`: inter-coder agreement on line
 * units (issue 8, DESIGN §6) and unitized alpha per dimension (issue 16), from the study
 * as it is on disk; optionally the agreement report as a Markdown or Word file.
 *
 * Units and what counts are decided in core/agreement/study-input.ts, shared with the
 * extension; a sidecar left out makes the exit code 1, because the figures then leave
 * out work that exists.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  agreementInput,
  buildAgreementDocument,
  computeAgreement,
  formatAgreementTable,
  renderAgreementDocumentDocx,
  renderAgreementDocumentMarkdown,
  type CodedTranscriptForAgreement,
} from '../../core/agreement';
import { writeFileAtomic } from '../../node/atomic-write';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export interface AgreementCommandOptions {
  coders: string | undefined;
  json: boolean;
  byPolarity: boolean;
  codebookPath: string | undefined;
  /** Unit of length of unitized alpha: `line` (default) or `character`. */
  unit?: string | undefined;
  /** Write the agreement report: `md` or `docx`, to `out`. */
  report?: string | undefined;
  out?: string | undefined;
}

export async function runAgreement(dir: string, options: AgreementCommandOptions, context: CliContext): Promise<number> {
  const coders = (options.coders ?? '').split(',').map((coder) => coder.trim()).filter((coder) => coder !== '');
  if (coders.length < 2) throw new UsageError('agreement needs at least two coders: --coders A,B[,C...]');
  if (new Set(coders).size !== coders.length) throw new UsageError(`a coder is named twice in --coders ${options.coders ?? ''}`);
  const unit = options.unit ?? 'line';
  if (unit !== 'line' && unit !== 'character') throw new UsageError(`--unit is line or character, not "${unit}"`);
  const unitOfLength: 'line' | 'character' = unit;
  if (options.report !== undefined && options.report !== 'md' && options.report !== 'docx') {
    throw new UsageError(`--report is md or docx, not "${options.report}"`);
  }

  const loadOptions = { transcripts: 'all' as const, ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) };
  const { study } = await loadStudyFolder(dir, loadOptions, context);
  const transcripts: CodedTranscriptForAgreement[] = [];
  const skipped: string[] = [];
  for (const record of study.records) {
    const input = agreementInput(record);
    if (typeof input === 'string') skipped.push(input);
    else transcripts.push(input);
  }

  const agreementOptions = { byPolarity: options.byPolarity, unitOfLength };
  if (options.report !== undefined) {
    const document = buildAgreementDocument(transcripts, coders, agreementOptions);
    document.all.notes.push(...skipped);
    const output = resolve(context.cwd, options.out ?? `agreement.${options.report}`);
    const bytes =
      options.report === 'md'
        ? new TextEncoder().encode(renderAgreementDocumentMarkdown(document))
        : await renderAgreementDocumentDocx(document);
    await mkdir(dirname(output), { recursive: true });
    await writeFileAtomic(output, bytes);
    context.stdout(`wrote ${output} (agreement report, ${options.report})\n`);
    for (const note of skipped) context.stderr(`transcript-coder: ${note}\n`);
    return skipped.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  }
  const report = computeAgreement(transcripts, coders, agreementOptions);
  report.notes.push(...skipped);
  if (options.json) context.stdout(JSON.stringify(report, null, 2) + '\n');
  else context.stdout(formatAgreementTable(report));
  return skipped.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
