/**
 * `transcript-coder git-setup [dir] [--cli-path PATH]`: routes the repository's
 * sidecars to the merge driver (issue 8). Safe to run again: it changes only what is
 * missing or different, and says so.
 */
import { resolve } from 'node:path';
import { GitError } from '../../node/git';
import { runningCliScript, setUpMergeDriver } from '../../node/git-setup';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';
import { studyFolder } from '../study-folder';

export async function runGitSetup(dir: string, cliPath: string | undefined, context: CliContext): Promise<number> {
  const folder = await studyFolder(dir, context);
  const script = cliPath === undefined ? runningCliScript() : resolve(context.cwd, cliPath);
  if (script === undefined) {
    throw new UsageError('cannot tell which CLI script is running; pass --cli-path with the path of dist/cli.js');
  }
  try {
    const { root, command, changes } = await setUpMergeDriver({ dir: folder, nodePath: process.execPath, cliPath: script });
    if (changes.length === 0) {
      context.stdout(`${root}: already set up; sidecars merge with: ${command}\n`);
    } else {
      for (const change of changes) context.stdout(`${change}\n`);
      context.stdout(
        `${root}: sidecars (*.codes.yaml) now merge by code id. Commit .gitattributes so that everyone's clones ` +
          'use the driver; git config is not committed, so each coder runs `transcript-coder git-setup` once in their clone ' +
          '(and again after moving or upgrading Transcript Coder).\n',
      );
    }
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    context.stderr(`transcript-coder: ${error.message}\n`);
    return EXIT_PROBLEMS;
  }
}
