/**
 * `transcript-coder check-integrity [dir]`: whether every sidecar still agrees with its
 * transcript (src/core/study/integrity.ts). Prints each inconsistency as `path:line:col:` and
 * exits 1 when there is any, 0 when every file agrees; warnings (a leftover temporary
 * file) are printed but do not fail the check.
 */
import { checkIntegrity } from '../../core/study';
import { formatProblem } from '../../core/problems';
import { createFsStudyReader } from '../../node/fs-study-reader';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { studyFolder } from '../study-folder';
import { fromCwd } from './validate';

export async function runCheckIntegrity(dir: string, context: CliContext): Promise<number> {
  const root = await studyFolder(dir, context);
  const report = await checkIntegrity(createFsStudyReader(root));
  for (const found of report.problems) context.stdout(formatProblem(fromCwd(found, root, context.cwd)) + '\n');
  const errors = report.problems.filter((found) => found.severity === 'error').length;
  const warnings = report.problems.length - errors;
  context.stderr(
    `${report.sidecars} sidecars, ${report.codes} codes checked against their transcripts (${report.codesInPlace} on their quote): ` +
      `${errors === 0 ? 'consistent' : `${errors} inconsistencies`}${warnings > 0 ? `, ${warnings} warnings` : ''}\n`,
  );
  return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
