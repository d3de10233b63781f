/**
 * Web twin of merge-driver.ts: a browser can neither run git nor the CLI, so the merge
 * driver is set up from a desktop clone (README, "Code in your browser"); the command is
 * hidden in the web build (`transcriptCoder.runsPrograms`, desktop/host.ts).
 */
import type { MergeDriverPort } from './ports';

export const mergeDriver: MergeDriverPort | undefined = undefined;
