import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { EXPORT_FORMATS, exportFormat, renderExport } from '../../core/exports';
import { loadMemos } from '../../core/study';
import { compareProblems, formatProblem } from '../../core/problems';
import { writeFileAtomic } from '../../node/atomic-write';
import { createFsStudyReader } from '../../node/fs-study-reader';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { loadStudyFolder, studyWhere } from '../study-folder';

export interface ExportOptions {
  format: string | undefined;
  /** `code-points` (REFI-QDA's unit, the default) or `utf16` (NVivo on Windows). */
  positions?: string | undefined;
  output: string | undefined;
  language: string;
  codebookPath: string | undefined;
  /** `--where KEY=VALUE` / `KEY=FROM..TO`: only transcripts whose case attributes pass. */
  where?: string[] | undefined;
}

export function exportFormatsHelp(): string {
  return EXPORT_FORMATS.map((format) => `${format.id} (${format.description})`).join(', ');
}

/** `export [dir] --format ID -o FILE`: the study in one of the registered formats. */
export async function runExport(dir: string, options: ExportOptions, context: CliContext): Promise<number> {
  if (options.format === undefined) throw new UsageError(`export needs --format: ${exportFormatsHelp()}`);
  const format = exportFormat(options.format);
  if (format === undefined) throw new UsageError(`unknown export format "${options.format}"; formats: ${exportFormatsHelp()}`);
  const positions = options.positions ?? 'code-points';
  if (positions !== 'code-points' && positions !== 'utf16') throw new UsageError(`unknown --positions "${positions}"; use code-points (REFI-QDA) or utf16 (NVivo on Windows)`);
  if (options.positions !== undefined && format.id !== 'qdpx') throw new UsageError('--positions applies to --format qdpx only');
  const loaded = await loadStudyFolder(dir, { transcripts: 'all', ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) }, context);
  const { root } = loaded;
  const study = studyWhere(loaded.study, options.where, context);
  const name = basename(root);
  const output = resolve(context.cwd, options.output ?? `${name}.${format.extension}`);
  const memos = await loadMemos(createFsStudyReader(root));
  const { bytes, problems } = await renderExport(format, { study, name, language: options.language, positions, memos, exportedOn: localDate(new Date()) });
  for (const found of [...problems].sort(compareProblems)) context.stderr(`${formatProblem(found)}\n`);
  if (bytes === undefined) {
    context.stderr(`transcript-coder: nothing exported to ${output}\n`);
    return EXIT_PROBLEMS;
  }
  await mkdir(dirname(output), { recursive: true });
  await writeFileAtomic(output, bytes);
  const leftOut = problems.filter((found) => found.severity === 'error').length;
  context.stdout(`wrote ${output} (${format.id})${leftOut > 0 ? `; ${leftOut} left out (unreadable sidecars, codes not on their text), see above` : ''}\n`);
  return leftOut > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** The user's calendar day, `YYYY-MM-DD`: an export made at 06:00 in Jakarta is dated that day, not the UTC one. */
function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
