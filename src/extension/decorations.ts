/**
 * Coded lines at a glance: the dimension's colour as a gutter mark, an overview-ruler
 * mark, a left border and a faint background. One decoration type per colour (and one
 * per combination of colours, for lines several codes share, so the gutter shows them
 * all), created once and dropped when the codebook changes. Redrawn for every visible
 * editor of a document: at once when its codes first arrive, debounced while typing.
 * What goes where is worked out in decoration-plan.ts, without the editor.
 *
 * Cost: every setDecorations call is serialized to the renderer (JSON with a replacer
 * that visits every value), which is most of a draw. So runs of coded lines are one
 * range each, end-of-line labels go only to the lines near the screen (and follow it as
 * the editor scrolls), and a redraw sets again only the types whose lines changed since
 * the editor last got them.
 */
import * as vscode from 'vscode';
import type { Codebook } from '../core/codebook';
import type { SessionCode } from '../core/session';
import { labelWindow, labelWindowFits, lineRuns, planColors, planLabels, type DecorationPlan, type LineWindow } from './decoration-plan';
import { toBase64 } from './base64';

const TYPING_DEBOUNCE_MS = 60;
const NOTHING: readonly never[] = [];

/**
 * What an editor was last given, per decoration type: runs of lines for a colour, the
 * labels of the lines near the screen for the label type. Valid while no edit has added
 * or removed a line break since (`lineShifts`): until then VS Code still shows exactly
 * these lines, since edits within a line move no code and no whole-line decoration.
 */
interface EditorDrawn {
  lineShifts: number;
  runs: Map<vscode.TextEditorDecorationType, readonly number[]>;
  /** The lines whose labels were sent, and the labels sent. */
  labelWindow: LineWindow | undefined;
  labels: DecorationPlan['labels'] | undefined;
}

export interface DecorationSource {
  codesOf(document: vscode.TextDocument): SessionCode[] | undefined;
  codebookOf(document: vscode.TextDocument): Codebook | undefined;
  language(): string;
  endOfLineLabels(): boolean;
  /** Labels name their codes' coders: true while a disagreement review shows two coders' codes on one text. */
  labelsNameCoders(): boolean;
}

