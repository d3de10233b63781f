/**
 * What the editor draws for a transcript's codes, worked out without the editor: which
 * lines get which colours (one decoration type per combination of colours) and which
 * end-of-line labels go where. decorations.ts turns the plan into ranges; keeping the
 * plan free of `vscode` lets `npm run bench` time it in Node.
 */
import type { Codebook } from '../core/codebook';
import type { SessionCode } from '../core/session';
import { colorOfCode, labelOfCode, labelOfPolarity } from './code-colors';

export interface DecorationPlan {
  /** 0-based lines by the colours drawn on them, sorted and joined with ',' ("#4e79a7,#f28e2b"). */
  linesByColors: Map<string, number[]>;
  /** One label text per line that starts a code, 0-based, in the order the lines were first met. */
  labels: Array<{ line: number; text: string }>;
}

export interface PlanOptions {
  language: string;
  /** Lines of the document: codes are drawn up to its last line. */
  lineCount: number;
  endOfLineLabels: boolean;
  /** Each label starts with its code's coder ("rina: …"): in a disagreement review, where two coders' codes share the lines. */
  nameCoders?: boolean;
  /** Label only the codes that start on these lines (those near the screen: see LABEL_MARGIN_LINES); all when undefined. */
  labelWindow?: LineWindow;
}

/** Codes (detached ones are not drawn) → colours per line and labels per first line. */
export function planDecorations(codes: readonly SessionCode[], codebook: Codebook | undefined, options: PlanOptions): DecorationPlan {
  return {
    linesByColors: planColors(codes, codebook, options.lineCount),
    labels: options.endOfLineLabels ? planLabels(codes, codebook, options) : [],
  };
}

/** 0-based lines by the colours drawn on them (see DecorationPlan). */
export function planColors(codes: readonly SessionCode[], codebook: Codebook | undefined, lineCount: number): DecorationPlan['linesByColors'] {
  // Resolving a code path is a few map look-ups; 2,000 codes share a few dozen paths.
  const colorByPath = new Map<string, string>();
  /** Colours per 1-based line: one string, or a sorted list for lines several colours share. */
  const colorsByLine = new Map<number, string | string[]>();
  for (const { entry, detached } of codes) {
    if (detached) continue;
    let color = colorByPath.get(entry.code);
    if (color === undefined) {
      color = colorOfCode(codebook, entry.code);
      colorByPath.set(entry.code, color);
    }
    const last = Math.min(entry.lines[1], lineCount);
    for (let line = entry.lines[0]; line <= last; line++) {
      const existing = colorsByLine.get(line);
      if (existing === undefined) colorsByLine.set(line, color);
      else if (typeof existing === 'string') {
        if (existing !== color) colorsByLine.set(line, existing < color ? [existing, color] : [color, existing]);
      } else if (!existing.includes(color)) {
        existing.push(color);
        existing.sort();
      }
    }
  }
  const linesByColors = new Map<string, number[]>();
  for (const [line, colors] of colorsByLine) {
    const key = typeof colors === 'string' ? colors : colors.join(',');
    const lines = linesByColors.get(key);
    if (lines === undefined) linesByColors.set(key, [line - 1]);
    else lines.push(line - 1);
  }
  return linesByColors;
}

/**
 * End-of-line labels ('Dimension › Indicator · Polarity · factor', or 'coder: Indicator · Polarity
 * · factor' when `nameCoders` is set; several codes on one line joined), for the codes starting in `options.labelWindow` when it is given: the
 * text of a label is made only for a line the editor will be sent.
 */
