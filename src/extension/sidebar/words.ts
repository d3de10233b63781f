/** Words the sidebar shows, in the UI language (vscode.l10n). */
import * as vscode from 'vscode';
import type { Counts } from './study-view';

export function segmentsText(count: number): string {
  return count === 1 ? vscode.l10n.t('1 segment') : vscode.l10n.t('{0} segments', count);
}

function informantsText(count: number): string {
  return count === 1 ? vscode.l10n.t('1 informant') : vscode.l10n.t('{0} informants', count);
}

export function countsText(counts: Counts): string {
  return `${segmentsText(counts.segments)} · ${informantsText(counts.informants)}`;
}

/** A source type (`interview`, `observation`, …) in the UI language; others as written. */
export function sourceText(source: string | null | undefined): string {
  switch ((source ?? '').trim().toLowerCase()) {
    case 'interview':
      return vscode.l10n.t('interview');
    case 'observation':
      return vscode.l10n.t('observation');
    case 'document':
      return vscode.l10n.t('document');
    case 'focus-group':
      return vscode.l10n.t('focus group');
    case '':
      return vscode.l10n.t('no source type');
    default:
      return (source ?? '').trim();
  }
}

/** The first words of a quote, for a one-line description. */
export function quoteStart(quote: string, max = 60): string {
  const text = quote.replace(/\s+/gu, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
