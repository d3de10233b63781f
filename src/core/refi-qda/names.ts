/**
 * Names from another tool made safe for this one: code ids from code names, and file
 * paths from source names. A source name is text the other tool's user typed — or an
 * attacker wrote — so it becomes a relative path that cannot leave the import folder,
 * hide itself, or be refused by Windows.
 */

const MAX_ID_LENGTH = 48;

/** "Sumber daya aparatur & unit kerja" → "sumber-daya-aparatur-unit-kerja"; "" → `fallback`. */
export function slugify(name: string, fallback = 'code'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/u, '');
  return slug === '' ? fallback : slug;
}

/** `wanted` if free, else `wanted-2`, `wanted-3`, …; the result is added to `taken`. */
export function uniqueName(wanted: string, taken: Set<string>, separator = '-'): string {
  let candidate = wanted;
  for (let counter = 2; taken.has(candidate); counter++) candidate = `${wanted}${separator}${counter}`;
  taken.add(candidate);
  return candidate;
}

const TRANSCRIPT_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
/** Formats whose plain text is what was exported; the name keeps its stem and ends in .txt. */
const REPLACED_EXTENSIONS = new Set(['.docx', '.doc', '.rtf', '.odt', '.pdf', '.html', '.htm']);
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/iu;
// eslint-disable-next-line no-control-regex -- control characters are what must go
const UNSAFE_CHARACTERS = /[<>:"|?*\u0000-\u001f\u007f]/gu;
const MAX_SEGMENT_LENGTH = 120;

/**
 * A relative '/'-separated path for a source called `name`: folders kept (so a study
 * exported by this tool comes back in its folders), '..' and empty parts dropped,
 * characters Windows refuses replaced, no segment starting with '.', and an extension
 * the study recognises as a transcript (which also keeps it from being taken for a
 * sidecar or the codebook). Unique in `taken` (compared ignoring case, as
 * Windows and macOS do).
 */
export function safeTranscriptPath(name: string, taken: Set<string>, fallback: string): string {
  const segments = name
    .split(/[/\\]+/u)
    .map((segment) =>
      segment
        .replace(UNSAFE_CHARACTERS, '-')
        .replace(/^[.\s]+/u, '')
        .replace(/[.\s]+$/u, '')
        .slice(0, MAX_SEGMENT_LENGTH),
    )
    .filter((segment) => segment !== '')
    .map((segment) => (WINDOWS_RESERVED.test(segment) ? `_${segment}` : segment));
  let file = segments.pop() ?? fallback;
  const dot = file.lastIndexOf('.');
  const extension = dot > 0 ? file.slice(dot).toLowerCase() : '';
  if (REPLACED_EXTENSIONS.has(extension)) file = `${file.slice(0, dot)}.txt`;
  else if (!TRANSCRIPT_EXTENSIONS.has(extension)) file = `${file}.txt`;

  const folder = segments.length === 0 ? '' : `${segments.join('/')}/`;
  const stemEnd = file.lastIndexOf('.');
  const stem = file.slice(0, stemEnd);
  const ext = file.slice(stemEnd);
  const lowerTaken = new Set([...taken].map((path) => path.toLowerCase()));
  let candidate = `${folder}${file}`;
  for (let counter = 2; lowerTaken.has(candidate.toLowerCase()); counter++) candidate = `${folder}${stem} (${counter})${ext}`;
  taken.add(candidate);
  return candidate;
}
