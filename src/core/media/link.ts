/**
 * The recording a transcript was made from (issue 17): named by `media:` in the sidecar's
 * attributes or in the transcript's front matter, as a path relative to the transcript.
 * Paths here are `/`-separated and relative to a root (the workspace folder or study);
 * a link that leaves the root, is absolute, or names a URL is refused, so nothing is ever
 * loaded from outside the workspace.
 */

/** The key, in the sidecar's `attributes` and in front matter, that names the recording. */
export const MEDIA_ATTRIBUTE = 'media';

export interface MediaLink {
  /** As written: relative to the transcript's folder. */
  written: string;
  from: 'sidecar' | 'front-matter';
}

/** The sidecar's `attributes.media` first, else the front matter's `media:` (as with `agency`). */
export function mediaLinkOf(
  attributes: Readonly<Record<string, string>> | undefined,
  frontMatter: Readonly<Record<string, unknown>> | undefined,
): MediaLink | undefined {
  const fromSidecar = attributes?.[MEDIA_ATTRIBUTE];
  if (typeof fromSidecar === 'string' && fromSidecar.trim() !== '') return { written: fromSidecar.trim(), from: 'sidecar' };
  const fromFrontMatter = frontMatter?.[MEDIA_ATTRIBUTE];
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim() !== '') return { written: fromFrontMatter.trim(), from: 'front-matter' };
  return undefined;
}

export type ResolvedMedia = { ok: true; path: string } | { ok: false; reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/iu;

/**
 * The root-relative path of the recording that `written` names from the transcript at
 * `transcriptPath` (root-relative). Backslashes count as separators (Windows users write
 * them); `.` and `..` are resolved; a path that leaves the root is refused.
 */
export function resolveMediaPath(transcriptPath: string, written: string): ResolvedMedia {
  const link = written.trim().replace(/\\/gu, '/');
  if (link === '') return { ok: false, reason: 'the media link is empty' };
  if (SCHEME.test(link) && !/^[a-z]:\//iu.test(link)) return { ok: false, reason: `"${written}" is a URL; a recording must be a file in the workspace` };
  if (link.startsWith('/') || /^[a-z]:\//iu.test(link)) {
    return { ok: false, reason: `"${written}" is an absolute path; write it relative to the transcript, e.g. "kaban.m4a" or "../audio/kaban.m4a"` };
  }
  const segments = transcriptPath.split('/').slice(0, -1);
  for (const segment of link.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { ok: false, reason: `"${written}" leads outside the workspace folder; keep the recording inside it` };
      segments.pop();
    } else segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, reason: `"${written}" names a folder, not a recording` };
  return { ok: true, path: segments.join('/') };
}

/** The link to write for `mediaPath` from the transcript at `transcriptPath` (both root-relative or both absolute, `/`-separated). */
export function relativeMediaPath(transcriptPath: string, mediaPath: string): string {
  const from = transcriptPath.split('/').slice(0, -1).filter((segment) => segment !== '');
  const to = mediaPath.split('/').filter((segment) => segment !== '');
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared++;
  return [...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/');
}

/** What a browser's media stack commonly plays; the webview finds out for certain. Audio first: a recording is usually audio. */
const AUDIO_EXTENSIONS = ['.m4a', '.mp3', '.wav', '.ogg', '.oga', '.opus', '.aac', '.flac', '.weba'];
const VIDEO_EXTENSIONS = ['.mp4', '.m4v', '.webm', '.ogv', '.mov', '.mkv'];
export const MEDIA_EXTENSIONS = [...AUDIO_EXTENSIONS, ...VIDEO_EXTENSIONS];

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Whether a recording is shown in an `<audio>` or a `<video>` element; undefined for files that are not media by their name. */
export function mediaKindOf(path: string): 'audio' | 'video' | undefined {
  const extension = extensionOf(path);
  if (AUDIO_EXTENSIONS.includes(extension)) return 'audio';
  if (VIDEO_EXTENSIONS.includes(extension)) return 'video';
  return undefined;
}

/** The format as a person names it, for messages: `M4A`, `MKV`, or the file name when it has no extension. */
export function mediaFormatName(path: string): string {
  const extension = extensionOf(path);
  return extension === '' ? path.slice(path.lastIndexOf('/') + 1) : extension.slice(1).toUpperCase();
}

/**
 * The recording beside captions of the same name: `kaban.vtt` beside `kaban.m4a` (the
 * extension's case ignored). When several match, audio before video, in the order of
 * MEDIA_EXTENSIONS. `siblingNames` are file names in the captions' folder.
 */
export function recordingBeside(subtitleName: string, siblingNames: readonly string[]): string | undefined {
  const dot = subtitleName.lastIndexOf('.');
  const base = dot <= 0 ? subtitleName : subtitleName.slice(0, dot);
  const candidates = siblingNames.filter((name) => name.slice(0, name.length - extensionOf(name).length) === base && mediaKindOf(name) !== undefined);
  candidates.sort((a, b) => MEDIA_EXTENSIONS.indexOf(extensionOf(a)) - MEDIA_EXTENSIONS.indexOf(extensionOf(b)));
  return candidates[0];
}

/**
 * The `media:` link for a transcript imported from captions: the recording of the same
 * name beside the captions, relative to the folder the transcript is written to. Folders
 * are absolute `/`-separated paths; undefined when the file is not captions or no
 * recording is beside it.
 */
export function importedRecordingLink(subtitleName: string, siblingNames: readonly string[], sourceFolder: string, targetFolder: string): string | undefined {
  if (!/\.(?:vtt|srt)$/iu.test(subtitleName)) return undefined;
  const recording = recordingBeside(subtitleName, siblingNames);
  if (recording === undefined) return undefined;
  const folder = (path: string) => path.replace(/\\/gu, '/').replace(/\/+$/u, '');
  return relativeMediaPath(`${folder(targetFolder)}/transcript`, `${folder(sourceFolder)}/${recording}`);
}
