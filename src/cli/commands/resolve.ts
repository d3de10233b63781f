/**
 * `transcript-coder resolve FILE [--take ours|theirs]`: finishes what a merge left in a
 * sidecar (issue 8, docs/merging.md).
 * - Git conflict markers (a merge without the driver): the marked regions are split
 *   into ours and theirs (and the base, from diff3 sections) and merged by code id, as
 *   the driver would have; what still conflicts is recorded in the file.
 * - Recorded conflicts (`conflict:` keys): `--take ours` or `--take theirs` decides all
 *   of them; without --take they are listed.
 * Exit 0 when the file is left without conflicts, 1 when conflicts remain or the file
 * cannot be merged (it is then not written), 2 on a wrong command line.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeText } from '../../core/transcript';
import { describeConflict, recordedConflicts, resolveConflictMarkers, takeSide, type Side } from '../../core/merge';
import { writeFileAtomic } from '../../node/atomic-write';
import { isMissing } from '../../node/fs-study-reader';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';

export async function runResolve(file: string | undefined, take: string | undefined, context: CliContext): Promise<number> {
  if (file === undefined) throw new UsageError('resolve needs the sidecar to resolve: resolve FILE [--take ours|theirs]');
  if (take !== undefined && take !== 'ours' && take !== 'theirs') throw new UsageError(`--take is ours or theirs, not "${take}"`);
  const side = take as Side | undefined;
  const path = resolve(context.cwd, file);
  const say = (text: string) => context.stdout(`${file}: ${text}\n`);

  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isMissing(error)) throw new UsageError(`${file} does not exist`);
    throw error;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    context.stderr(`${file}: ${decoded.message}\n`);
    return EXIT_PROBLEMS;
  }
  // Keep a CRLF file CRLF: the sidecar writer follows the line ending it reads.
  let text = decoded.lineEnding === 'crlf' ? decoded.text.replace(/\n/gu, '\r\n') : decoded.text;

  const markers = resolveConflictMarkers(text, file);
  if (markers.status === 'malformed') {
    context.stderr(`${file}:${markers.line}: ${markers.message}; fix the markers by hand\n`);
    return EXIT_PROBLEMS;
  }
  if (markers.status === 'failed') {
    context.stderr(`${file}: ${markers.message ?? 'cannot merge the conflict markers'}; the file was not changed\n`);
    return EXIT_PROBLEMS;
  }
  if (markers.status !== 'no-markers') {
    text = markers.text;
    const base = markers.withBase ? 'with the base from the diff3 sections' : 'without a base (no diff3 sections), so no code was deleted';
    say(`merged ${markers.regions} conflict region(s) by code id, ${base}`);
    if (markers.message !== undefined) say(markers.message);
  }

  if (side !== undefined) {
    const taken = takeSide(text, file, side);
    if (taken.status === 'failed') {
      context.stderr(`${file}: ${taken.message}; the file was not changed\n`);
      return EXIT_PROBLEMS;
    }
    text = taken.text;
    for (const conflict of taken.resolved) say(`took ${side}: ${describeConflict(conflict)}`);
  }

  if (markers.status !== 'no-markers' || side !== undefined) await writeFileAtomic(path, text);
  const remaining = recordedConflicts(text, file);
  if (remaining.length === 0) {
    say(markers.status === 'no-markers' && side === undefined ? 'no conflicts to resolve' : 'resolved; check it, then `git add` it');
    return EXIT_OK;
  }
  for (const conflict of remaining) say(describeConflict(conflict));
  say(`${remaining.length} conflict(s) need a decision: run \`transcript-coder resolve ${file} --take ours|theirs\`, or edit the \`conflict:\` keys by hand`);
  return EXIT_PROBLEMS;
}
