/**
 * Listening while coding (issue 17): link a recording to a transcript, play it from a
 * line or a coded segment, and the transcriber's keys (play/pause, back 5 s, slower,
 * faster) that work while the focus stays in the editor. Linking writes `media:` to the
 * sidecar's attributes; playing writes nothing.
 */
import * as vscode from 'vscode';
import { afterActivation } from '../after-activation';
import { MEDIA_ATTRIBUTE, MEDIA_EXTENSIONS, relativeMediaPath, segmentSpan, timeOfLine } from '../../core/media';
import { isCodableDocument } from '../coded-documents';
import type { CodingContext } from '../coding-context';
import { MediaDiagnostics, RelinkRecordingActions } from './media-diagnostics';
import { inWorkspace, type LinkedRecording, MediaLinks } from './media-links';
import { MediaPanel } from './media-panel';
import { PlaybackHighlight } from './media-playback';

const BACK_SECONDS = 5;
const RATE_STEP = 0.25;
const RECORDING_LINKED_KEY = 'transcriptCoder.recordingLinked';
const TRANSCRIPT_SELECTOR: vscode.DocumentFilter[] = [{ language: 'transcript' }, { language: 'plaintext' }, { language: 'markdown' }];

export interface MediaFeature {
  /** Whether the transcript links a recording (the hover offers "Play this segment" then). */
  hasRecording(document: vscode.TextDocument): boolean;
  disposables: vscode.Disposable[];
}

export function registerMedia(context: CodingContext, extensionUri: vscode.Uri): MediaFeature {
  const links = new MediaLinks(context.documents);
  const panel = new MediaPanel(extensionUri, () => context.language());
  const highlight = new PlaybackHighlight(panel, links);
  const diagnostics = new MediaDiagnostics(context.documents, context.studies, links, (uri) => highlight.durationOf(uri));
  const player = new Player(context, links, panel, highlight);
  // Only transcripts are read for a link: a large file of another kind is never parsed as one.
  const isTranscript = (document: vscode.TextDocument) => context.documents.get(document) !== undefined || isCodableDocument(document);
  const updateKey = () => {
    const editor = vscode.window.activeTextEditor;
    const linked = editor !== undefined && isTranscript(editor.document) && links.linkOf(editor.document) !== undefined;
    void vscode.commands.executeCommand('setContext', RECORDING_LINKED_KEY, linked);
  };
  // Reading the link parses the active transcript: after activation has returned.
  void afterActivation().then(updateKey);
  const disposables: vscode.Disposable[] = [
    panel,
    highlight,
    diagnostics,
    highlight.onDidLearnDuration(({ document }) => void diagnostics.checkDocument(document)),
    vscode.window.onDidChangeActiveTextEditor(updateKey),
    context.documents.onDidChangeCodes(updateKey),
    vscode.workspace.onDidSaveTextDocument(updateKey),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isTranscript(document)) void diagnostics.checkDocument(document);
    }),
    vscode.languages.registerCodeActionsProvider([...TRANSCRIPT_SELECTOR, { pattern: '**/*.codes.yaml' }], new RelinkRecordingActions(), { providedCodeActionKinds: RelinkRecordingActions.kinds }),
    vscode.commands.registerCommand('transcriptCoder.linkRecording', async (transcript?: unknown, media?: unknown) => {
      const link = await player.link(uriOf(transcript), uriOf(media));
      updateKey();
      return link;
    }),
    vscode.commands.registerCommand('transcriptCoder.playFromLine', (transcript?: unknown, line?: unknown) =>
      player.playLines(uriOf(transcript), typeof line === 'number' ? line : undefined),
    ),
    vscode.commands.registerCommand('transcriptCoder.playLines', (transcript?: unknown, first?: unknown, last?: unknown) =>
      player.playLines(uriOf(transcript), typeof first === 'number' ? first : undefined, typeof last === 'number' ? last : undefined),
    ),
    vscode.commands.registerCommand('transcriptCoder.playPause', () => (panel.current === undefined ? player.playLines(undefined) : panel.toggle())),
    vscode.commands.registerCommand('transcriptCoder.mediaBack', () => panel.skip(-BACK_SECONDS)),
    vscode.commands.registerCommand('transcriptCoder.mediaSlower', () => panel.changeRate(-RATE_STEP)),
    vscode.commands.registerCommand('transcriptCoder.mediaFaster', () => panel.changeRate(RATE_STEP)),
    // For the tests in a real VS Code: what the player reported, and the highlighted line.
    vscode.commands.registerCommand('transcriptCoder.internal.media', async (ask?: unknown) => {
      if (ask === true) await panel.askState();
      return { ...panel.report(), highlighted: highlight.current };
    }),
  ];
  return { hasRecording: (document) => links.linkOf(document)?.media !== undefined, disposables };
}

