/**
 * The co-occurrence table (issue 18, item 3) in a webview: which dimensions (indicators,
 * factors) are coded on the same lines, for the study or one agency, from the sidebar's
 * summaries — so the sidebar's filters apply, and it follows the study live, like the
 * study matrix. A cell holds the lines coded with both units; Enter or a click lists the
 * overlapping pairs of segments with their whole text, and a segment opens its transcript.
 * The counting is the core's (core/cooccurrence), the same as `transcript-coder
 * cooccurrence` and the findings report's section.
 */
import * as vscode from 'vscode';
import type { Cooccurrence, CooccurrenceLevel, CooccurrenceTable } from '../../core/cooccurrence';
import type { Segment } from '../../core/study';
import { reports } from '../lazy';
import type { FactorsTreeProvider } from '../sidebar/factors-tree';
import { sourceText } from '../sidebar/words';
import { cooccurrencePageHtml } from './cooccurrence-html';
import { makeNonce } from '../webview-page';
import { Disposable } from '../dispose';

const VIEW_TYPE = 'transcriptCoder.cooccurrence';
/** Above this many units a table is unreadable: the pairs with most lines in common are listed instead. */
const MAX_TABLE_UNITS = 40;
const MAX_LISTED_PAIRS = 100;

/** dist/reports.js, loaded when the table is first drawn (../lazy.ts). */
type ReportsBundle = Awaited<ReturnType<typeof reports>>;

export interface CooccurrenceDeps {
  extensionUri: vscode.Uri;
  factors: FactorsTreeProvider;
  language: () => string;
  filterText: () => string | undefined;
  /** A polarity's label in the study's language. */
  polarityLabel: (id: string) => string;
}

/** What the webview draws (tests read it through `current()`). */
export interface CooccurrenceView {
  level: CooccurrenceLevel;
  /** `null` for the whole study, else the agency. */
  agency: string | null;
  agencies: string[];
  units: Array<{ label: string; dimension: string; lines: number; segments: number }>;
  /** `cells[i][j]`: lines coded with both units (0 when none; the diagonal is the unit's own lines). */
  cells: number[][];
  /** `overlaps[i][j]`: overlapping pairs of segments. */
  overlaps: number[][];
  /** Set when there are too many units for a table: the pairs with most lines, by unit index. */
  pairs: Array<{ a: number; b: number; lines: number; overlaps: number }> | undefined;
  maxLines: number;
}

