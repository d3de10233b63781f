import { formatLines } from '../../core/study';
import { reanchorRecord } from '../../core/follow';
import { nodeStudyStore } from '../../node/node-study-files';
import { EXIT_OK, EXIT_PROBLEMS, type CliContext } from '../context';
import { loadStudyFolder } from '../study-folder';

export interface ReanchorFlags {
  write: boolean;
  /** Write similar text found at a code's place too (one-step accept), taking the text as its quote. */
  acceptSimilar: boolean;
}

export async function runReanchor(dir: string, flags: ReanchorFlags, codebookPath: string | undefined, context: CliContext): Promise<number> {
  const { write, acceptSimilar } = flags;
  const { root, study } = await loadStudyFolder(dir, { transcripts: 'all', ...(codebookPath ? { codebookPath } : {}) }, context);
  let moved = 0;
  let accepted = 0;
  let unresolved = 0;
  let written = 0;
  const store = nodeStudyStore(root);
  for (const record of study.records) {
    if (record.sidecar.status !== 'ok') {
      context.stdout(`${record.sidecarPath}: skipped, the sidecar is broken (${record.sidecar.reason}); run \`transcript-coder validate\`\n`);
      unresolved++;
      continue;
    }
    const outcome = reanchorRecord(record, { acceptSimilar });
    for (const move of outcome.moves) {
      const from = formatLines(move.from);
      const to = formatLines(move.result.lines);
      const where = `${record.sidecarPath}: code ${move.id}`;
      if (move.result.status === 'moved') {
        moved++;
        context.stdout(`${where}: lines ${from} -> ${to}\n`);
      } else if (move.result.status === 'fuzzy') {
        const score = Math.round((move.result.score ?? 0) * 100);
        if (acceptSimilar) {
          accepted++;
          context.stdout(`${where}: lines ${from} -> ${to}, similar text (${score}%) accepted as its quote\n`);
        } else {
          unresolved++;
          context.stdout(`${where}: lines ${from} -> ${to}? similar text (${score}%), not written: check it, then accept it with --accept-similar or in the editor\n`);
        }
      } else {
        unresolved++;
        context.stdout(`${where}: orphan at lines ${from}${move.result.reason ? ` (${move.result.reason})` : ''}; kept as it is\n`);
      }
    }
    if (write && outcome.newText !== undefined) {
      const result = await store.writeText(record.sidecarPath, outcome.newText);
      if (result === 'written') written++;
    }
  }
  const changed = moved + accepted;
  const action = write ? `${written} sidecars written` : changed > 0 ? 'nothing written (add --write to save them)' : 'nothing to write';
  const acceptedNote = acceptSimilar ? `, ${accepted} accepted on similar text` : '';
  context.stderr(`${moved} codes moved${acceptedNote}, ${unresolved} need a person: ${action}\n`);
  return unresolved > 0 || (!write && changed > 0) ? EXIT_PROBLEMS : EXIT_OK;
}