export function planLabels(
  codes: readonly SessionCode[],
  codebook: Codebook | undefined,
  options: Pick<PlanOptions, 'language' | 'lineCount' | 'labelWindow' | 'nameCoders'>,
): DecorationPlan['labels'] {
  const { language, lineCount, labelWindow, nameCoders = false } = options;
  // 1-based, as the codes' lines are.
  const from = labelWindow === undefined ? 1 : labelWindow.first + 1;
  const to = Math.min(lineCount, labelWindow === undefined ? lineCount : labelWindow.last + 1);
  const labelByPath = new Map<string, string>();
  const labelByPolarity = new Map<string, string>();
  const labelsByLine = new Map<number, string[]>();
  for (const { entry, detached } of codes) {
    const line = entry.lines[0];
    if (detached || line < from || line > to) continue;
    let codeLabel = labelByPath.get(entry.code);
    if (codeLabel === undefined) {
      codeLabel = labelOfCode(codebook, entry.code, language);
      labelByPath.set(entry.code, codeLabel);
    }
    let polarityLabel = labelByPolarity.get(entry.polarity);
    if (polarityLabel === undefined) {
      polarityLabel = labelOfPolarity(codebook, entry.polarity, language);
      labelByPolarity.set(entry.polarity, polarityLabel);
    }
    // Two coders' labels share the line in a review: the code's own name (its dimension is the item's) keeps both on screen.
    const text = nameCoders ? `${entry.coder === '' ? '?' : entry.coder}: ${shortLabel(codeLabel)} · ${polarityLabel} · ${entry.factor}` : `${codeLabel} · ${polarityLabel} · ${entry.factor}`;
    const texts = labelsByLine.get(line);
    if (texts === undefined) labelsByLine.set(line, [text]);
    else texts.push(text);
  }
  const labels: DecorationPlan['labels'] = [];
  for (const [line, texts] of labelsByLine) labels.push({ line: line - 1, text: texts.join('   ') });
  return labels;
}

/** 'Dimension › Indicator' → 'Indicator'. */
function shortLabel(codeLabel: string): string {
  const cut = codeLabel.lastIndexOf(' › ');
  return cut === -1 ? codeLabel : codeLabel.slice(cut + 3);
}

/**
 * Sorted or not, 0-based lines as runs of consecutive lines, flat: [first, last, first,
 * last, …]. A whole-line decoration over a run looks as one per line does (background,
 * border and gutter mark on every line) and costs the editor one range instead of many.
 */
export function lineRuns(lines: readonly number[]): number[] {
  const runs: number[] = [];
  for (const line of lines) {
    if (runs.length > 0 && runs[runs.length - 1] === line - 1) runs[runs.length - 1] = line;
    else runs.push(line, line);
  }
  return runs;
}

/**
 * End-of-line labels are sent for the lines on screen and this many on either side, not
 * for the whole document: VS Code serialises every label with its own render options and
 * makes a CSS rule for each, so 2,000 labels cost a draw tens of milliseconds, while the
 * few dozen near the screen cost next to nothing. Scrolling past half the margin moves
 * the window (labelWindowFits), so a label is ready before its line comes into view.
 */
export const LABEL_MARGIN_LINES = 200;

/** 0-based lines first..last, both included. */
export interface LineWindow {
  first: number;
  last: number;
}

/** The lines whose labels are sent for an editor showing `visible` (0-based line ranges). */
export function labelWindow(visible: readonly LineWindow[], lineCount: number, margin = LABEL_MARGIN_LINES): LineWindow {
  const lastLine = Math.max(0, lineCount - 1);
  if (visible.length === 0) return { first: 0, last: Math.min(lastLine, 2 * margin) };
  const first = Math.min(...visible.map((range) => range.first));
  const last = Math.max(...visible.map((range) => range.last));
  return { first: Math.max(0, first - margin), last: Math.min(lastLine, last + margin) };
}

/**
 * Whether labels sent for `window` still serve an editor showing `visible`: the screen
 * keeps at least half the margin away from each edge of the window, unless that edge
 * is the start or end of the document.
 */
export function labelWindowFits(window: LineWindow, visible: readonly LineWindow[], lineCount: number, margin = LABEL_MARGIN_LINES): boolean {
  if (visible.length === 0) return true;
  const first = Math.min(...visible.map((range) => range.first));
  const last = Math.max(...visible.map((range) => range.last));
  const slack = Math.floor(margin / 2);
  const topFits = window.first === 0 || first - window.first >= slack;
  const bottomFits = window.last >= lineCount - 1 || window.last - last >= slack;
  return topFits && bottomFits;
}
