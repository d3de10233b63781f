/**
 * The Transcript Coder sidebar (issue 4): the Factors by Agency, Codebook and
 * Transcripts views, their filters and welcome content, the study matrix, analytic
 * memos and the exports. `registerSidebar` returns every disposable; nothing here is
 * module state.
 */
import * as vscode from 'vscode';
import { DEFAULT_POLARITIES } from '../../core/codebook';
import type { CooccurrenceLevel } from '../../core/cooccurrence';
import { resolveLabel } from '../../core/text';
import type { CodingContext } from '../coding-context';
import { readBytes, writeBytes } from '../file-io';
import { SECTION } from '../settings';
import { CooccurrencePanels } from '../matrix/cooccurrence-panel';
import { MatrixPanels } from '../matrix/matrix-panel';
import { CodebookTreeProvider, type CodebookNode } from './codebook-tree';
import { registerCodebookCommands } from './codebook-commands';
import { registerExportCommands } from './exports';
import { registerFactorCommands } from './factor-commands';
import { registerFindAndCode } from './find-and-code';
import { FactorsTreeProvider, type FactorNode } from './factors-tree';
import { FilterStore, pickFilters } from './filters';
import { MEMO_SCHEME, MemoFileSystem, MemoStores } from './memos';
import { StudyEditor } from './study-edits';
import type { TranscriptStatsWorker } from './stats-worker';
import { StudyScope } from './study-scope';
import { NO_FILTERS, type SidebarFilters } from './study-view';
import { TranscriptsTreeProvider, type TranscriptNode } from './transcripts-tree';
import { NO_CODEBOOK_CONTEXT, registerWelcomeCommands } from './welcome';
import { afterActivation } from '../after-activation';

const VIEW_IDS = {
  container: 'transcriptCoder',
  factors: 'transcriptCoder.factors',
  codebook: 'transcriptCoder.codebook',
  transcripts: 'transcriptCoder.transcripts',
} as const;

/** What the tests in a real VS Code reach through the `transcriptCoder.internal.sidebar` command. */
export interface SidebarApi {
  scope: StudyScope;
  filters: FilterStore;
  factors: FactorsTreeProvider;
  codebook: CodebookTreeProvider;
  transcripts: TranscriptsTreeProvider;
  views: { factors: vscode.TreeView<FactorNode>; codebook: vscode.TreeView<CodebookNode>; transcripts: vscode.TreeView<TranscriptNode> };
  editor: StudyEditor;
  matrix: MatrixPanels;
  cooccurrence: CooccurrencePanels;
  memos: MemoStores;
}

