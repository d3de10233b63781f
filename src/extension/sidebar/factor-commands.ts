/**
 * The Factors view's context actions: reveal a segment in its transcript, rename a
 * factor across the study, change the polarity of or remove the segments under a node,
 * edit the analytic memo of an agency × dimension, and undo the last study-wide change.
 *
 * Each command takes an optional second argument so that keybindings, scripts and tests
 * can skip the prompts: `{ name }`, `{ polarity }`, `{ text }`, and `{ confirmed: true }`
 * to apply without the preview dialog.
 */
import * as vscode from 'vscode';
import { dimensionPathOf } from '../../core/codebook';
import { factorKey } from '../../core/study';
import { labelOfPolarity } from '../code-colors';
import type { CodingContext } from '../coding-context';
import { pickFactor, pickPolarity } from '../pickers';
import type { FactorNode, FactorsTreeProvider } from './factors-tree';
import { UNASSIGNED } from './ids';
import { memoUri, type MemoStores } from './memos';
import type { AppliedChange, CodeEdit, StudyEditor } from './study-edits';

interface CommandOptions {
  name?: string;
  polarity?: string;
  text?: string;
  confirmed?: boolean;
}

function optionsOf(value: unknown): CommandOptions {
  if (typeof value !== 'object' || value === null) return {};
  const { name, polarity, text, confirmed } = value as Record<string, unknown>;
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof polarity === 'string' ? { polarity } : {}),
    ...(typeof text === 'string' ? { text } : {}),
    ...(confirmed === true ? { confirmed } : {}),
  };
}

function isFactorNode(value: unknown): value is FactorNode {
  return typeof value === 'object' && value !== null && typeof (value as FactorNode).kind === 'string' && typeof (value as FactorNode).id === 'string';
}

export interface FactorCommandDeps {
  context: CodingContext;
  factors: FactorsTreeProvider;
  view: vscode.TreeView<FactorNode>;
  editor: StudyEditor;
  memos: MemoStores;
}

