import { join, relative, sep } from 'node:path';
import { formatProblem, type Problem } from '../../core/problems';
import { validateStudy } from '../../core/study';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export async function runValidate(dir: string, codebookPath: string | undefined, context: CliContext): Promise<number> {
  const { root, study } = await loadStudyFolder(dir, { transcripts: 'all', ...(codebookPath ? { codebookPath } : {}) }, context);
  const problems = validateStudy(study);
  for (const found of problems) context.stdout(formatProblem(fromCwd(found, root, context.cwd)) + '\n');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const codes = study.records.reduce((n, r) => n + (r.sidecar.status === 'ok' ? r.sidecar.data.codes.length : 0), 0);
  context.stderr(
    `${study.records.length} sidecars, ${codes} codes checked: ${errors} errors, ${problems.length - errors} warnings\n`,
  );
  return errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** Problem paths as the user can click them in a terminal: relative to where they ran the command. */
export function fromCwd(found: Problem, root: string, cwd: string): Problem {
  const path = relative(cwd, join(root, ...found.file.split('/'))).split(sep).join('/');
  return { ...found, file: path === '' ? found.file : path };
}
