/**
 * While a recording plays, the line being spoken is highlighted in every visible editor
 * of its transcript and, when `transcriptCoder.media.follow` is on, scrolled into view —
 * without moving the cursor or taking the focus. The line comes from the player's
 * reported time through the transcript's timeline (core/media).
 */
import * as vscode from 'vscode';
import { lineAtTime } from '../../core/media';
import { Disposable } from '../dispose';
import type { MediaLinks } from './media-links';
import type { MediaPanel, PlayerState, Recording } from './media-panel';

export class PlaybackHighlight extends Disposable {
  private readonly decoration = this.register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
      border: '1px solid',
      borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    }),
  );
  private highlighted: { transcript: string; line: number } | undefined;
  private readonly durationKnown = this.register(new vscode.EventEmitter<{ document: vscode.TextDocument; duration: number }>());
  /** The recording's length became known for a transcript: timestamps past it can be reported. */
  readonly onDidLearnDuration = this.durationKnown.event;
  private readonly durations = new Map<string, number>();

  constructor(
    private readonly panel: MediaPanel,
    private readonly links: MediaLinks,
  ) {
    super();
    this.registerAll(
      panel.onDidChangeState(({ recording, state }) => this.update(recording, state)),
      panel.onDidClose(() => this.clear()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    );
  }

  /** The highlighted line (1-based) and its transcript, for the tests in a real VS Code. */
  get current(): { transcript: string; line: number } | undefined {
    return this.highlighted;
  }

  /** The length of the recording linked to this transcript, once the player reported it. */
  durationOf(transcript: vscode.Uri): number | undefined {
    return this.durations.get(transcript.toString());
  }

  private update(recording: Recording, state: PlayerState): void {
    const key = recording.transcript.toString();
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
    if (document === undefined) return;
    if (state.duration !== undefined && this.durations.get(key) !== state.duration) {
      this.durations.set(key, state.duration);
      this.durationKnown.fire({ document, duration: state.duration });
    }
    const linked = this.links.linkOf(document);
    if (linked === undefined) return;
    const line = lineAtTime(this.links.timelineOf(document, linked, state.duration).timeline, state.currentTime);
    if (line === undefined) return;
    const moved = this.highlighted?.transcript !== key || this.highlighted.line !== line;
    this.highlighted = { transcript: key, line };
    if (!moved) return;
    this.redraw();
    if (!state.paused && vscode.workspace.getConfiguration('transcriptCoder.media', document.uri).get<boolean>('follow', true)) this.follow(key, line);
  }

  private follow(key: string, line: number): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      const range = new vscode.Range(line - 1, 0, line - 1, 0);
      if (!editor.visibleRanges.some((visible) => visible.contains(range))) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private redraw(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const here = this.highlighted !== undefined && editor.document.uri.toString() === this.highlighted.transcript;
      const line = this.highlighted?.line ?? 1;
      editor.setDecorations(this.decoration, here && line <= editor.document.lineCount ? [new vscode.Range(line - 1, 0, line - 1, 0)] : []);
    }
  }

  private clear(): void {
    this.highlighted = undefined;
    this.redraw();
  }
}
