/**
 * What a CLI command gets: its arguments, where to print, and the folder it runs in.
 * Commands return their exit code instead of calling process.exit, so tests can run
 * them in-process.
 */
export interface CliContext {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes: 0 all good; 1 the study has problems; 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}