export function registerFactorCommands(deps: FactorCommandDeps): vscode.Disposable[] {
  const selected = (arg: unknown): FactorNode | undefined => (isFactorNode(arg) ? arg : deps.view.selection[0]);
  return [
    vscode.commands.registerCommand('transcriptCoder.revealSegment', (node?: unknown) => revealSegment(deps, selected(node))),
    vscode.commands.registerCommand('transcriptCoder.playSegment', (node?: unknown) => playSegment(deps, selected(node))),
    vscode.commands.registerCommand('transcriptCoder.renameFactor', (node?: unknown, options?: unknown) => renameFactor(deps, selected(node), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.changePolarity', (node?: unknown, options?: unknown) => changePolarity(deps, selected(node), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.removeSegments', (node?: unknown, options?: unknown) => removeSegments(deps, selected(node), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.editAnalyticMemo', (node?: unknown, options?: unknown) => editMemo(deps, selected(node), optionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.undoStudyChange', () => undoStudyChange(deps.editor)),
  ];
}

/** Opens the segment's transcript with its lines selected (where they are now, when it is open). */
async function revealSegment(deps: FactorCommandDeps, node: FactorNode | undefined): Promise<vscode.TextEditor | undefined> {
  const study = deps.factors.currentStudy();
  if (node?.kind !== 'segment' || study === undefined) return undefined;
  const segment = deps.factors.segmentsOf(node)[0];
  if (segment === undefined) return undefined;
  const uri = study.uriOf(segment.file);
  const document = await vscode.workspace.openTextDocument(uri);
  const live = deps.context.documents.get(document)?.session.codes().find((code) => code.entry.id === segment.id);
  const [first, last] = live?.entry.lines ?? segment.lines;
  const lastLine = Math.min(last, document.lineCount) - 1;
  const range = new vscode.Range(Math.max(0, first - 1), 0, Math.max(0, lastLine), document.lineAt(Math.max(0, lastLine)).text.length);
  const editor = await vscode.window.showTextDocument(document, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Opens the segment's transcript at its lines and plays their span of the linked recording (issue 17). */
async function playSegment(deps: FactorCommandDeps, node: FactorNode | undefined): Promise<number | undefined> {
  const editor = await revealSegment(deps, node);
  if (editor === undefined) return undefined;
  const { start, end } = editor.selection;
  return vscode.commands.executeCommand<number | undefined>('transcriptCoder.playLines', editor.document.uri.toString(), start.line + 1, end.line + 1);
}

async function renameFactor(deps: FactorCommandDeps, node: FactorNode | undefined, options: CommandOptions): Promise<AppliedChange | undefined> {
  const study = deps.factors.currentStudy();
  if ((node?.kind !== 'factor' && node?.kind !== 'segment') || study === undefined) return undefined;
  const dimension = dimensionPathOf(node.dimension);
  const oldKey = factorKey(node.factor);
  const name = (options.name ?? (await pickFactor(study.factorsFor(dimension).filter((f) => factorKey(f) !== oldKey), node.factor)))?.trim();
  if (name === undefined || name === '' || name === node.factor) return undefined;
  // Across the study: every code of this dimension named so, in every agency and polarity.
  const edit: CodeEdit = (code) => (dimensionPathOf(code.code) === dimension && factorKey(code.factor) === oldKey && code.factor !== name ? { factor: name } : undefined);
  const plan = deps.editor.plan(study, vscode.l10n.t('Rename the factor "{0}" to "{1}" across the study', node.factor, name), edit);
  return applyPlan(deps, plan, vscode.l10n.t('Rename'), options);
}

/** The codes a node stands for, by sidecar and id. */
function codesUnder(deps: FactorCommandDeps, node: FactorNode): Set<string> {
  return new Set(deps.factors.segmentsOf(node).map((segment) => `${segment.sidecarPath}\u0000${segment.id}`));
}

async function changePolarity(deps: FactorCommandDeps, node: FactorNode | undefined, options: CommandOptions): Promise<AppliedChange | undefined> {
  const study = deps.factors.currentStudy();
  if ((node?.kind !== 'factor' && node?.kind !== 'segment') || study === undefined) return undefined;
  const polarity = options.polarity ?? (await pickPolarity(study.codebook, deps.context.language(), node.polarity));
  if (polarity === undefined || polarity === node.polarity) return undefined;
  const keys = codesUnder(deps, node);
  const edit: CodeEdit = (code, path) => (keys.has(`${path}\u0000${code.id}`) && code.polarity !== polarity ? { polarity } : undefined);
  const language = deps.context.language();
  const title = vscode.l10n.t(
    'Make "{0}" {1} instead of {2} ({3})',
    node.factor,
    labelOfPolarity(study.codebook, polarity, language),
    labelOfPolarity(study.codebook, node.polarity, language),
    node.agency === UNASSIGNED ? vscode.l10n.t('Without an agency') : node.agency,
  );
  return applyPlan(deps, deps.editor.plan(study, title, edit), vscode.l10n.t('Change'), options);
}

async function removeSegments(deps: FactorCommandDeps, node: FactorNode | undefined, options: CommandOptions): Promise<AppliedChange | undefined> {
  const study = deps.factors.currentStudy();
  if ((node?.kind !== 'factor' && node?.kind !== 'segment') || study === undefined) return undefined;
  const keys = codesUnder(deps, node);
  const edit: CodeEdit = (code, path) => (keys.has(`${path}\u0000${code.id}`) ? 'remove' : undefined);
  const title =
    node.kind === 'segment'
      ? vscode.l10n.t('Remove this coded segment of "{0}"', node.factor)
      : vscode.l10n.t('Remove the {0} coded segment(s) of "{1}" ({2})', keys.size, node.factor, node.agency === UNASSIGNED ? vscode.l10n.t('Without an agency') : node.agency);
  return applyPlan(deps, deps.editor.plan(study, title, edit), vscode.l10n.t('Remove'), options);
}

async function applyPlan(deps: FactorCommandDeps, plan: ReturnType<StudyEditor['plan']>, action: string, options: CommandOptions): Promise<AppliedChange | undefined> {
  if (plan.segments === 0 && plan.codebook === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to change.'));
    return undefined;
  }
  if (options.confirmed !== true && !(await deps.editor.confirm(plan, action))) return undefined;
  let applied: AppliedChange;
  try {
    applied = await deps.editor.apply(plan);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  reportApplied(deps.editor, applied);
  return applied;
}

/** Says what was done, with Undo; names the files that could not be changed. */
export function reportApplied(editor: StudyEditor, applied: AppliedChange): void {
  const undo = vscode.l10n.t('Undo');
  const files = applied.files.length + (applied.codebook === undefined ? 0 : 1);
  const message = vscode.l10n.t('{0}: {1} segment(s) changed in {2} file(s).', applied.title, applied.segments, files);
  if (files > 0) {
    void vscode.window.showInformationMessage(message, undo).then(async (answer) => {
      if (answer === undo) await undoStudyChange(editor, applied);
    });
  }
  if (applied.failed.length > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Not changed: {0}', applied.failed.map((failure) => `${failure.path} (${failure.reason})`).join('; ')),
    );
  }
}

async function undoStudyChange(editor: StudyEditor, change?: AppliedChange): Promise<unknown> {
  const last = editor.lastChange();
  if (last === undefined || (change !== undefined && change !== last)) {
    void vscode.window.showInformationMessage(
      change === undefined ? vscode.l10n.t('There is no study-wide change to undo.') : vscode.l10n.t('Only the newest study-wide change can be undone from here: use "Undo Last Study-wide Change".'),
    );
    return undefined;
  }
  const result = await editor.undo(last);
  if (result === undefined) return undefined;
  if (result.conflicts.length > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Undone, except in files changed since, which were left as they are: {0}', result.conflicts.join(', ')),
    );
  } else {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Undone: {0}', last.title), 5000);
  }
  return result;
}

/** Opens the memo of the node's agency × dimension in a small editor; with `text`, sets it at once. */
async function editMemo(deps: FactorCommandDeps, node: FactorNode | undefined, options: CommandOptions): Promise<unknown> {
  const study = deps.factors.currentStudy();
  if (study === undefined || node === undefined || !('dimension' in node) || node.agency === UNASSIGNED) return undefined;
  const dimension = dimensionPathOf(node.dimension);
  const store = deps.memos.for(study);
  await store.ready;
  if (store.memos.broken) {
    const first = store.memos.problems.find((p) => p.severity === 'error');
    void vscode.window.showErrorMessage(vscode.l10n.t('memos.yaml cannot be changed until it is fixed: line {0}: {1}', first?.line ?? 1, first?.message ?? ''));
    return undefined;
  }
  if (options.text !== undefined) {
    try {
      await store.set(node.agency, dimension, options.text, (await deps.context.knownCoder()) ?? '');
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
    return store.memoFor(node.agency, dimension);
  }
  const label = deps.factors.model.agency(node.agency)?.dimensions.find((d) => d.dimension === dimension)?.label ?? dimension;
  const document = await vscode.workspace.openTextDocument(memoUri(study, node.agency, dimension, `${node.agency} · ${label}`));
  if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Analytic memo: save (Ctrl+S) to write it to memos.yaml'), 8000);
  return editor;
}