export function registerSidebar(context: CodingContext, output: vscode.OutputChannel, worker: TranscriptStatsWorker): vscode.Disposable[] {
  const extension = context.extension;
  const scope = new StudyScope(context.studies);
  const filters = new FilterStore(extension.workspaceState);
  const memos = new MemoStores(context.studies);
  const language = () => context.language();
  let coder: string | undefined;

  /** The user's filters; in blind coding mode only the coder's own codes, whatever the filters say. */
  const effectiveFilters = (): SidebarFilters => {
    const chosen = filters.get();
    const blind = vscode.workspace.getConfiguration(SECTION).get<boolean>('blindCoding', false);
    return blind && coder !== undefined ? { ...chosen, coders: [coder] } : chosen;
  };

  const factors = new FactorsTreeProvider(scope, memos, { language, filters: effectiveFilters });
  const codebook = new CodebookTreeProvider(scope, factors, language);
  const transcripts = new TranscriptsTreeProvider(scope, worker);
  const views = {
    factors: vscode.window.createTreeView(VIEW_IDS.factors, { treeDataProvider: factors, showCollapseAll: true }),
    codebook: vscode.window.createTreeView(VIEW_IDS.codebook, { treeDataProvider: codebook, showCollapseAll: true }),
    transcripts: vscode.window.createTreeView(VIEW_IDS.transcripts, { treeDataProvider: transcripts, showCollapseAll: true }),
  };
  const editor = new StudyEditor(context.documents);
  const polarityLabel = (id: string): string => {
    const polarity = (scope.current()?.codebook?.polarities ?? DEFAULT_POLARITIES).find((p) => p.id === id);
    return resolveLabel(polarity?.label, language(), id);
  };
  const filterText = () => filters.describe(polarityLabel);
  const matrix = new MatrixPanels({ extensionUri: extension.extensionUri, factors, language, filterText });
  const cooccurrence = new CooccurrencePanels({ extensionUri: extension.extensionUri, factors, language, filterText, polarityLabel });
  const api: SidebarApi = { scope, filters, factors, codebook, transcripts, views, editor, matrix, cooccurrence, memos };

  const updateDescriptions = () => {
    const folder = scope.multiRoot() ? scope.current()?.folder.name : undefined;
    const described = [filterText(), folder].filter((part): part is string => part !== undefined && part !== '').join(' · ');
    views.factors.description = described === '' ? undefined : described;
    views.codebook.description = described === '' ? undefined : described;
    views.transcripts.description = folder;
    const loaded = scope.current()?.loadedCodebook;
    const broken = loaded !== undefined && loaded.codebook === undefined ? loaded.problems.find((p) => p.severity === 'error') : undefined;
    views.codebook.message =
      broken === undefined || broken.message.startsWith('no codebook at') ? undefined : vscode.l10n.t('{0} cannot be read: line {1}: {2}', loaded?.path ?? 'codebook.yaml', broken.line, broken.message);
  };
  const updateNoCodebook = async () => {
    const study = scope.current();
    const missing = study === undefined || (await readBytes(study.codebookUri()).catch(() => undefined)) === undefined;
    await vscode.commands.executeCommand('setContext', NO_CODEBOOK_CONTEXT, missing);
  };
  const rebuildAll = () => {
    factors.rebuild();
    codebook.refresh();
    updateDescriptions();
  };

  const disposables: vscode.Disposable[] = [
    scope,
    filters,
    memos,
    factors,
    codebook,
    transcripts,
    views.factors,
    views.codebook,
    views.transcripts,
    matrix,
    cooccurrence,
    vscode.workspace.registerFileSystemProvider(MEMO_SCHEME, new MemoFileSystem(memos, () => context.knownCoder()), { isCaseSensitive: true }),
    ...registerFactorCommands({ context, factors, view: views.factors, editor, memos }),
    ...registerCodebookCommands({ context, scope, view: views.codebook, editor }),
    ...registerWelcomeCommands(context),
    ...registerExportCommands(context, scope, output, () => filters.get().attributes),
    ...registerFindAndCode(context, scope),
    vscode.commands.registerCommand('transcriptCoder.filterSidebar', async (value?: unknown) => {
      const next = value !== undefined ? (value as SidebarFilters) : await pickFilters(context.studies, filters.get(), language());
      if (next !== undefined) await filters.set(next);
      return filters.get();
    }),
    vscode.commands.registerCommand('transcriptCoder.clearSidebarFilters', () => filters.set(NO_FILTERS)),
    vscode.commands.registerCommand('transcriptCoder.refreshSidebar', async () => {
      await Promise.all([...context.studies.all().map((study) => study.reloadEverything()), memos.reloadAll()]);
      rebuildAll();
      transcripts.refresh();
    }),
    vscode.commands.registerCommand('transcriptCoder.showMatrix', async () => {
      await matrix.show();
    }),
    vscode.commands.registerCommand('transcriptCoder.showCooccurrence', async (options?: { level?: CooccurrenceLevel; agency?: string | null }) => {
      await cooccurrence.show(typeof options === 'object' && options !== null ? options : {});
    }),
    vscode.commands.registerCommand('transcriptCoder.exportMatrixSvg', (target?: unknown) =>
      saveBytes(target, scope, 'matrix.svg', { SVG: ['svg'] }, async () => new TextEncoder().encode(await matrix.svg())),
    ),
    vscode.commands.registerCommand('transcriptCoder.exportMatrixPng', (target?: unknown) =>
      saveBytes(target, scope, 'matrix.png', { PNG: ['png'] }, () => matrix.png()),
    ),
    vscode.commands.registerCommand('transcriptCoder.internal.sidebar', () => api),
    filters.onDidChange(() => rebuildAll()),
    scope.onDidChangeStudy(() => {
      codebook.refresh();
      updateDescriptions();
      void updateNoCodebook();
    }),
    scope.onDidChangeContent(({ change }) => {
      if (change.kind === 'record') return;
      codebook.refresh();
      updateDescriptions();
      void updateNoCodebook();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.labelLanguage`) || event.affectsConfiguration(`${SECTION}.blindCoding`) || event.affectsConfiguration(`${SECTION}.coder`)) {
        void context.knownCoder().then((name) => {
          coder = name;
          rebuildAll();
        });
      }
    }),
  ];
  // Reading settings for the first time builds VS Code's settings model (the coder's name
  // is a setting): after activation.
  void afterActivation().then(async () => {
    updateDescriptions();
    void updateNoCodebook();
    coder = await context.knownCoder();
    if (vscode.workspace.getConfiguration(SECTION).get<boolean>('blindCoding', false)) rebuildAll();
  });
  return disposables;
}

async function saveBytes(
  target: unknown,
  scope: StudyScope,
  suffix: string,
  filters: Record<string, string[]>,
  make: () => Promise<Uint8Array | undefined>,
): Promise<vscode.Uri | undefined> {
  const study = scope.current();
  if (study === undefined) return undefined;
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(study.folder.uri, `${study.folder.name}-${suffix}`), filters });
  if (uri === undefined) return undefined;
  const bytes = await make();
  if (bytes === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The picture could not be made.'));
    return undefined;
  }
  await writeBytes(uri, bytes);
  if (!(target instanceof vscode.Uri)) void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(uri)));
  return uri;
}
