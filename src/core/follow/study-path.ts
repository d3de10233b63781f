/**
 * Study-relative paths are always '/'-separated strings, whatever the platform: they
 * appear in sidecars, in JSON output and in git diffs, and must read the same
 * everywhere. These helpers are the only path arithmetic the core does.
 */

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Resolves `.` and `..` segments; returns undefined when the path escapes the study. */
export function normalizeStudyPath(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}
