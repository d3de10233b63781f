/**
 * Factors by Agency: agency → dimension → polarity → factor → segment, with counts
 * (segments · informants) and triangulation (source types) as descriptions, the
 * analytic memo under its dimension, and the sidecars that cannot be read at the top.
 *
 * Nodes are small key objects, one per id, reused across refreshes: VS Code matches
 * refreshed elements by identity, and `getParent` walks the keys, so `reveal` works.
 * What a node shows is looked up in the model when VS Code asks.
 */
import * as vscode from 'vscode';
import { resolveCodePath } from '../../core/codebook';
import { escapeMarkdown } from '../../core/text';
import { type DimensionSummary, factorEvidence, factorKey, type FactorSummary, type Segment } from '../../core/study';
import { afterActivation } from '../after-activation';
import { colorOfCode, labelOfPolarity } from '../code-colors';
import type { StudyIndex, StudyIndexChange } from '../study-index';
import { agencyId, dimensionId, factorId, memoId, polarityId, PROBLEMS_ID, problemId, segmentId, UNASSIGNED } from './ids';
import { colorIcon, polarityIcon } from './icons';
import type { MemoStores } from './memos';
import type { StudyScope } from './study-scope';
import { agencySegments, countsOf, FactorModel, type SidebarFilters } from './study-view';
import { countsText, quoteStart, segmentsText, sourceText } from './words';
import { ContextValues } from './context-values';
import { Disposable } from '../dispose';

export type FactorNode =
  | { kind: 'agency'; id: string; agency: string; parent?: undefined }
  | { kind: 'dimension'; id: string; agency: string; dimension: string; parent: FactorNode }
  | { kind: 'memo'; id: string; agency: string; dimension: string; parent: FactorNode }
  | { kind: 'polarity'; id: string; agency: string; dimension: string; polarity: string; parent: FactorNode }
  | { kind: 'factor'; id: string; agency: string; dimension: string; polarity: string; factor: string; parent: FactorNode }
  | { kind: 'segment'; id: string; agency: string; dimension: string; polarity: string; factor: string; sidecarPath: string; codeId: string; parent: FactorNode }
  | { kind: 'problems'; id: string; parent?: undefined }
  | { kind: 'problem'; id: string; sidecarPath: string; parent: FactorNode };

export interface SidebarSettings {
  language(): string;
  filters(): SidebarFilters;
}

