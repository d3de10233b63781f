/** Moving through a transcript by its codes and its uncoded speaker turns. */
import * as vscode from 'vscode';
import type { CodingContext } from '../coding-context';

export function registerNavigationCommands(context: CodingContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('transcriptCoder.nextSegment', () => goToSegment(context, 'next')),
    vscode.commands.registerCommand('transcriptCoder.previousSegment', () => goToSegment(context, 'previous')),
    vscode.commands.registerCommand('transcriptCoder.nextUncodedTurn', () => nextUncodedTurn(context)),
  ];
}

function reveal(editor: vscode.TextEditor, line: number): number {
  const position = new vscode.Position(line - 1, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return line;
}

/** Returns the line it moved to (1-based), or undefined. */
function goToSegment(context: CodingContext, direction: 'next' | 'previous'): number | undefined {
  const editor = context.activeEditor();
  const coded = editor === undefined ? undefined : context.documents.get(editor.document);
  if (editor === undefined || coded === undefined) return undefined;
  const current = editor.selection.active.line + 1;
  const starts = [...new Set(context.shown(coded.session.codes()).filter((c) => !c.detached).map((c) => c.entry.lines[0]))].sort((a, b) => a - b);
  const target = direction === 'next' ? starts.find((line) => line > current) : [...starts].reverse().find((line) => line < current);
  if (target === undefined) {
    vscode.window.setStatusBarMessage(direction === 'next' ? vscode.l10n.t('No coded segment below') : vscode.l10n.t('No coded segment above'), 3000);
    return undefined;
  }
  return reveal(editor, target);
}

async function nextUncodedTurn(context: CodingContext): Promise<number | undefined> {
  const editor = context.activeEditor();
  if (editor === undefined) return undefined;
  const coded = await context.documents.ensure(editor.document);
  if (coded === undefined) return undefined;
  const session = coded.session;
  const covered = new Set<number>();
  for (const { entry, detached } of context.shown(session.codes())) {
    if (detached) continue;
    for (let line = entry.lines[0]; line <= entry.lines[1]; line++) covered.add(line);
  }
  for (let line = editor.selection.active.line + 2; line <= session.lineCount(); line++) {
    if (!covered.has(line) && session.lineKind(line) === 'turn' && session.lineBody(line) !== '') return reveal(editor, line);
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('No uncoded speaker turn below'), 3000);
  return undefined;
}
