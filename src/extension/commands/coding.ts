/** Coding from the keyboard: code, repeat, edit, remove, memo, undo and redo. */
import * as vscode from 'vscode';
import { pickCode, pickFactor, pickPolarity, presetOf } from '../pickers';
import type { CodingContext } from '../coding-context';
import { selectedLineRanges } from '../coding-context';
import { refuseReadOnly } from './read-only';

export function registerCodingCommands(context: CodingContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown>) => vscode.commands.registerCommand(id, run);
  return [
    register('transcriptCoder.codeSelection', (preset) => codeSelection(context, preset)),
    register('transcriptCoder.repeatLastCode', () => repeatLastCode(context)),
    register('transcriptCoder.editCode', (uri, id) => editCode(context, uri, id)),
    register('transcriptCoder.removeCode', (uri, id) => removeCode(context, uri, id)),
    register('transcriptCoder.editMemo', (uri, id) => editMemo(context, uri, id)),
    register('transcriptCoder.undoCoding', () => undoOrRedo(context, 'undo')),
    register('transcriptCoder.redoCoding', () => undoOrRedo(context, 'redo')),
  ];
}


/** Returns the ids of the new codes (tests read them); undefined when cancelled. */
async function codeSelection(context: CodingContext, presetArg?: unknown): Promise<string[] | undefined> {
  const preset = presetOf(presetArg);
  const editor = context.activeEditor();
  if (editor === undefined) return undefined;
  const study = context.studies.forDocument(editor.document);
  // Pressed while the study is still being read (just after the window opened): wait for the codebook.
  if (study !== undefined && study.codebook === undefined) await study.codebookRead;
  const codebook = study?.codebook;
  if (codebook === undefined) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('There is no usable codebook for this transcript. Create codebook.yaml at the study root (transcript-coder init), or fix the problems shown for it.'),
    );
    return undefined;
  }
  // A sidecar that cannot be written refuses before the first picker, not after the third.
  if (await refuseReadOnly(context, editor.document)) return undefined;
  const language = context.language();
  const code = preset.code ?? (await pickCode(codebook, language, context.recentCodes(), vscode.l10n.t('Code the selected lines')));
  if (code === undefined) return undefined;
  const polarity = preset.polarity ?? (await pickPolarity(codebook, language));
  if (polarity === undefined) return undefined;
  const factor = preset.factor ?? (await pickFactor(study?.factorsFor(code) ?? []));
  if (factor === undefined) return undefined;
  return applyCode(context, editor, { code, polarity, factor });
}

async function repeatLastCode(context: CodingContext): Promise<string[] | undefined> {
  const editor = context.activeEditor();
  if (editor === undefined) return undefined;
  const last = context.lastCode();
  if (last === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No code to repeat yet: code some lines first.'));
    return undefined;
  }
  if (await refuseReadOnly(context, editor.document)) return undefined;
  return applyCode(context, editor, last);
}

async function applyCode(context: CodingContext, editor: vscode.TextEditor, choice: { code: string; polarity: string; factor: string }): Promise<string[] | undefined> {
  const coder = await context.coder();
  if (coder === undefined) return undefined;
  const coded = await context.documents.ensure(editor.document);
  if (coded === undefined) return undefined;
  let ids: string[] = [];
  const done = await context.documents.change(coded, (session) => {
    ids = session.addCodes(selectedLineRanges(editor), { ...choice, coder }, Math.random);
  });
  if (!done) return undefined;
  await context.remember(choice);
  return ids;
}

