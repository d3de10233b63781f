/**
 * Repair in the editor, no CLI needed (issue 12, part 2): put an orphan on the lines the
 * user selects, accept the similar text re-anchoring found, re-anchor every code of a
 * transcript after a preview. Each is one coding operation: the coding undo reverts it.
 *
 * The commands are reached from quick fixes (on the transcript and on its sidecar's
 * problems), from the Transcripts view (a transcript's codes off their text) and from
 * the palette. Their arguments are loose on purpose: a transcript's URI (string or Uri)
 * or a tree node naming one, and a code id.
 */
import * as vscode from 'vscode';
import { acceptedPlacements, type PlannedMove, planReanchor } from '../../core/follow';
import type { SessionCode } from '../../core/session';
import { lineBodies, parseTranscript } from '../../core/transcript';
import type { CodedDocument } from '../coded-documents';
import { documentText } from '../coded-documents';
import type { CodingContext } from '../coding-context';
import { selectedLineRanges } from '../coding-context';
import { refuseReadOnly } from './read-only';

export function registerRepairCommands(context: CodingContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('transcriptCoder.reanchorCode', (target, id, lines) => reanchorCode(context, target, id, lines)),
    vscode.commands.registerCommand('transcriptCoder.acceptSimilarText', (target, id) => acceptSimilarText(context, target, id)),
    vscode.commands.registerCommand('transcriptCoder.reanchorAll', (target) => reanchorAll(context, target)),
    vscode.commands.registerCommand('transcriptCoder.removeOrphan', (target, id) => removeOrphan(context, target, id)),
  ];
}

/** A transcript named by a string or Uri, or by a tree node carrying `uri`; else the active editor's. */
function targetUri(target: unknown): vscode.Uri | undefined {
  if (typeof target === 'string') return vscode.Uri.parse(target);
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'object' && target !== null) {
    const { uri } = target as { uri?: unknown };
    if (typeof uri === 'string') return vscode.Uri.parse(uri);
    if (uri instanceof vscode.Uri) return uri;
  }
  return vscode.window.activeTextEditor?.document.uri;
}

/** The code id passed, or the one a tree node names. */
function targetId(target: unknown, id: unknown): string | undefined {
  if (typeof id === 'string') return id;
  if (typeof target === 'object' && target !== null && !(target instanceof vscode.Uri)) {
    const { codeId } = target as { codeId?: unknown };
    if (typeof codeId === 'string') return codeId;
  }
  return undefined;
}

/** Opens the transcript (from the sidebar or a sidecar's problem it may not be open) and its coding session. */
async function openTranscript(context: CodingContext, target: unknown): Promise<{ coded: CodedDocument; editor: vscode.TextEditor } | undefined> {
  const uri = targetUri(target);
  if (uri === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a transcript (plain text or Markdown) to code it.'));
    return undefined;
  }
  const shown = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri.toString());
  const editor = shown ?? (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false }));
  if (await refuseReadOnly(context, editor.document)) return undefined;
  const coded = await context.documents.ensure(editor.document);
  return coded === undefined ? undefined : { coded, editor };
}

function describe(code: SessionCode['entry']): string {
  return `${code.code} · ${code.polarity}`;
}

function lineText(lines: readonly [number, number]): string {
  return lines[0] === lines[1] ? String(lines[0]) : `${lines[0]}–${lines[1]}`;
}

/** The codes of the transcript off their text (orphans, and codes waiting for similar text to be accepted). */
export function offTextCodes(coded: CodedDocument): SessionCode[] {
  return coded.session.codes().filter((code) => code.detached);
}

/**
 * "Re-anchor code here": the chosen code (an orphan, picked when not named) onto the
 * given lines, else the selected lines, else lines the user types. Its quote is rewritten
 * from those lines. Returns the lines it was put on.
 */
async function reanchorCode(context: CodingContext, target: unknown, idArg: unknown, linesArg: unknown): Promise<[number, number] | undefined> {
  const opened = await openTranscript(context, target);
  if (opened === undefined) return undefined;
  const { coded, editor } = opened;
  let id = targetId(target, idArg);
  // Named by a quick fix on the orphan or the sidebar: the lines are asked (a selection is only the suggestion).
  const named = id !== undefined;
  if (id === undefined) {
    const orphans = offTextCodes(coded);
    if (orphans.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every code of {0} is on its text: there is nothing to re-anchor.', vscode.workspace.asRelativePath(coded.document.uri)));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      orphans.map((code) => ({
        label: code.entry.factor || code.entry.code,
        description: describe(code.entry),
        detail: vscode.l10n.t('was at lines {0}: "{1}"', lineText(coded.session.savedLines(code.entry.id) ?? code.entry.lines), code.entry.quote),
        id: code.entry.id,
      })),
      { title: vscode.l10n.t('Re-anchor which code on the selected lines?') },
    );
    if (picked === undefined) return undefined;
    id = picked.id;
  }
  const code = coded.session.codes().find((candidate) => candidate.entry.id === id);
  if (code === undefined) return undefined;
  const selected = selectedLines(editor, code);
  const lines = linesOf(linesArg) ?? (named ? undefined : selected) ?? (await askLines(coded, code, selected));
  if (lines === undefined) return undefined;
  const done = await context.documents.change(coded, (session) => session.placeCode(code.entry.id, lines));
  return done ? lines : undefined;
}

function linesOf(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const lines: [number, number] = [Number(value[0]), Number(value[1])];
  return lines.every(Number.isInteger) ? lines : undefined;
}

