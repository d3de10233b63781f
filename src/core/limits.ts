/**
 * The bounds on what Transcript Coder reads, in one place so that the CLI, the extension,
 * SECURITY.md and the tests agree. Each is far above what a real study needs and far
 * below what would freeze the editor or exhaust memory: input past a bound is refused
 * with a message naming the limit, never read in part.
 */
import { lineNestingPast } from './codebook/yaml-reading';
import { DEFAULT_MAX_BYTES } from './encoding';

/** Any file read as text (transcripts, sidecars, codebook): larger is refused by decodeText. */
export const MAX_TEXT_FILE_BYTES = DEFAULT_MAX_BYTES;

/**
 * A YAML file the user keeps (sidecar, codebook, memos). A sidecar of 2,000 codes is
 * about 400 KB; at the `yaml` library's 2–3 MB/s, 16 MiB already takes seconds to parse.
 */
export const MAX_YAML_CHARS = 16 * 1024 * 1024;

/** A transcript's YAML front matter: a few attributes, never a document of its own. */
export const MAX_FRONT_MATTER_CHARS = 256 * 1024;

/**
 * How deep YAML may nest. A sidecar nests five levels (codes → code → conflict record →
 * theirs → lines); the `yaml` library recurses per level and runs out of stack at a few
 * hundred, after which V8 has been seen to fail on the next parse too.
 */
export const MAX_YAML_NESTING = 64;

/**
 * Why `text` is refused before it reaches the YAML parser, with the 1-based line to look
 * at, or undefined when it is within bounds. `what` names the file in the message: "a sidecar".
 */
export function yamlBoundsProblem(
  text: string,
  what: string,
  limits: { maxChars?: number; maxNesting?: number } = {},
): { line: number; message: string } | undefined {
  const maxChars = limits.maxChars ?? MAX_YAML_CHARS;
  const maxNesting = limits.maxNesting ?? MAX_YAML_NESTING;
  if (text.length > maxChars) {
    return {
      line: 1,
      message: `${what} of ${formatChars(text.length)} is larger than the ${formatChars(maxChars)} allowed; it is not read, so nothing in it is changed`,
    };
  }
  const line = lineNestingPast(text, maxNesting);
  if (line !== undefined) {
    return {
      line,
      message:
        `${what} nests more than ${maxNesting} levels deep here, where it needs fewer than 10; ` +
        'check the indentation and the brackets. It is not read, so nothing in it is changed',
    };
  }
  return undefined;
}

export function formatChars(count: number): string {
  const mib = count / (1024 * 1024);
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  const kib = count / 1024;
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`;
  return `${count} characters`;
}
