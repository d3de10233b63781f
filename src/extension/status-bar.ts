/** The codes on the current line, and who is coding: both clickable. */
import * as vscode from 'vscode';
import type { SessionCode } from '../core/session/session';
import type { CodedDocuments } from './coded-documents';
import { labelOfCode, labelOfPolarity } from './code-colors';
import { readSettings } from './settings';
import type { StudyIndexes } from './study-indexes';

export class CodingStatusBar implements vscode.Disposable {
  private readonly codesItem = vscode.window.createStatusBarItem('transcriptCoder.codes', vscode.StatusBarAlignment.Left, 100);
  private readonly coderItem = vscode.window.createStatusBarItem('transcriptCoder.coder', vscode.StatusBarAlignment.Left, 99);

  constructor(
    private readonly documents: CodedDocuments,
    private readonly studies: StudyIndexes,
    private readonly language: () => string,
    private readonly shown: (codes: readonly SessionCode[]) => SessionCode[],
  ) {
    this.codesItem.name = vscode.l10n.t('Transcript Coder: codes on this line');
    this.coderItem.name = vscode.l10n.t('Transcript Coder: coder');
    this.coderItem.command = 'transcriptCoder.setCoderName';
  }

  update(coder: string | undefined): void {
    const editor = vscode.window.activeTextEditor;
    const coded = editor === undefined ? undefined : this.documents.get(editor.document);
    if (editor === undefined || coded === undefined) {
      this.codesItem.hide();
      this.coderItem.hide();
      return;
    }
    const line = editor.selection.active.line + 1;
    const codes = this.shown(coded.session.codesAt(line)).filter((code) => !code.detached);
    const codebook = this.studies.forDocument(editor.document)?.codebook;
    const language = this.language();
    if (codes.length === 0) {
      this.codesItem.text = `$(tag) ${vscode.l10n.t('uncoded')}`;
      this.codesItem.tooltip = vscode.l10n.t('Code the selected lines');
      this.codesItem.command = 'transcriptCoder.codeSelection';
    } else {
      const describe = ({ entry }: (typeof codes)[number]) =>
        `${labelOfCode(codebook, entry.code, language)} · ${labelOfPolarity(codebook, entry.polarity, language)} · ${entry.factor}`;
      this.codesItem.text = `$(tag) ${codes.length === 1 ? describe(codes[0] as (typeof codes)[number]) : vscode.l10n.t('{0} codes', codes.length)}`;
      this.codesItem.tooltip = codes.map(describe).join('\n');
      this.codesItem.command = 'transcriptCoder.editCode';
    }
    const blind = readSettings().blindCoding;
    this.coderItem.text = `${blind ? '$(eye-closed)' : '$(person)'} ${coder ?? vscode.l10n.t('set coder')}`;
    this.coderItem.tooltip = blind
      ? vscode.l10n.t('Blind coding: only your codes are shown (click to change the coder name)')
      : vscode.l10n.t('Coder name written into new codes (click to change)');
    this.codesItem.show();
    this.coderItem.show();
  }

  dispose(): void {
    this.codesItem.dispose();
    this.coderItem.dispose();
  }
}