/** The editor's selected lines, when the user selected some away from where the orphan is shown. */
function selectedLines(editor: vscode.TextEditor, code: SessionCode): [number, number] | undefined {
  if (editor.selection.isEmpty) return undefined;
  const first = selectedLineRanges(editor)[0];
  if (first === undefined) return undefined;
  const [from, to] = code.entry.lines;
  const onOrphan = code.detached && first[0] === from && first[1] === to;
  return onOrphan ? undefined : first;
}

async function askLines(coded: CodedDocument, code: SessionCode, selected: [number, number] | undefined): Promise<[number, number] | undefined> {
  const lineCount = coded.document.lineCount;
  const similar = selected === undefined ? coded.session.similarText(code.entry.id) : { lines: selected };
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Re-anchor code {0} ({1})', code.entry.id, code.entry.factor || code.entry.code),
    prompt: vscode.l10n.t('The lines its text is on now, e.g. 12 or 12-14 (or select them in the transcript and press Ctrl+.). Its text was: "{0}"', code.entry.quote),
    value: similar === undefined ? '' : `${similar.lines[0]}-${similar.lines[1]}`,
    validateInput: (value) => (parseLines(value, lineCount) === undefined ? vscode.l10n.t('Lines of the transcript (1–{0}), e.g. 12 or 12-14', lineCount) : undefined),
  });
  return answer === undefined ? undefined : parseLines(answer, lineCount);
}

function parseLines(value: string, lineCount: number): [number, number] | undefined {
  const match = /^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$/u.exec(value);
  if (match === null) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  return first >= 1 && first <= last && last <= lineCount ? [first, last] : undefined;
}

/** Re-anchoring's findings for the transcript as it is in the editor now. */
function planOf(coded: CodedDocument): PlannedMove[] {
  const text = documentText(coded.document);
  const bodies = lineBodies(parseTranscript(text, vscode.workspace.asRelativePath(coded.document.uri)).transcript);
  return planReanchor(
    bodies,
    coded.session.codes().map((code) => {
      const saved = coded.session.savedLines(code.entry.id);
      return saved === undefined ? code : { ...code, saved };
    }),
  );
}

/** "Accept the similar text": the code onto the similar text re-anchoring finds now. Returns its new lines. */
async function acceptSimilarText(context: CodingContext, target: unknown, idArg: unknown): Promise<[number, number] | undefined> {
  const opened = await openTranscript(context, target);
  if (opened === undefined) return undefined;
  const { coded } = opened;
  const id = targetId(target, idArg);
  const move = planOf(coded).find((candidate) => candidate.id === id);
  if (move === undefined || (move.status !== 'fuzzy' && move.status !== 'moved')) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No text similar to the quote of code {0} is in the transcript any more: re-anchor it on the right lines by hand.', id ?? ''),
    );
    return undefined;
  }
  const done = await context.documents.change(coded, (session) => session.placeCode(move.id, move.to));
  return done ? move.to : undefined;
}

interface MoveItem extends vscode.QuickPickItem {
  move: PlannedMove;
}

/**
 * "Re-anchor all codes of this transcript": a preview of every code that would move (old
 * lines → new lines, found by its quote or by similar text), then one step. Exact finds
 * are ticked; similar text only when the user ticks it. Returns the moves written.
 */
async function reanchorAll(context: CodingContext, target: unknown): Promise<Array<{ id: string; lines: [number, number] }> | undefined> {
  const opened = await openTranscript(context, target);
  if (opened === undefined) return undefined;
  const { coded } = opened;
  const name = vscode.workspace.asRelativePath(coded.document.uri);
  if (coded.document.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save {0} first: codes are re-anchored on the transcript as saved.', name));
    return undefined;
  }
  const plan = planOf(coded);
  const movable = plan.filter((move) => move.status === 'moved' || move.status === 'fuzzy');
  const staying = plan.filter((move) => move.status === 'orphan');
  if (movable.length === 0) {
    void vscode.window.showInformationMessage(
      staying.length === 0
        ? vscode.l10n.t('Every code of {0} is on its text: there is nothing to re-anchor.', name)
        : vscode.l10n.t('Re-anchoring finds no place for the {0} orphaned code(s) of {1}: select the right lines and use "Re-anchor code here" (Ctrl+.), or remove them.', staying.length, name),
    );
    return undefined;
  }
  const items: MoveItem[] = movable.map((move) => ({
    label: move.factor || move.code,
    description: move.code,
    detail:
      move.status === 'moved'
        ? vscode.l10n.t('lines {0} → {1} · found by its quote', lineText(move.from), lineText(move.to))
        : vscode.l10n.t('lines {0} → {1} · similar text, {2}% alike: tick to accept', lineText(move.from), lineText(move.to), Math.round((move.score ?? 0) * 100)),
    picked: move.status === 'moved',
    move,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Re-anchor the codes of {0}: ticked codes move, nothing is written before you accept', name),
    placeHolder:
      staying.length === 0
        ? vscode.l10n.t('{0} code(s) would move', movable.length)
        : vscode.l10n.t('{0} code(s) would move; {1} orphaned code(s) have no place found and stay as they are', movable.length, staying.length),
    canPickMany: true,
    matchOnDetail: true,
  });
  if (picked === undefined || picked.length === 0) return undefined;
  const accepted = new Set(picked.map((item) => item.move.id));
  const placements = acceptedPlacements(
    picked.map((item) => item.move),
    accepted,
  );
  const done = await context.documents.change(coded, (session) => session.placeCodes(placements));
  return done ? placements : undefined;
}

/** Removes a code off its text (from a quick fix or the sidebar); the coding undo brings it back. */
async function removeOrphan(context: CodingContext, target: unknown, idArg: unknown): Promise<boolean> {
  const id = targetId(target, idArg);
  if (id === undefined) return false;
  const opened = await openTranscript(context, target);
  if (opened === undefined) return false;
  return context.documents.change(opened.coded, (session) => session.removeCodes([id]));
}
