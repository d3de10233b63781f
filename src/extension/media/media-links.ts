/**
 * Which recording a transcript in the editor links (its sidecar's `attributes.media`,
 * else its front matter's `media:`), resolved inside its workspace folder, and the
 * transcript's timeline against it. Timelines are kept per document version and
 * recording length, so following a playing recording parses the transcript once.
 */
import * as vscode from 'vscode';
import { mediaLinkOf, type MediaLink, mediaTimeline, resolveMediaPath, type Timeline } from '../../core/media';
import type { Problem } from '../../core/problems';
import { parseTranscript, type Transcript } from '../../core/transcript';
import { documentText, type CodedDocuments } from '../coded-documents';

export interface LinkedRecording {
  transcript: vscode.Uri;
  link: MediaLink;
  /** The workspace folder; the recording must be inside it. */
  root: vscode.Uri;
  /** The transcript's path in its workspace folder. */
  transcriptPath: string;
  /** The recording, when the link resolves inside the workspace folder. */
  media?: vscode.Uri;
  /** The recording's path in its workspace folder. */
  mediaPath?: string;
  /** Why the link cannot be followed (a URL, an absolute path, outside the folder). */
  invalid?: string;
}

/** A transcript's path inside its workspace folder, and the folder. */
export function inWorkspace(uri: vscode.Uri): { root: vscode.Uri; path: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder === undefined) return undefined;
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? { root: folder.uri, path: uri.path.slice(base.length) } : undefined;
}

/** The recording a link names from a transcript (for sidecars of transcripts that are not open, too). */
export function resolveLink(transcript: vscode.Uri, link: MediaLink): LinkedRecording | undefined {
  const place = inWorkspace(transcript);
  if (place === undefined) return undefined;
  const resolved = resolveMediaPath(place.path, link.written);
  const base = { transcript, link, root: place.root, transcriptPath: place.path };
  if (!resolved.ok) return { ...base, invalid: resolved.reason };
  return { ...base, media: vscode.Uri.joinPath(place.root, ...resolved.path.split('/')), mediaPath: resolved.path };
}

export class MediaLinks {
  private readonly parsed = new Map<string, { version: number; transcript: Transcript }>();
  private readonly timelines = new Map<string, { version: number; duration: number | undefined; timeline: Timeline; problems: Problem[] }>();

  constructor(private readonly documents: CodedDocuments) {}

  /** The transcript as parsed at the document's current version. */
  transcriptOf(document: vscode.TextDocument): Transcript {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.transcript;
    const { transcript } = parseTranscript(documentText(document), key);
    this.parsed.set(key, { version: document.version, transcript });
    return transcript;
  }

  linkOf(document: vscode.TextDocument): LinkedRecording | undefined {
    const attributes = this.documents.get(document)?.session.attributes;
    const link = mediaLinkOf(attributes, this.transcriptOf(document).frontMatter?.data);
    return link === undefined ? undefined : resolveLink(document.uri, link);
  }

  /** The timeline of the transcript against its recording, `duration` seconds long when known. */
  timelineOf(document: vscode.TextDocument, linked: LinkedRecording, duration?: number): { timeline: Timeline; problems: Problem[] } {
    const key = document.uri.toString();
    const cached = this.timelines.get(key);
    if (cached !== undefined && cached.version === document.version && cached.duration === duration) return cached;
    const media = linked.link.written;
    const file = vscode.workspace.asRelativePath(document.uri, false);
    const made = mediaTimeline(this.transcriptOf(document), duration === undefined ? { file, media } : { file, media, duration });
    this.timelines.set(key, { version: document.version, duration, ...made });
    return made;
  }

  forget(document: vscode.TextDocument): void {
    this.parsed.delete(document.uri.toString());
    this.timelines.delete(document.uri.toString());
  }
}
