import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CODEBOOK_PATH } from '../../core/study';
import { codebookYamlFromTemplates, templateIds } from '../../core/codebook';
import { nodeStudyStore } from '../../node/node-study-files';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';

export async function runInit(
  dir: string,
  frameworks: string[],
  force: boolean,
  codebookPath: string | undefined,
  context: CliContext,
): Promise<number> {
  if (frameworks.length === 0) {
    throw new UsageError(`init needs at least one --framework; built-in frameworks: ${templateIds().join(', ')}`);
  }
  const unknown = frameworks.filter((id) => !templateIds().includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown framework ${unknown.join(', ')}; built-in frameworks: ${templateIds().join(', ')}`);
  }
  const root = resolve(context.cwd, dir);
  const studyPath = codebookPath ?? DEFAULT_CODEBOOK_PATH;
  const target = join(root, ...studyPath.split('/'));
  if (!force && (await stat(target).catch(() => undefined)) !== undefined) {
    // The user's codebook is their work: never replace it without being told to.
    context.stderr(`transcript-coder: ${target} already exists; it was left as it is (use --force to replace it)\n`);
    return EXIT_PROBLEMS;
  }
  await mkdir(dirname(target), { recursive: true });
  await nodeStudyStore(root).writeText(studyPath, codebookYamlFromTemplates(frameworks));
  context.stdout(`wrote ${target} with ${frameworks.join(', ')}\n`);
  return EXIT_OK;
}