/** One redraw of a document's editors, for tests and `npm run bench`. */
export interface DecorationsDrawn {
  document: vscode.TextDocument;
  /** Our time for it: the plan, the ranges and the setDecorations calls, in milliseconds. */
  milliseconds: number;
  /** Decorated lines (over all colours), and the end-of-line labels the editors hold: those near the screen. */
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
  /** Edits that added or removed line breaks, per document: they move what VS Code shows. */
  private readonly lineShifts = new WeakMap<vscode.TextDocument, number>();
  private drawnInEditor = new WeakMap<vscode.TextEditor, EditorDrawn>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly source: DecorationSource) {
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.some((change) => change.range.start.line !== change.range.end.line || /[\r\n]/u.test(change.text))) {
          this.lineShifts.set(document, (this.lineShifts.get(document) ?? 0) + 1);
        }
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => this.followScroll(textEditor)),
    ];
  }

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
    this.drawnInEditor = new WeakMap();
    this.refreshAll();
  }

  private draw(document: vscode.TextDocument): void {
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document === document);
    if (editors.length === 0) return;
    const started = performance.now();
    const codes = this.source.codesOf(document);
    if (codes !== undefined) this.drawnWithCodes.add(document);
    const linesByColors = planColors(codes ?? [], this.source.codebookOf(document), document.lineCount);
    let lines = 0;
    let labelsSent = 0;
    const runsByKey = new Map<string, number[]>();
    for (const [key, planned] of linesByColors) {
      this.typeFor(key);
      runsByKey.set(key, lineRuns(planned));
      lines += planned.length;
    }
    const lineShifts = this.lineShifts.get(document) ?? 0;
    for (const editor of editors) {
      let drawn = this.drawnInEditor.get(editor);
      if (drawn === undefined || drawn.lineShifts !== lineShifts) {
        drawn = { lineShifts, runs: new Map(), labelWindow: undefined, labels: undefined };
        this.drawnInEditor.set(editor, drawn);
      }
      for (const [key, type] of this.typesByColors) {
        const runs = runsByKey.get(key) ?? NOTHING;
        const before = drawn.runs.get(type);
        if (before !== undefined && sameNumbers(before, runs)) continue;
        editor.setDecorations(type, rangesOf(runs));
        drawn.runs.set(type, runs);
      }
      labelsSent += this.sendLabels(editor, drawn, codes ?? [], labelWindow(visibleLines(editor), document.lineCount));
    }
    this.drawn.fire({ document, milliseconds: performance.now() - started, lines, labels: labelsSent });
  }

  /** Sends the labels of `window`'s lines unless the editor has them already; returns how many it has. */
  private sendLabels(editor: vscode.TextEditor, drawn: EditorDrawn, codes: readonly SessionCode[], window: LineWindow): number {
    const { document } = editor;
    const labels = this.source.endOfLineLabels()
      ? planLabels(codes, this.source.codebookOf(document), {
          language: this.source.language(),
          lineCount: document.lineCount,
          labelWindow: window,
          nameCoders: this.source.labelsNameCoders(),
        })
      : [];
    drawn.labelWindow = window;
    if (drawn.labels === undefined || !sameLabels(drawn.labels, labels)) {
      editor.setDecorations(this.labelType, labelOptions(editor.document, labels));
      drawn.labels = labels;
    }
    return labels.length;
  }

  /** The editor scrolled: labels for the lines now near the screen. */
  private followScroll(editor: vscode.TextEditor): void {
    const drawn = this.drawnInEditor.get(editor);
    // Lines added or removed since the last draw: the redraw that follows every edit sends them.
    if (drawn?.labelWindow === undefined || drawn.lineShifts !== (this.lineShifts.get(editor.document) ?? 0)) return;
    const visible = visibleLines(editor);
    if (labelWindowFits(drawn.labelWindow, visible, editor.document.lineCount)) return;
    this.sendLabels(editor, drawn, this.source.codesOf(editor.document) ?? [], labelWindow(visible, editor.document.lineCount));
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
    for (const listener of this.listeners) listener.dispose();
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const type of this.typesByColors.values()) type.dispose();
    this.labelType.dispose();
    this.drawn.dispose();
  }
}

/** Whole-line ranges for runs of lines ([first, last, …], 0-based). */
function rangesOf(runs: readonly number[]): vscode.Range[] {
  const ranges: vscode.Range[] = [];
  for (let index = 0; index < runs.length; index += 2) ranges.push(new vscode.Range(runs[index] as number, 0, runs[index + 1] as number, 0));
  return ranges;
}

/** The 0-based lines an editor shows. */
function visibleLines(editor: vscode.TextEditor): LineWindow[] {
  return editor.visibleRanges.map((range) => ({ first: range.start.line, last: range.end.line }));
}

/** Labels after the end of their lines. */
function labelOptions(document: vscode.TextDocument, labels: DecorationPlan['labels']): vscode.DecorationOptions[] {
  return labels.map(({ line, text }) => {
    const end = document.lineAt(line).range.end;
    return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: text } } };
  });
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function sameLabels(a: DecorationPlan['labels'], b: DecorationPlan['labels']): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    if (a[index]?.line !== b[index]?.line || a[index]?.text !== b[index]?.text) return false;
  }
  return true;
}

/** A gutter mark with one vertical stripe per colour. */
function gutterIcon(colors: readonly string[]): vscode.Uri {
  const width = 4;
  const stripes = colors.map((color, index) => `<rect x="${index * (width + 1)}" y="0" width="${width}" height="16" fill="${color}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${colors.length * (width + 1)}" height="16" viewBox="0 0 ${colors.length * (width + 1)} 16">${stripes}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${toBase64(svg)}`);
}
