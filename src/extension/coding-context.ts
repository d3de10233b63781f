/**
 * What every command needs: the open coded documents, the study indexes, settings and
 * the remembered picks. Passed explicitly rather than kept in module state.
 */
import * as vscode from 'vscode';
import type { SessionCode } from '../core/session';
import type { CodedDocument, CodedDocuments } from './coded-documents';
import { isCodableDocument } from './coded-documents';
import { afterActivation } from './after-activation';
import { gitUserName } from './desktop/git-user';
import { updateSetting } from './file-io';
import { readSettings, SECTION } from './settings';
import type { StudyIndexes } from './study-indexes';

export interface LastCode {
  code: string;
  polarity: string;
  factor: string;
}

const RECENT_KEY = 'transcriptCoder.recentCodes';
const LAST_KEY = 'transcriptCoder.lastCode';
const RECENT_LIMIT = 6;

export class CodingContext {
  private gitName: string | undefined;
  /** The blindCoding setting, read once per change of the settings: shown() runs on every keystroke and cursor move. */
  private blindCodingSetting: boolean | undefined;
  private gitLookup: Promise<string | undefined> | undefined;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly documents: CodedDocuments,
    readonly studies: StudyIndexes,
  ) {
    // Registered before the extension's own settings listener (which redraws), so a redraw reads the new value.
    extension.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) this.blindCodingSetting = undefined;
      }),
    );
  }

  language(): string {
    return readSettings().labelLanguage;
  }

  recentCodes(): string[] {
    return this.extension.workspaceState.get<string[]>(RECENT_KEY, []);
  }

  lastCode(): LastCode | undefined {
    return this.extension.workspaceState.get<LastCode>(LAST_KEY);
  }

  async remember(last: LastCode): Promise<void> {
    const recent = [last.code, ...this.recentCodes().filter((path) => path !== last.code)].slice(0, RECENT_LIMIT);
    await this.extension.workspaceState.update(RECENT_KEY, recent);
    await this.extension.workspaceState.update(LAST_KEY, last);
  }

  /** The coder name: the setting, else git's user.name; undefined until one is known. */
  async knownCoder(): Promise<string | undefined> {
    const fromSetting = readSettings().coder;
    if (fromSetting !== '') return (this.lastKnownCoder = fromSetting);
    // git reads the folder's own config: not in a folder the user has not trusted.
    if (this.gitName === undefined && vscode.workspace.isTrusted) {
      // Callers asking at once (activation asks twice) share one git process, spawned after activation.
      this.gitLookup ??= afterActivation()
        .then(() => {
          const folder = vscode.workspace.workspaceFolders?.[0];
          return gitUserName(folder?.uri);
        })
        .finally(() => (this.gitLookup = undefined));
      this.gitName = await this.gitLookup;
    }
    return (this.lastKnownCoder = this.gitName);
  }

  /**
   * A disagreement review is under way: it compares two coders' codes, so blind mode
   * stands aside in the editor (decorations, hovers) until the review ends.
   */
  reviewShowsAll = false;

  /** The coder name as last looked up, for synchronous callers (hovers, decorations). */
  lastKnownCoder: string | undefined;

  /**
   * The codes a user sees: all of them, or in blind mode only their own, so two coders
   * can double-code a transcript without seeing each other's work. Codes stay in the
   * sidecar either way.
   */
  shown(codes: readonly SessionCode[]): SessionCode[] {
    this.blindCodingSetting ??= readSettings().blindCoding;
    if (!this.blindCodingSetting || this.reviewShowsAll) return [...codes];
    return codes.filter((code) => code.entry.coder === this.lastKnownCoder);
  }

  /** The coder name, asking once when neither the setting nor git knows it. */
  async coder(): Promise<string | undefined> {
    const known = await this.knownCoder();
    if (known !== undefined) return known;
    return this.askCoderName();
  }

  async askCoderName(): Promise<string | undefined> {
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Coder name'),
      prompt: vscode.l10n.t('Your name as a coder, written into every code you make'),
      value: (await this.knownCoder()) ?? '',
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A coder name is needed') : undefined),
    });
    if (name === undefined) return undefined;
    await updateSetting(SECTION, 'coder', name.trim(), vscode.ConfigurationTarget.Global);
    return name.trim();
  }

  /** The active editor, when it shows a transcript that can be coded. */
  activeEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || !(isCodableDocument(editor.document) || this.documents.get(editor.document) !== undefined)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a transcript (plain text or Markdown) to code it.'));
      return undefined;
    }
    return editor;
  }

  /** The coded document and code a hover link or a quick fix names, or the one at the cursor. */
  async codeFromArgs(uriArg: unknown, idArg: unknown, title: string): Promise<{ coded: CodedDocument; code: SessionCode } | undefined> {
    if (typeof uriArg === 'string' && typeof idArg === 'string') {
      const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uriArg);
      const coded = document === undefined ? undefined : this.documents.get(document);
      const code = coded?.session.codes().find((candidate) => candidate.entry.id === idArg);
      return coded === undefined || code === undefined ? undefined : { coded, code };
    }
    const editor = this.activeEditor();
    if (editor === undefined) return undefined;
    const coded = this.documents.get(editor.document);
    const codes = this.shown(coded?.session.codesAt(editor.selection.active.line + 1) ?? []);
    if (coded === undefined || codes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no code on this line.'));
      return undefined;
    }
    const code = codes.length === 1 ? codes[0] : await this.pickOne(codes, title);
    return code === undefined ? undefined : { coded, code };
  }

  async pickOne(codes: SessionCode[], title: string): Promise<SessionCode | undefined> {
    const picked = await vscode.window.showQuickPick(
      codes.map((code) => ({ label: code.entry.factor || code.entry.code, description: `${code.entry.code} · ${code.entry.polarity}`, detail: `${code.entry.coder} · ${code.entry.lines.join('–')}`, code })),
      { title },
    );
    return picked?.code;
  }
}

/** Line ranges of the editor's selections: a selection ending at column 0 does not take that line. */
export function selectedLineRanges(editor: vscode.TextEditor): Array<[number, number]> {
  const ranges = editor.selections.map(selectionLineRange);
  // Several cursors on one line code it once.
  const unique = new Map(ranges.map((range) => [range.join(':'), range]));
  return [...unique.values()].sort((a, b) => a[0] - b[0]);
}

/** The 1-based lines a selection (or a code action's range) takes. */
export function selectionLineRange(selection: vscode.Range): [number, number] {
  const endLine = !selection.isEmpty && selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return [selection.start.line + 1, endLine + 1];
}
