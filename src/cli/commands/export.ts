import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { EXPORT_FORMATS, exportFormat } from '../../core/export-formats';
import { compareProblems, formatProblem } from '../../core/problems';
import { writeFileAtomic } from '../../node/atomic-write';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export interface ExportOptions {
  format: string | undefined;
  output: string | undefined;
  language: string;
  codebookPath: string | undefined;
}

export function exportFormatsHelp(): string {
  return EXPORT_FORMATS.map((format) => `${format.id} (${format.description})`).join(', ');
}

/** `export [dir] --format ID -o FILE`: the study in one of the registered formats. */
export async function runExport(dir: string, options: ExportOptions, context: CliContext): Promise<number> {
  if (options.format === undefined) throw new UsageError(`export needs --format: ${exportFormatsHelp()}`);
  const format = exportFormat(options.format);
  if (format === undefined) throw new UsageError(`unknown export format "${options.format}"; formats: ${exportFormatsHelp()}`);
  const { root, study } = await loadStudyFolder(dir, { transcripts: 'all', ...(options.codebookPath ? { codebookPath: options.codebookPath } : {}) }, context);
  const name = basename(root);
  const output = resolve(context.cwd, options.output ?? `${name}.${format.extension}`);
  const { bytes, problems } = format.render({ study, name, language: options.language });
  for (const found of [...problems].sort(compareProblems)) context.stderr(`${formatProblem(found)}\n`);
  if (bytes === undefined) {
    context.stderr(`transcript-coder: nothing exported to ${output}\n`);
    return EXIT_PROBLEMS;
  }
  await mkdir(dirname(output), { recursive: true });
  await writeFileAtomic(output, bytes);
  const leftOut = problems.filter((found) => found.severity === 'error').length;
  context.stdout(`wrote ${output} (${format.id})${leftOut > 0 ? `; ${leftOut} file(s) left out, see above` : ''}\n`);
  return leftOut > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