function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' && value !== '' ? vscode.Uri.parse(value) : undefined;
}

class Player {
  constructor(
    private readonly context: CodingContext,
    private readonly links: MediaLinks,
    private readonly panel: MediaPanel,
    private readonly highlight: PlaybackHighlight,
  ) {}

  private async documentOf(transcript: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (transcript !== undefined) return vscode.workspace.openTextDocument(transcript);
    return this.context.activeEditor()?.document;
  }

  /** Writes `media:` in the transcript's sidecar: the recording given, or one the user picks. Returns the link written. */
  async link(transcript: vscode.Uri | undefined, given: vscode.Uri | undefined): Promise<string | undefined> {
    const document = await this.documentOf(transcript);
    if (document === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to link its recording.'));
      return undefined;
    }
    const place = inWorkspace(document.uri);
    const coded = place === undefined ? undefined : await this.context.documents.ensure(document);
    if (place === undefined || coded === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a transcript in a workspace folder: no recording can be linked to it.', vscode.workspace.asRelativePath(document.uri)));
      return undefined;
    }
    const media = given ?? (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('The recording of {0}', vscode.workspace.asRelativePath(document.uri)),
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(document.uri, '..'),
      filters: { [vscode.l10n.t('Recordings')]: MEDIA_EXTENSIONS.map((extension) => extension.slice(1)), [vscode.l10n.t('All files')]: ['*'] },
    }))?.[0];
    if (media === undefined) return undefined;
    const mediaPlace = inWorkspace(media);
    if (mediaPlace === undefined || mediaPlace.root.toString() !== place.root.toString()) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The recording must be inside the workspace folder of the transcript ({0}): nothing was linked. Copy it there first.', place.root.path));
      return undefined;
    }
    const written = relativeMediaPath(place.path, mediaPlace.path);
    const changed = await this.context.documents.change(coded, (session) => session.setAttributes({ ...session.attributes, [MEDIA_ATTRIBUTE]: written }));
    return changed ? written : undefined;
  }

  /** Plays the recording from a line (the cursor's when not given), to the end of `last`'s span when given. Returns the start in seconds. */
  async playLines(transcript: vscode.Uri | undefined, first?: number, last?: number): Promise<number | undefined> {
    const document = await this.documentOf(transcript);
    if (document === undefined) return undefined;
    const linked = this.links.linkOf(document);
    if (!(await this.playable(document, linked)) || linked?.media === undefined) return undefined;
    await this.panel.open({ transcript: document.uri, media: linked.media, root: linked.root });
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    const from = first ?? (editor === undefined ? 1 : editor.selection.active.line + 1);
    const { timeline } = this.links.timelineOf(document, linked, this.highlight.durationOf(document.uri));
    if (last === undefined) {
      const start = timeOfLine(timeline, from) ?? 0;
      await this.panel.play(start);
      return start;
    }
    const span = segmentSpan(timeline, from, last) ?? { start: 0 };
    await this.panel.play(span.start, span.end);
    return span.start;
  }

  /** Whether the transcript's recording can be played; if not, the user is told why and offered to link one. */
  private async playable(document: vscode.TextDocument, linked: LinkedRecording | undefined): Promise<boolean> {
    const name = vscode.workspace.asRelativePath(document.uri, false);
    const relink = vscode.l10n.t('Link Recording…');
    let message: string | undefined;
    if (linked === undefined) message = vscode.l10n.t('{0} links no recording: link one (media: in its sidecar) to play it.', name);
    else if (linked.invalid !== undefined) message = vscode.l10n.t('The recording of {0} cannot be loaded: {1}', name, linked.invalid);
    else if (linked.media !== undefined) {
      const exists = await Promise.resolve(vscode.workspace.fs.stat(linked.media)).then(() => true, () => false);
      if (!exists) message = vscode.l10n.t('The recording {0} of {1} does not exist: was it moved or renamed?', linked.link.written, name);
    }
    if (message === undefined) return true;
    void vscode.window.showWarningMessage(message, relink).then((answer) => {
      if (answer === relink) void vscode.commands.executeCommand('transcriptCoder.linkRecording', document.uri.toString());
    });
    return false;
  }
}
