/**
 * Coded lines at a glance: the dimension's colour as a gutter mark, an overview-ruler
 * mark, a left border and a faint background. One decoration type per colour (and one
 * per combination of colours, for lines several codes share, so the gutter shows them
 * all), created once and dropped when the codebook changes. Redrawn for every visible
 * editor of a document: at once when its codes first arrive, debounced while typing.
 * What goes where is worked out in decoration-plan.ts, without the editor.
 */
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook';
import type { SessionCode } from '../core/session';
import { planDecorations } from './decoration-plan';

const TYPING_DEBOUNCE_MS = 60;

export interface DecorationSource {
  codesOf(document: vscode.TextDocument): SessionCode[] | undefined;
  codebookOf(document: vscode.TextDocument): Codebook | undefined;
  language(): string;
  endOfLineLabels(): boolean;
}

/** One redraw of a document's editors, for tests and `npm run bench`. */
export interface DecorationsDrawn {
  document: vscode.TextDocument;
  /** Our time for it: the plan, the ranges and the setDecorations calls, in milliseconds. */
  milliseconds: number;
  /** Decorated lines (ranges over all colours) and end-of-line labels. */
  lines: number;
  labels: number;
}

export class CodeDecorations implements vscode.Disposable {
  private readonly typesByColors = new Map<string, vscode.TextEditorDecorationType>();
  private readonly labelType = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents drawn with their codes at least once: later redraws wait for a pause in typing. */
  private readonly drawnWithCodes = new WeakSet<vscode.TextDocument>();
  private readonly drawn = new vscode.EventEmitter<DecorationsDrawn>();
  readonly onDidDraw = this.drawn.event;

  constructor(private readonly source: DecorationSource) {}

  /**
   * Redraw a document's editors soon (typing) or now. The first drawing of a document's
   * codes — when it is opened — is never delayed.
   */
  refresh(document: vscode.TextDocument, immediately = false): void {
    const key = document.uri.toString();
    const timer = this.pending.get(key);
    if (timer !== undefined) clearTimeout(timer);
    if (immediately || !this.drawnWithCodes.has(document)) {
      this.pending.delete(key);
      this.draw(document);
      return;
    }
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.draw(document);
      }, TYPING_DEBOUNCE_MS),
    );
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor.document, true);
  }

  /** The codebook changed: colours may have too. */
  resetTypes(): void {
    for (const type of this.typesByColors.values()) type.dispose();
    this.typesByColors.clear();
    this.refreshAll();
  }

  private draw(document: vscode.TextDocument): void {
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document === document);
    if (editors.length === 0) return;
    const started = performance.now();
    const codes = this.source.codesOf(document);
    if (codes !== undefined) this.drawnWithCodes.add(document);
    const plan = planDecorations(codes ?? [], this.source.codebookOf(document), {
      language: this.source.language(),
      lineCount: document.lineCount,
      endOfLineLabels: this.source.endOfLineLabels(),
    });
    const rangesByKey = new Map<string, vscode.Range[]>();
    let lines = 0;
    for (const [key, planned] of plan.linesByColors) {
      this.typeFor(key);
      rangesByKey.set(
        key,
        planned.map((line) => new vscode.Range(line, 0, line, 0)),
      );
      lines += planned.length;
    }
    const labels: vscode.DecorationOptions[] = plan.labels.map(({ line, text }) => {
      const end = document.lineAt(line).range.end;
      return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } };
    });
    for (const editor of editors) {
      for (const [key, type] of this.typesByColors) editor.setDecorations(type, rangesByKey.get(key) ?? []);
      editor.setDecorations(this.labelType, labels);
    }
    this.drawn.fire({ document, milliseconds: performance.now() - started, lines, labels: labels.length });
  }

  private typeFor(key: string): vscode.TextEditorDecorationType {
    const existing = this.typesByColors.get(key);
    if (existing !== undefined) return existing;
    const colors = key.split(',');
    const first = colors[0] ?? '#888888';
    const type = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      // A faint background reads in light and dark themes; the border carries the colour in high contrast.
      backgroundColor: `${first}1f`,
      borderColor: first,
      borderStyle: 'solid',
      borderWidth: '0 0 0 3px',
      overviewRulerColor: first,
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      gutterIconPath: gutterIcon(colors),
      gutterIconSize: 'contain',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.typesByColors.set(key, type);
    return type;
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const type of this.typesByColors.values()) type.dispose();
    this.labelType.dispose();
    this.drawn.dispose();
  }
}

/** A gutter mark with one vertical stripe per colour. */
function gutterIcon(colors: readonly string[]): vscode.Uri {
  const width = 4;
  const stripes = colors.map((color, index) => `<rect x="${index * (width + 1)}" y="0" width="${width}" height="16" fill="${color}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${colors.length * (width + 1)}" height="16" viewBox="0 0 ${colors.length * (width + 1)} 16">${stripes}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}
