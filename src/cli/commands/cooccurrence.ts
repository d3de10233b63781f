/**
 * `transcript-coder cooccurrence [dir] [--by agency] [--level dimension|indicator|factor] [--json] [--lang en|id]`:
 * which dimensions (indicators, factors) are coded on the same lines, for the study or
 * per agency (issue 18). Counts and what they leave out come from core/report's
 * buildCooccurrenceReport, shared with the findings report; what is left out is named on
 * stderr and makes the exit code 1.
 */
import { COOCCURRENCE_LEVELS, type CooccurrenceLevel, cooccurrenceToJson, formatCooccurrenceTable } from '../../core/cooccurrence';
import { formatProblem } from '../../core/problems';
import { buildCooccurrenceReport } from '../../core/report';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { loadStudyFolder, studyWhere } from '../study-folder';

export interface CooccurrenceCommandOptions {
  by: string | undefined;
  level: string | undefined;
  json: boolean;
  language: string;
  codebookPath: string | undefined;
  /** `--where KEY=VALUE` / `KEY=FROM..TO`: only transcripts whose case attributes pass. */
  where?: string[] | undefined;
}

export async function runCooccurrence(dir: string, options: CooccurrenceCommandOptions, context: CliContext): Promise<number> {
  if (options.by !== undefined && options.by !== 'agency') throw new UsageError(`cooccurrence --by takes "agency", got "${options.by}"`);
  const level = (options.level ?? 'dimension') as CooccurrenceLevel;
  if (!COOCCURRENCE_LEVELS.includes(level)) throw new UsageError(`cooccurrence --level takes ${COOCCURRENCE_LEVELS.join(', ')}, got "${options.level ?? ''}"`);
  // Only codes on their text are counted, and that is read in the transcripts.
  const loadOptions = { transcripts: 'all' as const, ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) };
  const study = studyWhere((await loadStudyFolder(dir, loadOptions, context)).study, options.where, context);
  const { cooccurrence, leftOut, problems } = buildCooccurrenceReport(study, { language: options.language, level });
  const tables = options.by === 'agency' ? [...cooccurrence.agencies, cooccurrence.study] : [cooccurrence.study];
  if (options.json) context.stdout(JSON.stringify(cooccurrenceToJson(cooccurrence, tables, leftOut), null, 2) + '\n');
  else context.stdout(formatCooccurrenceTable(cooccurrence, tables));
  for (const found of problems) context.stderr(`${formatProblem(found)}\n`);
  return problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
