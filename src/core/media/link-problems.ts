/**
 * Problems of a transcript's link to its recording, where the link is written: the
 * `media:` line of the sidecar's attributes or of the transcript's front matter.
 */
import { problem, type Problem } from '../problems';

/** The 1-based line of `media:` inside the top-level `attributes:` map of a sidecar, or inside front matter; 1 when not found. */
export function mediaLineIn(text: string, from: 'sidecar' | 'front-matter'): number {
  const lines = text.split('\n');
  let inside = from === 'front-matter';
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/u, '');
    if (from === 'front-matter') {
      if (index > 0 && /^(?:---|\.\.\.)\s*$/u.test(line)) break;
      if (/^media\s*:/u.test(line)) return index + 1;
      continue;
    }
    if (/^attributes\s*:/u.test(line)) inside = true;
    else if (/^\S/u.test(line)) inside = false;
    else if (inside && /^\s+media\s*:/u.test(line)) return index + 1;
  }
  return 1;
}

/** The recording a link names is not there. */
export function mediaMissingProblem(file: string, line: number, written: string, resolvedPath: string): Problem {
  return problem('media-missing', file, line, 1, 'warning',
    `the recording "${written}" (${resolvedPath}) does not exist: was it moved or renamed? Relink it (quick fix), or remove the media link`);
}

/** The link cannot name a recording in the workspace. */
export function mediaLinkProblem(file: string, line: number, reason: string): Problem {
  return problem('media-link-invalid', file, line, 1, 'warning', `media link: ${reason}`);
}
