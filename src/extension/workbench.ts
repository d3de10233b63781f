/**
 * Everything Transcript Coder registers in VS Code: a thin adapter over the core, started
 * by activate() (extension.ts, through desktop/start.ts or its web twin). Everything
 * registered here is disposed through `context.subscriptions`; no module-level state.
 */
import * as vscode from 'vscode';
import { indexingProgress, type IndexingProgress } from './indexing-progress';
import { afterActivation } from './after-activation';
import { CodedDocuments, isCodableDocument } from './coded-documents';
import { CodingContext } from './coding-context';
import { registerAttributeCommands } from './commands/attributes';
import { registerCodingCommands } from './commands/coding';
import { registerNavigationCommands } from './commands/navigation';
import { registerInteropCommands } from './commands/interop';
import { registerTeamCommands } from './commands/team';
import { registerAgreementReportCommand } from './commands/agreement-report';
import { registerDisagreementReview } from './review';
import { enableFileNesting, fileNestingEnabled, registerWorkspaceCommands } from './commands/workspace';
import { CodeDecorations } from './decorations';
import { CodeDiagnostics } from './diagnostics';
import { registerRepairCommands } from './commands/repair';
import { registerRelinkCommands } from './commands/relink';
import { SidecarRepairActions, TranscriptRepairActions } from './repair-actions';
import { registerSidecarsFollow } from './sidecars-follow';
import { registerMedia } from './media/media-commands';
import { CodeHoverProvider } from './hover';
import { readSettings, SECTION } from './settings';
import { registerSidebar } from './sidebar';
import { TranscriptStatsWorker } from './sidebar/stats-worker';
import { CodingStatusBar } from './status-bar';
import { StudyIndexes } from './study-indexes';
import { rememberExtensionLocation } from './desktop/lazy-bundles';
import { studyStore } from './workspace-files';

const TRANSCRIPT_SELECTOR: vscode.DocumentSelector = [
  { language: 'transcript' },
  { language: 'plaintext' },
  { language: 'markdown' },
];
const NESTING_OFFER_KEY = 'transcriptCoder.nestingOffered';

/** What startWorkbench gives activate(): the API of extension.ts, without `ready`. */
export interface WorkbenchApi {
  documents: CodedDocuments;
  studies: StudyIndexes;
  /** Its onDidDraw tells tests and `npm run bench` when and how fast codes were drawn. */
  decorations: CodeDecorations;
  /** The study being read (window progress): tests and `npm run bench` wait for it to settle. */
  indexing: IndexingProgress;
}

/** What activate() returns (extension.ts): tests and `npm run bench` read the study through it. */
export interface TranscriptCoderApi extends WorkbenchApi {
  /** Settles once everything is registered: at once in the desktop, a turn or two after activate() in a browser (desktop/start.web.ts). */
  ready: Promise<void>;
}

