/**
 * Exports from the extension, through the same registry as `transcript-coder export`
 * (src/core/exports/formats.ts): the findings report as Markdown or Word, the segments as
 * CSV and the codes × agencies matrix as CSV. A save dialog picks the file; what the
 * export left out, and why, is said in the notification and listed in the output.
 */
import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/exports/formats';
import { loadMemos, MEMOS_PATH } from '../../core/study/memos';
import { formatProblem, compareProblems, type Problem } from '../../core/problems/problem';
import type { Study } from '../../core/study/study';
import type { CodingContext } from '../coding-context';
import { writeBytes } from '../file-io';
import { interop } from '../lazy';
import type { StudyIndex } from '../study-index';
import { localDate } from './memos';
import type { StudyScope } from './study-scope';

export const EXPORT_COMMANDS: ReadonlyArray<{ command: string; format: string; suffix: string }> = [
  { command: 'transcriptCoder.exportFindingsMarkdown', format: 'md', suffix: 'findings' },
  { command: 'transcriptCoder.exportFindingsWord', format: 'docx', suffix: 'findings' },
  { command: 'transcriptCoder.exportSegmentsCsv', format: 'csv', suffix: 'segments' },
  { command: 'transcriptCoder.exportMatrixCsv', format: 'matrix-csv', suffix: 'codes-by-agency' },
];

export interface ExportOutcome {
  uri?: vscode.Uri;
  problems: Problem[];
}

export function registerExportCommands(context: CodingContext, scope: StudyScope, output: vscode.OutputChannel): vscode.Disposable[] {
  return EXPORT_COMMANDS.map(({ command, format, suffix }) =>
    vscode.commands.registerCommand(command, (target?: unknown) => exportStudy(context, scope, output, format, suffix, target instanceof vscode.Uri ? target : undefined)),
  );
}

/** The study as the CLI loads it: every sidecar and transcript, read through workspace.fs. */
export function loadFullStudy(study: StudyIndex): Promise<Study> {
  return study.loadWhole('all');
}

export async function exportStudy(
  context: CodingContext,
  scope: StudyScope,
  output: vscode.OutputChannel,
  formatId: string,
  suffix: string,
  target?: vscode.Uri,
): Promise<ExportOutcome | undefined> {
  const study = scope.current();
  const { exportFormat, renderExport } = interop();
  const format = exportFormat(formatId);
  if (study === undefined || format === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to export it.'));
    return undefined;
  }
  const name = study.folder.name;
  const uri = target ?? (await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(study.folder.uri, `${name}-${suffix}.${format.extension}`),
    filters: filtersFor(format),
    title: vscode.l10n.t('Export {0}', formatName(format)),
  }));
  if (uri === undefined) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', formatName(format)) },
    async () => {
      const loaded = await loadFullStudy(study);
      const memos = await loadMemos(study.reader, MEMOS_PATH);
      return renderExport(format, { study: loaded, name, language: context.language(), memos, exportedOn: localDate(new Date()) });
    },
  );
  const problems = [...result.problems].sort(compareProblems);
  if (result.bytes === undefined) {
    showProblems(output, problems);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was exported: {0}', problems[0]?.message ?? formatName(format)));
    return { problems };
  }
  await writeBytes(uri, result.bytes);
  // Errors are what the export left out: an unreadable sidecar, or a code not on its text.
  const leftOut = problems.filter((p) => p.severity === 'error');
  const open = vscode.l10n.t('Open');
  const details = vscode.l10n.t('Show Details');
  const message =
    leftOut.length === 0
      ? vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(uri))
      : vscode.l10n.t('Exported {0}; {1} left out (unreadable sidecars, codes not on their text): {2}', vscode.workspace.asRelativePath(uri), leftOut.length, leftOut.map((p) => `${p.file}: ${p.message}`).join('; '));
  if (problems.length > 0) showProblems(output, problems);
  const show = leftOut.length === 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, open, ...(problems.length > 0 ? [details] : [])).then(async (answer) => {
    if (answer === open) await vscode.commands.executeCommand('vscode.open', uri);
    else if (answer === details) output.show(true);
  });
  return { uri, problems };
}

function showProblems(output: vscode.OutputChannel, problems: readonly Problem[]): void {
  output.appendLine(vscode.l10n.t('Export: what was left out, and why'));
  for (const found of problems) output.appendLine(formatProblem(found));
}

function filtersFor(format: ExportFormat): Record<string, string[]> {
  return { [formatName(format)]: [format.extension] };
}

/** The format's name in the UI language. */
function formatName(format: ExportFormat): string {
  switch (format.id) {
    case 'md':
      return vscode.l10n.t('findings report (Markdown)');
    case 'docx':
      return vscode.l10n.t('findings report (Word)');
    case 'csv':
      return vscode.l10n.t('coded segments (CSV)');
    case 'matrix-csv':
      return vscode.l10n.t('codes × agencies (CSV)');
    default:
      return format.description;
  }
}