export class CooccurrencePanels extends Disposable implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private html: string | undefined;
  private level: CooccurrenceLevel = 'dimension';
  private agency: string | null = null;
  private computed: { cooccurrence: Cooccurrence; table: CooccurrenceTable; view: CooccurrenceView } | undefined;
  private reportsBundle: ReportsBundle | undefined;
  private ready = false;
  private readonly readyWaiters: Array<() => void> = [];
  private pendingUpdate: ReturnType<typeof setTimeout> | undefined;
  private readonly posted = new vscode.EventEmitter<CooccurrenceView>();
  /** Fires each time a table is sent to the webview. */
  readonly onDidPost = this.posted.event;

  constructor(private readonly deps: CooccurrenceDeps) {
    super();
    this.register(this.posted);
    this.register(deps.factors.onDidChangeTreeData(() => this.scheduleUpdate()));
  }

  currentHtml(): string | undefined {
    return this.html;
  }

  current(): CooccurrenceView | undefined {
    return this.computed?.view;
  }

  async show(options: { level?: CooccurrenceLevel; agency?: string | null } = {}): Promise<vscode.WebviewPanel> {
    if (options.level !== undefined) this.level = options.level;
    if (options.agency !== undefined) this.agency = options.agency;
    if (this.panel !== undefined) {
      this.panel.reveal();
      if (options.level !== undefined || options.agency !== undefined) await this.post();
      return this.panel;
    }
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Co-occurrence'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
    panel.iconPath = vscode.Uri.joinPath(media, 'activity-icon.svg');
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    this.html = cooccurrencePageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUris: ['webview-colors.js', 'cooccurrence.js'].map((name) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString()),
      styleUris: ['matrix.css', 'cooccurrence.css'].map((name) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString()),
      language: this.deps.language().split('-')[0] ?? 'en',
      words: {
        title: vscode.l10n.t('Co-occurrence'),
        level: vscode.l10n.t('Rows and columns:'),
        levels: { dimension: vscode.l10n.t('Dimensions'), indicator: vscode.l10n.t('Indicators'), factor: vscode.l10n.t('Factors within a dimension') },
        scope: vscode.l10n.t('For:'),
        loading: vscode.l10n.t('Loading…'),
        legend: vscode.l10n.t('Each cell: the lines coded with both; the stronger the colour, the more lines. The diagonal holds each row’s own coded lines.'),
        keyboardHelp: vscode.l10n.t('Arrow keys move between cells; Enter lists the overlapping segments of a cell.'),
        pairsHeading: vscode.l10n.t('Overlapping segments'),
        pickCell: vscode.l10n.t('Choose a cell to list the segments that overlap there.'),
      },
    });
    webview.html = this.html;
    this.register(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.html = undefined;
        this.ready = false;
      }),
    );
    this.register(webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)));
    this.register(panel.onDidChangeViewState(() => panel.visible && this.scheduleUpdate()));
    return panel;
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private scheduleUpdate(): void {
    if (this.panel === undefined) return;
    if (this.pendingUpdate !== undefined) clearTimeout(this.pendingUpdate);
    this.pendingUpdate = setTimeout(() => {
      this.pendingUpdate = undefined;
      void this.post();
    }, 150);
  }

  /** The co-occurrence of the study as the sidebar sees it (its filters applied), at the chosen level and scope. */
  private compute({ computeCooccurrence, pairsByWeight }: ReportsBundle): { cooccurrence: Cooccurrence; table: CooccurrenceTable; view: CooccurrenceView } {
    const model = this.deps.factors.model;
    const cooccurrence = computeCooccurrence(model.summary(), model.codebook(), { level: this.level, language: this.deps.language() });
    const agencies = cooccurrence.agencies.map((table) => table.agency ?? '');
    if (this.agency !== null && !agencies.includes(this.agency)) this.agency = null;
    const table = this.agency === null ? cooccurrence.study : (cooccurrence.agencies.find((candidate) => candidate.agency === this.agency) ?? cooccurrence.study);
    const size = table.units.length;
    const position = new Map(table.units.map((count, index) => [count.unit, index]));
    const cells = table.units.map((row) => table.units.map((column) => (row.unit === column.unit ? row.lines : 0)));
    const overlaps = table.units.map(() => table.units.map(() => 0));
    let maxLines = 0;
    for (const pair of table.pairs) {
      const i = position.get(pair.a) as number;
      const j = position.get(pair.b) as number;
      for (const [x, y] of [[i, j], [j, i]] as const) {
        (cells[x] as number[])[y] = pair.lines;
        (overlaps[x] as number[])[y] = pair.overlaps.length;
      }
      maxLines = Math.max(maxLines, pair.lines);
    }
    const pairs =
      size <= MAX_TABLE_UNITS
        ? undefined
        : pairsByWeight(table)
            .slice(0, MAX_LISTED_PAIRS)
            .map((pair) => ({ a: position.get(pair.a) as number, b: position.get(pair.b) as number, lines: pair.lines, overlaps: pair.overlaps.length }));
    const view: CooccurrenceView = {
      level: this.level,
      agency: this.agency,
      agencies,
      units: table.units.map((count) => {
        const unit = cooccurrence.units[count.unit];
        return { label: unit?.label ?? '', dimension: unit?.dimension ?? '', lines: count.lines, segments: count.segments };
      }),
      cells,
      overlaps,
      pairs,
      maxLines,
    };
    return { cooccurrence, table, view };
  }

  private async post(): Promise<void> {
    const panel = this.panel;
    if (panel === undefined) return;
    const bundle = await reports();
    if (this.panel !== panel) return;
    this.reportsBundle = bundle;
    this.computed = this.compute(bundle);
    const { view } = this.computed;
    await panel.webview.postMessage({
      type: 'cooccurrence',
      ...view,
      filter: this.deps.filterText() ?? '',
      words: {
        study: vscode.l10n.t('The whole study'),
        empty: vscode.l10n.t('No two of these are coded on the same lines yet: code more, or clear the filters.'),
        tooMany: vscode.l10n.t('{0} rows are too many for a table: the {1} pairs with most lines in common are listed.', view.units.length, view.pairs?.length ?? 0),
        lines: vscode.l10n.t('lines'),
        overlaps: vscode.l10n.t('overlapping segment pairs'),
        ownLines: vscode.l10n.t('lines coded with it'),
        noPairs: vscode.l10n.t('No segments overlap in this cell.'),
      },
    });
    this.posted.fire(view);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const data = message as Record<string, unknown>;
    switch (data['type']) {
      case 'ready':
        await this.post();
        this.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      case 'level':
        if (data['level'] === 'dimension' || data['level'] === 'indicator' || data['level'] === 'factor') this.level = data['level'];
        await this.post();
        return;
      case 'scope':
        this.agency = typeof data['agency'] === 'string' && data['agency'] !== '' ? data['agency'] : null;
        await this.post();
        return;
      case 'cell':
        await this.postOverlaps(Number(data['row']), Number(data['column']));
        return;
      case 'open': {
        const node = this.deps.factors.findSegment(String(data['sidecarPath'] ?? ''), String(data['id'] ?? ''));
        if (node !== undefined) await vscode.commands.executeCommand('transcriptCoder.revealSegment', node);
        return;
      }
    }
  }

  /** The overlapping pairs of segments of one cell, each segment with its whole text. */
  overlapsOf(row: number, column: number): Array<{ first: SegmentRow; second: SegmentRow }> {
    const computed = this.computed;
    const a = computed?.table.units[row]?.unit;
    const b = computed?.table.units[column]?.unit;
    const bundle = this.reportsBundle;
    if (computed === undefined || bundle === undefined || a === undefined || b === undefined || a === b) return [];
    const pair = bundle.pairOf(computed.table, a, b);
    const rowOf = (segment: Segment): SegmentRow => ({
      sidecarPath: segment.sidecarPath,
      id: segment.id,
      file: segment.file,
      lines: segment.lines,
      informant: segment.informant ?? '',
      source: sourceText(segment.source),
      polarity: this.deps.polarityLabel(segment.polarity),
      factor: segment.factor,
      code: segment.code,
      text: segment.text,
    });
    // `first` is of the pair's unit a: put the row's unit first.
    return (pair?.overlaps ?? []).map(({ first, second }) => (pair?.a === a ? { first: rowOf(first), second: rowOf(second) } : { first: rowOf(second), second: rowOf(first) }));
  }

  private async postOverlaps(row: number, column: number): Promise<void> {
    if (this.panel === undefined) return;
    await this.panel.webview.postMessage({ type: 'overlaps', row, column, overlaps: this.overlapsOf(row, column) });
  }

  override dispose(): void {
    if (this.pendingUpdate !== undefined) clearTimeout(this.pendingUpdate);
    this.panel?.dispose();
    super.dispose();
  }
}

interface SegmentRow {
  sidecarPath: string;
  id: string;
  file: string;
  lines: [number, number];
  informant: string;
  source: string;
  polarity: string;
  factor: string;
  code: string;
  text: string;
}
