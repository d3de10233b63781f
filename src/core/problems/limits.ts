/**
 * The bounds on what Transcript Coder reads, in one place so that the CLI, the extension,
 * SECURITY.md and the tests agree. Each is far above what a real study needs and far
 * below what would freeze the editor or exhaust memory: input past a bound is refused
 * with a message naming the limit, never read in part.
 */
/** Any file read as text (transcripts, sidecars, codebook): larger is refused by decodeText. */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

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
