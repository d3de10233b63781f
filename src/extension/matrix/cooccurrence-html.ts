/**
 * The co-occurrence webview's page (issue 18), in the frame every page of ours has
 * (webview-page.ts: its strict Content Security Policy), every text escaped. The table
 * is built by media/cooccurrence.js from posted data, with textContent.
 */
import { escapeHtml } from '../../core/text';
import { webviewPage } from '../webview-page';

interface CooccurrencePageWords {
  title: string;
  level: string;
  levels: Record<'dimension' | 'indicator' | 'factor', string>;
  scope: string;
  loading: string;
  legend: string;
  keyboardHelp: string;
  pairsHeading: string;
  pickCell: string;
}

export interface CooccurrencePageParts {
  cspSource: string;
  nonce: string;
  /** The colour helpers (webview-colors.js), then the page's own script. */
  scriptUris: string[];
  styleUris: string[];
  language: string;
  words: CooccurrencePageWords;
}

export function cooccurrencePageHtml(parts: CooccurrencePageParts): string {
  const { words } = parts;
  const e = escapeHtml;
  const levels = (['dimension', 'indicator', 'factor'] as const).map((level) => `<option value="${level}">${e(words.levels[level])}</option>`).join('');
  return webviewPage({
    cspSource: parts.cspSource,
    nonce: parts.nonce,
    language: parts.language,
    title: words.title,
    styleUris: parts.styleUris,
    scriptUris: parts.scriptUris,
    body: `<header class="toolbar">
  <h1 id="cooccurrence-title">${e(words.title)}</h1>
  <span id="filter" class="filter" hidden></span>
  <span class="spacer"></span>
  <label>${e(words.level)} <select id="level">${levels}</select></label>
  <label>${e(words.scope)} <select id="scope"></select></label>
</header>
<p class="legend">${e(words.legend)}</p>
<p id="keyboard-help" class="help">${e(words.keyboardHelp)}</p>
<main id="cooccurrence" aria-labelledby="cooccurrence-title" aria-describedby="keyboard-help"><p class="loading">${e(words.loading)}</p></main>
<section id="segments" aria-live="polite" aria-labelledby="segments-heading">
  <h2 id="segments-heading">${e(words.pairsHeading)}</h2>
  <p id="segments-hint" class="help">${e(words.pickCell)}</p>
  <ul id="segment-list"></ul>
</section>`,
  });
}
