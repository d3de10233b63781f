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
 * Folders kept from a source name, and their length: a name of a thousand `a/` would
 * otherwise make a thousand nested folders, and a long one a path the file system
 * refuses half-way through writing (ENAMETOOLONG; Windows stops at 260 characters).
 */
const MAX_FOLDER_DEPTH = 8;
const MAX_FOLDER_CHARS = 120;

/**
 * A relative '/'-separated path for a source called `name`: folders kept (so a study
 * exported by this tool comes back in its folders), '..' and empty parts dropped,
 * characters Windows refuses replaced, no segment starting with '.', and an extension
 * the study recognises as a transcript (which also keeps it from being taken for a
 * sidecar or the codebook). At most MAX_FOLDER_DEPTH folders of MAX_FOLDER_CHARS in all
 * (deeper ones are dropped). Unique in `taken` (compared ignoring case, as
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
  segments.splice(MAX_FOLDER_DEPTH);
  while (segments.join('/').length > MAX_FOLDER_CHARS) segments.pop();
  const dot = file.lastIndexOf('.');
  const extension = dot > 0 ? file.slice(dot).toLowerCase() : '';
  if (REPLACED_EXTENSIONS.has(extension)) file = `${file.slice(0, dot)}.txt`;
  else if (!TRANSCRIPT_EXTENSIONS.has(extension)) file = `${file}.txt`;

  // A path is a file or a folder, never both: `a.txt` and `a.txt/b.txt` (or a folder named
  // like a sidecar) would make the import fail half-way, so such a folder gets another name.
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const path of taken) {
    const lower = path.toLowerCase();
    files.add(lower);
    files.add(`${lower}.codes.yaml`);
    for (let slash = lower.indexOf('/'); slash >= 0; slash = lower.indexOf('/', slash + 1)) folders.add(lower.slice(0, slash));
  }
  for (let index = 0; index < segments.length; index++) {
    while (files.has(segments.slice(0, index + 1).join('/').toLowerCase())) segments[index] = `${segments[index] ?? ''}_`;
  }
  const folder = segments.length === 0 ? '' : `${segments.join('/')}/`;
  const stemEnd = file.lastIndexOf('.');
  const stem = file.slice(0, stemEnd);
  const ext = file.slice(stemEnd);
  const free = (path: string): boolean => {
    const lower = path.toLowerCase();
    return !files.has(lower) && !folders.has(lower) && !folders.has(`${lower}.codes.yaml`);
  };
  let candidate = `${folder}${file}`;
  for (let counter = 2; !free(candidate); counter++) candidate = `${folder}${stem} (${counter})${ext}`;
  taken.add(candidate);
  return candidate;
}
