/**
 * Hover on a coded line: every code on it with dimension, indicator, polarity, factor,
 * memo and coder, and links to edit or remove it. Factor, memo and quote come from files
 * anyone can write, so they are escaped, and only our own commands may run from links.
 */
import * as vscode from 'vscode';
import { resolveCodePath } from '../core/codebook';
import { escapeMarkdown, resolveLabel } from '../core/text';
import type { SessionCode } from '../core/session';
import type { CodedDocuments } from './coded-documents';
import { labelOfPolarity } from './code-colors';
import type { StudyIndexes } from './study-indexes';

const HOVER_COMMANDS = ['transcriptCoder.editCode', 'transcriptCoder.removeCode', 'transcriptCoder.editMemo', 'transcriptCoder.playLines'];

export class CodeHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: CodedDocuments,
    private readonly studies: StudyIndexes,
    private readonly language: () => string,
    private readonly shown: (codes: readonly SessionCode[]) => SessionCode[],
    private readonly hasRecording: (document: vscode.TextDocument) => boolean = () => false,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const coded = this.documents.get(document);
    if (coded === undefined) return undefined;
    const codes = this.shown(coded.session.codesAt(position.line + 1)).filter((code) => !code.detached);
    if (codes.length === 0) return undefined;
    const codebook = this.studies.forDocument(document)?.codebook;
    const language = this.language();
    const playable = this.hasRecording(document);
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: HOVER_COMMANDS };
    markdown.supportHtml = false;
    codes.forEach(({ entry }, index) => {
      if (index > 0) markdown.appendMarkdown('\n\n---\n\n');
      const resolved = codebook === undefined ? undefined : resolveCodePath(codebook, entry.code);
      const dimension = resolved === undefined ? entry.code : resolveLabel(resolved.dimension.label, language, entry.code);
      markdown.appendMarkdown('**');
      appendEscaped(markdown, dimension);
      markdown.appendMarkdown('**');
      if (resolved?.indicator !== undefined) {
        markdown.appendMarkdown(' › ');
        appendEscaped(markdown, resolveLabel(resolved.indicator.label, language, resolved.indicator.id));
      }
      markdown.appendMarkdown(' · ');
      appendEscaped(markdown, labelOfPolarity(codebook, entry.polarity, language));
      markdown.appendMarkdown('\n\n');
      appendEscaped(markdown, entry.factor);
      if (entry.memo !== undefined) {
        markdown.appendMarkdown('\n\n*');
        appendEscaped(markdown, vscode.l10n.t('Memo'));
        markdown.appendMarkdown(':* ');
        appendEscaped(markdown, entry.memo);
      }
      markdown.appendMarkdown('\n\n');
      appendEscaped(markdown, vscode.l10n.t('Coder: {0} · lines {1}–{2} · {3}', entry.coder, entry.lines[0], entry.lines[1], entry.code));
      markdown.appendMarkdown('\n\n');
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), entry.id]));
      markdown.appendMarkdown(
        `[${vscode.l10n.t('Edit')}](command:transcriptCoder.editCode?${args}) · ` +
          `[${vscode.l10n.t('Memo')}](command:transcriptCoder.editMemo?${args}) · ` +
          `[${vscode.l10n.t('Remove')}](command:transcriptCoder.removeCode?${args})`,
      );
      if (playable) {
        const span = encodeURIComponent(JSON.stringify([document.uri.toString(), entry.lines[0], entry.lines[1]]));
        markdown.appendMarkdown(` · [$(play) ${vscode.l10n.t('Play this segment')}](command:transcriptCoder.playLines?${span})`);
      }
    });
    const first = Math.min(...codes.map((code) => code.entry.lines[0])) - 1;
    return new vscode.Hover(markdown, new vscode.Range(position.line, 0, position.line, document.lineAt(position.line).text.length || 0).union(new vscode.Range(first, 0, first, 0)));
  }
}

function appendEscaped(markdown: vscode.MarkdownString, text: string): void {
  markdown.appendMarkdown(escapeMarkdown(text));
}
