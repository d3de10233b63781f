/** Settings-level commands: labels, coder name, sidecar nesting, the sidecar itself, the summary. */
import * as vscode from 'vscode';
import { formatSummaryTable, summarize } from '../../core/study';
import type { CodingContext } from '../coding-context';
import { readBytes, sidecarUriFor, updateSetting } from '../file-io';
import { readSettings, SECTION } from '../settings';

const NESTING_PATTERN = '${capture}.codes.yaml';

export function registerWorkspaceCommands(context: CodingContext, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('transcriptCoder.toggleEndOfLineLabels', async () => {
      await updateSetting(SECTION, 'endOfLineLabels', !readSettings().endOfLineLabels, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('transcriptCoder.setCoderName', () => context.askCoderName()),
    vscode.commands.registerCommand('transcriptCoder.openSidecar', (uriArg?: unknown, idArg?: unknown) => openSidecar(context, uriArg, idArg)),
    vscode.commands.registerCommand('transcriptCoder.enableFileNesting', () => enableFileNesting()),
    vscode.commands.registerCommand('transcriptCoder.showSummary', () => showSummary(context, output)),
  ];
}

async function openSidecar(context: CodingContext, uriArg: unknown, idArg: unknown): Promise<void> {
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : vscode.window.activeTextEditor?.document.uri;
  if (uri === undefined) return;
  const sidecar = sidecarUriFor(uri);
  if ((await readBytes(sidecar)) === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This transcript has no sidecar yet: it is written with the first code.'));
    return;
  }
  const document = await vscode.workspace.openTextDocument(sidecar);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (typeof idArg === 'string') {
    const line = document.getText().split('\n').findIndex((text) => text.includes(`id: ${idArg}`));
    if (line >= 0) {
      editor.selection = new vscode.Selection(line, 0, line, 0);
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
    }
  }
  void context;
}

/** Nest each `x.codes.yaml` under `x` in the Explorer, for this workspace. */
export async function enableFileNesting(): Promise<void> {
  const explorer = vscode.workspace.getConfiguration('explorer.fileNesting');
  const patterns = { ...(explorer.get<Record<string, string>>('patterns') ?? {}) };
  const existing = patterns['*'];
  if (existing === undefined) patterns['*'] = NESTING_PATTERN;
  else if (!existing.split(',').map((p) => p.trim()).includes(NESTING_PATTERN)) patterns['*'] = `${existing}, ${NESTING_PATTERN}`;
  await updateSetting('explorer.fileNesting', 'enabled', true, vscode.ConfigurationTarget.Workspace);
  await updateSetting('explorer.fileNesting', 'patterns', patterns, vscode.ConfigurationTarget.Workspace);
}

export function fileNestingEnabled(): boolean {
  const explorer = vscode.workspace.getConfiguration('explorer.fileNesting');
  return explorer.get<boolean>('enabled') === true && (explorer.get<Record<string, string>>('patterns')?.['*'] ?? '').includes(NESTING_PATTERN);
}

async function showSummary(context: CodingContext, output: vscode.OutputChannel): Promise<string | undefined> {
  const study = context.studies.all()[0];
  if (study === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to see its summary.'));
    return undefined;
  }
  // Only codes on their text are counted, and that is read in the transcripts.
  const loaded = await study.loadWhole('all');
  const language = context.language();
  const summary = summarize(loaded, { language });
  const table = formatSummaryTable(summary, loaded.codebook.codebook, language);
  output.clear();
  output.append(table);
  output.show(true);
  void vscode.window.showInformationMessage(table.split('\n')[0] ?? '');
  return table;
}
