/**
 * A study's files are whoever sent the study's: a transcript may be a symbolic link to a
 * key file, a FIFO that blocks the reader, a link loop. The adapters that read files (the
 * CLI's file system reader, the extension's workspace.fs reader) refuse such a file by
 * throwing RefusedFileError from `StudyReader.readFile`; the core turns the refusal into
 * a Problem naming the file, and reads nothing from it.
 */
import { problem, type Problem } from './problem';

export class RefusedFileError extends Error {
  // Named, and recognised by name (isNamed): the extension's lazy bundles each hold a copy of this class.
  override readonly name = 'RefusedFileError';
  constructor(
    /** Study-relative path of the file as the study names it (the link, not its target). */
    readonly path: string,
    /** Why, in words for the user: "a symbolic link to a file outside the study (/home/…)". */
    readonly reason: string,
  ) {
    super(`${path} is ${reason}; Transcript Coder reads nothing from it and writes nothing to it`);
  }
}

/**
 * A file its file system could not give, even when asked a second time: a network error
 * or a rate limit of a remote file system (github.dev, a remote over SSH). Never taken
 * for an empty or missing file, so nothing is written over it on that belief.
 */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(
    /** Study-relative path of the file. */
    readonly path: string,
    /** What the file system said, for the user. */
    readonly reason: string,
  ) {
    super(`${path} could not be read, twice (${reason}); nothing was taken from it and nothing is written over it until it can be read`);
  }
}

export type ReadOutcome = { bytes: Uint8Array | undefined; refused?: undefined } | { bytes: undefined; refused: Problem };

/** The file's bytes (undefined when it does not exist), or the refusal as an error Problem on the file. */
export async function readOrRefuse(readFile: (path: string) => Promise<Uint8Array | undefined>, path: string): Promise<ReadOutcome> {
  try {
    return { bytes: await readFile(path) };
  } catch (error) {
    if (isNamed(error, 'RefusedFileError')) return { bytes: undefined, refused: problem('refused-file', path, 1, 1, 'error', error.message) };
    if (isNamed(error, 'UnreadableFileError')) return { bytes: undefined, refused: problem('file-unreadable', path, 1, 1, 'error', error.message) };
    throw error;
  }
}

/**
 * Whether `error` is one of these classes, by name: the extension's bundles (dist/*.js)
 * each carry their own copy of the core, so an error thrown by one copy's class is not
 * an `instanceof` the other's.
 */
function isNamed(error: unknown, name: 'RefusedFileError' | 'UnreadableFileError'): error is Error {
  return error instanceof Error && error.name === name;
}