export function startWorkbench(extension: vscode.ExtensionContext): WorkbenchApi {
  // Where a browser reads the bundles loaded on first use (lazy.ts).
  rememberExtensionLocation(extension.extensionUri);
  // The study's re-anchoring runs in a worker thread, for the Problems panel, the Transcripts view and opened transcripts (issue 19).
  const worker = new TranscriptStatsWorker(extension.extensionPath);
  const studies = new StudyIndexes(worker);
  const documents = new CodedDocuments(worker);
  const context = new CodingContext(extension, documents, studies);
  const language = () => context.language();
  const decorations = new CodeDecorations({
    codesOf: (document) => {
      const codes = documents.get(document)?.session.codes();
      return codes === undefined ? undefined : context.shown(codes);
    },
    codebookOf: (document) => studies.forDocument(document)?.codebook,
    language,
    endOfLineLabels: () => readSettings().endOfLineLabels,
    labelsNameCoders: () => context.reviewShowsAll,
  });
  const diagnostics = new CodeDiagnostics(documents, studies, worker);
  const shown = (codes: Parameters<CodingContext['shown']>[0]) => context.shown(codes);
  const statusBar = new CodingStatusBar(documents, studies, language, shown);
  const output = vscode.window.createOutputChannel('Transcript Coder');
  const media = registerMedia(context, extension.extensionUri);
  let coder: string | undefined;
  const refreshStatus = () => statusBar.update(coder);
  const refreshCoder = () =>
    void context.knownCoder().then((name) => {
      coder = name;
      refreshStatus();
      // Blind mode shows only this coder's codes: redraw once the name is known.
      decorations.refreshAll();
    });

  extension.subscriptions.push(
    studies,
    documents,
    decorations,
    diagnostics,
    statusBar,
    output,
    ...registerCodingCommands(context),
    ...registerNavigationCommands(context),
    ...registerAttributeCommands(context),
    ...registerWorkspaceCommands(context, output),
    ...registerSidebar(context, output, worker),
    worker,
    ...registerTeamCommands(context),
    registerAgreementReportCommand(context),
    ...registerDisagreementReview(context, () => decorations.refreshAll()),
    ...registerInteropCommands(context, output),
    vscode.languages.registerHoverProvider(TRANSCRIPT_SELECTOR, new CodeHoverProvider(documents, studies, language, shown, (document) => media.hasRecording(document))),
    ...registerRepairCommands(context),
    vscode.languages.registerCodeActionsProvider(TRANSCRIPT_SELECTOR, new TranscriptRepairActions(documents), { providedCodeActionKinds: TranscriptRepairActions.kinds }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.codes.yaml' }, new SidecarRepairActions(studies), { providedCodeActionKinds: SidecarRepairActions.kinds }),
    ...registerRelinkCommands(studies),
    ...registerSidecarsFollow(studies),
    ...media.disposables,
    documents.onDidChangeCodes((coded) => {
      // Typing moves codes: redraw after a pause. Coding changes redraw at once.
      decorations.refresh(coded.document);
      diagnostics.updateDocument(coded);
      updateContextKeys(context);
      refreshStatus();
    }),
    documents.onDidFail(({ message }) => void vscode.window.showErrorMessage(message)),
    studies.onDidChangeDetail(({ change }) => {
      // Decoration types hold the codebook's colours: a changed sidecar leaves them be. (Diagnostics follow the studies themselves.)
      if (change.kind !== 'record') decorations.resetTypes();
      void offerFileNesting(extension, studies);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.forget(document)),
    vscode.window.onDidChangeVisibleTextEditors(() => decorations.refreshAll()),
    vscode.window.onDidChangeActiveTextEditor(() => {
      updateContextKeys(context);
      refreshStatus();
    }),
    vscode.window.onDidChangeTextEditorSelection(() => {
      updateContextKeys(context);
      refreshStatus();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        decorations.resetTypes();
        refreshCoder();
      }
    }),
  );
  void afterActivation().then(() => {
    refreshCoder();
    updateContextKeys(context);
  });
  return { documents, studies, decorations, indexing: indexingProgress };
}

function updateContextKeys(context: CodingContext): void {
  const editor = vscode.window.activeTextEditor;
  const coded = editor === undefined ? undefined : context.documents.get(editor.document);
  const codable = editor !== undefined && (coded !== undefined || isCodableDocument(editor.document));
  const codeAtCursor = editor !== undefined && coded !== undefined && context.shown(coded.session.codesAt(editor.selection.active.line + 1)).length > 0;
  const undo = coded?.session.undoInfo();
  const redo = coded?.session.redoInfo();
  void vscode.commands.executeCommand('setContext', 'transcriptCoder.codable', codable);
  void vscode.commands.executeCommand('setContext', 'transcriptCoder.codeAtCursor', codeAtCursor);
  // Ctrl+Z undoes a coding change only when it is the newest change in the transcript.
  void vscode.commands.executeCommand('setContext', 'transcriptCoder.codingUndoNext', undo?.isNewest === true);
  void vscode.commands.executeCommand('setContext', 'transcriptCoder.codingRedoNext', redo?.isNewest === true);
}

/** Offer, once per workspace, to nest sidecars under their transcripts in the Explorer. */
async function offerFileNesting(extension: vscode.ExtensionContext, studies: StudyIndexes): Promise<void> {
  // Nesting is a workspace setting: restricted mode writes none, so it is not offered there (issue 19).
  if (!studyStore.mayWrite()) return;
  if (extension.workspaceState.get<boolean>(NESTING_OFFER_KEY) === true || fileNestingEnabled()) return;
  if (!studies.all().some((study) => study.allRecords().length > 0)) return;
  await extension.workspaceState.update(NESTING_OFFER_KEY, true);
  const nest = vscode.l10n.t('Nest sidecars');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Show each transcript\'s .codes.yaml nested under it in the Explorer?'),
    nest,
    vscode.l10n.t('Not now'),
  );
  if (answer === nest) await enableFileNesting();
}
