/**
 * The Disagreement Review view: one row per disagreement of the reviewed transcript —
 * its lines and dimension, coder A's and coder B's codes side by side, and whether the
 * consensus coder settled it. Progress ("12 of 40 settled") is the view's description.
 */
import * as vscode from 'vscode';
import type { ReviewCode, ReviewItem } from '../../core/agreement';
import { ContextValues } from '../sidebar/context-values';
import type { ReviewController } from './review-controller';

export class ReviewTreeProvider implements vscode.TreeDataProvider<ReviewItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReviewItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** What the view shows now, row by row: a refresh that would show the same is not made. */
  private shown: string | undefined;

  constructor(private readonly review: ReviewController) {}

  /**
   * Redraws the view when what it shows changed. A settle changes the review three times
   * over, and the sidecar's write once more; each redraw drops the rows for a moment, and
   * a click VS Code is handing to a command just then reaches nothing ("Cannot resolve
   * tree item" in the extension host's log, no command run, nothing shown).
   */
  refresh(): void {
    const now = JSON.stringify(this.review.items.map((item) => rendered(this.getTreeItem(item))));
    if (now === this.shown) return;
    this.shown = now;
    this.changed.fire(undefined);
  }

  getChildren(element?: ReviewItem): ReviewItem[] {
    return element === undefined ? [...this.review.items] : [];
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(item: ReviewItem): vscode.TreeItem {
    const coders = this.review.reviewCoders;
    const lines = item.lines[0] === item.lines[1] ? vscode.l10n.t('Line {0}', item.lines[0]) : vscode.l10n.t('Lines {0}–{1}', item.lines[0], item.lines[1]);
    const treeItem = new vscode.TreeItem(`${lines} · ${item.dimension}`, vscode.TreeItemCollapsibleState.None);
    treeItem.id = item.key;
    const a = codesText(item.a);
    const b = codesText(item.b);
    treeItem.description = `${coders?.a ?? 'A'}: ${a}  ≠  ${coders?.b ?? 'B'}: ${b}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${lines} · ${item.dimension}**\n\n`);
    tooltip.appendMarkdown(`- ${coders?.a ?? 'A'}: ${codesDetail(item.a)}\n- ${coders?.b ?? 'B'}: ${codesDetail(item.b)}\n`);
    tooltip.appendMarkdown(
      `- ${coders?.consensus ?? ''}: ${item.settledNotCoded ? vscode.l10n.t('settled: not coded') : item.settled ? codesDetail(item.consensus) : vscode.l10n.t('not settled yet')}\n`,
    );
    treeItem.tooltip = tooltip;
    const current = this.review.current?.key === item.key;
    treeItem.iconPath = new vscode.ThemeIcon(item.settled ? 'pass-filled' : current ? 'circle-filled' : 'circle-outline');
    treeItem.contextValue = item.settled ? ContextValues.reviewItemSettled : ContextValues.reviewItem;
    treeItem.command = { command: 'transcriptCoder.review.goTo', title: vscode.l10n.t('Show this disagreement'), arguments: [item.key] };
    return treeItem;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Everything of a row that the view draws. */
function rendered(item: vscode.TreeItem): unknown[] {
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
  return [item.id, item.label, item.description, tooltip, icon, item.contextValue, item.command?.arguments];
}

/** The codes in a few words: the path's last segment and polarity; "not coded" when none. */
function codesText(codes: readonly ReviewCode[]): string {
  if (codes.length === 0) return vscode.l10n.t('not coded');
  return codes.map((code) => `${code.code.split('/').slice(2).join('/') || code.code.split('/').slice(1).join('/')} (${code.polarity})`).join(', ');
}

function codesDetail(codes: readonly ReviewCode[]): string {
  if (codes.length === 0) return vscode.l10n.t('not coded');
  return codes.map((code) => `\`${code.code}\` ${code.polarity}${code.factor === '' ? '' : ` — ${code.factor}`}`).join('; ');
}
