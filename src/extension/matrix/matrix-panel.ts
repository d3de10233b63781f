/**
 * The study matrix (issue 4): agencies × dimensions in a webview, each cell with its
 * supporting, inhibiting and effort counts on a colour scale comparable across cells
 * (the core's intensity and balance); a cell lists its segments, a segment opens its
 * transcript. Exports the picture as SVG (the core's renderer) or PNG (that SVG drawn on
 * a canvas in the webview). Follows the study and the sidebar's filters live.
 */
import * as vscode from 'vscode';
import type { StudyMatrix } from '../../core/report';
import { reports } from '../lazy';
import type { FactorsTreeProvider } from '../sidebar/factors-tree';
import { sourceText } from '../sidebar/words';
import { matrixPageHtml } from './matrix-html';
import { makeNonce } from '../webview-page';
import { Disposable } from '../dispose';
import { fromBase64 } from '../base64';

const MATRIX_VIEW_TYPE = 'transcriptCoder.studyMatrix';

interface PendingPng {
  resolve: (bytes: Uint8Array | undefined) => void;
}

export interface MatrixDeps {
  extensionUri: vscode.Uri;
  factors: FactorsTreeProvider;
  language: () => string;
  filterText: () => string | undefined;
}

/** The cell data the webview draws: counts only; segments are sent when a cell is opened. */
interface CellData {
  total: number;
  informants: number;
  counts: Record<string, number>;
  intensity: number;
  balance: number | null;
}