export class FactorsTreeProvider extends Disposable implements vscode.TreeDataProvider<FactorNode>, vscode.Disposable {
  readonly model = new FactorModel();
  private readonly nodes = new Map<string, FactorNode>();
  private readonly changed = this.register(new vscode.EventEmitter<FactorNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private study: StudyIndex | undefined;

  constructor(
    private readonly scope: StudyScope,
    private readonly memos: MemoStores,
    private readonly settings: SidebarSettings,
  ) {
    super();
    this.registerAll(
      scope.onDidChangeStudy(() => this.rebuild()),
      scope.onDidChangeContent(({ change }) => this.onStudyChange(change)),
      memos.onDidChange(({ study, agencies }) => {
        if (study !== this.study) return;
        for (const agency of agencies) this.refreshAgency(agency);
      }),
    );
    // The filters read settings, and the first settings read builds VS Code's settings
    // model (tens of ms): after activation (after-activation.ts). No study is read yet then.
    void afterActivation().then(() => {
      if (!this.isDisposed) this.rebuild();
    });
  }

  /** Everything again: another study, other filters, another label language. */
  rebuild(): void {
    this.study = this.scope.current();
    if (this.study !== undefined) this.memos.for(this.study);
    this.model.rebuild(this.study?.allRecords() ?? [], {
      codebook: this.study?.loadedCodebook,
      filters: this.settings.filters(),
      language: this.settings.language(),
    });
    this.prune();
    this.changed.fire(undefined);
  }

  private onStudyChange(change: StudyIndexChange): void {
    if (change.kind !== 'record') {
      this.rebuild();
      return;
    }
    const { agencies, rootsChanged } = this.model.update(change.sidecarPath, change.current);
    if (rootsChanged) {
      this.prune();
      this.changed.fire(undefined);
      return;
    }
    for (const agency of agencies) this.changed.fire(this.agencyNode(agency));
  }

  private refreshAgency(agency: string): void {
    if (this.model.agency(agency) !== undefined) this.changed.fire(this.agencyNode(agency));
  }

  currentStudy(): StudyIndex | undefined {
    return this.study;
  }

  // Nodes, one object per id

  private node<T extends FactorNode>(made: T): T {
    const existing = this.nodes.get(made.id);
    if (existing !== undefined && existing.kind === made.kind) return existing as T;
    this.nodes.set(made.id, made);
    return made;
  }

  agencyNode(agency: string): FactorNode {
    return this.node({ kind: 'agency', id: agencyId(agency), agency });
  }

  dimensionNode(agency: string, dimension: string): FactorNode {
    return this.node({ kind: 'dimension', id: dimensionId(agency, dimension), agency, dimension, parent: this.agencyNode(agency) });
  }

  polarityNode(agency: string, dimension: string, polarity: string): FactorNode {
    return this.node({ kind: 'polarity', id: polarityId(agency, dimension, polarity), agency, dimension, polarity, parent: this.dimensionNode(agency, dimension) });
  }

  factorNode(agency: string, dimension: string, polarity: string, factor: string): FactorNode {
    return this.node({
      kind: 'factor',
      id: factorId(agency, dimension, polarity, factor),
      agency,
      dimension,
      polarity,
      factor,
      parent: this.polarityNode(agency, dimension, polarity),
    });
  }

  segmentNode(agency: string, dimension: string, polarity: string, factor: string, segment: Segment): FactorNode {
    return this.node({
      kind: 'segment',
      id: segmentId(agency, dimension, polarity, factor, segment.sidecarPath, segment.id),
      agency,
      dimension,
      polarity,
      factor,
      sidecarPath: segment.sidecarPath,
      codeId: segment.id,
      parent: this.factorNode(agency, dimension, polarity, factor),
    });
  }

  /** The segment's node, found by sidecar and code id (for reveal). */
  findSegment(sidecarPath: string, codeId: string): FactorNode | undefined {
    for (const agency of this.model.agencies()) {
      for (const dimension of this.model.agency(agency)?.dimensions ?? []) {
        for (const factor of dimension.factors) {
          const segment = factor.segments.find((s) => s.sidecarPath === sidecarPath && s.id === codeId);
          if (segment !== undefined) return this.segmentNode(agency, dimension.dimension, factor.polarity, factor.factor, segment);
        }
      }
    }
    return undefined;
  }

  /** Drops nodes whose data is gone, so the cache does not grow with history. */
  private prune(): void {
    for (const [id, node] of this.nodes) if (!this.exists(node)) this.nodes.delete(id);
  }

  private exists(node: FactorNode): boolean {
    switch (node.kind) {
      case 'problems':
        return this.model.broken().length > 0;
      case 'problem':
        return this.model.broken().some((record) => record.sidecarPath === node.sidecarPath);
      case 'agency':
        return this.model.agency(node.agency) !== undefined;
      case 'memo':
        return this.dimensionData(node.agency, node.dimension) !== undefined;
      default:
        return this.dimensionData(node.agency, node.dimension) !== undefined;
    }
  }

  // Data

  private dimensionData(agency: string, dimension: string): DimensionSummary | undefined {
    return this.model.agency(agency)?.dimensions.find((d) => d.dimension === dimension);
  }

  private factorsOf(agency: string, dimension: string, polarity: string): FactorSummary[] {
    return this.dimensionData(agency, dimension)?.factors.filter((f) => f.polarity === polarity) ?? [];
  }

  factorData(node: FactorNode): FactorSummary | undefined {
    if (node.kind !== 'factor' && node.kind !== 'segment') return undefined;
    const key = factorKey(node.factor);
    return this.factorsOf(node.agency, node.dimension, node.polarity).find((f) => factorKey(f.factor) === key);
  }

  /** The segments a node stands for: one, a factor's, a polarity's, a dimension's or an agency's. */
  segmentsOf(node: FactorNode): Segment[] {
    switch (node.kind) {
      case 'segment':
        return this.factorData(node)?.segments.filter((s) => s.sidecarPath === node.sidecarPath && s.id === node.codeId) ?? [];
      case 'factor':
        return this.factorData(node)?.segments ?? [];
      case 'polarity':
        return this.factorsOf(node.agency, node.dimension, node.polarity).flatMap((f) => f.segments);
      case 'dimension':
        return this.dimensionData(node.agency, node.dimension)?.factors.flatMap((f) => f.segments) ?? [];
      case 'agency': {
        const summary = this.model.agency(node.agency);
        return summary === undefined ? [] : agencySegments(summary);
      }
      default:
        return [];
    }
  }

  private memoText(agency: string, dimension: string): string | undefined {
    if (agency === UNASSIGNED || this.study === undefined) return undefined;
    return this.memos.for(this.study).memoFor(agency, dimension)?.text;
  }

  // TreeDataProvider

  getChildren(node?: FactorNode): FactorNode[] {
    if (node === undefined) {
      const roots: FactorNode[] = this.model.agencies().map((agency) => this.agencyNode(agency));
      if (this.model.broken().length > 0) roots.unshift(this.node({ kind: 'problems', id: PROBLEMS_ID }));
      return roots;
    }
    switch (node.kind) {
      case 'problems': {
        const parent = node;
        return this.model.broken().map((record) => this.node({ kind: 'problem', id: problemId(record.sidecarPath), sidecarPath: record.sidecarPath, parent }));
      }
      case 'agency':
        return (this.model.agency(node.agency)?.dimensions ?? []).map((d) => this.dimensionNode(node.agency, d.dimension));
      case 'dimension': {
        const data = this.dimensionData(node.agency, node.dimension);
        if (data === undefined) return [];
        const polarities = [...new Set(data.factors.map((f) => f.polarity))];
        const children = polarities.map((polarity) => this.polarityNode(node.agency, node.dimension, polarity));
        if (this.memoText(node.agency, node.dimension) !== undefined) {
          children.unshift(this.node({ kind: 'memo', id: memoId(node.agency, node.dimension), agency: node.agency, dimension: node.dimension, parent: node }));
        }
        return children;
      }
      case 'polarity':
        return this.factorsOf(node.agency, node.dimension, node.polarity).map((f) => this.factorNode(node.agency, node.dimension, node.polarity, f.factor));
      case 'factor':
        return (this.factorData(node)?.segments ?? []).map((s) => this.segmentNode(node.agency, node.dimension, node.polarity, node.factor, s));
      default:
        return [];
    }
  }

  getParent(node: FactorNode): FactorNode | undefined {
    return node.parent;
  }

  getTreeItem(node: FactorNode): vscode.TreeItem {
    const item = this.item(node);
    item.id = node.id;
    return item;
  }

  private item(node: FactorNode): vscode.TreeItem {
    const language = this.settings.language();
    const codebook = this.study?.codebook;
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'problems': {
        const item = new vscode.TreeItem(vscode.l10n.t('{0} sidecar(s) cannot be read', this.model.broken().length), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = vscode.l10n.t('Their codes are left out of the sidebar, the matrix and the exports until they are fixed. Nothing is written to them.');
        return item;
      }
      case 'problem': {
        const record = this.model.broken().find((r) => r.sidecarPath === node.sidecarPath);
        const first = record?.problems.find((p) => p.severity === 'error') ?? record?.problems[0];
        const item = new vscode.TreeItem(node.sidecarPath.split('/').pop() ?? node.sidecarPath);
        item.description = first === undefined ? '' : vscode.l10n.t('line {0}: {1}', first.line, first.message);
        item.tooltip = new vscode.MarkdownString(
          `**${escapeMarkdown(node.sidecarPath)}**\n\n${(record?.problems ?? []).map((p) => `- ${escapeMarkdown(`${p.line}:${p.column} ${p.message}`)}`).join('\n')}`,
        );
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.contextValue = ContextValues.brokenSidecar;
        if (this.study !== undefined) {
          const line = Math.max(0, (first?.line ?? 1) - 1);
          item.command = {
            command: 'vscode.open',
            title: vscode.l10n.t('Open the sidecar'),
            arguments: [this.study.uriOf(node.sidecarPath), { selection: new vscode.Range(line, 0, line, 0) }],
          };
        }
        return item;
      }
      case 'agency': {
        const item = new vscode.TreeItem(node.agency === UNASSIGNED ? vscode.l10n.t('Without an agency') : node.agency, collapsed);
        // Counted from the records: the agency's summary is made only when it is expanded.
        const counts = countsText(this.model.agencyCounts(node.agency));
        item.description = counts;
        item.iconPath = new vscode.ThemeIcon(node.agency === UNASSIGNED ? 'question' : 'organization');
        item.contextValue = node.agency === UNASSIGNED ? ContextValues.agencyUnassigned : ContextValues.agency;
        item.tooltip =
          node.agency === UNASSIGNED
            ? vscode.l10n.t('Transcripts with no agency: set attributes.agency in the sidecar, or agency: in the transcript front matter.')
            : `${node.agency}\n${counts}`;
        return item;
      }
      case 'dimension': {
        const data = this.dimensionData(node.agency, node.dimension);
        const item = new vscode.TreeItem(data?.label ?? node.dimension, collapsed);
        const memo = this.memoText(node.agency, node.dimension);
        const counts = countsText(countsOf(this.segmentsOf(node)));
        item.description = memo === undefined ? counts : `${counts} · ${vscode.l10n.t('memo')}`;
        item.iconPath = colorIcon(colorOfCode(codebook, node.dimension), 'dimension');
        item.contextValue = node.agency === UNASSIGNED ? ContextValues.dimensionUnassigned : ContextValues.dimension;
        const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(data?.label ?? node.dimension)}** \`${escapeMarkdown(node.dimension)}\`\n\n${escapeMarkdown(counts)}`);
        if (memo !== undefined) tooltip.appendMarkdown(`\n\n---\n\n${memoMarkdown(memo)}`);
        item.tooltip = tooltip;
        return item;
      }
      case 'memo': {
        const memo = this.memoText(node.agency, node.dimension) ?? '';
        const firstLine = memo.split('\n').find((line) => line.trim() !== '') ?? '';
        const item = new vscode.TreeItem(quoteStart(firstLine, 70));
        item.description = vscode.l10n.t('analytic memo');
        item.iconPath = new vscode.ThemeIcon('note');
        item.tooltip = new vscode.MarkdownString(memoMarkdown(memo));
        item.contextValue = ContextValues.memo;
        item.command = { command: 'transcriptCoder.editAnalyticMemo', title: vscode.l10n.t('Edit Analytic Memo'), arguments: [node] };
        return item;
      }
      case 'polarity': {
        const factors = this.factorsOf(node.agency, node.dimension, node.polarity);
        const item = new vscode.TreeItem(labelOfPolarity(codebook, node.polarity, language), collapsed);
        const segments = factors.flatMap((f) => f.segments);
        item.description = `${factors.length === 1 ? vscode.l10n.t('1 factor') : vscode.l10n.t('{0} factors', factors.length)} · ${segmentsText(segments.length)}`;
        item.iconPath = polarityIcon(node.polarity);
        item.contextValue = ContextValues.polarity;
        return item;
      }
      case 'factor': {
        const data = this.factorData(node);
        const segments = data?.segments ?? [];
        const evidence = factorEvidence(segments);
        const item = new vscode.TreeItem(node.factor.trim() === '' ? vscode.l10n.t('(no factor named)') : node.factor, collapsed);
        const sources = evidence.sources.map((source) => sourceText(source)).join(', ');
        item.description = sources === '' ? countsText(evidence) : `${countsText(evidence)} · ${sources}`;
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = ContextValues.factor;
        item.tooltip = factorTooltip(node.factor, segments, evidence.sources);
        return item;
      }
      case 'segment': {
        const segment = this.segmentsOf(node)[0];
        const file = segment?.file ?? node.sidecarPath;
        const item = new vscode.TreeItem(segment?.informant ?? file.split('/').pop() ?? file);
        item.description = segment === undefined ? '' : `${sourceText(segment.source)} · “${quoteStart(segment.text)}”`;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.contextValue = ContextValues.segment;
        if (segment !== undefined) {
          item.tooltip = segmentTooltip(segment, resolveCodePath(codebook ?? { version: 1, frameworks: [], polarities: [] }, segment.code) === undefined);
          item.accessibilityInformation = { label: `${segment.informant ?? file}, ${sourceText(segment.source)}: ${segment.text}` };
        }
        item.command = { command: 'transcriptCoder.revealSegment', title: vscode.l10n.t('Reveal in Transcript'), arguments: [node] };
        return item;
      }
    }
  }
}

function memoMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('  \n');
}

function factorTooltip(factor: string, segments: readonly Segment[], sources: readonly string[]): vscode.MarkdownString {
  const informants = [...new Set(segments.flatMap((s) => (s.informant === null ? [] : [s.informant])))];
  const lines = [`**${escapeMarkdown(factor)}**`, ''];
  lines.push(`${escapeMarkdown(vscode.l10n.t('Informants'))}: ${informants.length === 0 ? '—' : informants.map(escapeMarkdown).join(', ')}`);
  lines.push('', `${escapeMarkdown(vscode.l10n.t('Source types'))}: ${sources.length === 0 ? '—' : sources.map((s) => escapeMarkdown(sourceText(s))).join(', ')}`);
  return new vscode.MarkdownString(lines.join('\n'));
}

function segmentTooltip(segment: Segment, unknownCode: boolean): vscode.MarkdownString {
  const lines = [
    // The whole coded text, line by line, not the stored 80-character anchor.
    segment.text
      .split('\n')
      .map((line) => `> ${escapeMarkdown(line)}`)
      .join('  \n'),
    '',
    `${escapeMarkdown(`${segment.file}:${segment.lines[0]}${segment.lines[1] === segment.lines[0] ? '' : `–${segment.lines[1]}`}`)}`,
    '',
    `${escapeMarkdown(vscode.l10n.t('Informant'))}: ${escapeMarkdown(segment.informant ?? '—')} · ${escapeMarkdown(sourceText(segment.source))} · ${escapeMarkdown(vscode.l10n.t('coder {0}', segment.coder))}`,
  ];
  if (segment.memo !== undefined) lines.push('', `${escapeMarkdown(vscode.l10n.t('Memo'))}: ${escapeMarkdown(segment.memo)}`);
  if (unknownCode) lines.push('', escapeMarkdown(vscode.l10n.t('The code {0} is not in the codebook.', segment.code)));
  return new vscode.MarkdownString(lines.join('\n'));
}
