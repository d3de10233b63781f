import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadStudy, type LoadStudyOptions, type Study } from '../core/study/study';
import { createFsStudyReader } from '../node/fs-study-reader';
import { realStudyRoot } from '../node/study-file';
import { UsageError, type CliContext } from './context';

export async function studyFolder(dir: string, context: CliContext): Promise<string> {
  const root = resolve(context.cwd, dir);
  const info = await stat(root).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new UsageError(`${dir} is not a folder`);
  // A study folder that is itself a link is the folder it names: nothing outside that is read (issue 19).
  return realStudyRoot(root);
}

export async function loadStudyFolder(
  dir: string,
  options: LoadStudyOptions,
  context: CliContext,
): Promise<{ root: string; study: Study }> {
  const root = await studyFolder(dir, context);
  return { root, study: await loadStudy(createFsStudyReader(root), options) };
}
