/**
 * An import never replaces a file the user has: the writers (src/node/import-writer.ts on
 * the local disk, src/extension/imports-in-workspace.ts through `workspace.fs`) refuse a
 * target that holds files the import would write, with this error naming them.
 */

/** One file an import writes. */
export interface FileToWrite {
  /** Relative, '/'-separated. */
  path: string;
  content: string | Uint8Array;
}

/** The target already holds files the import would write (or, for a new study, any file). */
export class TargetNotFreeError extends Error {
  constructor(
    readonly target: string,
    readonly existing: readonly string[],
    message: string,
  ) {
    super(message);
  }
}
