/**
 * Quick fixes that repair codes off their text (issue 12, part 2), for Ctrl+. in the
 * transcript and for the Problems panel:
 * - on an orphan's problem: accept the similar text (when re-anchoring found some),
 *   re-anchor it on lines the user names or selects, re-anchor all, open the sidecar, remove it;
 * - on a selection anywhere in a transcript that has orphans: put one of them on the
 *   selected lines ("Re-anchor code here");
 * - on a sidecar's problem about a code's place: re-anchor all codes of its transcript.
 */
import * as vscode from 'vscode';
import type { CodedDocuments } from './coded-documents';
import { selectionLineRange } from './coding-context';
import { relinkedSidecarText } from '../core/follow';
import { parseSidecar } from '../core/sidecar';
import { relinkOffers } from './commands/relink';
import { offTextCodes } from './commands/repair';
import { idFromMessage, isOffTextDiagnostic, kindOf } from './diagnostics';
import { wholeTextEdit } from './file-io';
import type { StudyIndexes } from './study-indexes';
import { studyStore } from './workspace-files';

/** Orphans offered one by one on a selection; more than this, and one action opens a picker. */
const LISTED_ORPHANS = 4;

export class TranscriptRepairActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly documents: CodedDocuments) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const coded = this.documents.get(document);
    if (coded === undefined || coded.session.readOnly) return [];
    const uri = document.uri.toString();
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    const selection = selectionLines(range);
    for (const diagnostic of context.diagnostics) {
      const codeId = (diagnostic as { codeId?: string }).codeId ?? idFromMessage(diagnostic.message);
      if (!isOffTextDiagnostic(diagnostic) || codeId === undefined) continue;
      offered.add(codeId);
      const similar = coded.session.similarText(codeId);
      if (similar !== undefined) {
        const accept = action(
          vscode.l10n.t('Accept the similar text at lines {0} for code {1} ({2}% alike)', lineText(similar.lines), codeId, Math.round(similar.score * 100)),
          'transcriptCoder.acceptSimilarText',
          [uri, codeId],
          diagnostic,
        );
        accept.isPreferred = true;
        actions.push(accept);
      }
      const onOwnPlace = selection === undefined || diagnostic.range.contains(range);
      actions.push(
        onOwnPlace
          ? action(vscode.l10n.t('Re-anchor code {0} on lines…', codeId), 'transcriptCoder.reanchorCode', [uri, codeId], diagnostic)
          : action(vscode.l10n.t('Re-anchor code {0} on lines {1}', codeId, lineText(selection)), 'transcriptCoder.reanchorCode', [uri, codeId, selection], diagnostic),
      );
      actions.push(
        action(vscode.l10n.t('Re-anchor all codes of this transcript…'), 'transcriptCoder.reanchorAll', [uri]),
        action(vscode.l10n.t('Open the sidecar'), 'transcriptCoder.openSidecar', [uri, codeId]),
        action(vscode.l10n.t('Remove orphaned code {0}', codeId), 'transcriptCoder.removeOrphan', [uri, codeId], diagnostic),
      );
    }
    // Lines selected away from any orphan: "Re-anchor code here" for the transcript's orphans.
    if (selection !== undefined) {
      const orphans = offTextCodes(coded).filter((code) => !offered.has(code.entry.id));
      if (orphans.length > LISTED_ORPHANS) {
        actions.push(action(vscode.l10n.t('Re-anchor an orphaned code on lines {0}…', lineText(selection)), 'transcriptCoder.reanchorCode', [uri, undefined, selection]));
      } else {
        for (const { entry } of orphans) {
          actions.push(
            action(
              vscode.l10n.t('Re-anchor code {0} ({1}) on lines {2}', entry.id, entry.factor || entry.code, lineText(selection)),
              'transcriptCoder.reanchorCode',
              [uri, entry.id, selection],
            ),
          );
        }
      }
    }
    return actions;
  }
}

/**
 * On a sidecar's problems: about where a code is, re-anchor (and review) all codes of its
 * transcript in the editor; its transcript gone, relink it to the transcript holding its
 * quotes; its `transcript:` naming another file, name the file beside it.
 */
export class SidecarRepairActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly studies: StudyIndexes) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (!document.uri.path.endsWith('.codes.yaml')) return [];
    const actions: vscode.CodeAction[] = [];
    const transcript = document.uri.with({ path: document.uri.path.slice(0, -'.codes.yaml'.length) });
    const anchor = context.diagnostics.find(isOffTextDiagnostic);
    if (anchor !== undefined) {
      const fix = action(vscode.l10n.t('Re-anchor all codes of this transcript…'), 'transcriptCoder.reanchorAll', [transcript.toString()], anchor);
      fix.isPreferred = true;
      actions.push(fix);
    }
    const lost = context.diagnostics.find((diagnostic) => kindOf(diagnostic) === 'transcript-missing');
    const study = this.studies.forUri(document.uri);
    if (lost !== undefined && study !== undefined && studyStore.mayWrite()) {
      for (const offer of await relinkOffers(study, vscode.workspace.asRelativePath(document.uri, false))) {
        const fix = action(
          vscode.l10n.t('Relink to {0} ({1} of {2} quoted codes are on their text there)', offer.transcriptPath, offer.onText, offer.quoted),
          'transcriptCoder.relinkSidecar',
          [document.uri.toString(), offer.transcriptPath],
          lost,
        );
        fix.isPreferred = offer.preferred;
        actions.push(fix);
      }
    }
    const field = context.diagnostics.find((diagnostic) => kindOf(diagnostic) === 'transcript-field');
    if (field !== undefined && studyStore.mayWrite()) {
      const parsed = parseSidecar(document.getText(), vscode.workspace.asRelativePath(document.uri, false));
      const name = transcript.path.slice(transcript.path.lastIndexOf('/') + 1);
      if (parsed.status === 'ok') {
        const fix = new vscode.CodeAction(vscode.l10n.t('Set "transcript: {0}" (the transcript beside this sidecar)', name), vscode.CodeActionKind.QuickFix);
        fix.edit = wholeTextEdit(document, relinkedSidecarText(parsed, name));
        fix.diagnostics = [field];
        fix.isPreferred = true;
        actions.push(fix);
      }
    }
    return actions;
  }
}

function action(title: string, command: string, args: unknown[], diagnostic?: vscode.Diagnostic): vscode.CodeAction {
  const made = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  made.command = { command, title, arguments: args };
  if (diagnostic !== undefined) made.diagnostics = [diagnostic];
  return made;
}

/** The lines of a non-empty selection (as coding reads them), else undefined. */
function selectionLines(range: vscode.Range): [number, number] | undefined {
  return range.isEmpty ? undefined : selectionLineRange(range);
}

function lineText(lines: readonly [number, number]): string {
  return lines[0] === lines[1] ? String(lines[0]) : `${lines[0]}–${lines[1]}`;
}