async function editCode(context: CodingContext, uriArg: unknown, idArg: unknown): Promise<boolean> {
  const found = await context.codeFromArgs(uriArg, idArg, vscode.l10n.t('Edit which code?'));
  if (found === undefined) return false;
  const { coded, code } = found;
  const study = context.studies.forDocument(coded.document);
  const codebook = study?.codebook;
  const language = context.language();
  const choice = await vscode.window.showQuickPick(
    [
      { label: `$(symbol-class) ${vscode.l10n.t('Change the code')}`, description: code.entry.code, field: 'code' as const },
      { label: `$(arrow-swap) ${vscode.l10n.t('Change the polarity')}`, description: code.entry.polarity, field: 'polarity' as const },
      { label: `$(edit) ${vscode.l10n.t('Rename the factor')}`, description: code.entry.factor, field: 'factor' as const },
      { label: `$(note) ${vscode.l10n.t('Edit the memo')}`, description: code.entry.memo ?? '', field: 'memo' as const },
    ],
    { title: vscode.l10n.t('Edit code {0}', code.entry.id) },
  );
  if (choice === undefined) return false;
  let value: string | undefined;
  switch (choice.field) {
    case 'code':
      if (codebook === undefined) return false;
      value = await pickCode(codebook, language, context.recentCodes(), vscode.l10n.t('Change the code'));
      break;
    case 'polarity':
      value = await pickPolarity(codebook, language, code.entry.polarity);
      break;
    case 'factor':
      value = await pickFactor(study?.factorsFor(code.entry.code) ?? [], code.entry.factor);
      break;
    case 'memo':
      value = await askMemo(code.entry.memo);
      break;
  }
  if (value === undefined) return false;
  const field = choice.field;
  return context.documents.change(coded, (session) => session.updateCode(code.entry.id, { [field]: value }));
}

async function editMemo(context: CodingContext, uriArg: unknown, idArg: unknown): Promise<boolean> {
  const found = await context.codeFromArgs(uriArg, idArg, vscode.l10n.t('Memo for which code?'));
  if (found === undefined) return false;
  const memo = await askMemo(found.code.entry.memo);
  if (memo === undefined) return false;
  return context.documents.change(found.coded, (session) => session.updateCode(found.code.entry.id, { memo }));
}

function askMemo(current: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Memo'),
    prompt: vscode.l10n.t('A note on this code (empty removes the memo)'),
    value: current ?? '',
  });
}

async function removeCode(context: CodingContext, uriArg: unknown, idArg: unknown): Promise<boolean> {
  if (typeof uriArg === 'string' && typeof idArg === 'string') {
    const found = await context.codeFromArgs(uriArg, idArg, '');
    if (found === undefined) return false;
    return context.documents.change(found.coded, (session) => session.removeCodes([found.code.entry.id]));
  }
  const editor = context.activeEditor();
  const coded = editor === undefined ? undefined : context.documents.get(editor.document);
  const codes = editor === undefined ? [] : context.shown(coded?.session.codesAt(editor.selection.active.line + 1) ?? []);
  if (coded === undefined || codes.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no code on this line.'));
    return false;
  }
  let ids = codes.map((code) => code.entry.id);
  if (codes.length > 1) {
    const picked = await vscode.window.showQuickPick(
      codes.map((code) => ({ label: code.entry.factor || code.entry.code, description: `${code.entry.code} · ${code.entry.polarity}`, id: code.entry.id })),
      { title: vscode.l10n.t('Remove which codes?'), canPickMany: true },
    );
    if (picked === undefined || picked.length === 0) return false;
    ids = picked.map((item) => item.id);
  }
  return context.documents.change(coded, (session) => session.removeCodes(ids));
}

async function undoOrRedo(context: CodingContext, which: 'undo' | 'redo'): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const coded = editor === undefined ? undefined : context.documents.get(editor.document);
  const info = which === 'undo' ? coded?.session.undoInfo() : coded?.session.redoInfo();
  if (coded === undefined || info === undefined) {
    void vscode.window.showInformationMessage(which === 'undo' ? vscode.l10n.t('No coding change to undo.') : vscode.l10n.t('No coding change to redo.'));
    return false;
  }
  const done = await context.documents.change(coded, (session) => (which === 'undo' ? session.undo() : session.redo()));
  const label = operationLabel(info.label);
  if (done) vscode.window.setStatusBarMessage(which === 'undo' ? vscode.l10n.t('Undid: {0}', label) : vscode.l10n.t('Redid: {0}', label), 3000);
  return done;
}

/** The session names its operations in English; the status bar says them in the UI language. */
function operationLabel(label: string): string {
  switch (label) {
    case 'code':
      return vscode.l10n.t('coding');
    case 'edit code':
      return vscode.l10n.t('editing a code');
    case 'remove code':
      return vscode.l10n.t('removing a code');
    case 're-anchor code':
      return vscode.l10n.t('re-anchoring a code');
    case 're-anchor codes':
      return vscode.l10n.t('re-anchoring codes');
    case 'attributes':
      return vscode.l10n.t('setting attributes');
    case 'settle disagreement':
      return vscode.l10n.t('settling a disagreement');
    default:
      return label;
  }
}