export class MatrixPanels extends Disposable implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private html: string | undefined;
  private matrix: StudyMatrix | undefined;
  private ready = false;
  private readonly readyWaiters: Array<() => void> = [];
  private readonly pngRequests = new Map<number, PendingPng>();
  private nextRequest = 1;
  private pendingUpdate: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: MatrixDeps) {
    super();
    // The sidebar's model changed (files, filters, language): redraw soon, once.
    this.register(deps.factors.onDidChangeTreeData(() => this.scheduleUpdate()));
  }

  /** The open panel's HTML (tests check its Content Security Policy). */
  currentHtml(): string | undefined {
    return this.html;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  async show(): Promise<vscode.WebviewPanel> {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return this.panel;
    }
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, vscode.l10n.t('Study Matrix'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'activity-icon.svg');
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    this.html = matrixPageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUris: ['webview-colors.js', 'matrix.js'].map((name) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString()),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'matrix.css')).toString(),
      language: this.deps.language().split('-')[0] ?? 'en',
      words: {
        title: vscode.l10n.t('Study Matrix'),
        exportSvg: vscode.l10n.t('Export SVG…'),
        exportPng: vscode.l10n.t('Export PNG…'),
        loading: vscode.l10n.t('Loading…'),
        legendSupporting: vscode.l10n.t('more supporting'),
        legendBalanced: vscode.l10n.t('balanced'),
        legendInhibiting: vscode.l10n.t('more inhibiting'),
        legendIntensity: vscode.l10n.t('The stronger the colour, the more segments the cell holds.'),
        segmentsHeading: vscode.l10n.t('Segments'),
        pickCell: vscode.l10n.t('Choose a cell to list its segments.'),
        keyboardHelp: vscode.l10n.t('Arrow keys move between cells; Enter lists the segments of a cell.'),
      },
    });
    webview.html = this.html;
    this.register(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.html = undefined;
        this.ready = false;
        for (const request of this.pngRequests.values()) request.resolve(undefined);
        this.pngRequests.clear();
      }),
    );
    this.register(webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)));
    this.register(
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.scheduleUpdate();
      }),
    );
    return panel;
  }

  /** Resolves once the webview has loaded its script and received the data. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private scheduleUpdate(): void {
    if (this.panel === undefined) return;
    if (this.pendingUpdate !== undefined) clearTimeout(this.pendingUpdate);
    this.pendingUpdate = setTimeout(() => {
      this.pendingUpdate = undefined;
      void this.postMatrix();
    }, 150);
  }

  /**
   * The matrix as the sidebar sees the study (filters applied), from the sidebar's
   * summaries per agency: after one changed sidecar only its agency is summarised again.
   */
  async computeMatrix(): Promise<StudyMatrix> {
    const model = this.deps.factors.model;
    const { buildStudyMatrix } = await reports();
    return buildStudyMatrix(model.summary(), model.codebook(), this.deps.language());
  }

  private async postMatrix(): Promise<void> {
    const panel = this.panel;
    if (panel === undefined) return;
    const matrix = await this.computeMatrix();
    if (this.panel !== panel) return;
    this.matrix = matrix;
    const cells: CellData[][] = matrix.cells.map((row) =>
      row.map((cell) => ({
        total: cell.total.segments,
        informants: cell.total.informants,
        counts: Object.fromEntries(Object.entries(cell.byPolarity).map(([id, count]) => [id, count.segments])),
        intensity: cell.intensity,
        balance: cell.balance,
      })),
    );
    await panel.webview.postMessage({
      type: 'matrix',
      agencies: matrix.agencies,
      dimensions: matrix.dimensions,
      polarities: matrix.polarities,
      cells,
      maxCellSegments: matrix.maxCellSegments,
      filter: this.deps.filterText() ?? '',
      words: {
        agency: vscode.l10n.t('Agency'),
        empty: vscode.l10n.t('No coded segments yet: code some transcripts, or clear the filters.'),
        noSegments: vscode.l10n.t('No segments in this cell.'),
        total: vscode.l10n.t('total'),
        informants: vscode.l10n.t('informants'),
        unassigned: matrix.unassignedSegments > 0 ? vscode.l10n.t('{0} segments of transcripts without an agency are not in the matrix.', matrix.unassignedSegments) : '',
        leftOut:
          matrix.leftOutCodes > 0
            ? vscode.l10n.t('{0} code(s) are not on their text (orphaned, moved or changed) and are not counted: see the Transcripts view to re-anchor them.', matrix.leftOutCodes)
            : '',
        leftOutHeading: vscode.l10n.t('Not counted: not on their text'),
      },
    });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const data = message as Record<string, unknown>;
    switch (data['type']) {
      case 'ready':
        await this.postMatrix();
        this.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      case 'cell':
        await this.postSegments(Number(data['row']), Number(data['column']));
        return;
      case 'open':
        await this.openSegment(String(data['sidecarPath'] ?? ''), String(data['id'] ?? ''));
        return;
      case 'export-svg':
        await vscode.commands.executeCommand('transcriptCoder.exportMatrixSvg');
        return;
      case 'export-png':
        await vscode.commands.executeCommand('transcriptCoder.exportMatrixPng');
        return;
      case 'png': {
        const request = this.pngRequests.get(Number(data['request']));
        if (request === undefined) return;
        this.pngRequests.delete(Number(data['request']));
        const url = typeof data['dataUrl'] === 'string' ? data['dataUrl'] : '';
        const prefix = 'data:image/png;base64,';
        request.resolve(url.startsWith(prefix) ? fromBase64(url.slice(prefix.length)) : undefined);
        return;
      }
    }
  }

  private async postSegments(row: number, column: number): Promise<void> {
    const cell = this.matrix?.cells[row]?.[column];
    if (this.panel === undefined || cell === undefined) return;
    const { reportWords, reportLanguage } = await reports();
    const words = reportWords(reportLanguage(this.deps.language()));
    await this.panel.webview.postMessage({
      type: 'segments',
      row,
      column,
      segments: cell.segments.map((segment) => ({
        sidecarPath: segment.sidecarPath,
        id: segment.id,
        file: segment.file,
        lines: segment.lines,
        informant: segment.informant ?? '',
        source: sourceText(segment.source),
        polarity: this.matrix?.polarities.find((p) => p.id === segment.polarity)?.label ?? segment.polarity,
        factor: segment.factor,
        // The whole coded text of the lines, not the stored 80-character anchor.
        text: segment.text,
      })),
      leftOut: cell.leftOut.map(({ segment, offText }) => ({
        file: segment.file,
        lines: segment.lines,
        informant: segment.informant ?? '',
        polarity: this.matrix?.polarities.find((p) => p.id === segment.polarity)?.label ?? segment.polarity,
        factor: segment.factor,
        quote: segment.quote,
        reason: words.offTextReason(offText),
      })),
    });
  }

  private async openSegment(sidecarPath: string, id: string): Promise<void> {
    const node = this.deps.factors.findSegment(sidecarPath, id);
    if (node !== undefined) await vscode.commands.executeCommand('transcriptCoder.revealSegment', node);
  }

  /** The matrix as the core's standalone SVG, with the sidebar's filters. */
  async svg(): Promise<string> {
    const language = this.deps.language();
    const study = this.deps.factors.model.study();
    const folder = this.deps.factors.currentStudy()?.folder.name ?? 'study';
    const { exportMatrixSvg } = await reports();
    return new TextDecoder().decode(exportMatrixSvg({ study, name: folder, language }).bytes);
  }

  /** The SVG drawn on a canvas in the webview, as PNG bytes; opens the panel if needed. */
  async png(): Promise<Uint8Array | undefined> {
    await this.show();
    await this.whenReady();
    const panel = this.panel;
    if (panel === undefined) return undefined;
    const request = this.nextRequest++;
    const result = new Promise<Uint8Array | undefined>((resolve) => this.pngRequests.set(request, { resolve }));
    await panel.webview.postMessage({ type: 'render-png', request, svg: await this.svg() });
    return result;
  }

  override dispose(): void {
    if (this.pendingUpdate !== undefined) clearTimeout(this.pendingUpdate);
    this.panel?.dispose();
    super.dispose();
  }
}
