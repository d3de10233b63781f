import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describeRelink, planStudyRelinks } from '../../core/follow';
import { loadStudy } from '../../core/study';
import { createFsStudyReader } from '../../node/fs-study-reader';
import { nodeStudyStore } from '../../node/node-study-files';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { studyFolder } from '../study-folder';

/** `relink [dir] [--write]`: sidecars whose transcript is gone, matched to the transcript holding their quotes. */
export async function runRelink(dir: string, write: boolean, codebookPath: string | undefined, context: CliContext): Promise<number> {
  const root = await studyFolder(dir, context);
  const reader = createFsStudyReader(root);
  const study = await loadStudy(reader, { transcripts: 'when-needed', ...(codebookPath ? { codebookPath } : {}) });
  const plans = await planStudyRelinks(reader, study);
  const onDisk = (path: string) => join(root, ...path.split('/'));
  const store = nodeStudyStore(root);
  let matched = 0;
  let unresolved = 0;
  let written = 0;
  for (const plan of plans) {
    if ('broken' in plan) {
      unresolved++;
      context.stdout(`${plan.sidecarPath}: ${plan.broken}\n`);
      continue;
    }
    context.stdout(`${describeRelink(plan.sidecarPath, plan.match)}\n`);
    if (plan.match.kind !== 'match' || plan.newText === undefined) {
      unresolved++;
      continue;
    }
    matched++;
    if (!write) continue;
    const target = onDisk(plan.match.newSidecarPath);
    if ((await stat(target).catch(() => undefined)) !== undefined) {
      // Appeared since the plan: never overwrite someone's codes.
      unresolved++;
      context.stdout(`${plan.match.newSidecarPath} already exists: ${plan.sidecarPath} not moved\n`);
      continue;
    }
    // The new sidecar is complete on disk before the old one goes: a crash leaves two copies, never none.
    await store.writeText(plan.match.newSidecarPath, plan.newText);
    await unlink(onDisk(plan.sidecarPath));
    written++;
  }
  const action = write ? `${written} sidecars moved` : matched > 0 ? 'nothing moved (add --write to move them)' : 'nothing to move';
  context.stderr(`${plans.length} sidecars without their transcript: ${matched} matched, ${unresolved} need a person; ${action}\n`);
  return unresolved > 0 || (!write && matched > 0) ? EXIT_PROBLEMS : EXIT_OK;
}
