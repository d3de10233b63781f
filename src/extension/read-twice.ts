/**
 * A remote file system (github.dev, vscode.dev, a remote over SSH) can fail a read for a
 * moment: a network error, a rate limit (issue 15). Such a read is asked once more after
 * a short wait; if it fails again, the file is named as unreadable (UnreadableFileError,
 * a Problem on the file) and never taken for an empty or missing one, so nothing is
 * written over it on that belief. Failures that are the file system's answer (no such
 * file, a folder, no permission, a file refused for safety) are not asked again.
 */
import { UnreadableFileError } from '../core/problems';

const WAIT_BEFORE_SECOND_TRY_MS = 400;

export async function readTwice<T>(read: () => Promise<T>, name: string, isAnswer: (error: unknown) => boolean, waitMs = WAIT_BEFORE_SECOND_TRY_MS): Promise<T> {
  try {
    return await read();
  } catch (first) {
    if (isAnswer(first) || first instanceof UnreadableFileError) throw first;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    try {
      return await read();
    } catch (second) {
      if (isAnswer(second)) throw second;
      throw new UnreadableFileError(name, second instanceof Error ? second.message : String(second));
    }
  }
}
