/**
 * The Codebook view: frameworks → dimensions → indicators with their colours and how
 * many segments (after the filters) each holds; codes used in sidecars that the codebook
 * does not know are listed apart, so they can be merged into known ones. When counts
 * change, only the nodes whose counts changed are refreshed.
 */
import * as vscode from 'vscode';
import { type Codebook, resolveCodePath } from '../../core/codebook';
import { escapeMarkdown, labelTexts, resolveLabel } from '../../core/text';
import { codeNodeId, frameworkNodeId, UNKNOWN_CODES_ID, unknownCodeId } from './ids';
import { colorIcon } from './icons';
import type { FactorsTreeProvider } from './factors-tree';
import type { StudyScope } from './study-scope';
import { segmentsText } from './words';
import { ContextValues } from './context-values';
import { Disposable } from '../dispose';

export type CodebookNode =
  | { kind: 'framework'; id: string; path: string; parent?: undefined }
  | { kind: 'dimension'; id: string; path: string; parent: CodebookNode }
  | { kind: 'indicator'; id: string; path: string; parent: CodebookNode }
  | { kind: 'unknown-root'; id: string; parent?: undefined }
  | { kind: 'unknown'; id: string; path: string; parent: CodebookNode };

export class CodebookTreeProvider extends Disposable implements vscode.TreeDataProvider<CodebookNode>, vscode.Disposable {
  private readonly nodes = new Map<string, CodebookNode>();
  private readonly changed = this.register(new vscode.EventEmitter<CodebookNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Segments per exact code path, after the filters. */
  private counts = new Map<string, number>();

  constructor(
    private readonly scope: StudyScope,
    private readonly factors: FactorsTreeProvider,
    private readonly language: () => string,
  ) {
    super();
    this.register(factors.onDidChangeTreeData(() => this.recount()));
    this.counts = this.countCodes();
  }

  private codebook(): Codebook | undefined {
    return this.scope.current()?.codebook;
  }

  /** Everything again (the codebook changed, or the study). */
  refresh(): void {
    this.counts = this.countCodes();
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  private recount(): void {
    const before = this.counts;
    const after = this.countCodes();
    this.counts = after;
    const codebook = this.codebook();
    const changedPaths = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    if (changedPaths.length === 0) return;
    const known = (path: string) => codebook !== undefined && resolveCodePath(codebook, path) !== undefined;
    if (changedPaths.some((path) => !known(path)) || this.codebookSignature !== signatureOf(codebook)) {
      this.refresh();
      return;
    }
    // A changed count changes its dimension's and framework's totals too.
    const refresh = new Set<string>();
    for (const path of changedPaths) {
      const parts = path.split('/');
      for (let length = 1; length <= parts.length; length++) refresh.add(parts.slice(0, length).join('/'));
    }
    for (const path of refresh) {
      const node = this.nodes.get(path.includes('/') ? codeNodeId(path) : frameworkNodeId(path));
      if (node !== undefined) this.changed.fire(node);
    }
  }

  private codebookSignature = '';

  private countCodes(): Map<string, number> {
    return new Map(this.factors.model.codeCounts());
  }

  /** Segments coded with `path` or any code below it. */
  countOf(path: string): number {
    let total = 0;
    for (const [code, count] of this.counts) if (code === path || code.startsWith(`${path}/`)) total += count;
    return total;
  }

  private unknownPaths(): string[] {
    const codebook = this.codebook();
    return [...this.counts.keys()].filter((path) => codebook === undefined || resolveCodePath(codebook, path) === undefined).sort();
  }

  private node<T extends CodebookNode>(made: T): T {
    const existing = this.nodes.get(made.id);
    if (existing !== undefined && existing.kind === made.kind) return existing as T;
    this.nodes.set(made.id, made);
    return made;
  }

  /** The node of a code path (`framework`, `framework/dimension`, `framework/dimension/indicator`). */
  nodeOf(path: string): CodebookNode {
    const parts = path.split('/');
    if (parts.length === 1) return this.node({ kind: 'framework', id: frameworkNodeId(path), path });
    const parent = this.nodeOf(parts.slice(0, -1).join('/'));
    return parts.length === 2
      ? this.node({ kind: 'dimension', id: codeNodeId(path), path, parent })
      : this.node({ kind: 'indicator', id: codeNodeId(path), path, parent });
  }

  getChildren(node?: CodebookNode): CodebookNode[] {
    const codebook = this.codebook();
    if (node === undefined) {
      this.codebookSignature = signatureOf(codebook);
      if (codebook === undefined && this.counts.size === 0) return [];
      const roots: CodebookNode[] = (codebook?.frameworks ?? []).map((framework) => this.nodeOf(framework.id));
      if (this.unknownPaths().length > 0) roots.push(this.node({ kind: 'unknown-root', id: UNKNOWN_CODES_ID }));
      return roots;
    }
    switch (node.kind) {
      case 'framework':
        return (codebook?.frameworks.find((f) => f.id === node.path)?.dimensions ?? []).map((d) => this.nodeOf(`${node.path}/${d.id}`));
      case 'dimension': {
        const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, node.path);
        return (resolved?.dimension.indicators ?? []).map((i) => this.nodeOf(`${node.path}/${i.id}`));
      }
      case 'unknown-root': {
        const parent = node;
        return this.unknownPaths().map((path) => this.node({ kind: 'unknown', id: unknownCodeId(path), path, parent }));
      }
      default:
        return [];
    }
  }

  getParent(node: CodebookNode): CodebookNode | undefined {
    return node.parent;
  }

  getTreeItem(node: CodebookNode): vscode.TreeItem {
    const item = this.item(node);
    item.id = node.id;
    return item;
  }

  private item(node: CodebookNode): vscode.TreeItem {
    const codebook = this.codebook();
    const language = this.language();
    const count = node.kind === 'unknown-root' ? this.unknownPaths().reduce((sum, path) => sum + (this.counts.get(path) ?? 0), 0) : node.kind === 'unknown' ? (this.counts.get(node.path) ?? 0) : this.countOf(node.path);
    if (node.kind === 'unknown-root') {
      const item = new vscode.TreeItem(vscode.l10n.t('Not in the codebook'), vscode.TreeItemCollapsibleState.Expanded);
      item.description = segmentsText(count);
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.tooltip = vscode.l10n.t('Codes used in sidecars that the codebook does not define: merge them into a code of the codebook, or add them to it.');
      return item;
    }
    if (node.kind === 'unknown') {
      const item = new vscode.TreeItem(node.path);
      item.description = segmentsText(count);
      item.iconPath = colorIcon('#8c8c8c', node.path.split('/').length > 2 ? 'indicator' : 'dimension');
      item.contextValue = ContextValues.codeUnknown;
      return item;
    }
    if (node.kind === 'framework') {
      const framework = codebook?.frameworks.find((f) => f.id === node.path);
      const item = new vscode.TreeItem(resolveLabel(framework?.label, language, node.path), vscode.TreeItemCollapsibleState.Expanded);
      item.description = segmentsText(count);
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = ContextValues.codeFramework;
      item.tooltip = tooltip(node.path, framework?.label, framework?.description, language);
      return item;
    }
    const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, node.path);
    const label = node.kind === 'dimension' ? resolved?.dimension.label : resolved?.indicator?.label;
    const description = node.kind === 'dimension' ? resolved?.dimension.description : resolved?.indicator?.description;
    const hasChildren = node.kind === 'dimension' && (resolved?.dimension.indicators.length ?? 0) > 0;
    const item = new vscode.TreeItem(resolveLabel(label, language, node.path), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = segmentsText(count);
    item.iconPath = colorIcon(resolved?.dimension.color ?? '#8c8c8c', node.kind === 'dimension' ? 'dimension' : 'indicator');
    item.contextValue = node.kind === 'dimension' ? ContextValues.codeDimension : ContextValues.codeIndicator;
    item.tooltip = tooltip(node.path, label, description, language);
    return item;
  }
}

function tooltip(path: string, label: Parameters<typeof labelTexts>[0], description: Parameters<typeof labelTexts>[0], language: string): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(resolveLabel(label, language, path))}** \`${escapeMarkdown(path)}\``];
  const others = labelTexts(label).filter((text) => text !== resolveLabel(label, language, path));
  if (others.length > 0) lines.push('', escapeMarkdown(others.join(' · ')));
  const about = resolveLabel(description, language, '');
  if (about !== '') lines.push('', escapeMarkdown(about));
  return new vscode.MarkdownString(lines.join('\n'));
}

function signatureOf(codebook: Codebook | undefined): string {
  return codebook === undefined ? '' : JSON.stringify(codebook);
}
