/**
 * "Export Agreement Report…" (issue 16, item 4 in the editor): the agreement report the CLI
 * writes with `agreement --report md|docx`, for the coders picked, optionally with each
 * coder against the consensus coder of a disagreement review (the figures after it).
 * Built in the core (agreement-document.ts), so editor and CLI write the same file.
 */
import * as vscode from 'vscode';
import type { CodingContext } from '../coding-context';
import { writeBytes } from '../file-io';
import { interop, team } from '../lazy';

type ReportFormat = 'md' | 'docx';

export function registerAgreementReportCommand(context: CodingContext): vscode.Disposable {
  return vscode.commands.registerCommand('transcriptCoder.exportAgreementReport', (coders?: unknown, format?: unknown, target?: unknown, consensus?: unknown) =>
    exportAgreementReport(context, coders, format, target, consensus),
  );
}

/** Returns the file written (tests read it); undefined when cancelled. */
async function exportAgreementReport(context: CodingContext, codersArg: unknown, formatArg: unknown, targetArg: unknown, consensusArg: unknown): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const study = (active === undefined ? undefined : context.studies.forUri(active)) ?? context.studies.all()[0];
  if (study === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a study folder to compute agreement.'));
    return undefined;
  }
  const { agreementInput, codersOf } = await team();
  const loaded = await study.loadWhole('all');
  const known = codersOf(loaded.records);
  const coders = Array.isArray(codersArg)
    ? codersArg.filter((coder): coder is string => typeof coder === 'string')
    : await vscode.window.showQuickPick(known, { canPickMany: true, title: vscode.l10n.t('Agreement between which coders?'), placeHolder: vscode.l10n.t('Pick two or more coders') });
  if (coders === undefined) return undefined;
  if (coders.length < 2) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Agreement needs at least two coders.'));
    return undefined;
  }
  const consensus = typeof consensusArg === 'string' ? consensusArg : Array.isArray(codersArg) ? '' : await pickConsensus(known.filter((coder) => !coders.includes(coder)));
  if (consensus === undefined) return undefined;
  const format = formatArg === 'md' || formatArg === 'docx' ? formatArg : await pickFormat();
  if (format === undefined) return undefined;
  const target =
    typeof targetArg === 'string'
      ? vscode.Uri.parse(targetArg)
      : await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(study.folder.uri, `agreement.${format}`),
          filters: format === 'md' ? { Markdown: ['md'] } : { Word: ['docx'] },
          title: vscode.l10n.t('Export Agreement Report'),
        });
  if (target === undefined) return undefined;
  const inputs = loaded.records.map(agreementInput);
  const { buildAgreementDocument, renderAgreementDocumentDocx, renderAgreementDocumentMarkdown } = await interop();
  let bytes: Uint8Array;
  try {
    const document = buildAgreementDocument(inputs.filter((input) => typeof input !== 'string'), coders, {}, consensus === '' ? undefined : consensus);
    document.all.notes.push(...inputs.filter((input): input is string => typeof input === 'string'));
    bytes = format === 'md' ? new TextEncoder().encode(renderAgreementDocumentMarkdown(document)) : await renderAgreementDocumentDocx(document);
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  await writeBytes(target, bytes);
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(target)));
  return target.toString();
}

/** The consensus coder of a review, or '' for none. */
async function pickConsensus(others: readonly string[]): Promise<string | undefined> {
  if (others.length === 0) return '';
  const none = { label: vscode.l10n.t('No consensus coder'), coder: '' };
  const picked = await vscode.window.showQuickPick([none, ...others.map((coder) => ({ label: coder, description: vscode.l10n.t('each coder against this consensus (after a disagreement review)'), coder }))], {
    title: vscode.l10n.t('Add the figures after a disagreement review?'),
  });
  return picked?.coder;
}

async function pickFormat(): Promise<ReportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Markdown', description: '.md', format: 'md' as const },
      { label: 'Word', description: '.docx', format: 'docx' as const },
    ],
    { title: vscode.l10n.t('Export Agreement Report') },
  );
  return picked?.format;
}
