/**
 * The media panel (issue 17): one webview that plays the recording linked to a
 * transcript. It is opened beside the editor without taking the focus, so the keys for
 * playing keep working in the transcript. The recording is loaded through
 * `asWebviewUri`, with the webview's resource roots limited to the extension's media
 * folder (its script) and the recording's workspace folder. The player reports its
 * state and errors back; nothing here writes a file.
 */
import * as vscode from 'vscode';
import { mediaFormatName, mediaKindOf } from '../../core/media';
import { makeNonce } from '../webview-page';
import { Disposable } from '../dispose';
import { mediaPageHtml } from './media-html';

const MEDIA_VIEW_TYPE = 'transcriptCoder.media';

export interface PlayerState {
  currentTime: number;
  duration: number | undefined;
  paused: boolean;
  rate: number;
}

export interface Recording {
  transcript: vscode.Uri;
  media: vscode.Uri;
  /** The workspace folder holding the recording: the only files the webview may load. */
  root: vscode.Uri;
}

/** What the player reported last, for the tests in a real VS Code (transcriptCoder.internal.media). */
export interface PanelReport {
  recording?: { transcript: string; media: string };
  state?: PlayerState;
  errors: string[];
}

export class MediaPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private recording: Recording | undefined;
  private src = '';
  private ready: Promise<void> = Promise.resolve();
  private markReady: () => void = () => undefined;
  private lastState: PlayerState | undefined;
  private readonly errors: string[] = [];
  private readonly stateChanged = this.register(new vscode.EventEmitter<{ recording: Recording; state: PlayerState }>());
  readonly onDidChangeState = this.stateChanged.event;
  private readonly closed = this.register(new vscode.EventEmitter<void>());
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly language: () => string,
  ) {
    super();
  }

  get current(): Recording | undefined {
    return this.panel === undefined ? undefined : this.recording;
  }

  get state(): PlayerState | undefined {
    return this.lastState;
  }

  report(): PanelReport {
    const recording = this.current;
    return {
      ...(recording === undefined ? {} : { recording: { transcript: recording.transcript.toString(), media: recording.media.toString() } }),
      ...(this.lastState === undefined ? {} : { state: { ...this.lastState } }),
      errors: [...this.errors],
    };
  }

  /** Opens the panel (beside, keeping the focus) with this recording loaded, and waits until the player has it. */
  async open(recording: Recording): Promise<void> {
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const roots = [media, recording.root];
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel(
        MEDIA_VIEW_TYPE,
        vscode.l10n.t('Recording'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Kept alive when hidden: a recording plays on while another tab is in front.
        { enableScripts: true, localResourceRoots: roots, retainContextWhenHidden: true },
      );
      this.recording = undefined;
      this.setHtml(this.panel.webview, media);
      const panel = this.panel;
      this.register(panel.onDidDispose(() => this.forget(panel)));
      this.register(panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    } else if (!this.panel.visible) {
      this.panel.reveal(undefined, true);
    }
    const panel = this.panel;
    if (this.recording?.media.toString() === recording.media.toString() && this.recording.transcript.toString() === recording.transcript.toString()) return;
    if (this.recording?.root.toString() !== recording.root.toString()) {
      panel.webview.options = { enableScripts: true, localResourceRoots: roots };
      this.setHtml(panel.webview, media);
    }
    await this.ready;
    this.recording = recording;
    this.lastState = undefined;
    this.src = panel.webview.asWebviewUri(recording.media).toString();
    const name = recording.media.path.slice(recording.media.path.lastIndexOf('/') + 1);
    panel.title = vscode.l10n.t('Recording: {0}', name);
    await panel.webview.postMessage({ type: 'load', src: this.src, kind: mediaKindOf(name) ?? 'video', name });
  }

  /** Plays from `from` seconds, stopping at `to` when given. */
  async play(from: number, to?: number): Promise<void> {
    await this.post(to === undefined ? { type: 'play', from } : { type: 'play', from, to });
  }

  async toggle(): Promise<void> {
    await this.post({ type: 'toggle' });
  }

  async skip(seconds: number): Promise<void> {
    await this.post({ type: 'skip', seconds });
  }

  async changeRate(delta: number): Promise<void> {
    await this.post({ type: 'rate', delta });
  }

  /** Asks the player for its state now (for the tests: the state arrives as a message). */
  async askState(): Promise<void> {
    await this.post({ type: 'report' });
  }

  private async post(message: Record<string, unknown>): Promise<void> {
    if (this.panel === undefined || this.recording === undefined) return;
    await this.ready;
    await this.panel.webview.postMessage(message);
  }

  private setHtml(webview: vscode.Webview, media: vscode.Uri): void {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    webview.html = mediaPageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'media-player.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'media-player.css')).toString(),
      language: this.language().split('-')[0] ?? 'en',
      words: {
        title: vscode.l10n.t('Recording'),
        noRecording: vscode.l10n.t('No recording loaded'),
        rate: vscode.l10n.t('speed'),
        keys: vscode.l10n.t('In the transcript: Ctrl+Alt+P plays from the line, Ctrl+Alt+/ plays or pauses, Ctrl+Alt+J goes back 5 s, Ctrl+Alt+9 and Ctrl+Alt+0 play slower and faster.'),
      },
    });
  }

  private forget(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.panel = undefined;
    this.recording = undefined;
    this.lastState = undefined;
    this.markReady();
    this.closed.fire();
  }

  private onMessage(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, source } = message as { type?: unknown; source?: unknown };
    if (type === 'ready') {
      this.markReady();
      return;
    }
    const recording = this.recording;
    // Messages about a recording loaded before this one are late: dropped.
    if (recording === undefined || source !== this.src) return;
    const name = recording.media.path.slice(recording.media.path.lastIndexOf('/') + 1);
    if (type === 'state') {
      const { currentTime, duration, paused, rate } = message as Record<string, unknown>;
      if (typeof currentTime !== 'number' || typeof paused !== 'boolean' || typeof rate !== 'number') return;
      this.lastState = { currentTime, duration: typeof duration === 'number' ? duration : undefined, paused, rate };
      this.stateChanged.fire({ recording, state: this.lastState });
    } else if (type === 'error') {
      const detail = String((message as { message?: unknown }).message ?? '');
      this.errors.push(`error: ${detail}`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The recording {0} cannot be played here: this player cannot decode its format ({1}). Convert it to MP3, WAV, OGG or WebM, or open it in another player. ({2})', name, mediaFormatName(name), detail),
      );
    } else if (type === 'play-blocked') {
      this.errors.push('play-blocked');
      void vscode.window.showWarningMessage(vscode.l10n.t('The browser blocked playing without a click: click the play button in the Recording panel once, then the keys work.'));
    } else if (type === 'play-failed') {
      const detail = String((message as { message?: unknown }).message ?? '');
      this.errors.push(`play-failed: ${detail}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The recording {0} could not be played: {1}', name, detail));
    }
  }
}
