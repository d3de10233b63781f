/**
 * `transcript-coder merge-driver %O %A %B %P`: the git merge driver for sidecars
 * (issue 8, docs/merging.md). git gives three temporary files — the common ancestor,
 * ours (where the result goes) and theirs — and the path being merged.
 *
 * Exit codes, which git reads as "merged" (0) or "conflicted" (anything else):
 * - 0: merged cleanly; the result is in %A and git goes on.
 * - 1: merged, with conflicts recorded in the file (`conflict:` keys). The file parses
 *   and holds every code, but a person must decide: a non-zero exit makes git stop the
 *   merge and list the file as conflicted instead of committing an undecided result.
 * - 4: could not merge (a side does not parse, or a record cannot be nested); %A is
 *   left as ours, and git marks the file conflicted. Theirs is at `git show :3:PATH`.
 * - 2: the command line was wrong.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeText } from '../../core/transcript';
import { describeConflict, mergeSidecars } from '../../core/merge';
import { writeFileAtomic } from '../../node/atomic-write';
import { isMissing } from '../../node/fs-study-reader';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';

const EXIT_MERGE_FAILED = 4;

export async function runMergeDriver(args: readonly string[], context: CliContext): Promise<number> {
  if (args.length < 3 || args.length > 4) {
    throw new UsageError('merge-driver takes the files git gives it: merge-driver %O %A %B %P');
  }
  const [basePath, oursPath, theirsPath] = args.slice(0, 3).map((path) => resolve(context.cwd, path)) as [string, string, string];
  const name = args[3] ?? args[1] ?? '';
  const say = (text: string) => context.stderr(`transcript-coder: ${name}: ${text}\n`);

  const base = await readText(basePath, true);
  const ours = await readText(oursPath, false);
  const theirs = await readText(theirsPath, false);
  for (const [side, read] of [['base', base], ['ours', ours], ['theirs', theirs]] as const) {
    if ('failure' in read) {
      say(`cannot merge: ${side} ${read.failure}; left as ours for you to merge by hand (theirs: git show :3:${name})`);
      return EXIT_MERGE_FAILED;
    }
  }
  const text = (read: { text?: string } | { failure: string }) => ('text' in read ? read.text : undefined);
  const merged = mergeSidecars(text(base), text(ours) ?? '', text(theirs) ?? '', name);
  if (merged.status === 'failed') {
    say(`cannot merge: ${(merged.message ?? 'unknown reason').replace(/\.$/u, '')}. Left as ours; theirs is at \`git show :3:${name}\`. Merge by hand, then \`git add ${name}\`.`);
    return EXIT_MERGE_FAILED;
  }
  await writeFileAtomic(oursPath, merged.text);
  if (merged.message !== undefined) say(merged.message);
  if (merged.status === 'clean') {
    say('merged by code id, no conflicts');
    return EXIT_OK;
  }
  say(`merged by code id with ${merged.conflicts.length} conflict(s) recorded in the file (it still reads as a sidecar):`);
  for (const conflict of merged.conflicts) context.stderr(`  ${describeConflict(conflict)}\n`);
  context.stderr(`  decide with \`transcript-coder resolve ${name} --take ours|theirs\` or edit the \`conflict:\` keys, then \`git add ${name}\`\n`);
  return EXIT_PROBLEMS;
}

/** A side's text; the base may be absent (no common ancestor), the others must be there. */
async function readText(path: string, mayBeMissing: boolean): Promise<{ text?: string } | { failure: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (mayBeMissing && isMissing(error)) return {};
    return { failure: `cannot be read: ${(error as Error).message}` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { failure: `cannot be read: ${decoded.message}` };
  // Keep a CRLF file CRLF: the sidecar writer follows the line ending of ours.
  return { text: decoded.lineEnding === 'crlf' ? decoded.text.replace(/\n/gu, '\r\n') : decoded.text };
}
