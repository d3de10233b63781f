/**
 * Starting out: "Start a Study" writes a codebook.yaml from the built-in templates the
 * user picks; "Open the Example Study" copies the bundled example to a folder of the
 * user's choice and opens it. Both are offered by the views' welcome content while the
 * workspace has no codebook.
 */
import * as vscode from 'vscode';
import { resolveLabel } from '../../core/text';
import { codebookYamlFromTemplates, FRAMEWORK_TEMPLATES } from '../../core/codebook';
import type { CodingContext } from '../coding-context';
import { copyNew, createFolder, readBytes, writeText } from '../file-io';
import { readSettings } from '../settings';
import { studyStore } from '../workspace-files';

export const NO_CODEBOOK_CONTEXT = 'transcriptCoder.noCodebook';

interface StartOptions {
  frameworks?: string[];
  folder?: vscode.Uri;
}

function startOptionsOf(value: unknown): StartOptions {
  if (typeof value !== 'object' || value === null) return {};
  const { frameworks, folder } = value as Record<string, unknown>;
  return {
    ...(Array.isArray(frameworks) ? { frameworks: frameworks.filter((f): f is string => typeof f === 'string') } : {}),
    ...(folder instanceof vscode.Uri ? { folder } : {}),
  };
}

export function registerWelcomeCommands(context: CodingContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('transcriptCoder.startStudy', (options?: unknown) => startStudy(context, startOptionsOf(options))),
    vscode.commands.registerCommand('transcriptCoder.openExampleStudy', (target?: unknown) => openExampleStudy(context, target instanceof vscode.Uri ? target : undefined)),
  ];
}

async function pickFolder(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title, openLabel: title });
  return picked?.[0];
}

/** Returns the codebook's URI when one was written. */
async function startStudy(context: CodingContext, options: StartOptions): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let folder = options.folder;
  if (folder === undefined) {
    if (folders.length === 1) folder = folders[0]?.uri;
    else if (folders.length > 1) folder = (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('The folder of the study') }))?.uri;
    else folder = await pickFolder(vscode.l10n.t('Choose the study folder'));
  }
  if (folder === undefined) return undefined;
  const codebookUri = vscode.Uri.joinPath(folder, ...readSettings(folder).codebookPath.split('/'));
  if ((await readBytes(codebookUri)) !== undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists: this folder already is a study.', vscode.workspace.asRelativePath(codebookUri)));
    return undefined;
  }
  const language = context.language();
  const frameworks =
    options.frameworks ??
    (
      await vscode.window.showQuickPick(
        FRAMEWORK_TEMPLATES.map((t) => ({ label: resolveLabel(t.label, language, t.id), description: t.id, detail: resolveLabel(t.description, language, ''), id: t.id, picked: t.id === 'jones' })),
        { canPickMany: true, title: vscode.l10n.t('Start a study: the frameworks to code against'), placeHolder: vscode.l10n.t('Pick one or more; you can add and change codes later') },
      )
    )?.map((item) => item.id);
  if (frameworks === undefined || frameworks.length === 0) return undefined;
  if (!studyStore.mayWrite() && vscode.workspace.getWorkspaceFolder(codebookUri) !== undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('This workspace is not trusted: Transcript Coder does not write to it.'));
    return undefined;
  }
  await createFolder(vscode.Uri.joinPath(codebookUri, '..'));
  await writeText(codebookUri, codebookYamlFromTemplates(frameworks));
  const inWorkspace = vscode.workspace.getWorkspaceFolder(codebookUri) !== undefined;
  if (!inWorkspace) {
    await vscode.commands.executeCommand('vscode.openFolder', folder);
    return codebookUri;
  }
  await vscode.window.showTextDocument(codebookUri, { preview: false });
  return codebookUri;
}

/** Copies the example study shipped with the extension to `<parent>/transcript-coder-example` and opens it. */
async function openExampleStudy(context: CodingContext, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const source = vscode.Uri.joinPath(context.extension.extensionUri, 'examples');
  if ((await readBytes(vscode.Uri.joinPath(source, 'codebook.yaml'))) === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('This installation of Transcript Coder has no example study.'));
    return undefined;
  }
  const parent = target ?? (await pickFolder(vscode.l10n.t('Where to put the example study')));
  if (parent === undefined) return undefined;
  const destination = vscode.Uri.joinPath(parent, 'transcript-coder-example');
  try {
    await copyNew(source, destination);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not copy the example study to {0}: {1}', destination.fsPath, error instanceof Error ? error.message : String(error)),
    );
    return undefined;
  }
  if (target === undefined) await vscode.commands.executeCommand('vscode.openFolder', destination, { forceNewWindow: (vscode.workspace.workspaceFolders ?? []).length > 0 });
  return destination;
}
