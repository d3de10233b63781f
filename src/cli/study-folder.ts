import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeAttributeFilters, loadStudy, type LoadStudyOptions, parseAttributeFilters, passesAttributeFilters, type Study } from '../core/study';
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

/**
 * The study with only the transcripts whose case attributes pass `--where KEY=VALUE` /
 * `KEY=FROM..TO` (repeatable; values of one key add up, every key must pass). What is
 * kept out is said on stderr, so a filtered count is never read as the study's.
 */
export function studyWhere(study: Study, where: readonly string[] | undefined, context: CliContext): Study {
  if (where === undefined || where.length === 0) return study;
  let filters;
  try {
    filters = parseAttributeFilters(where);
  } catch (error) {
    throw new UsageError(`--where: ${(error as Error).message}`);
  }
  const records = study.records.filter((record) => passesAttributeFilters(record, filters));
  context.stderr(`only ${records.length} of ${study.records.length} transcript(s), where ${describeAttributeFilters(filters)}\n`);
  return { ...study, records };
}
