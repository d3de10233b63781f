import { join } from 'node:path';
import { formatLines } from '../../core/validate';
import { reanchorRecord } from '../../core/reanchor-study';
import { writeFileAtomic } from '../../node/atomic-write';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export async function runReanchor(dir: string, write: boolean, codebookPath: string | undefined, context: CliContext): Promise<number> {
  const { root, study } = await loadStudyFolder(dir, { transcripts: 'all', ...(codebookPath ? { codebookPath } : {}) }, context);
  let moved = 0;
  let unresolved = 0;
  let written = 0;
  for (const record of study.records) {
    if (record.sidecar.status !== 'ok') {
      context.stdout(`${record.sidecarPath}: skipped, the sidecar is broken (${record.sidecar.reason}); run \`transcript-coder validate\`\n`);
      unresolved++;
      continue;
    }
    const outcome = reanchorRecord(record);
    for (const move of outcome.moves) {
      const from = formatLines(move.from);
      const to = formatLines(move.result.lines);
      const where = `${record.sidecarPath}: code ${move.id}`;
      if (move.result.status === 'moved') {
        moved++;
        context.stdout(`${where}: lines ${from} -> ${to}\n`);
      } else if (move.result.status === 'fuzzy') {
        unresolved++;
        const score = Math.round((move.result.score ?? 0) * 100);
        context.stdout(`${where}: lines ${from} -> ${to}? similar text (${score}%), not written: check it and fix the lines by hand\n`);
      } else {
        unresolved++;
        context.stdout(`${where}: orphan at lines ${from}${move.result.reason ? ` (${move.result.reason})` : ''}; kept as it is\n`);
      }
    }
    if (write && outcome.newText !== undefined) {
      const result = await writeFileAtomic(join(root, ...record.sidecarPath.split('/')), outcome.newText, { within: root });
      if (result === 'written') written++;
    }
  }
  const action = write ? `${written} sidecars written` : moved > 0 ? 'nothing written (add --write to save the moves)' : 'nothing to write';
  context.stderr(`${moved} codes moved, ${unresolved} need a person: ${action}\n`);
  return unresolved > 0 || (!write && moved > 0) ? EXIT_PROBLEMS : EXIT_OK;
}
