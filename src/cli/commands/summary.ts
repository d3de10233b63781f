import { formatSummaryTable, summarize, summaryToJson } from '../../core/study';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { loadStudyFolder, studyWhere } from '../study-folder';

export interface SummaryCommandOptions {
  json: boolean;
  language: string;
  codebookPath: string | undefined;
  coders: string[] | undefined;
  /** `--where KEY=VALUE` / `KEY=FROM..TO`: only transcripts whose case attributes pass. */
  where?: string[] | undefined;
}

export async function runSummary(dir: string, options: SummaryCommandOptions, context: CliContext): Promise<number> {
  // Only codes on their text are counted, and that is read in the transcripts.
  const loadOptions = { transcripts: 'all' as const, ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) };
  const study = studyWhere((await loadStudyFolder(dir, loadOptions, context)).study, options.where, context);
  const summary = summarize(study, { language: options.language, ...(options.coders ? { coders: options.coders } : {}) });
  if (options.json) context.stdout(JSON.stringify(summaryToJson(summary), null, 2) + '\n');
  else context.stdout(formatSummaryTable(summary, study.codebook.codebook, options.language));
  // A broken sidecar does not stop the summary of the others, but it is not a clean run.
  return summary.problems.some((p) => p.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
}
