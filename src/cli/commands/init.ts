import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CODEBOOK_PATH } from '../../core/study/study';
import { codebookYamlFromTemplates, templateIds } from '../../core/codebook/templates';
import { writeFileAtomic } from '../../node/atomic-write';
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
  const target = join(root, ...(codebookPath ?? DEFAULT_CODEBOOK_PATH).split('/'));
  if (!force && (await stat(target).catch(() => undefined)) !== undefined) {
    // The user's codebook is their work: never replace it without being told to.
    context.stderr(`transcript-coder: ${target} already exists; it was left as it is (use --force to replace it)\n`);
    return EXIT_PROBLEMS;
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFileAtomic(target, codebookYamlFromTemplates(frameworks), { within: root });
  context.stdout(`wrote ${target} with ${frameworks.join(', ')}\n`);
  return EXIT_OK;
}
